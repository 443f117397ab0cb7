//! Officer queues (the folders of DOMAIN.md) with counts, and dossier listings across the
//! caller's units, with filters and search; every row decided in SQL.

use ansinh_core::calendar::local::from_local;
use ansinh_core::dossier::{Folder, FolderOwner, Status, StepSla};
use ansinh_core::{AdminLevel, Resource, UnitId};
use chrono::{DateTime, NaiveDate, Utc};

use super::Dossiers;
use super::ports::{DossierFilter, DossierOrder, DossierRecord, FolderCounts, Owner};
use crate::AppError;
use crate::identity::Principal;
use crate::model::{Page, PageRequest, TenantScope, UnitQuery};
use ansinh_core::Action;
use ansinh_core::ErrorCode;

/// Whose dossiers a folder of `me` shows.
fn folder_owner(folder: Folder, me: &str) -> Owner {
    let me = me.to_owned();
    match folder.owner() {
        FolderOwner::Creator => Owner::CreatedBy(me),
        FolderOwner::Holder => Owner::HeldBy(me),
        FolderOwner::Receiver => Owner::ReceivedBy(me),
    }
}

/// Filters a listing may add; every field narrows the result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListFilter {
    /// Catalogue code of the procedure.
    pub procedure: Option<String>,
    /// Statuses (listings across units only; folders fix their own).
    pub statuses: Vec<Status>,
    /// SLA state of the current step.
    pub sla: Option<StepSla>,
    /// Receiving unit, with everything below it.
    pub unit: Option<UnitId>,
    /// Received on or after this day (Vietnam time).
    pub received_from: Option<NaiveDate>,
    /// Received on or before this day.
    pub received_to: Option<NaiveDate>,
    /// Code, name (diacritics optional) or ID number.
    pub search: Option<String>,
    /// Order of the rows.
    pub order: DossierOrder,
}

fn day_start(day: NaiveDate) -> DateTime<Utc> {
    from_local(day.and_time(chrono::NaiveTime::MIN)).with_timezone(&Utc)
}

impl Dossiers {
    /// The unit ids inside `root` (itself included), or `None` for a whole province.
    async fn unit_ids_under(
        &self,
        scope: &TenantScope,
        root: &UnitId,
    ) -> Result<Option<Vec<String>>, AppError> {
        let unit = self.reference.unit(scope, root).await?;
        if unit.level == AdminLevel::Province {
            return Ok(None);
        }
        let query = UnitQuery {
            within: Some(root.clone()),
            ..UnitQuery::default()
        };
        let below = self
            .reference
            .find_units(
                scope,
                &query,
                PageRequest {
                    offset: 0,
                    limit: 100_000,
                },
            )
            .await?;
        let mut ids: Vec<String> = below.items.iter().map(|u| u.id.to_string()).collect();
        ids.push(root.to_string());
        Ok(Some(ids))
    }

    /// The unit ids inside `roots` and the units merged into them, or `None` when one of them
    /// is a whole province.
    async fn unit_ids_within(
        &self,
        scope: &TenantScope,
        roots: Vec<UnitId>,
    ) -> Result<Option<Vec<String>>, AppError> {
        let mut all = Vec::new();
        for root in &self.reference.with_predecessors(scope, roots).await? {
            match self.unit_ids_under(scope, root).await? {
                Some(ids) => all.extend(ids),
                None => return Ok(None),
            }
        }
        Ok(Some(all))
    }

    /// The store's filter for `owner` with the listing's filters (and its own statuses).
    pub(crate) async fn to_filter(
        &self,
        scope: &TenantScope,
        owner: Owner,
        filter: &ListFilter,
    ) -> Result<DossierFilter, AppError> {
        if let (Some(from), Some(to)) = (filter.received_from, filter.received_to)
            && from > to
        {
            return Err(AppError::invalid(
                ErrorCode::InvalidDateRange,
                format!("ngày tiếp nhận từ {from} phải không sau ngày {to}"),
            ));
        }
        let units = match &filter.unit {
            Some(unit) => self.unit_ids_within(scope, vec![unit.clone()]).await?,
            None => None,
        };
        Ok(DossierFilter {
            owner,
            statuses: filter.statuses.clone(),
            procedure: filter.procedure.clone(),
            units,
            sla: filter.sla,
            received_from: filter.received_from.map(day_start),
            received_before: filter.received_to.and_then(|d| d.succ_opt()).map(day_start),
            search: crate::input::search(filter.search.as_deref())?,
            // Decided by the caller of this function, who knows the reader.
            search_personal: false,
            order: filter.order,
            now: self.clock.now(),
        })
    }

    /// The caller's queue: one folder, most recently changed first, with the total.
    pub async fn my_dossiers(
        &self,
        principal: &Principal,
        folder: Folder,
        filter: &ListFilter,
        page: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let owner = folder_owner(folder, &principal.account.0);
        let mut found = self.to_filter(&scope, owner, filter).await?;
        // A folder fixes its own statuses.
        found.statuses = folder.statuses();
        let roots = self
            .access
            .units_allowing(principal, Resource::Dossier, Action::List)
            .await;
        found.search_personal = self.may_search_persons(principal, &roots).await;
        let page = self.queries.find_dossiers(&scope, &found, page).await?;
        Ok(self.disclosed_page(principal, page).await)
    }

    /// How many dossiers each of the caller's folders holds now.
    pub async fn my_folder_counts(&self, principal: &Principal) -> Result<FolderCounts, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        self.queries
            .folder_counts(&scope, &principal.account.0, self.clock.now())
            .await
    }

    /// Dossiers at the units where the caller may list them (and units merged into those),
    /// filtered; a unit filter outside the caller's units finds nothing.
    pub async fn dossiers_in_units(
        &self,
        principal: &Principal,
        filter: &ListFilter,
        page: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let roots = self
            .access
            .units_allowing(principal, Resource::Dossier, Action::List)
            .await;
        let empty = Page {
            items: Vec::new(),
            total: 0,
        };
        if roots.is_empty() {
            return Ok(empty);
        }
        let search_personal = self.may_search_persons(principal, &roots).await;
        let owner = match self.unit_ids_within(&scope, roots).await? {
            Some(ids) => Owner::AtUnits(ids),
            None => Owner::Anywhere,
        };
        let mut found = self.to_filter(&scope, owner, filter).await?;
        found.search_personal = search_personal;
        if let Some(unit) = &filter.unit
            && !self
                .access
                .allows(principal, Resource::Dossier, Action::List, unit)
                .await
        {
            return Ok(empty);
        }
        let page = self.queries.find_dossiers(&scope, &found, page).await?;
        Ok(self.disclosed_page(principal, page).await)
    }
}
