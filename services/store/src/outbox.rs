//! Outbox rows: side effects recorded in the same transaction as the change that causes them,
//! delivered later at least once.

use ansinh_app::{AppError, TenantScope};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Statement};

use crate::Classified;
use crate::unit::Txn;

/// Queues a side effect inside `txn`.
pub(crate) async fn enqueue(
    txn: &Txn,
    scope: &TenantScope,
    topic: &str,
    payload: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let backend = txn.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "INSERT INTO outbox (tenant_id, id, topic, payload, created_at) VALUES ($1, $2, $3, $4, $5)"
        }
        _ => {
            "INSERT INTO outbox (tenant_id, id, topic, payload, created_at) VALUES (?, ?, ?, ?, ?)"
        }
    };
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            scope.tenant().as_str().into(),
            uuid::Uuid::now_v7().to_string().into(),
            topic.into(),
            payload.into(),
            at.into(),
        ],
    ))
    .await
    .classified()?;
    Ok(())
}
