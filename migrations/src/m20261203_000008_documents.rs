//! Document revisions of dossiers: the decision prepared for a token, signed by the leader,
//! issued by the clerk, each its own row over its own object, never updated (a re-issue is a
//! new row with its reason).

use sea_orm_migration::prelude::*;

use crate::sql::{enable_tenant_rls, run};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const DOCUMENTS: &str = "CREATE TABLE dossier_documents (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    object_key TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    digest TEXT,
    signatures TEXT NOT NULL,
    reason TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CHECK (stage IN ('prepared', 'signed', 'issued')),
    CHECK ((stage = 'prepared') = (digest IS NOT NULL))
)";

const INDEX: &str = "CREATE INDEX dossier_documents_dossier ON dossier_documents (tenant_id, dossier_id, created_at)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, &[DOCUMENTS, INDEX]).await?;
        enable_tenant_rls(manager, "dossier_documents").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "DROP INDEX dossier_documents_dossier",
                "DROP TABLE dossier_documents",
            ],
        )
        .await
    }
}
