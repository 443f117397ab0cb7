//! Dossier listings (officer queues, unit views, search) and folder counts, decided in SQL so
//! that nobody else's rows leave the database; and the `DossierStore` port over them.

use ansinh_app::dossier::{
    Applied, DossierFilter, DossierQueries, DossierRecord, DossierRepo, FolderCounts, NewDossier,
    Owner, StoredEvent, Transition,
};
use ansinh_app::{AppError, Page, PageRequest, TenantScope};
use ansinh_core::dossier::{DossierState, Folder, FolderOwner, Status, StepSla};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, Statement};

use crate::dossiers::status_name;
use crate::entities::dossier;
use crate::like::{containing, starting_with};
use crate::scoped::in_tenant;
use crate::sequences::for_backend;
use crate::{Classified, SeaStore};
use ansinh_core::DossierId;

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

/// `step_sla` of core, as SQL over the instants kept on the row.
fn sla_condition(sla: StepSla, now: DateTime<Utc>) -> Condition {
    let running = || dossier::Column::Status.is_in(names(&Status::step_clock_running()));
    let paused: Vec<Status> = Status::open()
        .into_iter()
        .filter(|s| !s.step_clock_runs())
        .collect();
    match sla {
        StepSla::Paused => Condition::all().add(dossier::Column::Status.is_in(names(&paused))),
        StepSla::Late => Condition::all()
            .add(running())
            .add(dossier::Column::StepDueAt.lt(now)),
        StepSla::DueSoon => Condition::all()
            .add(running())
            .add(dossier::Column::StepDueAt.gte(now))
            .add(dossier::Column::StepWarnAt.lte(now)),
        StepSla::NotDue => Condition::all().add(running()).add(
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

/// The filter as one condition.
pub(crate) fn filter_condition(scope: &TenantScope, filter: &DossierFilter) -> Condition {
    filter_condition_without(scope, filter, false, false)
}

/// The filter as one condition, leaving out the owner or the statuses (when a branch of a page
/// states its own).
pub(crate) fn filter_condition_without(
    scope: &TenantScope,
    filter: &DossierFilter,
    without_owner: bool,
    without_statuses: bool,
) -> Condition {
    let mut all = in_tenant::<dossier::Entity>(scope);
    if !without_owner {
        all = all.add(owner_condition(&filter.owner));
    }
    if !without_statuses && !filter.statuses.is_empty() {
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

/// The owner condition of a folder, on the account `$1` (core's `FolderOwner::owns` in SQL).
fn folder_owner_sql(folder: Folder) -> &'static str {
    match folder.owner() {
        FolderOwner::Creator => "created_by = $1",
        FolderOwner::Holder => "holder = $1",
        FolderOwner::Receiver => "(received_by = $1 OR (received_by IS NULL AND created_by = $1))",
    }
}

/// `status IN (…)` of the stored names (core's own constants, never user text).
fn status_in_sql(statuses: &[Status]) -> String {
    let quoted: Vec<String> = names(statuses).iter().map(|n| format!("'{n}'")).collect();
    format!("status IN ({})", quoted.join(", "))
}

/// The count of every folder of an officer (`$1`) in a tenant (`$2`) at `$3`, in one pass,
/// from the folders defined in core; the in-progress folder also split by its step's SLA.
fn counts_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let count = |condition: String, name: &str| {
            format!("COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0) AS {name}")
        };
        let mut columns: Vec<String> = Folder::ALL
            .iter()
            .map(|folder| {
                let condition = format!(
                    "{} AND {}",
                    folder_owner_sql(*folder),
                    status_in_sql(&folder.statuses())
                );
                count(condition, folder.as_str())
            })
            .collect();
        let in_progress = format!(
            "{} AND {}",
            folder_owner_sql(Folder::InProgress),
            status_in_sql(&Folder::InProgress.statuses())
        );
        columns.push(count(format!("{in_progress} AND step_due_at < $3"), "late"));
        columns.push(count(
            format!("{in_progress} AND step_due_at >= $3 AND step_warn_at <= $3"),
            "due_soon",
        ));
        format!(
            "SELECT {} FROM dossiers WHERE tenant_id = $2 AND (holder = $1 OR created_by = $1 OR received_by = $1)",
            columns.join(",\n    ")
        )
    })
}

#[async_trait]
impl DossierRepo for SeaStore {
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
        id: &DossierId,
    ) -> Result<Option<DossierRecord>, AppError> {
        self.one_dossier(scope, id.as_str()).await
    }

    async fn apply(
        &self,
        scope: &TenantScope,
        id: &DossierId,
        transition: &Transition,
    ) -> Result<Applied, AppError> {
        self.apply_transition(scope, id.as_str(), transition).await
    }

    async fn events(
        &self,
        scope: &TenantScope,
        id: &DossierId,
    ) -> Result<Vec<StoredEvent>, AppError> {
        self.dossier_events(scope, id.as_str()).await
    }

    async fn dossier_by_code(
        &self,
        scope: &TenantScope,
        code: &str,
    ) -> Result<Option<DossierRecord>, AppError> {
        self.dossier_with_code(scope, code).await
    }

    async fn peek_decision_number(
        &self,
        scope: &TenantScope,
        issuer: &str,
        year: i32,
    ) -> Result<u32, AppError> {
        let txn = self.begin(scope).await?;
        let next = crate::sequences::peek_decision_number(&txn, scope, issuer, year).await?;
        txn.commit().await.classified()?;
        Ok(next)
    }
}

#[async_trait]
impl DossierQueries for SeaStore {
    async fn find_dossiers(
        &self,
        scope: &TenantScope,
        filter: &DossierFilter,
        page: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError> {
        self.dossier_page(scope, filter, page).await
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
                for_backend(backend, counts_sql()),
                [account.into(), scope.tenant().as_str().into(), now.into()],
            ))
            .await
            .classified()?;
        txn.commit().await.classified()?;
        let Some(row) = row else {
            return Ok(FolderCounts::default());
        };
        let count = |name: &str| -> Result<u64, AppError> {
            let value: i64 = row.try_get("", name).classified()?;
            Ok(u64::try_from(value).unwrap_or_default())
        };
        Ok(FolderCounts {
            to_receive: count(Folder::ToReceive.as_str())?,
            in_progress: count(Folder::InProgress.as_str())?,
            in_progress_late: count("late")?,
            in_progress_due_soon: count("due_soon")?,
            supplement: count(Folder::Supplement.as_str())?,
            result_arrived: count(Folder::ResultArrived.as_str())?,
            not_returned: count(Folder::NotReturned.as_str())?,
            ineligible_or_rejected: count(Folder::IneligibleOrRejected.as_str())?,
        })
    }
}
