//! Messages waiting for delivery: inserted once per idempotency key, leased in batches
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL) with the attempt counted at the lease, and
//! recorded as sent, retried or dead.

use ansinh_app::identity::AccountId;
use ansinh_app::notices::{
    Attempt, MessageCounts, MessageRepo, MessageStatus, NewMessage, StoredMessage,
};
use ansinh_app::{AppError, TenantScope};
use ansinh_config::model::{Channel, NoticeKind};
use ansinh_core::{DossierId, Pii};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, QueryResult, Value};

use crate::background::{lease, statement};
use crate::unit::Txn;
use crate::{Classified, SeaStore};

const COLUMNS: &str = "id, idempotency_key, kind, channel, recipient, recipient_account, dossier_id, \
    subject, body_text, body_html, status, attempts, next_attempt_at, last_error, created_at, sent_at";

/// Stores `messages` in `txn`, each key once; answers how many were new.
pub(crate) async fn insert_in(
    txn: &Txn,
    scope: &TenantScope,
    messages: &[NewMessage],
    at: DateTime<Utc>,
) -> Result<u64, AppError> {
    let mut new = 0;
    for message in messages {
        let values: Vec<Value> = vec![
            scope.tenant().as_str().into(),
            uuid::Uuid::now_v7().to_string().into(),
            message.key.as_str().into(),
            message.kind.as_str().into(),
            message.channel.as_str().into(),
            message.recipient.expose().as_str().into(),
            message
                .recipient_account
                .as_ref()
                .map(|a| a.0.clone())
                .into(),
            message
                .dossier
                .as_ref()
                .map(|d| d.as_str().to_owned())
                .into(),
            message.subject.as_str().into(),
            message.text.as_str().into(),
            message.html.clone().into(),
            message.not_before.into(),
            at.into(),
        ];
        let result = txn
            .execute_raw(statement(
                txn,
                "INSERT INTO messages (tenant_id, id, idempotency_key, kind, channel, recipient,
                    recipient_account, dossier_id, subject, body_text, body_html, status, attempts,
                    next_attempt_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', 0, $12, $13)
                 ON CONFLICT (tenant_id, idempotency_key) DO NOTHING",
                values,
            ))
            .await
            .classified()?;
        new += result.rows_affected();
    }
    Ok(new)
}

fn to_message(row: &QueryResult) -> Result<StoredMessage, AppError> {
    let text = |name: &str| -> Result<String, AppError> { row.try_get("", name).classified() };
    let optional =
        |name: &str| -> Result<Option<String>, AppError> { row.try_get("", name).classified() };
    let kind = text("kind")?;
    let channel = text("channel")?;
    let status = text("status")?;
    let unknown = |what: &str, value: &str| AppError::Internal(format!("stored {what} {value}"));
    let attempts: i32 = row.try_get("", "attempts").classified()?;
    Ok(StoredMessage {
        id: text("id")?,
        message: NewMessage {
            key: text("idempotency_key")?,
            kind: NoticeKind::parse(&kind).ok_or_else(|| unknown("kind", &kind))?,
            channel: Channel::parse(&channel).ok_or_else(|| unknown("channel", &channel))?,
            recipient: Pii::new(text("recipient")?),
            recipient_account: optional("recipient_account")?.map(AccountId),
            dossier: optional("dossier_id")?.map(DossierId::new),
            subject: text("subject")?,
            text: text("body_text")?,
            html: optional("body_html")?,
            not_before: row.try_get("", "next_attempt_at").classified()?,
        },
        status: MessageStatus::parse(&status).ok_or_else(|| unknown("status", &status))?,
        attempts: attempts.max(0) as u32,
        next_attempt_at: row.try_get("", "next_attempt_at").classified()?,
        last_error: optional("last_error")?,
        created_at: row.try_get("", "created_at").classified()?,
        sent_at: row.try_get("", "sent_at").classified()?,
    })
}

#[async_trait]
impl MessageRepo for SeaStore {
    async fn insert_messages(
        &self,
        scope: &TenantScope,
        messages: &[NewMessage],
        at: DateTime<Utc>,
    ) -> Result<u64, AppError> {
        if messages.is_empty() {
            return Ok(0);
        }
        let txn = self.begin_write(scope).await?;
        let new = insert_in(&txn, scope, messages, at).await?;
        txn.commit().await.classified()?;
        Ok(new)
    }

    async fn claim_messages(
        &self,
        scope: &TenantScope,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<StoredMessage>, AppError> {
        let sql = |lock: &str| {
            format!(
                "UPDATE messages SET lease_until = $1, attempts = attempts + 1
             WHERE tenant_id = $2 AND id IN (
                SELECT id FROM messages WHERE tenant_id = $2 AND status = 'pending'
                AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
                ORDER BY next_attempt_at LIMIT $4 {lock})
             RETURNING {COLUMNS}"
            )
        };
        let rows = lease(self, scope, sql, (now, lease_until), limit).await?;
        rows.iter().map(to_message).collect()
    }

    async fn record_attempt(
        &self,
        scope: &TenantScope,
        id: &str,
        attempt: &Attempt,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let tenant: Value = scope.tenant().as_str().into();
        let (sql, values): (&str, Vec<Value>) = match attempt {
            Attempt::Sent => (
                "UPDATE messages SET status = 'sent', sent_at = $1, lease_until = NULL, last_error = NULL
                 WHERE tenant_id = $2 AND id = $3",
                vec![at.into(), tenant, id.into()],
            ),
            Attempt::Retry(next, error) => (
                "UPDATE messages SET next_attempt_at = $1, last_error = $2, lease_until = NULL
                 WHERE tenant_id = $3 AND id = $4 AND status = 'pending'",
                vec![(*next).into(), error.as_str().into(), tenant, id.into()],
            ),
            Attempt::Dead(error) => (
                "UPDATE messages SET status = 'dead', last_error = $1, lease_until = NULL, next_attempt_at = $2
                 WHERE tenant_id = $3 AND id = $4 AND status = 'pending'",
                vec![error.as_str().into(), at.into(), tenant, id.into()],
            ),
        };
        let txn = self.begin_write(scope).await?;
        txn.execute_raw(statement(&txn, sql, values))
            .await
            .classified()?;
        txn.commit().await.classified()
    }

    async fn messages_with_status(
        &self,
        scope: &TenantScope,
        status: MessageStatus,
        limit: u32,
    ) -> Result<Vec<StoredMessage>, AppError> {
        let txn = self.begin(scope).await?;
        let rows = txn
            .query_all_raw(statement(
                &txn,
                &format!(
                    "SELECT {COLUMNS} FROM messages WHERE tenant_id = $1 AND status = $2
                     ORDER BY created_at DESC, id DESC LIMIT $3"
                ),
                vec![
                    scope.tenant().as_str().into(),
                    status.as_str().into(),
                    i64::from(limit).into(),
                ],
            ))
            .await
            .classified()?;
        txn.commit().await.classified()?;
        rows.iter().map(to_message).collect()
    }

    async fn revive(
        &self,
        scope: &TenantScope,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let txn = self.begin_write(scope).await?;
        let result = txn
            .execute_raw(statement(
                &txn,
                "UPDATE messages SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_until = NULL
                 WHERE tenant_id = $2 AND id = $3 AND status = 'dead'",
                vec![at.into(), scope.tenant().as_str().into(), id.into()],
            ))
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(result.rows_affected() == 1)
    }

    async fn message_counts(&self, scope: &TenantScope) -> Result<MessageCounts, AppError> {
        let txn = self.begin(scope).await?;
        let rows = txn
            .query_all_raw(statement(
                &txn,
                "SELECT status, COUNT(*) AS n, MIN(created_at) AS oldest FROM messages
                 WHERE tenant_id = $1 GROUP BY status",
                vec![scope.tenant().as_str().into()],
            ))
            .await
            .classified()?;
        txn.commit().await.classified()?;
        let mut counts = MessageCounts::default();
        for row in rows {
            let status: String = row.try_get("", "status").classified()?;
            let n: i64 = row.try_get("", "n").classified()?;
            let n = n.max(0) as u64;
            match status.as_str() {
                "pending" => {
                    counts.pending = n;
                    counts.oldest_pending = row.try_get("", "oldest").ok().flatten();
                }
                "dead" => counts.dead = n,
                _ => counts.sent = n,
            }
        }
        Ok(counts)
    }
}
