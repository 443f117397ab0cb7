//! Identity: accounts, role grants at units, sessions (refresh tokens), login throttling and
//! the personal-data access log.

use sea_orm_migration::prelude::*;

use crate::sql::{enable_tenant_rls, run};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

const ACCOUNTS: &str = "CREATE TABLE accounts (
    tenant_id TEXT NOT NULL REFERENCES tenants (code),
    id TEXT NOT NULL,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    phone TEXT,
    id_number TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, username)
)";

const ROLE_GRANTS: &str = "CREATE TABLE role_grants (
    tenant_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, account_id, role, unit_id),
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
)";

const SESSIONS: &str = "CREATE TABLE auth_sessions (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    refresh_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
)";

const ACCESS_LOG: &str = "CREATE TABLE access_log (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    purpose TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                ACCOUNTS,
                ROLE_GRANTS,
                "CREATE INDEX role_grants_unit ON role_grants (tenant_id, unit_id)",
                SESSIONS,
                "CREATE INDEX auth_sessions_refresh ON auth_sessions (tenant_id, refresh_hash)",
                ACCESS_LOG,
                "CREATE INDEX access_log_subject ON access_log (tenant_id, subject_type, subject_id)",
            ],
        )
        .await?;
        for table in ["accounts", "role_grants", "auth_sessions", "access_log"] {
            enable_tenant_rls(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(
            manager,
            &[
                "DROP TABLE access_log",
                "DROP TABLE auth_sessions",
                "DROP TABLE role_grants",
                "DROP TABLE accounts",
            ],
        )
        .await
    }
}
