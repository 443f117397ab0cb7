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
mod attachments;
mod background;
mod configs;
mod documents;
mod dossier_pages;
mod dossier_queries;
mod dossiers;
mod entities;
mod errors;
mod like;
mod messages;
mod outbox;
mod scoped;
mod sequences;
mod sessions;
mod unit;
mod units;

use std::time::Duration;

use ansinh_app::{AppError, TenantScope};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use unit::{Access, Txn};

pub use admin::{
    bypasses_row_security, grant_app_role, migrate, migrate_down, tenant_tables_without_rls,
};
pub use errors::{Classified, classify};

/// Connections of the side pool: calls a request makes outside its unit of work (another
/// tenant's rows, such as the national configuration; a write inside a query).
pub const SIDE_CONNECTIONS: u32 = 2;

/// The store over its connection pools: the main one, whose connections each carry a
/// request's unit of work (or a call outside any request), and on PostgreSQL a small side
/// pool for the calls a request makes outside its unit. Taking those from the main pool could
/// wait for ever: with every connection held by a request, each waiting for a second one.
#[derive(Debug, Clone)]
pub struct SeaStore {
    db: DatabaseConnection,
    side: DatabaseConnection,
}

impl SeaStore {
    /// Connects to `url` (`postgres://…` or `sqlite://…`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, AppError> {
        let db = connect(url, max_connections).await?;
        let side = if db.get_database_backend() == sea_orm::DbBackend::Postgres {
            connect(url, SIDE_CONNECTIONS).await?
        } else {
            db.clone()
        };
        Ok(Self { db, side })
    }

    /// Wraps an existing connection (one pool for everything).
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            side: db.clone(),
            db,
        }
    }

    /// The underlying connection, for administration and tests.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Connections of the main pool: (open, idle), for the metrics.
    pub fn pool_use(&self) -> (u32, u32) {
        let idle = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        match self.db.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                let pool = self.db.get_postgres_connection_pool();
                (pool.size(), idle(pool.num_idle()))
            }
            _ => {
                let pool = self.db.get_sqlite_connection_pool();
                (pool.size(), idle(pool.num_idle()))
            }
        }
    }

    /// The transaction of a call that only reads, confined to the scope's tenant (the
    /// request's unit of work when there is one).
    async fn begin(&self, scope: &TenantScope) -> Result<Txn, AppError> {
        self.begin_for(scope, Access::Read).await
    }

    /// The transaction of a call that writes, confined to the scope's tenant: its own, or a
    /// savepoint of the request's writing unit.
    async fn begin_write(&self, scope: &TenantScope) -> Result<Txn, AppError> {
        self.begin_for(scope, Access::Write).await
    }

    /// The transaction of a record the request's reads must not go out without (the access
    /// log): the request's own transaction when there is one, so the record commits with the
    /// request or the request fails; else its own.
    async fn begin_record(&self, scope: &TenantScope) -> Result<Txn, AppError> {
        self.begin_for(scope, Access::Record).await
    }
}

/// A pooled connection idle for this long is pinged before it is handed out (one that was
/// just used is not: a ping per checkout costs a round trip per transaction).
pub const PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// Opens a connection pool with Ansinh's settings. Each in-flight request holds one
/// connection for its unit of work, so `max_connections` bounds the requests served at once
/// (others wait up to the acquire timeout); on PostgreSQL, throughput peaks at a few active
/// connections per core, hence the default of 10 for a 2-core database server.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, AppError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .test_before_acquire_if_idle_for(PING_AFTER_IDLE)
        .idle_timeout(Duration::from_secs(600))
        .max_lifetime(Duration::from_secs(1800))
        .sqlx_logging(false);
    Database::connect(options).await.classified()
}
