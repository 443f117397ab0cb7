//! Background work: the claimed ticks of scheduled jobs (one row per job, tenant and tick, so
//! that a tick runs once across replicas), the messages notifications produce (one row per
//! recipient and channel, keyed for idempotency, with their delivery attempts and dead-letter
//! state), what officers chose not to receive, and the officers' e-mail addresses.

use sea_orm_migration::prelude::*;

use crate::sql::{enable_tenant_rls, run};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const TICKS: &str = "CREATE TABLE job_ticks (
    tenant_id TEXT NOT NULL,
    job TEXT NOT NULL,
    tick TIMESTAMPTZ NOT NULL,
    worker TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    outcome TEXT,
    detail TEXT,
    PRIMARY KEY (tenant_id, job, tick),
    CHECK (outcome IS NULL OR outcome IN ('done', 'failed', 'cancelled'))
)";

const MESSAGES: &str = "CREATE TABLE messages (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    recipient_account TEXT,
    dossier_id TEXT,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, idempotency_key),
    CHECK (status IN ('pending', 'sent', 'dead')),
    CHECK (channel IN ('email', 'sms', 'zalo'))
)";

const OPT_OUTS: &str = "CREATE TABLE notification_opt_outs (
    tenant_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, account_id, kind)
)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                TICKS,
                MESSAGES,
                "CREATE INDEX messages_due ON messages (tenant_id, status, next_attempt_at)",
                "CREATE INDEX messages_dossier ON messages (tenant_id, dossier_id)",
                "ALTER TABLE outbox ADD COLUMN lease_until TIMESTAMPTZ",
                OPT_OUTS,
                "ALTER TABLE accounts ADD COLUMN email TEXT",
            ],
        )
        .await?;
        for table in ["job_ticks", "messages", "notification_opt_outs"] {
            enable_tenant_rls(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "ALTER TABLE accounts DROP COLUMN email",
                "ALTER TABLE outbox DROP COLUMN lease_until",
                "DROP TABLE notification_opt_outs",
                "DROP INDEX messages_dossier",
                "DROP INDEX messages_due",
                "DROP TABLE messages",
                "DROP TABLE job_ticks",
            ],
        )
        .await
    }
}
