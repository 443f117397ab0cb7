//! The `AttachmentRepo` port: a dossier's components handed in, and the files held for a
//! person across the tenant's dossiers (the citizen's document store).

use ansinh_app::dossier::{AttachmentRecord, AttachmentRepo, StoredFile};
use ansinh_app::{AppError, TenantScope};
use ansinh_core::DossierId;
use ansinh_core::file::{FileKind, Provenance};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{dossier, dossier_attachment as row};
use crate::scoped::{in_tenant, scoped, scoped_update};
use crate::{Classified, SeaStore};

/// Dossiers of one person looked at for reuse, newest first.
const PERSON_DOSSIERS: u64 = 200;

fn to_row(scope: &TenantScope, record: &AttachmentRecord) -> row::ActiveModel {
    let file = record.file.as_ref();
    let (source, reason) = match &record.provenance {
        Provenance::Reused { source } => (Some(source.clone()), None),
        Provenance::Paper { reason } => (None, Some(reason.clone())),
        _ => (None, None),
    };
    row::ActiveModel {
        tenant_id: Set(scope.tenant().as_str().to_owned()),
        id: Set(record.id.clone()),
        dossier_id: Set(record.dossier.as_str().to_owned()),
        component: Set(record.component.clone()),
        provenance: Set(record.provenance.as_str().to_owned()),
        source_id: Set(source),
        paper_reason: Set(reason),
        file_name: Set(file.map(|f| f.name.clone())),
        media_type: Set(file.map(|f| f.kind.media_type().to_owned())),
        size_bytes: Set(file.map(|f| i64::try_from(f.size).unwrap_or(i64::MAX))),
        sha256: Set(file.map(|f| f.sha256.clone())),
        object_key: Set(file.map(|f| f.key.clone())),
        added_by: Set(record.added_by.clone()),
        added_at: Set(record.added_at),
        removed_by: Set(None),
        removed_at: Set(None),
    }
}

fn provenance_of(model: &row::Model) -> Result<Provenance, AppError> {
    let stored = || AppError::Internal(format!("attachment {} provenance", model.id));
    Ok(match model.provenance.as_str() {
        "scanned" => Provenance::Scanned,
        "electronic" => Provenance::Electronic { signed: false },
        "electronic_signed" => Provenance::Electronic { signed: true },
        "reused" => Provenance::Reused {
            source: model.source_id.clone().ok_or_else(stored)?,
        },
        "paper" => Provenance::Paper {
            reason: model.paper_reason.clone().unwrap_or_default(),
        },
        _ => return Err(stored()),
    })
}

fn to_record(model: row::Model) -> Result<AttachmentRecord, AppError> {
    let provenance = provenance_of(&model)?;
    let file = match (&model.object_key, &model.media_type) {
        (Some(key), Some(media_type)) => Some(StoredFile {
            name: model.file_name.clone().unwrap_or_default(),
            kind: FileKind::from_media_type(media_type)
                .ok_or_else(|| AppError::Internal(format!("attachment {} media type", model.id)))?,
            size: u64::try_from(model.size_bytes.unwrap_or_default()).unwrap_or_default(),
            sha256: model.sha256.clone().unwrap_or_default(),
            key: key.clone(),
        }),
        _ => None,
    };
    Ok(AttachmentRecord {
        id: model.id,
        dossier: DossierId::new(model.dossier_id),
        component: model.component,
        provenance,
        file,
        added_by: model.added_by,
        added_at: model.added_at,
    })
}

fn records(models: Vec<row::Model>) -> Result<Vec<AttachmentRecord>, AppError> {
    models.into_iter().map(to_record).collect()
}

#[async_trait]
impl AttachmentRepo for SeaStore {
    async fn add_attachments(
        &self,
        scope: &TenantScope,
        attachments: &[AttachmentRecord],
    ) -> Result<(), AppError> {
        if attachments.is_empty() {
            return Ok(());
        }
        let txn = self.begin_write(scope).await?;
        row::Entity::insert_many(attachments.iter().map(|a| to_row(scope, a)))
            .exec(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()
    }

    async fn attachments(
        &self,
        scope: &TenantScope,
        dossier: &DossierId,
    ) -> Result<Vec<AttachmentRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let models = scoped::<row::Entity>(scope)
            .filter(row::Column::DossierId.eq(dossier.as_str()))
            .filter(row::Column::RemovedAt.is_null())
            .order_by_asc(row::Column::AddedAt)
            .order_by_asc(row::Column::Id)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        records(models)
    }

    async fn attachment(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<AttachmentRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let model = scoped::<row::Entity>(scope)
            .filter(row::Column::Id.eq(id))
            .filter(row::Column::RemovedAt.is_null())
            .one(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        model.map(to_record).transpose()
    }

    async fn remove_attachment(
        &self,
        scope: &TenantScope,
        id: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let txn = self.begin_write(scope).await?;
        let result = scoped_update::<row::Entity>(scope)
            .col_expr(row::Column::RemovedBy, Expr::value(by))
            .col_expr(row::Column::RemovedAt, Expr::value(at))
            .filter(row::Column::Id.eq(id))
            .filter(row::Column::RemovedAt.is_null())
            .exec(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(result.rows_affected == 1)
    }

    async fn files_of_person(
        &self,
        scope: &TenantScope,
        id_number: &str,
        except: &DossierId,
        limit: u64,
    ) -> Result<Vec<AttachmentRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let dossiers: Vec<String> = dossier::Entity::find()
            .select_only()
            .column(dossier::Column::Id)
            .filter(in_tenant::<dossier::Entity>(scope))
            .filter(dossier::Column::ApplicantIdNumber.eq(id_number))
            .filter(dossier::Column::Id.ne(except.as_str()))
            .order_by_desc(dossier::Column::CreatedAt)
            .limit(PERSON_DOSSIERS)
            .into_tuple()
            .all(&txn)
            .await
            .classified()?;
        if dossiers.is_empty() {
            txn.commit().await.classified()?;
            return Ok(Vec::new());
        }
        let models = scoped::<row::Entity>(scope)
            .filter(row::Column::DossierId.is_in(dossiers))
            .filter(row::Column::RemovedAt.is_null())
            .filter(row::Column::ObjectKey.is_not_null())
            .order_by_desc(row::Column::AddedAt)
            .limit(limit)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        records(models)
    }
}
