//! Indexes shaped for the officers' queues: a folder page is one index walk per status in the
//! order it is shown (most recently changed first, the id breaking ties), for each way a
//! dossier belongs to an officer (holder, creator, receiver). They replace the indexes that
//! stopped at the status (or at the instant) and so made the database sort a whole folder.

use sea_orm_migration::prelude::*;

use crate::sql::run;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const CREATED: [&str; 3] = [
    "CREATE INDEX dossiers_holder_recent ON dossiers (tenant_id, holder, status, updated_at, id)",
    "CREATE INDEX dossiers_creator_recent ON dossiers (tenant_id, created_by, status, updated_at, id)",
    "CREATE INDEX dossiers_receiver_recent ON dossiers (tenant_id, received_by, status, updated_at, id)",
];

/// The indexes the new ones make redundant, as migrations 3 and 4 created them.
const REPLACED: [&str; 4] = [
    "CREATE INDEX dossiers_holder ON dossiers (tenant_id, holder, status)",
    "CREATE INDEX dossiers_queue ON dossiers (tenant_id, holder, status, updated_at)",
    "CREATE INDEX dossiers_creator ON dossiers (tenant_id, created_by, status)",
    "CREATE INDEX dossiers_receiver ON dossiers (tenant_id, received_by, status)",
];

fn drops(creates: &[&str]) -> Vec<String> {
    creates
        .iter()
        .filter_map(|create| create.split(' ').nth(2))
        .map(|index| format!("DROP INDEX {index}"))
        .collect()
}

async fn swap(manager: &SchemaManager<'_>, create: &[&str], drop: &[&str]) -> Result<(), DbErr> {
    let mut statements: Vec<String> = create.iter().map(|s| (*s).to_owned()).collect();
    statements.extend(drops(drop));
    let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
    run(manager, &statements).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        swap(manager, &CREATED, &REPLACED).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        swap(manager, &REPLACED, &CREATED).await
    }
}
