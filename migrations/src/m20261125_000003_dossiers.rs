//! Dossiers: the dossier row (guarded by `version`), its event chain (hash-linked per
//! dossier), gapless daily code sequences per agency, and the outbox of side effects.

use sea_orm_migration::prelude::*;

use crate::sql::{enable_tenant_rls, run};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const DOSSIERS: &str = "CREATE TABLE dossiers (
    tenant_id TEXT NOT NULL REFERENCES tenants (code),
    id TEXT NOT NULL,
    code TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    workflow_code TEXT NOT NULL,
    config_version INTEGER NOT NULL,
    unit_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    status TEXT NOT NULL,
    step TEXT,
    holder TEXT,
    created_by TEXT NOT NULL,
    forwarded_by TEXT,
    version INTEGER NOT NULL,
    applicant_name TEXT NOT NULL,
    applicant_name_folded TEXT NOT NULL,
    applicant_id_number TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES admin_units (tenant_id, id)
)";

const EVENTS: &str = "CREATE TABLE dossier_events (
    tenant_id TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    acting_for TEXT,
    at TIMESTAMPTZ NOT NULL,
    from_status TEXT NOT NULL,
    from_step TEXT,
    to_status TEXT NOT NULL,
    to_step TEXT,
    note TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (tenant_id, dossier_id, version),
    FOREIGN KEY (tenant_id, dossier_id) REFERENCES dossiers (tenant_id, id)
)";

const SEQUENCES: &str = "CREATE TABLE dossier_code_sequences (
    tenant_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    day DATE NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, agency, day)
)";

const OUTBOX: &str = "CREATE TABLE outbox (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    dispatched_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, id)
)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                DOSSIERS,
                "CREATE INDEX dossiers_holder ON dossiers (tenant_id, holder, status)",
                "CREATE INDEX dossiers_unit ON dossiers (tenant_id, unit_id, status)",
                EVENTS,
                SEQUENCES,
                OUTBOX,
                "CREATE INDEX outbox_pending ON outbox (tenant_id, dispatched_at)",
            ],
        )
        .await?;
        for table in [
            "dossiers",
            "dossier_events",
            "dossier_code_sequences",
            "outbox",
        ] {
            enable_tenant_rls(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "DROP TABLE outbox",
                "DROP TABLE dossier_code_sequences",
                "DROP TABLE dossier_events",
                "DROP TABLE dossiers",
            ],
        )
        .await
    }
}
