//! Administrative units: the tree, its history (eras and merges), and search.

use std::sync::Arc;

use ansinh_app::{Unit, UnitQuery, UnitReach};
use ansinh_core::UnitId;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, ID, Object};
use chrono::NaiveDate;

use crate::context::app;
use crate::errors::GqlResult;
use crate::paging::{TotalCount, connection, page_request};

/// Level of an administrative unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_core::AdminLevel")]
pub(crate) enum UnitLevel {
    /// Province (tỉnh / thành phố trực thuộc trung ương).
    Province,
    /// District (quận / huyện / thị xã / thành phố thuộc tỉnh); none since 2025-07-01.
    District,
    /// Commune (xã / phường / thị trấn / đặc khu).
    Commune,
}

/// A page of units.
pub(crate) type UnitConnection = Connection<String, AdminUnit, TotalCount, EmptyFields>;

/// Largest number of children returned at once (a province has a few hundred communes).
const MAX_CHILDREN: u64 = 1_000;

/// Parses a unit id from the API; a malformed id is the client's error.
pub(crate) fn parse_unit_id(id: &ID) -> async_graphql::Result<UnitId> {
    UnitId::parse(id.as_str())
        .map_err(ansinh_app::AppError::from)
        .gql()
}

/// Runs a unit query and wraps the page.
pub(crate) async fn unit_page(
    ctx: &Context<'_>,
    reach: &Arc<UnitReach>,
    query: UnitQuery,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<UnitConnection> {
    let page = page_request(first, after)?;
    let found = app(ctx)
        .reference
        .find_reachable_units(reach, &query, page)
        .await
        .gql()?;
    let units = found
        .items
        .into_iter()
        .map(|unit| AdminUnit::new(reach.clone(), unit))
        .collect();
    Ok(connection(units, page, found.total))
}

/// One era of an administrative unit (official codes are reused across reforms, so a unit is
/// its code plus the day it started).
#[derive(Debug, Clone)]
pub(crate) struct AdminUnit {
    reach: Arc<UnitReach>,
    unit: Unit,
}

impl AdminUnit {
    pub(crate) fn new(reach: Arc<UnitReach>, unit: Unit) -> Self {
        Self { reach, unit }
    }

    /// Units at the other end of this unit's merge edges (successors when `outgoing`) that the
    /// caller may read.
    async fn merge_neighbours(
        &self,
        ctx: &Context<'_>,
        outgoing: bool,
    ) -> async_graphql::Result<Vec<AdminUnit>> {
        let units = app(ctx)
            .reference
            .reachable_merges(&self.reach, &self.unit.id, outgoing)
            .await
            .gql()?;
        Ok(self.wrap(units))
    }

    fn wrap(&self, units: Vec<Unit>) -> Vec<AdminUnit> {
        units
            .into_iter()
            .map(|unit| AdminUnit::new(self.reach.clone(), unit))
            .collect()
    }
}

/// One era of an administrative unit (official codes are reused across reforms, so a unit is
/// its code plus the day it started).
#[Object]
impl AdminUnit {
    /// Identifier `<code>@<validFrom>` (`<code>@` when the start predates our records).
    async fn id(&self) -> ID {
        ID(self.unit.id.to_string())
    }

    /// Official code from the national catalogue of administrative units.
    async fn code(&self) -> &str {
        self.unit.id.code()
    }

    /// Province, district or commune.
    async fn level(&self) -> UnitLevel {
        self.unit.level.into()
    }

    /// Official type as written: xã, phường, thị trấn, đặc khu, huyện, thị xã, thành phố, tỉnh.
    async fn kind(&self) -> Option<&str> {
        self.unit.kind.as_deref()
    }

    /// Short name, e.g. "Hòa An".
    async fn name(&self) -> &str {
        &self.unit.name
    }

    /// Name with its type, e.g. "Xã Hòa An".
    async fn full_name(&self) -> &str {
        &self.unit.full_name
    }

    /// First day of this era; null when it predates our records.
    async fn valid_from(&self) -> Option<NaiveDate> {
        self.unit.validity.from
    }

    /// Last day of this era; null while it is still in force.
    async fn valid_to(&self) -> Option<NaiveDate> {
        self.unit.validity.to
    }

    /// Whether the unit exists on the given day (today's units have no `validTo`).
    async fn valid_on(&self, day: NaiveDate) -> bool {
        self.unit.validity.contains(day)
    }

    /// The unit this one belongs to (null for a province, and when it lies outside the units
    /// the caller's roles reach: a role reaches where it is held and below).
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<AdminUnit>> {
        let Some(parent) = &self.unit.parent else {
            return Ok(None);
        };
        let units = app(ctx)
            .reference
            .reachable_units(&self.reach, std::slice::from_ref(parent))
            .await
            .gql()?;
        Ok(self.wrap(units).pop())
    }

    /// Units above this one that the caller's roles reach, from the top down.
    async fn ancestors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AdminUnit>> {
        let above = &self.unit.path[..self.unit.path.len().saturating_sub(1)];
        let units = app(ctx)
            .reference
            .reachable_units(&self.reach, above)
            .await
            .gql()?;
        Ok(self.wrap(units))
    }

    /// Units directly below this one, optionally only those valid on `asOf`.
    #[graphql(complexity = "50 * child_complexity")]
    async fn children(
        &self,
        ctx: &Context<'_>,
        as_of: Option<NaiveDate>,
    ) -> async_graphql::Result<Vec<AdminUnit>> {
        let query = UnitQuery {
            parent: Some(self.unit.id.clone()),
            as_of,
            ..UnitQuery::default()
        };
        let page = ansinh_app::PageRequest {
            offset: 0,
            limit: MAX_CHILDREN,
        };
        let found = app(ctx)
            .reference
            .find_reachable_units(&self.reach, &query, page)
            .await
            .gql()?;
        Ok(self.wrap(found.items))
    }

    /// Every unit below this one (the whole subtree), filtered and paged.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn descendants(
        &self,
        ctx: &Context<'_>,
        level: Option<UnitLevel>,
        as_of: Option<NaiveDate>,
        #[graphql(desc = "Part of the name, with or without diacritics")] search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<UnitConnection> {
        let query = UnitQuery {
            within: Some(self.unit.id.clone()),
            level: level.map(Into::into),
            as_of,
            name_contains: search.map(|text| ansinh_core::text::fold(&text)),
            ..UnitQuery::default()
        };
        unit_page(ctx, &self.reach, query, first, after).await
    }

    /// Units that took this one over when it ended (reform of 2025-07-01 and earlier mergers).
    async fn merged_into(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AdminUnit>> {
        self.merge_neighbours(ctx, true).await
    }

    /// Units that were merged into this one.
    async fn merged_from(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AdminUnit>> {
        self.merge_neighbours(ctx, false).await
    }
}
