//! The reference area: tenants, units, the published configuration and its cache.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ansinh_config::model::{CatalogueProcedure, EnabledProcedure};
use ansinh_config::{NationalConfig, ProvinceConfig};
use ansinh_core::{TenantId, UnitId};
use serde::de::DeserializeOwned;
use tokio::sync::RwLock;

use crate::AppError;
use crate::access::Access;
use crate::config_index::ConfigIndex;
use crate::model::{
    ConfigVersionInfo, Page, PageRequest, StoredConfig, Tenant, TenantScope, Unit, UnitMerge,
    UnitQuery,
};
use crate::ports::{Clock, ReferenceStore};
use ansinh_core::ErrorCode;

/// Parsed configuration content of one tenant at one version.
#[derive(Debug, Clone)]
enum Parsed {
    National(Arc<NationalConfig>),
    Province(Arc<ProvinceConfig>),
}

/// A tenant's latest parsed configuration and when its version was last confirmed.
#[derive(Debug, Clone)]
struct Latest {
    version: i32,
    parsed: Parsed,
    confirmed: Instant,
}

/// Indexed province configurations by tenant and version.
type PinnedConfigs = HashMap<(TenantId, i32), Arc<ConfigIndex>>;

/// Reference data: tenants, administrative units and their merges, the published
/// configuration (parsed once per version and cached), and the working calendars built from
/// it. Shared by every other area.
#[derive(Debug, Clone)]
pub struct Reference {
    pub(crate) store: Arc<dyn ReferenceStore>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) access: Access,
    /// Latest parsed configuration per tenant with when its version was last confirmed: a
    /// newer version published by another replica is noticed within `config_probe`
    /// (the probe reads the version number only), one published here at once.
    configs: Arc<RwLock<HashMap<TenantId, Latest>>>,
    config_probe: Duration,
    /// Parsed configuration versions that dossiers are pinned to (published versions never
    /// change, so they are kept once parsed).
    pinned: Arc<RwLock<PinnedConfigs>>,
    /// Unit eras by (tenant, id): they change only when a configuration is published, so
    /// they are dropped whenever a tenant's latest version is found to have changed.
    units: moka::sync::Cache<(TenantId, UnitId), Unit>,
    /// Built working calendars, keyed by what they were built from.
    pub(crate) calendars:
        Arc<RwLock<HashMap<crate::calendar::CalendarKey, Arc<crate::OfficeCalendar>>>>,
}

impl Reference {
    /// The area over its ports.
    pub fn new(store: Arc<dyn ReferenceStore>, clock: Arc<dyn Clock>, access: Access) -> Self {
        Self {
            store,
            clock,
            access,
            configs: Arc::default(),
            config_probe: Duration::from_secs(1),
            units: moka::sync::Cache::builder().max_capacity(100_000).build(),
            pinned: Arc::default(),
            calendars: Arc::default(),
        }
    }

    /// Trusts a tenant's latest configuration version for `every` before reading it again.
    pub fn probing_config_every(mut self, every: Duration) -> Self {
        self.config_probe = every;
        self
    }

    /// Whether the database answers.
    pub async fn ready(&self) -> Result<(), AppError> {
        self.store.ping().await
    }

    /// The tenant catalogue.
    pub async fn tenants(&self) -> Result<Vec<Tenant>, AppError> {
        self.store.tenants().await
    }

    /// The scope's tenant.
    pub async fn tenant(&self, scope: &TenantScope) -> Result<Tenant, AppError> {
        self.store
            .tenant(scope.tenant())
            .await?
            .ok_or_else(|| AppError::not_found("tỉnh", scope.tenant()))
    }

    /// One unit era; `NOT_FOUND` when absent or in another tenant.
    pub async fn unit(&self, scope: &TenantScope, id: &UnitId) -> Result<Unit, AppError> {
        self.units_by_id(scope, std::slice::from_ref(id))
            .await?
            .pop()
            .ok_or_else(|| AppError::not_found("đơn vị hành chính", id))
    }

    /// Unit eras by id, in the order asked; unknown ids are left out.
    pub async fn units_by_id(
        &self,
        scope: &TenantScope,
        ids: &[UnitId],
    ) -> Result<Vec<Unit>, AppError> {
        let tenant = scope.tenant();
        let mut by_id: HashMap<UnitId, Unit> = HashMap::new();
        let mut missing = Vec::new();
        for id in ids {
            match self.units.get(&(tenant.clone(), id.clone())) {
                Some(unit) => {
                    by_id.insert(id.clone(), unit);
                }
                None => missing.push(id.clone()),
            }
        }
        if !missing.is_empty() {
            for unit in self.store.units_by_id(scope, &missing).await? {
                self.units
                    .insert((tenant.clone(), unit.id.clone()), unit.clone());
                by_id.insert(unit.id.clone(), unit);
            }
        }
        Ok(ids.iter().filter_map(|id| by_id.get(id).cloned()).collect())
    }

    /// Units matching `query`.
    pub async fn find_units(
        &self,
        scope: &TenantScope,
        query: &UnitQuery,
        page: PageRequest,
    ) -> Result<Page<Unit>, AppError> {
        if let Some(name) = &query.name_contains {
            crate::input::search(Some(name))?;
        }
        if let Some(anchor) = query.parent.as_ref().or(query.within.as_ref()) {
            self.unit(scope, anchor).await?;
        }
        self.store.find_units(scope, query, page).await
    }

    /// Merge edges out of (`outgoing`) or into a unit.
    pub async fn merges(
        &self,
        scope: &TenantScope,
        unit: &UnitId,
        outgoing: bool,
    ) -> Result<Vec<UnitMerge>, AppError> {
        self.store.merges(scope, unit, outgoing).await
    }

    /// Published configuration versions, newest first.
    pub async fn config_versions(
        &self,
        scope: &TenantScope,
        page: PageRequest,
    ) -> Result<Page<ConfigVersionInfo>, AppError> {
        self.store.config_versions(scope, page).await
    }

    /// One configuration version with its content.
    pub async fn config_version(
        &self,
        scope: &TenantScope,
        version: i32,
    ) -> Result<StoredConfig, AppError> {
        self.store
            .config_version(scope, Some(version))
            .await?
            .ok_or_else(|| AppError::not_found("phiên bản cấu hình", version))
    }

    /// The province's latest published configuration.
    pub async fn province_config(
        &self,
        scope: &TenantScope,
    ) -> Result<Arc<ProvinceConfig>, AppError> {
        Ok(self.province_config_versioned(scope).await?.1)
    }

    /// The province's latest published configuration with its version number.
    pub(crate) async fn province_config_versioned(
        &self,
        scope: &TenantScope,
    ) -> Result<(i32, Arc<ProvinceConfig>), AppError> {
        match self.parsed(scope).await? {
            (version, Parsed::Province(config)) => Ok((version, config)),
            (_, Parsed::National(_)) => Err(AppError::invalid(
                ErrorCode::NotAProvince,
                "cấp quốc gia không có cấu hình tỉnh; hãy chọn một tỉnh",
            )),
        }
    }

    /// The national layer's latest published configuration.
    pub async fn national_config(&self) -> Result<Arc<NationalConfig>, AppError> {
        Ok(self.national_config_versioned().await?.1)
    }

    /// The national layer's latest published configuration with its version number.
    pub(crate) async fn national_config_versioned(
        &self,
    ) -> Result<(i32, Arc<NationalConfig>), AppError> {
        match self.parsed(&TenantScope::new(TenantId::national())).await? {
            (version, Parsed::National(config)) => Ok((version, config)),
            (_, Parsed::Province(_)) => Err(AppError::Internal(
                "national tenant holds a province configuration".to_owned(),
            )),
        }
    }

    /// The procedures the province runs, each with its entry in the national catalogue.
    pub async fn procedures(
        &self,
        scope: &TenantScope,
    ) -> Result<Vec<(EnabledProcedure, Option<CatalogueProcedure>)>, AppError> {
        let province = self.province_config(scope).await?;
        let national = self.national_config().await?;
        Ok(province
            .procedures
            .procedures
            .iter()
            .map(|enabled| {
                let entry = national
                    .catalogue
                    .procedures
                    .iter()
                    .find(|p| p.code == enabled.code)
                    .cloned();
                (enabled.clone(), entry)
            })
            .collect())
    }

    /// A province's configuration at a published version (dossiers are pinned to the version
    /// they started under); parsed once, since published versions never change.
    pub async fn pinned_config(
        &self,
        scope: &TenantScope,
        version: i32,
    ) -> Result<Arc<ConfigIndex>, AppError> {
        let key = (scope.tenant().clone(), version);
        if let Some(index) = self.pinned.read().await.get(&key).cloned() {
            return Ok(index);
        }
        let stored = self.config_version(scope, version).await?;
        let parsed: Arc<ProvinceConfig> = Arc::new(parse(&stored.content)?);
        let index = Arc::new(ConfigIndex::build(parsed)?);
        self.pinned.write().await.insert(key, index.clone());
        Ok(index)
    }

    /// The latest published configuration of every tenant, as a set `config export` can write.
    pub async fn export_config(&self) -> Result<ansinh_config::ConfigSet, AppError> {
        let national = (*self.national_config().await?).clone();
        let mut provinces = std::collections::BTreeMap::new();
        for tenant in self.store.tenants().await? {
            if tenant.id.is_national() {
                continue;
            }
            let config = self
                .province_config(&TenantScope::new(tenant.id.clone()))
                .await?;
            let folder = format!(
                "{}-{}",
                tenant.id,
                ansinh_core::text::slug(&config.tenant.name)
            );
            provinces.insert(folder, (*config).clone());
        }
        Ok(ansinh_config::ConfigSet {
            national,
            provinces,
        })
    }

    async fn parsed(&self, scope: &TenantScope) -> Result<(i32, Parsed), AppError> {
        let tenant = scope.tenant();
        let known = self.configs.read().await.get(tenant).cloned();
        if let Some(known) = &known
            && known.confirmed.elapsed() < self.config_probe
        {
            return Ok((known.version, known.parsed.clone()));
        }
        let latest = self
            .store
            .latest_config_version(scope)
            .await?
            .ok_or_else(|| AppError::not_found("cấu hình đã công bố của", tenant))?;
        let parsed = match known {
            Some(known) if known.version == latest => known.parsed,
            Some(_) => {
                // A newer publication may have brought new unit eras.
                self.units.invalidate_all();
                self.load_parsed(scope, latest).await?
            }
            None => self.load_parsed(scope, latest).await?,
        };
        let confirmed = Instant::now();
        let entry = Latest {
            version: latest,
            parsed: parsed.clone(),
            confirmed,
        };
        self.configs.write().await.insert(tenant.clone(), entry);
        Ok((latest, parsed))
    }

    async fn load_parsed(&self, scope: &TenantScope, version: i32) -> Result<Parsed, AppError> {
        let tenant = scope.tenant();
        let stored = self
            .store
            .config_version(scope, Some(version))
            .await?
            .ok_or_else(|| AppError::not_found("cấu hình đã công bố của", tenant))?;
        Ok(if tenant.is_national() {
            Parsed::National(Arc::new(parse(&stored.content)?))
        } else {
            Parsed::Province(Arc::new(parse(&stored.content)?))
        })
    }

    /// Forgets the latest configurations known here (after publishing).
    pub(crate) async fn forget_latest(&self) {
        self.configs.write().await.clear();
        self.units.invalidate_all();
    }
}

fn parse<T: DeserializeOwned>(content: &str) -> Result<T, AppError> {
    serde_json::from_str(content)
        .map_err(|e| AppError::Internal(format!("stored configuration does not parse: {e}")))
}
