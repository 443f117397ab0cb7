//! Dossier listings (officer queues, unit views, search) and folder counts, decided in SQL so
//! that nobody else's rows leave the database; and the `DossierStore` port over them.

use ansinh_app::dossier::{
    DossierFilter, DossierOrder, DossierRecord, DossierStore, FolderCounts, NewDossier, Owner,
    SlaFilter, StoredEvent, Transition,
};
use ansinh_app::{AppError, Page, PageRequest, TenantScope};
use ansinh_core::dossier::{DossierState, Status};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{NullOrdering, Order};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use crate::dossiers::{status_name, to_record};
use crate::entities::dossier;
use crate::like::{containing, starting_with};
use crate::sequences::for_backend;
use crate::{SeaStore, classify};

const ACTIVE: [Status; 3] = [
    Status::InProgress,
    Status::ReworkRequested,
    Status::ResultArrived,
];

fn names(statuses: &[Status]) -> Vec<&'static str> {
    statuses.iter().map(|s| status_name(*s)).collect()
}

fn owner_condition(owner: &Owner) -> Condition {
    match owner {
        Owner::HeldBy(account) => Condition::all().add(dossier::Column::Holder.eq(account)),
        Owner::CreatedBy(account) => Condition::all().add(dossier::Column::CreatedBy.eq(account)),
        Owner::ReceivedBy(account) => Condition::any()
            .add(dossier::Column::ReceivedBy.eq(account))
            .add(
                Condition::all()
                    .add(dossier::Column::ReceivedBy.is_null())
                    .add(dossier::Column::CreatedBy.eq(account)),
            ),
        Owner::AtUnits(units) => {
            Condition::all().add(dossier::Column::UnitId.is_in(units.iter().cloned()))
        }
        Owner::Anywhere => Condition::all(),
    }
}

fn sla_condition(sla: SlaFilter, now: DateTime<Utc>) -> Condition {
    let active = dossier::Column::Status.is_in(names(&ACTIVE));
    match sla {
        SlaFilter::Paused => Condition::all()
            .add(dossier::Column::Status.eq(status_name(Status::AwaitingSupplement))),
        SlaFilter::Late => Condition::all()
            .add(active)
            .add(dossier::Column::StepDueAt.lt(now)),
        SlaFilter::DueSoon => Condition::all()
            .add(active)
            .add(dossier::Column::StepDueAt.gte(now))
            .add(dossier::Column::StepWarnAt.lte(now)),
        SlaFilter::NotDue => Condition::all().add(active).add(
            Condition::any()
                .add(dossier::Column::StepWarnAt.gt(now))
                .add(
                    Condition::all()
                        .add(dossier::Column::StepWarnAt.is_null())
                        .add(dossier::Column::StepDueAt.gte(now)),
                ),
        ),
    }
}

/// What a search text means: a 9- or 12-digit ID number, a dossier code (or its start), or
/// part of a name, compared without diacritics; only a code when names and ID numbers may not
/// be searched.
fn search_condition(text: &str, personal: bool) -> Condition {
    let text = text.trim();
    if !personal {
        return Condition::any()
            .add(dossier::Column::Code.eq(text))
            .add(dossier::Column::Code.like(starting_with(text)));
    }
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    if digits && (text.len() == 9 || text.len() == 12) {
        return Condition::any()
            .add(dossier::Column::ApplicantIdNumber.eq(text))
            .add(dossier::Column::Code.like(starting_with(text)));
    }
    let folded = ansinh_core::text::fold(text);
    let code_like = text.contains('-') || (text.contains('.') && !text.contains(' '));
    let mut any =
        Condition::any().add(dossier::Column::ApplicantNameFolded.like(containing(&folded)));
    if code_like || digits {
        any = any
            .add(dossier::Column::Code.eq(text))
            .add(dossier::Column::Code.like(starting_with(text)));
    }
    any
}

fn filter_condition(scope: &TenantScope, filter: &DossierFilter) -> Condition {
    let mut all = Condition::all()
        .add(dossier::Column::TenantId.eq(scope.tenant().as_str()))
        .add(owner_condition(&filter.owner));
    if !filter.statuses.is_empty() {
        all = all.add(dossier::Column::Status.is_in(names(&filter.statuses)));
    }
    if let Some(procedure) = &filter.procedure {
        all = all.add(dossier::Column::ProcedureCode.eq(procedure));
    }
    if let Some(units) = &filter.units {
        all = all.add(dossier::Column::UnitId.is_in(units.iter().cloned()));
    }
    if let Some(sla) = filter.sla {
        all = all.add(sla_condition(sla, filter.now));
    }
    if let Some(from) = filter.received_from {
        all = all.add(dossier::Column::ReceivedAt.gte(from));
    }
    if let Some(before) = filter.received_before {
        all = all.add(dossier::Column::ReceivedAt.lt(before));
    }
    if let Some(text) = filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
        all = all.add(search_condition(text, filter.search_personal));
    }
    all
}

const COUNTS: &str = "SELECT
    COALESCE(SUM(CASE WHEN status = 'draft' AND created_by = $1 THEN 1 ELSE 0 END), 0) AS to_receive,
    COALESCE(SUM(CASE WHEN holder = $1 AND status IN ('in_progress', 'rework_requested') THEN 1 ELSE 0 END), 0) AS in_progress,
    COALESCE(SUM(CASE WHEN holder = $1 AND status IN ('in_progress', 'rework_requested') AND step_due_at < $3 THEN 1 ELSE 0 END), 0) AS late,
    COALESCE(SUM(CASE WHEN holder = $1 AND status IN ('in_progress', 'rework_requested') AND step_due_at >= $3 AND step_warn_at <= $3 THEN 1 ELSE 0 END), 0) AS due_soon,
    COALESCE(SUM(CASE WHEN holder = $1 AND status = 'awaiting_supplement' THEN 1 ELSE 0 END), 0) AS supplement,
    COALESCE(SUM(CASE WHEN holder = $1 AND status = 'result_arrived' THEN 1 ELSE 0 END), 0) AS result_arrived,
    COALESCE(SUM(CASE WHEN received_by = $1 AND status IN ('in_progress', 'awaiting_supplement', 'rework_requested', 'result_arrived') THEN 1 ELSE 0 END), 0) AS not_returned,
    COALESCE(SUM(CASE WHEN received_by = $1 AND status IN ('returned_ineligible', 'rejected') THEN 1 ELSE 0 END), 0) AS ineligible_or_rejected
FROM dossiers
WHERE tenant_id = $2 AND (holder = $1 OR created_by = $1 OR received_by = $1)";

#[async_trait]
impl DossierStore for SeaStore {
    async fn create_dossier(
        &self,
        scope: &TenantScope,
        new: &NewDossier,
        state: &DossierState,
    ) -> Result<DossierRecord, AppError> {
        self.insert_dossier(scope, new, state).await
    }

    async fn dossier(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<DossierRecord>, AppError> {
        self.one_dossier(scope, id).await
    }

    async fn apply(
        &self,
        scope: &TenantScope,
        id: &str,
        transition: &Transition,
    ) -> Result<Option<String>, AppError> {
        self.apply_transition(scope, id, transition).await
    }

    async fn find_dossiers(
        &self,
        scope: &TenantScope,
        filter: &DossierFilter,
        page: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let select = dossier::Entity::find().filter(filter_condition(scope, filter));
        let total = select.clone().count(&txn).await.map_err(classify)?;
        let select = match filter.order {
            DossierOrder::RecentlyChanged => select.order_by_desc(dossier::Column::UpdatedAt),
            // NULLs sort differently on the two databases: say where they go.
            DossierOrder::StepDueFirst => select.order_by_with_nulls(
                dossier::Column::StepDueAt,
                Order::Asc,
                NullOrdering::Last,
            ),
            DossierOrder::ReceivedFirst => select.order_by_with_nulls(
                dossier::Column::ReceivedAt,
                Order::Asc,
                NullOrdering::Last,
            ),
        };
        let rows = select
            .order_by_desc(dossier::Column::Id)
            .offset(page.offset)
            .limit(page.limit)
            .all(&txn)
            .await
            .map_err(classify)?;
        txn.commit().await.map_err(classify)?;
        Ok(Page {
            items: rows.into_iter().map(to_record).collect::<Result<_, _>>()?,
            total,
        })
    }

    async fn folder_counts(
        &self,
        scope: &TenantScope,
        account: &str,
        now: DateTime<Utc>,
    ) -> Result<FolderCounts, AppError> {
        let txn = self.begin(scope).await?;
        let backend = txn.get_database_backend();
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                for_backend(backend, COUNTS),
                [account.into(), scope.tenant().as_str().into(), now.into()],
            ))
            .await
            .map_err(classify)?;
        txn.commit().await.map_err(classify)?;
        let Some(row) = row else {
            return Ok(FolderCounts::default());
        };
        let count = |name: &str| -> Result<u64, AppError> {
            let value: i64 = row.try_get("", name).map_err(classify)?;
            Ok(u64::try_from(value).unwrap_or_default())
        };
        Ok(FolderCounts {
            to_receive: count("to_receive")?,
            in_progress: count("in_progress")?,
            in_progress_late: count("late")?,
            in_progress_due_soon: count("due_soon")?,
            supplement: count("supplement")?,
            result_arrived: count("result_arrived")?,
            not_returned: count("not_returned")?,
            ineligible_or_rejected: count("ineligible_or_rejected")?,
        })
    }

    async fn events(&self, scope: &TenantScope, id: &str) -> Result<Vec<StoredEvent>, AppError> {
        self.dossier_events(scope, id).await
    }
}
