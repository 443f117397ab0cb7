//! Configuration versions and publication; the `Store` port implementation.

use ansinh_app::{
    AppError, ConfigVersionInfo, Page, PageRequest, Publication, ReferenceStore, StoredConfig,
    Tenant, TenantKind, TenantScope, Unit, UnitMerge, UnitQuery,
};
use ansinh_core::{TenantId, UnitId};
use async_trait::async_trait;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entities::{admin_unit, config_version, tenant, unit_merge};
use crate::scoped::{scoped, scoped_delete};
use crate::unit::Txn;
use crate::units::path_text;
use crate::{Classified, SeaStore};

/// Rows per multi-row insert, well under SQLite's bound-parameter limit.
const INSERT_CHUNK: usize = 200;

fn to_tenant(row: tenant::Model) -> Result<Tenant, AppError> {
    let kind = match row.kind.as_str() {
        "national" => TenantKind::National,
        "province" => TenantKind::Province,
        other => return Err(AppError::Internal(format!("stored tenant kind {other:?}"))),
    };
    Ok(Tenant {
        id: TenantId::parse(&row.code)?,
        kind,
        name: row.name,
        full_name: row.full_name,
    })
}

fn to_info(row: &config_version::Model) -> Result<ConfigVersionInfo, AppError> {
    Ok(ConfigVersionInfo {
        tenant: TenantId::parse(&row.tenant_id)?,
        version: row.version,
        content_hash: row.content_hash.clone(),
        summary: row.summary.clone(),
        published_by: row.published_by.clone(),
        published_at: row.published_at,
    })
}

fn versions_of(scope: &TenantScope) -> sea_orm::Select<config_version::Entity> {
    scoped::<config_version::Entity>(scope)
}

#[async_trait]
impl ReferenceStore for SeaStore {
    async fn ping(&self) -> Result<(), AppError> {
        self.connection().ping().await.classified()
    }

    async fn tenants(&self) -> Result<Vec<Tenant>, AppError> {
        let rows = tenant::Entity::find()
            .order_by_asc(tenant::Column::Code)
            .all(self.connection())
            .await
            .classified()?;
        rows.into_iter().map(to_tenant).collect()
    }

    async fn tenant(&self, id: &TenantId) -> Result<Option<Tenant>, AppError> {
        let row = tenant::Entity::find_by_id(id.as_str().to_owned())
            .one(self.connection())
            .await
            .classified()?;
        row.map(to_tenant).transpose()
    }

    async fn units_by_id(
        &self,
        scope: &TenantScope,
        ids: &[UnitId],
    ) -> Result<Vec<Unit>, AppError> {
        self.units_by_id_impl(scope, ids).await
    }

    async fn find_units(
        &self,
        scope: &TenantScope,
        query: &UnitQuery,
        page: PageRequest,
    ) -> Result<Page<Unit>, AppError> {
        self.find_units_impl(scope, query, page).await
    }

    async fn merges(
        &self,
        scope: &TenantScope,
        unit: &UnitId,
        outgoing: bool,
    ) -> Result<Vec<UnitMerge>, AppError> {
        self.merges_impl(scope, unit, outgoing).await
    }

    async fn latest_config_version(&self, scope: &TenantScope) -> Result<Option<i32>, AppError> {
        let txn = self.begin(scope).await?;
        let latest = latest_version(&txn, scope).await?;
        txn.commit().await.classified()?;
        Ok(latest)
    }

    async fn config_version(
        &self,
        scope: &TenantScope,
        version: Option<i32>,
    ) -> Result<Option<StoredConfig>, AppError> {
        let txn = self.begin(scope).await?;
        let select = match version {
            Some(version) => versions_of(scope).filter(config_version::Column::Version.eq(version)),
            None => versions_of(scope).order_by_desc(config_version::Column::Version),
        };
        let row = select.one(&txn).await.classified()?;
        txn.commit().await.classified()?;
        row.map(|row| {
            Ok(StoredConfig {
                info: to_info(&row)?,
                content: row.content,
            })
        })
        .transpose()
    }

    async fn config_versions(
        &self,
        scope: &TenantScope,
        page: PageRequest,
    ) -> Result<Page<ConfigVersionInfo>, AppError> {
        let txn = self.begin(scope).await?;
        let total = versions_of(scope).count(&txn).await.classified()?;
        // Metadata only: the content column can be large.
        let rows = versions_of(scope)
            .select_only()
            .columns([
                config_version::Column::TenantId,
                config_version::Column::Version,
                config_version::Column::ContentHash,
                config_version::Column::Summary,
                config_version::Column::PublishedBy,
                config_version::Column::PublishedAt,
            ])
            .expr_as(Expr::val(""), "content")
            .order_by_desc(config_version::Column::Version)
            .offset(page.offset)
            .limit(page.limit)
            .into_model::<config_version::Model>()
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(Page {
            items: rows.iter().map(to_info).collect::<Result<_, _>>()?,
            total,
        })
    }

    async fn publish(&self, publication: Publication) -> Result<(), AppError> {
        let scope = TenantScope::new(publication.tenant.id.clone());
        let txn = self.begin_write(&scope).await?;
        upsert_tenant(&txn, &publication.tenant, &publication.info).await?;
        if latest_version(&txn, &scope).await? != publication.expected_latest {
            return Err(AppError::Conflict);
        }
        let info = &publication.info;
        config_version::Entity::insert(config_version::ActiveModel {
            tenant_id: Set(info.tenant.as_str().to_owned()),
            version: Set(info.version),
            content_hash: Set(info.content_hash.clone()),
            content: Set(publication.content.clone()),
            summary: Set(info.summary.clone()),
            published_by: Set(info.published_by.clone()),
            published_at: Set(info.published_at),
        })
        .exec(&txn)
        .await
        .classified()?;
        if let Some(units) = &publication.units {
            replace_units(&txn, &scope, units, &publication.merges).await?;
        }
        txn.commit().await.classified()
    }
}

async fn latest_version(txn: &Txn, scope: &TenantScope) -> Result<Option<i32>, AppError> {
    // The number only: the content column is large (about 100 KB for a province).
    let latest: Option<Option<i32>> = versions_of(scope)
        .select_only()
        .expr(config_version::Column::Version.max())
        .into_tuple()
        .one(txn)
        .await
        .classified()?;
    Ok(latest.flatten())
}

async fn upsert_tenant(
    txn: &Txn,
    tenant: &Tenant,
    info: &ConfigVersionInfo,
) -> Result<(), AppError> {
    tenant::Entity::insert(tenant::ActiveModel {
        code: Set(tenant.id.as_str().to_owned()),
        kind: Set(tenant.kind.as_str().to_owned()),
        name: Set(tenant.name.clone()),
        full_name: Set(tenant.full_name.clone()),
        created_at: Set(info.published_at),
    })
    .on_conflict(
        OnConflict::column(tenant::Column::Code)
            .update_columns([tenant::Column::Name, tenant::Column::FullName])
            .to_owned(),
    )
    .exec(txn)
    .await
    .classified()?;
    Ok(())
}

/// Makes the tenant's units and merge edges equal to the publication's: removes what is gone,
/// updates what changed, inserts what is new (parents first).
async fn replace_units(
    txn: &Txn,
    scope: &TenantScope,
    units: &[ansinh_app::UnitRecord],
    merges: &[UnitMerge],
) -> Result<(), AppError> {
    let tenant_id = scope.tenant().as_str();
    scoped_delete::<unit_merge::Entity>(scope)
        .exec(txn)
        .await
        .classified()?;
    let keep: Vec<String> = units.iter().map(|r| r.unit.id.to_string()).collect();
    scoped_delete::<admin_unit::Entity>(scope)
        .filter(admin_unit::Column::Id.is_not_in(keep))
        .exec(txn)
        .await
        .classified()?;
    for chunk in units.chunks(INSERT_CHUNK) {
        let rows = chunk.iter().map(|record| {
            let unit = &record.unit;
            admin_unit::ActiveModel {
                tenant_id: Set(tenant_id.to_owned()),
                id: Set(unit.id.to_string()),
                code: Set(unit.id.code().to_owned()),
                level: Set(unit.level.as_str().to_owned()),
                kind: Set(unit.kind.clone()),
                name: Set(unit.name.clone()),
                full_name: Set(unit.full_name.clone()),
                name_folded: Set(record.name_folded.clone()),
                parent_id: Set(unit.parent.as_ref().map(ToString::to_string)),
                path: Set(path_text(&unit.path)),
                valid_from: Set(unit.validity.from),
                valid_to: Set(unit.validity.to),
            }
        });
        admin_unit::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([admin_unit::Column::TenantId, admin_unit::Column::Id])
                    .update_columns([
                        admin_unit::Column::Level,
                        admin_unit::Column::Kind,
                        admin_unit::Column::Name,
                        admin_unit::Column::FullName,
                        admin_unit::Column::NameFolded,
                        admin_unit::Column::ParentId,
                        admin_unit::Column::Path,
                        admin_unit::Column::ValidTo,
                    ])
                    .to_owned(),
            )
            .exec(txn)
            .await
            .classified()?;
    }
    for chunk in merges.chunks(INSERT_CHUNK) {
        let rows = chunk.iter().map(|merge| unit_merge::ActiveModel {
            tenant_id: Set(tenant_id.to_owned()),
            from_id: Set(merge.from.to_string()),
            to_id: Set(merge.to.to_string()),
            effective_on: Set(merge.effective_on),
        });
        unit_merge::Entity::insert_many(rows)
            .exec(txn)
            .await
            .classified()?;
    }
    Ok(())
}
