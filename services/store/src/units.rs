//! Unit queries: by id, filtered listings with subtree and name search in SQL, merge edges.

use ansinh_app::{AppError, Page, PageRequest, TenantScope, Unit, UnitMerge, UnitQuery};
use ansinh_core::{AdminLevel, UnitId, Validity};
use sea_orm::sea_query::{Expr, Func, NullOrdering};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entities::{admin_unit, unit_merge};
use crate::scoped::{in_tenant, scoped};
use crate::unit::Txn;
use crate::{Classified, SeaStore};

/// Separator of ids in the materialised path.
const PATH_SEPARATOR: char = '/';

/// The stored path of a unit: `/04@/040@/01273@/`.
pub(crate) fn path_text(path: &[UnitId]) -> String {
    let mut text = String::from(PATH_SEPARATOR);
    for id in path {
        text.push_str(&id.to_string());
        text.push(PATH_SEPARATOR);
    }
    text
}

fn parse_id(text: &str) -> Result<UnitId, AppError> {
    UnitId::parse(text).map_err(|_| AppError::Internal(format!("stored unit id {text:?}")))
}

pub(crate) fn to_unit(row: admin_unit::Model) -> Result<Unit, AppError> {
    let level = AdminLevel::parse(&row.level)
        .ok_or_else(|| AppError::Internal(format!("stored unit level {:?}", row.level)))?;
    let path = row
        .path
        .split(PATH_SEPARATOR)
        .filter(|part| !part.is_empty())
        .map(parse_id)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Unit {
        id: parse_id(&row.id)?,
        level,
        kind: row.kind,
        name: row.name,
        full_name: row.full_name,
        parent: row.parent_id.as_deref().map(parse_id).transpose()?,
        path,
        validity: Validity {
            from: row.valid_from,
            to: row.valid_to,
        },
    })
}

impl SeaStore {
    pub(crate) async fn units_by_id_impl(
        &self,
        scope: &TenantScope,
        ids: &[UnitId],
    ) -> Result<Vec<Unit>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let txn = self.begin(scope).await?;
        let rows = scoped::<admin_unit::Entity>(scope)
            .filter(admin_unit::Column::Id.is_in(ids.iter().map(ToString::to_string)))
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        rows.into_iter().map(to_unit).collect()
    }

    pub(crate) async fn find_units_impl(
        &self,
        scope: &TenantScope,
        query: &UnitQuery,
        page: PageRequest,
    ) -> Result<Page<Unit>, AppError> {
        let txn = self.begin(scope).await?;
        let Some(placement) = placement(&txn, scope, query).await? else {
            return Ok(Page {
                items: Vec::new(),
                total: 0,
            });
        };
        let select = admin_unit::Entity::find()
            .filter(placement)
            .filter(attributes(query));
        let total = select.clone().count(&txn).await.classified()?;
        let rows = select
            .order_by_asc(Expr::expr(Func::char_length(Expr::col(
                admin_unit::Column::Code,
            ))))
            .order_by_asc(admin_unit::Column::Code)
            // Eras whose start predates our records come first on both backends.
            .order_by_with_nulls(
                admin_unit::Column::ValidFrom,
                Order::Asc,
                NullOrdering::First,
            )
            .offset(page.offset)
            .limit(page.limit)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(Page {
            items: rows.into_iter().map(to_unit).collect::<Result<_, _>>()?,
            total,
        })
    }

    pub(crate) async fn merges_impl(
        &self,
        scope: &TenantScope,
        unit: &UnitId,
        outgoing: bool,
    ) -> Result<Vec<UnitMerge>, AppError> {
        let txn = self.begin(scope).await?;
        let column = if outgoing {
            unit_merge::Column::FromId
        } else {
            unit_merge::Column::ToId
        };
        let rows = scoped::<unit_merge::Entity>(scope)
            .filter(column.eq(unit.to_string()))
            .order_by_asc(unit_merge::Column::FromId)
            .order_by_asc(unit_merge::Column::ToId)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        rows.into_iter()
            .map(|row| {
                Ok(UnitMerge {
                    from: parse_id(&row.from_id)?,
                    to: parse_id(&row.to_id)?,
                    effective_on: row.effective_on,
                })
            })
            .collect()
    }
}

/// Where the units sit in the tree: the tenant's, under a parent, strictly within a unit, in
/// the reach of roots; `None` when the unit to look within does not exist.
async fn placement(
    txn: &Txn,
    scope: &TenantScope,
    query: &UnitQuery,
) -> Result<Option<Condition>, AppError> {
    let mut condition = in_tenant::<admin_unit::Entity>(scope);
    if let Some(parent) = &query.parent {
        condition = condition.add(admin_unit::Column::ParentId.eq(parent.to_string()));
    }
    if let Some(within) = &query.within {
        let anchor = scoped::<admin_unit::Entity>(scope)
            .filter(admin_unit::Column::Id.eq(within.to_string()))
            .one(txn)
            .await
            .classified()?;
        let Some(anchor) = anchor else {
            return Ok(None);
        };
        condition = condition
            .add(admin_unit::Column::Path.like(crate::like::starting_with(&anchor.path)))
            .add(admin_unit::Column::Id.ne(anchor.id));
    }
    if let Some(roots) = &query.reach {
        let paths: Vec<String> = scoped::<admin_unit::Entity>(scope)
            .select_only()
            .column(admin_unit::Column::Path)
            .filter(admin_unit::Column::Id.is_in(roots.iter().map(ToString::to_string)))
            .into_tuple::<String>()
            .all(txn)
            .await
            .classified()?;
        let mut inside = Condition::any();
        for path in &paths {
            inside = inside.add(admin_unit::Column::Path.like(crate::like::starting_with(path)));
        }
        // No root found: nothing is reached (an empty `any` would match everything).
        if paths.is_empty() {
            inside = inside.add(admin_unit::Column::Id.is_null());
        }
        condition = condition.add(inside);
    }
    Ok(Some(condition))
}

/// The units' own attributes: level, valid on a day, name, code.
fn attributes(query: &UnitQuery) -> Condition {
    let mut condition = Condition::all();
    if let Some(level) = query.level {
        condition = condition.add(admin_unit::Column::Level.eq(level.as_str()));
    }
    if let Some(day) = query.as_of {
        condition = condition
            .add(
                Condition::any()
                    .add(admin_unit::Column::ValidFrom.is_null())
                    .add(admin_unit::Column::ValidFrom.lte(day)),
            )
            .add(
                Condition::any()
                    .add(admin_unit::Column::ValidTo.is_null())
                    .add(admin_unit::Column::ValidTo.gte(day)),
            );
    }
    if let Some(text) = query.name_contains.as_deref().filter(|t| !t.is_empty()) {
        condition =
            condition.add(admin_unit::Column::NameFolded.like(crate::like::containing(text)));
    }
    if let Some(code) = &query.code {
        condition = condition.add(admin_unit::Column::Code.eq(code.as_str()));
    }
    condition
}
