//! A page of dossiers and its total in one statement, shaped for the indexes: when a listing
//! spans several statuses (a folder such as "in progress" = in progress or rework requested)
//! or several ways of belonging to an officer (received, or created and not yet received), each
//! combination is its own branch, walked in order along its index and cut at the page's end;
//! the branches are merged and cut again. One `status IN (…)` over a holder's whole folder
//! would make the database read and sort every row of it instead. The total is counted up to
//! `COUNT_LIMIT + 1` rows, never over a whole province.

use ansinh_app::dossier::{COUNT_LIMIT, DossierFilter, DossierOrder, DossierRecord, Owner};
use ansinh_app::{AppError, Page, PageRequest, TenantScope};
use ansinh_core::dossier::Status;
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, Func, NullOrdering, Order, Query, QueryStatementBuilder,
    SelectStatement, SimpleExpr, UnionType,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QuerySelect, QueryTrait,
};

use crate::dossier_queries::{filter_condition, filter_condition_without};
use crate::dossiers::{status_name, to_record};
use crate::entities::dossier;
use crate::unit::Txn;
use crate::{Classified, SeaStore};

const TOTAL: &str = "total_count";

/// The ways a row can belong to the listing's owner, each a condition an index serves.
fn owner_alternatives(owner: &Owner) -> Vec<Condition> {
    match owner {
        Owner::ReceivedBy(account) => vec![
            Condition::all().add(dossier::Column::ReceivedBy.eq(account)),
            Condition::all()
                .add(dossier::Column::ReceivedBy.is_null())
                .add(dossier::Column::CreatedBy.eq(account)),
        ],
        _ => Vec::new(),
    }
}

/// One condition per branch: owner alternative × status (the whole filter when neither splits).
fn branches(scope: &TenantScope, filter: &DossierFilter) -> Vec<Condition> {
    let owners = owner_alternatives(&filter.owner);
    let statuses: Vec<Option<Status>> = if filter.statuses.len() > 1 {
        filter.statuses.iter().copied().map(Some).collect()
    } else {
        vec![None]
    };
    if owners.is_empty() && statuses.len() == 1 {
        return vec![filter_condition(scope, filter)];
    }
    let owners = if owners.is_empty() {
        vec![None]
    } else {
        owners.into_iter().map(Some).collect()
    };
    let mut all = Vec::new();
    for owner in &owners {
        for status in &statuses {
            let mut condition =
                filter_condition_without(scope, filter, owner.is_some(), status.is_some());
            if let Some(owner) = owner {
                condition = condition.add(owner.clone());
            }
            if let Some(status) = status {
                condition = condition.add(dossier::Column::Status.eq(status_name(*status)));
            }
            all.push(condition);
        }
    }
    all
}

/// The listing's order on `table`'s columns (the dossier table, or the merged page).
fn order_by(select: &mut SelectStatement, order: DossierOrder, table: Option<&str>) {
    let column = |c: dossier::Column| -> SimpleExpr {
        match table {
            Some(table) => Expr::col((Alias::new(table), c)),
            None => Expr::col(c),
        }
    };
    match order {
        DossierOrder::RecentlyChanged => {
            select.order_by_expr(column(dossier::Column::UpdatedAt), Order::Desc);
        }
        // NULLs sort differently on the two databases: say where they go.
        DossierOrder::StepDueFirst => {
            select.order_by_expr_with_nulls(
                column(dossier::Column::StepDueAt),
                Order::Asc,
                NullOrdering::Last,
            );
        }
        DossierOrder::ReceivedFirst => {
            select.order_by_expr_with_nulls(
                column(dossier::Column::ReceivedAt),
                Order::Asc,
                NullOrdering::Last,
            );
        }
    }
    select.order_by_expr(column(dossier::Column::Id), Order::Desc);
}

/// The rows of one branch up to the end of the page, in order.
fn branch(condition: Condition, order: DossierOrder, end: u64) -> SelectStatement {
    let mut select = dossier::Entity::find().filter(condition).into_query();
    order_by(&mut select, order, None);
    select.limit(end);
    select
}

/// `SELECT page.*, (count) AS total_count FROM (branches merged) AS page ORDER BY … LIMIT …`.
fn page_statement(
    scope: &TenantScope,
    filter: &DossierFilter,
    page: PageRequest,
) -> SelectStatement {
    let end = page.offset.saturating_add(page.limit);
    let mut parts = branches(scope, filter)
        .into_iter()
        .enumerate()
        .map(|(i, condition)| {
            Query::select()
                .column(Asterisk)
                .from_subquery(
                    branch(condition, filter.order, end),
                    Alias::new(format!("b{i}")),
                )
                .to_owned()
        });
    let mut merged = parts
        .next()
        .unwrap_or_else(|| branch(filter_condition(scope, filter), filter.order, end));
    for part in parts {
        merged.union(UnionType::All, part);
    }
    let total = capped_count(scope, filter);
    let mut select = Query::select()
        .column((Alias::new("page"), Asterisk))
        .expr_as(
            SimpleExpr::SubQuery(None, Box::new(total.into_sub_query_statement())),
            Alias::new(TOTAL),
        )
        .from_subquery(merged, Alias::new("page"))
        .to_owned();
    order_by(&mut select, filter.order, Some("page"));
    select.limit(page.limit).offset(page.offset);
    select
}

/// `SELECT count(*) FROM (SELECT 1 … LIMIT COUNT_LIMIT + 1)`: the count stops at the limit.
fn capped_count(scope: &TenantScope, filter: &DossierFilter) -> SelectStatement {
    let matching = dossier::Entity::find()
        .select_only()
        .expr(Expr::val(1))
        .filter(filter_condition(scope, filter))
        .limit(COUNT_LIMIT + 1)
        .into_query();
    Query::select()
        .expr(Func::count(Expr::col(Asterisk)))
        .from_subquery(matching, Alias::new("counted"))
        .to_owned()
}

impl SeaStore {
    /// A page of the filter's dossiers with the total (up to `COUNT_LIMIT + 1`).
    pub(crate) async fn dossier_page(
        &self,
        scope: &TenantScope,
        filter: &DossierFilter,
        page: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let statement = txn
            .get_database_backend()
            .build(&page_statement(scope, filter, page));
        let rows = txn.query_all_raw(statement).await.classified()?;
        let total = match rows.first() {
            Some(row) => {
                let total: i64 = row.try_get("", TOTAL).classified()?;
                u64::try_from(total).unwrap_or_default()
            }
            None if page.offset == 0 => 0,
            // Past the end: the count alone.
            None => count(&txn, scope, filter).await?,
        };
        txn.commit().await.classified()?;
        let items = rows
            .iter()
            .map(|row| dossier::Model::from_query_result(row, "").classified())
            .map(|model| to_record(model?))
            .collect::<Result<_, _>>()?;
        Ok(Page { items, total })
    }
}

async fn count(txn: &Txn, scope: &TenantScope, filter: &DossierFilter) -> Result<u64, AppError> {
    let statement = txn
        .get_database_backend()
        .build(&capped_count(scope, filter));
    let row = txn.query_one_raw(statement).await.classified()?;
    let total: i64 = match row {
        Some(row) => row.try_get_by_index(0).classified()?,
        None => 0,
    };
    Ok(u64::try_from(total).unwrap_or_default())
}
