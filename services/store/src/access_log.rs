//! The `AccessLog` port: who read whose personal data, when and why (append-only).

use ansinh_app::identity::{AccessEntry, AccessLog, AccountId};
use ansinh_app::{AppError, TenantScope};
use async_trait::async_trait;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::access_log;
use crate::scoped::scoped;
use crate::{Classified, SeaStore};

#[async_trait]
impl AccessLog for SeaStore {
    async fn log_access(&self, scope: &TenantScope, entry: &AccessEntry) -> Result<(), AppError> {
        let txn = self.begin_record(scope).await?;
        access_log::Entity::insert(access_log::ActiveModel {
            tenant_id: Set(scope.tenant().as_str().to_owned()),
            id: Set(uuid::Uuid::now_v7().to_string()),
            account_id: Set(entry.account.0.clone()),
            subject_type: Set(entry.subject_type.clone()),
            subject_id: Set(entry.subject_id.clone()),
            fields: Set(entry.fields.join(",")),
            purpose: Set(entry.purpose.clone()),
            at: Set(entry.at),
        })
        .exec(&txn)
        .await
        .classified()?;
        txn.commit().await.classified()
    }

    async fn access_log(
        &self,
        scope: &TenantScope,
        subject_type: &str,
        subject_id: &str,
    ) -> Result<Vec<AccessEntry>, AppError> {
        let txn = self.begin(scope).await?;
        let rows = scoped::<access_log::Entity>(scope)
            .filter(access_log::Column::SubjectType.eq(subject_type))
            .filter(access_log::Column::SubjectId.eq(subject_id))
            .order_by_desc(access_log::Column::Id)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(rows
            .into_iter()
            .map(|row| AccessEntry {
                account: AccountId(row.account_id),
                subject_type: row.subject_type,
                subject_id: row.subject_id,
                fields: row.fields.split(',').map(str::to_owned).collect(),
                purpose: row.purpose,
                at: row.at,
            })
            .collect())
    }
}
