//! Foundation: tenants, published configuration versions, administrative units and merges.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::sql::{enable_tenant_rls, run};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const TENANTS: &str = "CREATE TABLE tenants (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('national', 'province')),
    name TEXT NOT NULL,
    full_name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
)";

const CONFIG_VERSIONS: &str = "CREATE TABLE config_versions (
    tenant_id TEXT NOT NULL REFERENCES tenants (code),
    version INTEGER NOT NULL CHECK (version > 0),
    content_hash TEXT NOT NULL,
    content TEXT NOT NULL,
    summary TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, version)
)";

const ADMIN_UNITS: &str = "CREATE TABLE admin_units (
    tenant_id TEXT NOT NULL REFERENCES tenants (code),
    id TEXT NOT NULL,
    code TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    kind TEXT,
    name TEXT NOT NULL,
    full_name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    parent_id TEXT,
    path TEXT NOT NULL,
    valid_from DATE,
    valid_to DATE,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES admin_units (tenant_id, id)
)";

const UNIT_MERGES: &str = "CREATE TABLE unit_merges (
    tenant_id TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    effective_on DATE NOT NULL,
    PRIMARY KEY (tenant_id, from_id, to_id),
    FOREIGN KEY (tenant_id, from_id) REFERENCES admin_units (tenant_id, id),
    FOREIGN KEY (tenant_id, to_id) REFERENCES admin_units (tenant_id, id)
)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Prefix searches on the materialised path need text_pattern_ops on PostgreSQL.
        let path_index = match manager.get_database_backend() {
            DbBackend::Postgres => {
                "CREATE INDEX admin_units_path ON admin_units (tenant_id, path text_pattern_ops)"
            }
            _ => "CREATE INDEX admin_units_path ON admin_units (tenant_id, path)",
        };
        run(
            manager,
            &[
                TENANTS,
                CONFIG_VERSIONS,
                ADMIN_UNITS,
                path_index,
                "CREATE INDEX admin_units_code ON admin_units (tenant_id, code)",
                "CREATE INDEX admin_units_parent ON admin_units (tenant_id, parent_id)",
                UNIT_MERGES,
                "CREATE INDEX unit_merges_to ON unit_merges (tenant_id, to_id)",
            ],
        )
        .await?;
        for table in ["config_versions", "admin_units", "unit_merges"] {
            enable_tenant_rls(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "DROP TABLE unit_merges",
                "DROP TABLE admin_units",
                "DROP TABLE config_versions",
                "DROP TABLE tenants",
            ],
        )
        .await
    }
}
