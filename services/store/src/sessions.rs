//! The `SessionStore` port: refresh sessions, rotated on every use and revoked at logout,
//! password change or lock.

use ansinh_app::identity::{AccountId, SessionRecord, SessionStore};
use ansinh_app::{AppError, TenantScope};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::entities::auth_session;
use crate::scoped::{scoped, scoped_update};
use crate::{Classified, SeaStore};

fn to_session(row: auth_session::Model) -> SessionRecord {
    SessionRecord {
        id: row.id,
        account: AccountId(row.account_id),
        refresh_hash: row.refresh_hash,
        created_at: row.created_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
    }
}

impl SeaStore {
    /// Marks the tenant's live sessions matching `which` revoked at `at`.
    async fn revoke_sessions_where(
        &self,
        scope: &TenantScope,
        which: Condition,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        scoped_update::<auth_session::Entity>(scope)
            .col_expr(auth_session::Column::RevokedAt, Expr::value(at))
            .filter(auth_session::Column::RevokedAt.is_null())
            .filter(which)
            .exec(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()
    }
}

#[async_trait]
impl SessionStore for SeaStore {
    async fn insert_session(
        &self,
        scope: &TenantScope,
        session: &SessionRecord,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        auth_session::Entity::insert(auth_session::ActiveModel {
            tenant_id: Set(scope.tenant().as_str().to_owned()),
            id: Set(session.id.clone()),
            account_id: Set(session.account.0.clone()),
            refresh_hash: Set(session.refresh_hash.clone()),
            created_at: Set(session.created_at),
            expires_at: Set(session.expires_at),
            revoked_at: Set(session.revoked_at),
        })
        .exec(&txn)
        .await
        .classified()?;
        txn.commit().await.classified()
    }

    async fn session(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<SessionRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let row = scoped::<auth_session::Entity>(scope)
            .filter(auth_session::Column::Id.eq(id))
            .one(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(row.map(to_session))
    }

    async fn rotate_session(
        &self,
        scope: &TenantScope,
        id: &str,
        expected: &str,
        replacement: &str,
    ) -> Result<bool, AppError> {
        let txn = self.begin_write(scope).await?;
        // Guarded update: only one of two concurrent refreshes with the same token wins.
        let result = scoped_update::<auth_session::Entity>(scope)
            .col_expr(auth_session::Column::RefreshHash, Expr::value(replacement))
            .filter(auth_session::Column::Id.eq(id))
            .filter(auth_session::Column::RefreshHash.eq(expected))
            .filter(auth_session::Column::RevokedAt.is_null())
            .exec(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(result.rows_affected == 1)
    }

    async fn revoke_session(
        &self,
        scope: &TenantScope,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let one = Condition::all().add(auth_session::Column::Id.eq(id));
        self.revoke_sessions_where(scope, one, at).await
    }

    async fn revoke_sessions_of(
        &self,
        scope: &TenantScope,
        account: &AccountId,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let all = Condition::all().add(auth_session::Column::AccountId.eq(account.0.as_str()));
        self.revoke_sessions_where(scope, all, at).await
    }
}
