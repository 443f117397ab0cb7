//! Waiting for the citizen: when a dossier asked for a supplement reminds the citizen and when
//! it is returned unsupplemented, kept on the row (as the SLA instants are) so the scheduled
//! job finds the dossiers whose moment has come with an index.

use sea_orm_migration::prelude::*;

use crate::sql::run;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const COLUMNS: [&str; 2] = [
    "supplement_remind_at TIMESTAMPTZ",
    "supplement_lapse_at TIMESTAMPTZ",
];

const INDEXES: [&str; 2] = [
    "CREATE INDEX dossiers_supplement_remind ON dossiers (tenant_id, supplement_remind_at)",
    "CREATE INDEX dossiers_supplement_lapse ON dossiers (tenant_id, supplement_lapse_at)",
];

fn column_name(definition: &str) -> &str {
    definition.split(' ').next().unwrap_or(definition)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statements: Vec<String> = COLUMNS
            .iter()
            .map(|c| format!("ALTER TABLE dossiers ADD COLUMN {c}"))
            .collect();
        statements.extend(INDEXES.iter().map(|s| (*s).to_owned()));
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        run(manager, &statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statements: Vec<String> = INDEXES
            .iter()
            .filter_map(|s| s.split(' ').nth(2))
            .map(|index| format!("DROP INDEX {index}"))
            .collect();
        statements.extend(
            COLUMNS
                .iter()
                .map(|c| format!("ALTER TABLE dossiers DROP COLUMN {}", column_name(c))),
        );
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        run(manager, &statements).await
    }
}
