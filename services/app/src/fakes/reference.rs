//! The reference store in memory: tenants, unit eras, merges and configuration versions as
//! publication writes them.

use std::collections::BTreeMap;
use std::sync::Mutex;

use ansinh_core::{TenantId, UnitId, text};
use async_trait::async_trait;

use super::page;
use crate::AppError;
use crate::model::{
    ConfigVersionInfo, Page, PageRequest, Publication, StoredConfig, Tenant, TenantScope, Unit,
    UnitMerge, UnitQuery, UnitRecord,
};
use crate::ports::ReferenceStore;

#[derive(Debug, Default)]
struct TenantData {
    tenant: Option<Tenant>,
    units: Vec<UnitRecord>,
    merges: Vec<UnitMerge>,
    versions: Vec<StoredConfig>,
}

/// Reference data in memory.
#[derive(Debug, Default)]
pub(crate) struct FakeReference {
    tenants: Mutex<BTreeMap<TenantId, TenantData>>,
}

impl FakeReference {
    fn read<T>(&self, tenant: &TenantId, f: impl FnOnce(&TenantData) -> T) -> T {
        let tenants = self.tenants.lock().unwrap_or_else(|e| e.into_inner());
        let empty = TenantData::default();
        f(tenants.get(tenant).unwrap_or(&empty))
    }

    /// A unit by id (for the fake authorizer's reach).
    pub(crate) fn unit_path(&self, tenant: &TenantId, id: &UnitId) -> Option<Vec<UnitId>> {
        self.read(tenant, |data| {
            data.units
                .iter()
                .find(|record| &record.unit.id == id)
                .map(|record| record.unit.path.clone())
        })
    }
}

/// Whether a unit is valid on a day.
fn valid_on(unit: &Unit, day: chrono::NaiveDate) -> bool {
    unit.validity.from.is_none_or(|from| from <= day) && unit.validity.to.is_none_or(|to| day <= to)
}

/// The store's unit filter, on the stored path (which lists a unit's ancestors and itself).
fn matches(record: &UnitRecord, query: &UnitQuery) -> bool {
    let unit = &record.unit;
    query
        .parent
        .as_ref()
        .is_none_or(|p| unit.parent.as_ref() == Some(p))
        && query
            .within
            .as_ref()
            .is_none_or(|w| &unit.id != w && unit.path.contains(w))
        && query
            .reach
            .as_ref()
            .is_none_or(|roots| roots.iter().any(|root| unit.path.contains(root)))
        && query.level.is_none_or(|level| unit.level == level)
        && query.as_of.is_none_or(|day| valid_on(unit, day))
        && query
            .name_contains
            .as_deref()
            .filter(|t| !t.is_empty())
            .is_none_or(|t| record.name_folded.contains(&text::fold(t)))
        && query
            .code
            .as_deref()
            .is_none_or(|code| unit.id.code() == code)
}

#[async_trait]
impl ReferenceStore for FakeReference {
    async fn ping(&self) -> Result<(), AppError> {
        Ok(())
    }

    async fn tenants(&self) -> Result<Vec<Tenant>, AppError> {
        let tenants = self.tenants.lock().unwrap_or_else(|e| e.into_inner());
        Ok(tenants.values().filter_map(|d| d.tenant.clone()).collect())
    }

    async fn tenant(&self, id: &TenantId) -> Result<Option<Tenant>, AppError> {
        Ok(self.read(id, |data| data.tenant.clone()))
    }

    async fn units_by_id(
        &self,
        scope: &TenantScope,
        ids: &[UnitId],
    ) -> Result<Vec<Unit>, AppError> {
        Ok(self.read(scope.tenant(), |data| {
            data.units
                .iter()
                .filter(|record| ids.contains(&record.unit.id))
                .map(|record| record.unit.clone())
                .collect()
        }))
    }

    async fn find_units(
        &self,
        scope: &TenantScope,
        query: &UnitQuery,
        request: PageRequest,
    ) -> Result<Page<Unit>, AppError> {
        Ok(self.read(scope.tenant(), |data| {
            let mut found: Vec<Unit> = data
                .units
                .iter()
                .filter(|record| matches(record, query))
                .map(|record| record.unit.clone())
                .collect();
            found.sort_by(|a, b| {
                let key = |u: &Unit| (u.id.code().len(), u.id.code().to_owned(), u.validity.from);
                key(a).cmp(&key(b))
            });
            page(found, request)
        }))
    }

    async fn merges(
        &self,
        scope: &TenantScope,
        unit: &UnitId,
        outgoing: bool,
    ) -> Result<Vec<UnitMerge>, AppError> {
        Ok(self.read(scope.tenant(), |data| {
            data.merges
                .iter()
                .filter(|m| {
                    if outgoing {
                        &m.from == unit
                    } else {
                        &m.to == unit
                    }
                })
                .cloned()
                .collect()
        }))
    }

    async fn latest_config_version(&self, scope: &TenantScope) -> Result<Option<i32>, AppError> {
        Ok(self.read(scope.tenant(), |data| {
            data.versions.last().map(|v| v.info.version)
        }))
    }

    async fn config_version(
        &self,
        scope: &TenantScope,
        version: Option<i32>,
    ) -> Result<Option<StoredConfig>, AppError> {
        Ok(self.read(scope.tenant(), |data| match version {
            None => data.versions.last().cloned(),
            Some(v) => data.versions.iter().find(|s| s.info.version == v).cloned(),
        }))
    }

    async fn config_versions(
        &self,
        scope: &TenantScope,
        request: PageRequest,
    ) -> Result<Page<ConfigVersionInfo>, AppError> {
        Ok(self.read(scope.tenant(), |data| {
            let newest_first = data.versions.iter().rev().map(|v| v.info.clone());
            page(newest_first.collect(), request)
        }))
    }

    async fn publish(&self, publication: Publication) -> Result<(), AppError> {
        let mut tenants = self.tenants.lock().unwrap_or_else(|e| e.into_inner());
        let data = tenants.entry(publication.tenant.id.clone()).or_default();
        if data.versions.last().map(|v| v.info.version) != publication.expected_latest {
            return Err(AppError::Conflict);
        }
        data.tenant = Some(publication.tenant);
        if let Some(units) = publication.units {
            data.units = units;
            data.merges = publication.merges;
        }
        data.versions.push(StoredConfig {
            info: publication.info,
            content: publication.content,
        });
        Ok(())
    }
}
