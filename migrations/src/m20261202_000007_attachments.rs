//! Components handed in with a dossier: one row per file (or per component kept on paper),
//! with where the copy came from, the object holding its bytes (kind read from the bytes,
//! size, SHA-256) and its removal, never deleted.

use sea_orm_migration::prelude::*;

use crate::sql::{enable_tenant_rls, run};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const ATTACHMENTS: &str = "CREATE TABLE dossier_attachments (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    component TEXT NOT NULL,
    provenance TEXT NOT NULL,
    source_id TEXT,
    paper_reason TEXT,
    file_name TEXT,
    media_type TEXT,
    size_bytes BIGINT,
    sha256 TEXT,
    object_key TEXT,
    added_by TEXT NOT NULL,
    added_at TIMESTAMPTZ NOT NULL,
    removed_by TEXT,
    removed_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, id),
    CHECK (provenance IN ('scanned', 'electronic', 'electronic_signed', 'reused', 'paper')),
    CHECK ((provenance = 'paper') = (object_key IS NULL))
)";

const INDEX: &str =
    "CREATE INDEX dossier_attachments_dossier ON dossier_attachments (tenant_id, dossier_id)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &[ATTACHMENTS, INDEX]).await?;
        enable_tenant_rls(manager, "dossier_attachments").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "DROP INDEX dossier_attachments_dossier",
                "DROP TABLE dossier_attachments",
            ],
        )
        .await
    }
}
