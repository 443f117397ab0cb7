//! Background work on the database: outbox rows leased to a worker (`FOR UPDATE SKIP LOCKED`
//! on PostgreSQL; SQLite has one writer at a time, so its single statement needs no lock), the
//! claimed ticks of scheduled jobs (a primary key on job, tenant and tick: the one insert that
//! succeeds owns the tick), officers' opt-outs, and dossiers by their deadlines.

use ansinh_app::dossier::DossierRecord;
use ansinh_app::identity::AccountId;
use ansinh_app::notices::{
    ClaimedEvent, Deadline, DeadlineWatch, NewMessage, NoticePreferences, OutboxRepo, TickRecord,
    TickRepo,
};
use ansinh_app::outbox::OutboxEvent;
use ansinh_app::{AppError, TenantScope};
use ansinh_config::model::NoticeKind;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, QueryFilter, QueryOrder, QuerySelect, Statement, Value,
};

use crate::entities::dossier;
use crate::scoped::scoped;
use crate::sequences::for_backend;
use crate::unit::Txn;
use crate::{Classified, SeaStore};

/// A statement with `$n` placeholders for the transaction's backend.
pub(crate) fn statement(txn: &Txn, sql: &str, values: Vec<Value>) -> Statement {
    let backend = txn.get_database_backend();
    Statement::from_sql_and_values(backend, for_backend(backend, sql), values)
}

/// `FOR UPDATE SKIP LOCKED` where the backend has it.
pub(crate) fn skip_locked(txn: &Txn) -> &'static str {
    if txn.get_database_backend() == DbBackend::Postgres {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    }
}

/// Runs a leasing statement in its own transaction and answers the rows it returned: `sql`
/// is given where `FOR UPDATE SKIP LOCKED` goes and binds `$1` the lease's end, `$2` the
/// tenant, `$3` now and `$4` the most rows.
pub(crate) async fn lease(
    store: &SeaStore,
    scope: &TenantScope,
    sql: impl Fn(&str) -> String,
    (now, lease_until): (DateTime<Utc>, DateTime<Utc>),
    limit: u32,
) -> Result<Vec<sea_orm::QueryResult>, AppError> {
    let txn = store.begin_write(scope).await?;
    let sql = sql(skip_locked(&txn));
    let values = vec![
        lease_until.into(),
        scope.tenant().as_str().into(),
        now.into(),
        i64::from(limit).into(),
    ];
    let rows = txn
        .query_all_raw(statement(&txn, &sql, values))
        .await
        .classified()?;
    txn.commit().await.classified()?;
    Ok(rows)
}

#[async_trait]
impl OutboxRepo for SeaStore {
    async fn claim_events(
        &self,
        scope: &TenantScope,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ClaimedEvent>, AppError> {
        let sql = |lock: &str| {
            format!(
                "UPDATE outbox SET lease_until = $1 WHERE tenant_id = $2 AND id IN (
                SELECT id FROM outbox WHERE tenant_id = $2 AND dispatched_at IS NULL
                AND (lease_until IS NULL OR lease_until < $3) ORDER BY id LIMIT $4 {lock})
             RETURNING id, payload, created_at"
            )
        };
        let rows = lease(self, scope, sql, (now, lease_until), limit).await?;
        let mut claimed = rows
            .into_iter()
            .map(|row| {
                let payload: String = row.try_get("", "payload").classified()?;
                Ok(ClaimedEvent {
                    id: row.try_get("", "id").classified()?,
                    event: OutboxEvent::parse(&payload),
                    created_at: row.try_get("", "created_at").classified()?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        claimed.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(claimed)
    }

    async fn complete_event(
        &self,
        scope: &TenantScope,
        id: &str,
        messages: &[NewMessage],
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        crate::messages::insert_in(&txn, scope, messages, at).await?;
        txn.execute_raw(statement(
            &txn,
            "UPDATE outbox SET dispatched_at = $1, lease_until = NULL WHERE tenant_id = $2 AND id = $3",
            vec![at.into(), scope.tenant().as_str().into(), id.into()],
        ))
        .await
        .classified()?;
        txn.commit().await.classified()
    }

    async fn backlog(&self, scope: &TenantScope) -> Result<(u64, Option<DateTime<Utc>>), AppError> {
        let txn = self.begin(scope).await?;
        let row = txn
            .query_one_raw(statement(
                &txn,
                "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE tenant_id = $1 AND dispatched_at IS NULL",
                vec![scope.tenant().as_str().into()],
            ))
            .await
            .classified()?;
        txn.commit().await.classified()?;
        let Some(row) = row else {
            return Ok((0, None));
        };
        let count: i64 = row.try_get("", "n").classified()?;
        let oldest: Option<DateTime<Utc>> = row.try_get("", "oldest").ok().flatten();
        Ok((count.max(0) as u64, oldest))
    }
}

#[async_trait]
impl TickRepo for SeaStore {
    async fn claim_tick(
        &self,
        scope: &TenantScope,
        job: &str,
        tick: DateTime<Utc>,
        worker: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let txn = self.begin_write(scope).await?;
        let result = txn
            .execute_raw(statement(
                &txn,
                "INSERT INTO job_ticks (tenant_id, job, tick, worker, started_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (tenant_id, job, tick) DO UPDATE SET worker = excluded.worker,
                    started_at = excluded.started_at, finished_at = NULL, outcome = NULL, detail = NULL
                 WHERE job_ticks.outcome = 'cancelled'",
                vec![
                    scope.tenant().as_str().into(),
                    job.into(),
                    tick.into(),
                    worker.into(),
                    at.into(),
                ],
            ))
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(result.rows_affected() == 1)
    }

    async fn finish_tick(
        &self,
        scope: &TenantScope,
        job: &str,
        tick: DateTime<Utc>,
        outcome: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        txn.execute_raw(statement(
            &txn,
            "UPDATE job_ticks SET finished_at = $1, outcome = $2, detail = $3
             WHERE tenant_id = $4 AND job = $5 AND tick = $6",
            vec![
                at.into(),
                outcome.into(),
                detail.into(),
                scope.tenant().as_str().into(),
                job.into(),
                tick.into(),
            ],
        ))
        .await
        .classified()?;
        txn.commit().await.classified()
    }

    async fn latest_ticks(&self, scope: &TenantScope) -> Result<Vec<(TickRecord, u32)>, AppError> {
        let txn = self.begin(scope).await?;
        let mut out = Vec::new();
        for job in ansinh_config::model::JobName::ALL {
            let rows = txn
                .query_all_raw(statement(
                    &txn,
                    "SELECT job, tick, worker, started_at, finished_at, outcome, detail FROM job_ticks
                     WHERE tenant_id = $1 AND job = $2 ORDER BY tick DESC LIMIT 100",
                    vec![scope.tenant().as_str().into(), job.as_str().into()],
                ))
                .await
                .classified()?;
            let records = rows
                .into_iter()
                .map(|row| {
                    Ok(TickRecord {
                        job: row.try_get("", "job").classified()?,
                        tick: row.try_get("", "tick").classified()?,
                        worker: row.try_get("", "worker").classified()?,
                        started_at: row.try_get("", "started_at").classified()?,
                        finished_at: row.try_get("", "finished_at").classified()?,
                        outcome: row.try_get("", "outcome").classified()?,
                        detail: row.try_get("", "detail").classified()?,
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            let failures = records
                .iter()
                .filter(|r| r.outcome.as_deref() == Some("failed"))
                .count() as u32;
            if let Some(latest) = records.into_iter().next() {
                out.push((latest, failures));
            }
        }
        txn.commit().await.classified()?;
        Ok(out)
    }
}

#[async_trait]
impl NoticePreferences for SeaStore {
    async fn opted_out(
        &self,
        scope: &TenantScope,
        account: &AccountId,
    ) -> Result<Vec<NoticeKind>, AppError> {
        let txn = self.begin(scope).await?;
        let rows = txn
            .query_all_raw(statement(
                &txn,
                "SELECT kind FROM notification_opt_outs WHERE tenant_id = $1 AND account_id = $2",
                vec![scope.tenant().as_str().into(), account.0.as_str().into()],
            ))
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(rows
            .into_iter()
            .filter_map(|row| row.try_get::<String>("", "kind").ok())
            .filter_map(|kind| NoticeKind::parse(&kind))
            .collect())
    }

    async fn set_opted_out(
        &self,
        scope: &TenantScope,
        account: &AccountId,
        kind: NoticeKind,
        off: bool,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        let (sql, values): (&str, Vec<Value>) = if off {
            (
                "INSERT INTO notification_opt_outs (tenant_id, account_id, kind, created_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (tenant_id, account_id, kind) DO NOTHING",
                vec![
                    scope.tenant().as_str().into(),
                    account.0.as_str().into(),
                    kind.as_str().into(),
                    at.into(),
                ],
            )
        } else {
            (
                "DELETE FROM notification_opt_outs WHERE tenant_id = $1 AND account_id = $2 AND kind = $3",
                vec![
                    scope.tenant().as_str().into(),
                    account.0.as_str().into(),
                    kind.as_str().into(),
                ],
            )
        };
        txn.execute_raw(statement(&txn, sql, values))
            .await
            .classified()?;
        txn.commit().await.classified()
    }
}

#[async_trait]
impl DeadlineWatch for SeaStore {
    async fn crossing(
        &self,
        scope: &TenantScope,
        deadline: Deadline,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<DossierRecord>, AppError> {
        let processed = ["in_progress", "rework_requested"].as_slice();
        let waiting = ["awaiting_supplement"].as_slice();
        let (column, statuses) = match deadline {
            Deadline::StepWarning => (dossier::Column::StepWarnAt, processed),
            Deadline::StepDue => (dossier::Column::StepDueAt, processed),
            Deadline::Appointment => (dossier::Column::DueAt, processed),
            Deadline::SupplementReminder => (dossier::Column::SupplementRemindAt, waiting),
            Deadline::SupplementLapse => (dossier::Column::SupplementLapseAt, waiting),
        };
        let txn = self.begin(scope).await?;
        let rows = scoped::<dossier::Entity>(scope)
            .filter(dossier::Column::Status.is_in(statuses.iter().copied()))
            .filter(column.gt(after))
            .filter(column.lte(until))
            .order_by_asc(column)
            .limit(u64::from(limit))
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        rows.into_iter().map(crate::dossiers::to_record).collect()
    }
}
