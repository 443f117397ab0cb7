//! The `DocumentRepo` port: revisions of dossiers' documents. Signed and issued revisions are
//! written by the dossier's transition (`insert_in`), prepared ones on their own.

use ansinh_app::documents::{DocumentRecord, DocumentRepo, DocumentStage};
use ansinh_app::{AppError, TenantScope};
use ansinh_core::DossierId;
use async_trait::async_trait;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::dossier_document as row;
use crate::scoped::scoped;
use crate::{Classified, SeaStore};

fn to_row(scope: &TenantScope, record: &DocumentRecord) -> Result<row::ActiveModel, AppError> {
    let signatures = serde_json::to_string(&record.signatures)
        .map_err(|e| AppError::Internal(format!("signatures: {e}")))?;
    Ok(row::ActiveModel {
        tenant_id: Set(scope.tenant().as_str().to_owned()),
        id: Set(record.id.clone()),
        dossier_id: Set(record.dossier.as_str().to_owned()),
        kind: Set(record.kind.clone()),
        stage: Set(record.stage.as_str().to_owned()),
        object_key: Set(record.key.clone()),
        size_bytes: Set(i64::try_from(record.size).unwrap_or(i64::MAX)),
        sha256: Set(record.sha256.clone()),
        digest: Set(record.digest.clone()),
        signatures: Set(signatures),
        reason: Set(record.reason.clone()),
        created_by: Set(record.created_by.clone()),
        created_at: Set(record.created_at),
    })
}

fn to_record(model: row::Model) -> Result<DocumentRecord, AppError> {
    let broken = |what: &str| AppError::Internal(format!("document {} {what}", model.id));
    Ok(DocumentRecord {
        stage: DocumentStage::parse(&model.stage).ok_or_else(|| broken("stage"))?,
        signatures: serde_json::from_str(&model.signatures).map_err(|_| broken("signatures"))?,
        dossier: DossierId::new(model.dossier_id.clone()),
        size: u64::try_from(model.size_bytes).unwrap_or_default(),
        id: model.id,
        kind: model.kind,
        key: model.object_key,
        sha256: model.sha256,
        digest: model.digest,
        reason: model.reason,
        created_by: model.created_by,
        created_at: model.created_at,
    })
}

/// Writes a revision within the caller's transaction.
pub(crate) async fn insert_in(
    txn: &impl ConnectionTrait,
    scope: &TenantScope,
    record: &DocumentRecord,
) -> Result<(), AppError> {
    row::Entity::insert(to_row(scope, record)?)
        .exec(txn)
        .await
        .classified()?;
    Ok(())
}

#[async_trait]
impl DocumentRepo for SeaStore {
    async fn documents(
        &self,
        scope: &TenantScope,
        dossier: &DossierId,
    ) -> Result<Vec<DocumentRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let models = scoped::<row::Entity>(scope)
            .filter(row::Column::DossierId.eq(dossier.as_str()))
            .order_by_asc(row::Column::CreatedAt)
            .order_by_asc(row::Column::Id)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        models.into_iter().map(to_record).collect()
    }

    async fn document(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<DocumentRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let model = scoped::<row::Entity>(scope)
            .filter(row::Column::Id.eq(id))
            .one(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        model.map(to_record).transpose()
    }

    async fn insert_document(
        &self,
        scope: &TenantScope,
        record: &DocumentRecord,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        insert_in(&txn, scope, record).await?;
        txn.commit().await.classified()
    }
}
