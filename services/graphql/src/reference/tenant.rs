//! Tenants.

use ansinh_app::{Tenant as TenantModel, TenantKind as Kind};
use async_graphql::{Enum, Object};

/// Whether a tenant is a province or the national level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub(crate) enum TenantKind {
    /// The ministry's national layer (catalogue, calendars, assistance levels).
    National,
    /// A province.
    Province,
}

/// A tenant: a province, or the national level (`VN`).
#[derive(Debug)]
pub(crate) struct Tenant(pub(crate) TenantModel);

/// A tenant: a province, or the national level (`VN`).
#[Object]
impl Tenant {
    /// Official code: two digits for a province, `VN` for the national level.
    async fn code(&self) -> &str {
        self.0.id.as_str()
    }

    /// Province or national.
    async fn kind(&self) -> TenantKind {
        match self.0.kind {
            Kind::National => TenantKind::National,
            Kind::Province => TenantKind::Province,
        }
    }

    /// Short name, e.g. "Cao Bằng".
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Official name, e.g. "Tỉnh Cao Bằng".
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }
}
