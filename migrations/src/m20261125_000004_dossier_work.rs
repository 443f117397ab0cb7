//! What officers need to work dossiers: the SLA instants of the current step and of the whole
//! dossier (so queues filter on them in SQL), the applicant's recorded fields, the decision
//! number and the dossier a new one was copied from; per event, the command's details and the
//! step's SLA snapshot; gapless decision-number sequences per issuing body and year; and the
//! indexes behind queue pages and search.

use sea_orm_migration::prelude::*;

use crate::sql::{enable_tenant_rls, run};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const DOSSIER_COLUMNS: [&str; 9] = [
    "received_by TEXT",
    "received_at TIMESTAMPTZ",
    "step_started_at TIMESTAMPTZ",
    "step_warn_at TIMESTAMPTZ",
    "step_due_at TIMESTAMPTZ",
    "due_at TIMESTAMPTZ",
    "decision_number TEXT",
    "source_dossier_id TEXT",
    "fields TEXT NOT NULL DEFAULT '{}'",
];

const EVENT_COLUMNS: [&str; 2] = ["details TEXT NOT NULL DEFAULT '{}'", "sla TEXT"];

const DECISION_SEQUENCES: &str = "CREATE TABLE decision_number_sequences (
    tenant_id TEXT NOT NULL,
    issuer TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, issuer, year)
)";

const INDEXES: [&str; 6] = [
    "CREATE INDEX dossiers_queue ON dossiers (tenant_id, holder, status, updated_at)",
    "CREATE INDEX dossiers_creator ON dossiers (tenant_id, created_by, status)",
    "CREATE INDEX dossiers_receiver ON dossiers (tenant_id, received_by, status)",
    "CREATE INDEX dossiers_name ON dossiers (tenant_id, applicant_name_folded)",
    "CREATE INDEX dossiers_id_number ON dossiers (tenant_id, applicant_id_number)",
    "CREATE INDEX dossiers_step_due ON dossiers (tenant_id, step_due_at)",
];

fn column_name(definition: &str) -> &str {
    definition.split(' ').next().unwrap_or(definition)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statements: Vec<String> = DOSSIER_COLUMNS
            .iter()
            .map(|c| format!("ALTER TABLE dossiers ADD COLUMN {c}"))
            .collect();
        statements.extend(
            EVENT_COLUMNS
                .iter()
                .map(|c| format!("ALTER TABLE dossier_events ADD COLUMN {c}")),
        );
        statements.push(DECISION_SEQUENCES.to_owned());
        statements.extend(INDEXES.iter().map(|s| (*s).to_owned()));
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        run(manager, &statements).await?;
        enable_tenant_rls(manager, "decision_number_sequences").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statements: Vec<String> = INDEXES
            .iter()
            .filter_map(|s| s.split(' ').nth(2))
            .map(|index| format!("DROP INDEX {index}"))
            .collect();
        statements.push("DROP TABLE decision_number_sequences".to_owned());
        statements.extend(
            EVENT_COLUMNS
                .iter()
                .map(|c| format!("ALTER TABLE dossier_events DROP COLUMN {}", column_name(c))),
        );
        statements.extend(
            DOSSIER_COLUMNS
                .iter()
                .map(|c| format!("ALTER TABLE dossiers DROP COLUMN {}", column_name(c))),
        );
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        run(manager, &statements).await
    }
}
