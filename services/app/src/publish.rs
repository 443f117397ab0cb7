//! Publishing configuration: each tenant's validated files become a new numbered version, unless
//! they equal the latest one.

use std::collections::HashMap;

use ansinh_config::{ConfigSet, ProvinceConfig, content_hash, resolve_units};
use ansinh_core::{TenantId, UnitId, Validity, text};
use serde::Serialize;
use serde_json::Value;

use crate::AppError;
use crate::config_diff::{describe, diff};
use crate::model::{
    ConfigVersionInfo, Publication, Tenant, TenantKind, TenantScope, Unit, UnitMerge, UnitRecord,
};
use crate::reference::Reference;
use ansinh_core::ErrorCode;

/// Whether a tenant got a new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishStatus {
    /// A new version was written.
    Published,
    /// The files equal the latest version; nothing was written.
    Unchanged,
}

/// The result of publishing one tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishOutcome {
    /// Tenant.
    pub tenant: TenantId,
    /// Published or unchanged.
    pub status: PublishStatus,
    /// The tenant's latest version afterwards.
    pub version: i32,
    /// What changed, for people.
    pub summary: String,
}

impl Reference {
    /// Checks `set` and publishes the national layer and every province as new versions.
    /// Refuses the whole set when any error is found; warnings do not stop it.
    pub async fn publish_config(
        &self,
        set: &ConfigSet,
        published_by: &str,
    ) -> Result<Vec<PublishOutcome>, AppError> {
        let problems = ansinh_config::check(set);
        if problems.has_errors() {
            let (errors, _) = problems.counts();
            return Err(AppError::invalid(
                ErrorCode::ConfigInvalid,
                format!("cấu hình có {errors} lỗi; chạy `ansinh config check` để xem chi tiết"),
            ));
        }
        let national = Tenant {
            id: TenantId::national(),
            kind: TenantKind::National,
            name: "Toàn quốc".to_owned(),
            full_name: "Cục Bảo trợ xã hội".to_owned(),
        };
        let mut outcomes = vec![
            self.publish_one(national, &set.national, None, published_by)
                .await?,
        ];
        for province in set.provinces.values() {
            let tenant = Tenant {
                id: TenantId::parse(&province.tenant.code)?,
                kind: TenantKind::Province,
                name: province.tenant.name.clone(),
                full_name: province.tenant.full_name.clone(),
            };
            let units = Some(unit_records(province));
            let merges = unit_merges(province);
            outcomes.push(
                self.publish_one(tenant, province, units.map(|u| (u, merges)), published_by)
                    .await?,
            );
        }
        if outcomes
            .iter()
            .any(|o| o.status == PublishStatus::Published)
        {
            self.forget_latest().await;
            // Units, merges and permissions feed the authorization policy.
            self.access.reload().await?;
        }
        Ok(outcomes)
    }

    async fn publish_one<T: Serialize>(
        &self,
        tenant: Tenant,
        content: &T,
        units: Option<(Vec<UnitRecord>, Vec<UnitMerge>)>,
        published_by: &str,
    ) -> Result<PublishOutcome, AppError> {
        let scope = TenantScope::new(tenant.id.clone());
        let hash = content_hash(content);
        let json = serde_json::to_value(content).map_err(|e| AppError::Internal(e.to_string()))?;
        let latest = self.store.config_version(&scope, None).await?;
        if let Some(latest) = &latest
            && latest.info.content_hash == hash
        {
            return Ok(PublishOutcome {
                tenant: tenant.id,
                status: PublishStatus::Unchanged,
                version: latest.info.version,
                summary: "không thay đổi".to_owned(),
            });
        }
        let previous: Option<Value> = latest
            .as_ref()
            .and_then(|stored| serde_json::from_str(&stored.content).ok());
        let changes = diff(previous.as_ref(), &json);
        let version = latest.as_ref().map_or(1, |stored| stored.info.version + 1);
        let info = ConfigVersionInfo {
            tenant: tenant.id.clone(),
            version,
            content_hash: hash,
            summary: serde_json::to_string(&changes)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            published_by: published_by.to_owned(),
            published_at: self.clock.now(),
        };
        let (units, merges) = match units {
            Some((units, merges)) => (Some(units), merges),
            None => (None, Vec::new()),
        };
        self.store
            .publish(Publication {
                tenant: tenant.clone(),
                expected_latest: latest.map(|stored| stored.info.version),
                info,
                content: json.to_string(),
                units,
                merges,
            })
            .await?;
        Ok(PublishOutcome {
            tenant: tenant.id,
            status: PublishStatus::Published,
            version,
            summary: describe(&changes),
        })
    }
}

/// The province's units as rows, parents before children, each with its path from the root.
fn unit_records(province: &ProvinceConfig) -> Vec<UnitRecord> {
    let resolved = resolve_units(province);
    let parents: HashMap<&UnitId, Option<&UnitId>> = resolved
        .iter()
        .map(|unit| (&unit.id, unit.parent.as_ref()))
        .collect();
    let mut records: Vec<UnitRecord> = resolved
        .iter()
        .map(|unit| {
            let mut path = vec![unit.id.clone()];
            let mut current = unit.parent.as_ref();
            while let Some(parent) = current {
                path.push(parent.clone());
                current = parents.get(parent).copied().flatten();
            }
            path.reverse();
            UnitRecord {
                name_folded: text::fold(&unit.entry.full_name),
                unit: Unit {
                    id: unit.id.clone(),
                    level: unit.entry.level,
                    kind: unit.entry.kind.clone(),
                    name: unit.entry.name.clone(),
                    full_name: unit.entry.full_name.clone(),
                    parent: unit.parent.clone(),
                    path,
                    validity: Validity {
                        from: unit.entry.valid_from,
                        to: unit.entry.valid_to,
                    },
                },
            }
        })
        .collect();
    records.sort_by(|a, b| (a.unit.path.len(), &a.unit.id).cmp(&(b.unit.path.len(), &b.unit.id)));
    records
}

fn unit_merges(province: &ProvinceConfig) -> Vec<UnitMerge> {
    resolve_units(province)
        .into_iter()
        .flat_map(|unit| {
            let from = unit.id.clone();
            unit.merged_into.into_iter().filter_map(move |to| {
                Some(UnitMerge {
                    from: from.clone(),
                    effective_on: to.valid_from()?,
                    to,
                })
            })
        })
        .collect()
}
