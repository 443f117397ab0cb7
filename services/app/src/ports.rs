//! Ports: what the use cases need from the outside world, implemented by adapters.

use ansinh_core::{TenantId, UnitId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::AppError;
use crate::model::{
    ConfigVersionInfo, Page, PageRequest, Publication, StoredConfig, Tenant, TenantScope, Unit,
    UnitMerge, UnitQuery,
};

/// Reference data: the tenant catalogue, administrative units and their merges, and the
/// published configuration versions. Tenant data is reached only through a `TenantScope`.
#[async_trait]
pub trait ReferenceStore: Send + Sync + std::fmt::Debug {
    /// Checks the database answers.
    async fn ping(&self) -> Result<(), AppError>;

    /// The tenant catalogue (codes and names only; no tenant data).
    async fn tenants(&self) -> Result<Vec<Tenant>, AppError>;

    /// One tenant of the catalogue.
    async fn tenant(&self, id: &TenantId) -> Result<Option<Tenant>, AppError>;

    /// Units by id, in the scope's tenant; missing ids are left out.
    async fn units_by_id(&self, scope: &TenantScope, ids: &[UnitId])
    -> Result<Vec<Unit>, AppError>;

    /// Units matching a query, ordered by level then code then start.
    async fn find_units(
        &self,
        scope: &TenantScope,
        query: &UnitQuery,
        page: PageRequest,
    ) -> Result<Page<Unit>, AppError>;

    /// Merge edges from (`outgoing`) or into the unit.
    async fn merges(
        &self,
        scope: &TenantScope,
        unit: &UnitId,
        outgoing: bool,
    ) -> Result<Vec<UnitMerge>, AppError>;

    /// Number of the latest configuration version.
    async fn latest_config_version(&self, scope: &TenantScope) -> Result<Option<i32>, AppError>;

    /// One configuration version with its content (latest when `version` is `None`).
    async fn config_version(
        &self,
        scope: &TenantScope,
        version: Option<i32>,
    ) -> Result<Option<StoredConfig>, AppError>;

    /// Configuration versions, newest first.
    async fn config_versions(
        &self,
        scope: &TenantScope,
        page: PageRequest,
    ) -> Result<Page<ConfigVersionInfo>, AppError>;

    /// Writes a publication in one transaction; `Conflict` when someone published meanwhile.
    async fn publish(&self, publication: Publication) -> Result<(), AppError>;
}

/// The current instant, injected so that tests control time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that shows what it was last set to: for tests that need exact instants, and for
/// seeding demo data in the past.
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<DateTime<Utc>>);

impl ManualClock {
    /// A clock showing `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(std::sync::Mutex::new(at))
    }

    /// Sets the clock.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Object storage for files (S3 in production, a local folder in the embedded default). Keys
/// are chosen by the use cases; a store never makes its objects public.
#[async_trait]
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Writes an object whole (an existing key is replaced).
    async fn put(&self, key: &str, bytes: Vec<u8>, media_type: &str) -> Result<(), AppError>;

    /// An object's bytes; `None` when there is no such object.
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AppError>;
}
