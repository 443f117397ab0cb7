//! Ansinh's persistence adapter: the app's `Store` port on sea-orm, for PostgreSQL (production)
//! and SQLite (embedded default).
//!
//! Owns the entities, the tenant-scoped query constructors (every tenant query filters on
//! `tenant_id` and, on PostgreSQL, runs in a transaction that sets `ansinh.tenant` with
//! `SET LOCAL` so that row-level security applies as well), the classification of database
//! errors into the app's errors, and database administration (migrations, grants to the
//! application role, the row-level-security audit).
//!
//! Must not depend on poem or async-graphql.

mod access_log;
mod accounts;
mod admin;
mod configs;
mod dossier_queries;
mod dossiers;
mod entities;
mod errors;
mod like;
mod outbox;
mod scoped;
mod sequences;
mod sessions;
mod units;

use std::time::Duration;

use ansinh_app::{AppError, TenantScope};
use ansinh_migrations::TENANT_SETTING;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    Statement, TransactionTrait,
};

pub use admin::{
    bypasses_row_security, grant_app_role, migrate, migrate_down, tenant_tables_without_rls,
};
pub use errors::{Classified, classify};

/// The store over one connection pool.
#[derive(Debug, Clone)]
pub struct SeaStore {
    db: DatabaseConnection,
}

impl SeaStore {
    /// Connects to `url` (`postgres://…` or `sqlite://…`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, AppError> {
        Ok(Self {
            db: connect(url, max_connections).await?,
        })
    }

    /// Wraps an existing connection.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// The underlying connection, for administration and tests.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Begins a transaction confined to the scope's tenant: on PostgreSQL the tenant is set
    /// with `set_config(…, true)`, which is `SET LOCAL` and so ends with the transaction.
    async fn begin(&self, scope: &TenantScope) -> Result<DatabaseTransaction, AppError> {
        let txn = self.db.begin().await.classified()?;
        if txn.get_database_backend() == DbBackend::Postgres {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("SELECT set_config('{TENANT_SETTING}', $1, true)"),
                [scope.tenant().as_str().into()],
            ))
            .await
            .classified()?;
        }
        Ok(txn)
    }
}

/// Opens a connection pool with Ansinh's settings.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, AppError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    Database::connect(options).await.classified()
}
