//! Background-work ports in memory: the outbox read from the fake dossiers, messages, ticks,
//! opt-outs, and channels that record what they were given.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use ansinh_config::model::{Channel, NoticeKind};
use ansinh_core::Pii;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::AppError;
use crate::identity::AccountId;
use crate::model::TenantScope;
use crate::notices::{
    Attempt, Composed, DeliveryError, Mailer, MessageComposer, MessageCounts, MessageRepo,
    MessageStatus, NewMessage, NoticePreferences, OutgoingMail, StoredMessage, TextSender,
    TickRecord, TickRepo,
};

#[derive(Debug, Default)]
struct Data {
    messages: Vec<(String, StoredMessage)>,
    ticks: BTreeSet<(String, String, DateTime<Utc>)>,
    opted_out: BTreeSet<(String, String, NoticeKind)>,
    mails: Vec<OutgoingMail>,
}

/// Messages, ticks, opt-outs and sent mail in memory.
#[derive(Debug, Default)]
pub(crate) struct FakeNotices(Mutex<Data>);

impl FakeNotices {
    fn data(&self) -> std::sync::MutexGuard<'_, Data> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stored messages of a tenant, in order.
    pub(crate) fn stored(&self, tenant: &str) -> Vec<StoredMessage> {
        let data = self.data();
        data.messages
            .iter()
            .filter(|(t, _)| t == tenant)
            .map(|(_, m)| m.clone())
            .collect()
    }

    /// Mail handed to the mailer, in order.
    pub(crate) fn mails(&self) -> Vec<OutgoingMail> {
        self.data().mails.clone()
    }
}

#[async_trait]
impl MessageRepo for FakeNotices {
    async fn insert_messages(
        &self,
        scope: &TenantScope,
        messages: &[NewMessage],
        at: DateTime<Utc>,
    ) -> Result<u64, AppError> {
        let tenant = scope.tenant().as_str().to_owned();
        let mut data = self.data();
        let mut new = 0;
        for message in messages {
            if data
                .messages
                .iter()
                .any(|(t, m)| *t == tenant && m.message.key == message.key)
            {
                continue;
            }
            let id = format!("m{}", data.messages.len() + 1);
            data.messages.push((
                tenant.clone(),
                StoredMessage {
                    id,
                    message: message.clone(),
                    status: MessageStatus::Pending,
                    attempts: 0,
                    next_attempt_at: message.not_before,
                    last_error: None,
                    created_at: at,
                    sent_at: None,
                },
            ));
            new += 1;
        }
        Ok(new)
    }

    async fn claim_messages(
        &self,
        scope: &TenantScope,
        now: DateTime<Utc>,
        _lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<StoredMessage>, AppError> {
        let tenant = scope.tenant().as_str();
        let mut data = self.data();
        let mut out = Vec::new();
        for (t, m) in &mut data.messages {
            if t == tenant && m.status == MessageStatus::Pending && m.next_attempt_at <= now {
                m.attempts += 1;
                out.push(m.clone());
                if out.len() as u32 == limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    async fn record_attempt(
        &self,
        scope: &TenantScope,
        id: &str,
        attempt: &Attempt,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let tenant = scope.tenant().as_str();
        let mut data = self.data();
        if let Some((_, m)) = data
            .messages
            .iter_mut()
            .find(|(t, m)| t == tenant && m.id == id)
        {
            match attempt {
                Attempt::Sent => {
                    m.status = MessageStatus::Sent;
                    m.sent_at = Some(at);
                }
                Attempt::Retry(next, error) => {
                    m.next_attempt_at = *next;
                    m.last_error = Some(error.clone());
                }
                Attempt::Dead(error) => {
                    m.status = MessageStatus::Dead;
                    m.last_error = Some(error.clone());
                }
            }
        }
        Ok(())
    }

    async fn messages_with_status(
        &self,
        scope: &TenantScope,
        status: MessageStatus,
        limit: u32,
    ) -> Result<Vec<StoredMessage>, AppError> {
        let mut found: Vec<_> = self
            .stored(scope.tenant().as_str())
            .into_iter()
            .filter(|m| m.status == status)
            .collect();
        found.reverse();
        found.truncate(limit as usize);
        Ok(found)
    }

    async fn revive(
        &self,
        scope: &TenantScope,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let tenant = scope.tenant().as_str();
        let mut data = self.data();
        let found = data
            .messages
            .iter_mut()
            .find(|(t, m)| t == tenant && m.id == id && m.status == MessageStatus::Dead);
        Ok(found
            .map(|(_, m)| {
                m.status = MessageStatus::Pending;
                m.attempts = 0;
                m.next_attempt_at = at;
            })
            .is_some())
    }

    async fn message_counts(&self, scope: &TenantScope) -> Result<MessageCounts, AppError> {
        let mut counts = MessageCounts::default();
        for m in self.stored(scope.tenant().as_str()) {
            match m.status {
                MessageStatus::Pending => counts.pending += 1,
                MessageStatus::Sent => counts.sent += 1,
                MessageStatus::Dead => counts.dead += 1,
            }
        }
        Ok(counts)
    }
}

#[async_trait]
impl TickRepo for FakeNotices {
    async fn claim_tick(
        &self,
        scope: &TenantScope,
        job: &str,
        tick: DateTime<Utc>,
        _worker: &str,
        _at: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let key = (scope.tenant().as_str().to_owned(), job.to_owned(), tick);
        Ok(self.data().ticks.insert(key))
    }

    async fn finish_tick(
        &self,
        _scope: &TenantScope,
        _job: &str,
        _tick: DateTime<Utc>,
        _outcome: &str,
        _detail: &str,
        _at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        Ok(())
    }

    async fn latest_ticks(&self, _scope: &TenantScope) -> Result<Vec<(TickRecord, u32)>, AppError> {
        Ok(Vec::new())
    }
}

#[async_trait]
impl NoticePreferences for FakeNotices {
    async fn opted_out(
        &self,
        scope: &TenantScope,
        account: &AccountId,
    ) -> Result<Vec<NoticeKind>, AppError> {
        let tenant = scope.tenant().as_str();
        Ok(self
            .data()
            .opted_out
            .iter()
            .filter(|(t, a, _)| t == tenant && *a == account.0)
            .map(|(_, _, kind)| *kind)
            .collect())
    }

    async fn set_opted_out(
        &self,
        scope: &TenantScope,
        account: &AccountId,
        kind: NoticeKind,
        off: bool,
        _at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let key = (scope.tenant().as_str().to_owned(), account.0.clone(), kind);
        let mut data = self.data();
        if off {
            data.opted_out.insert(key);
        } else {
            data.opted_out.remove(&key);
        }
        Ok(())
    }
}

#[async_trait]
impl Mailer for FakeNotices {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), DeliveryError> {
        if mail.to.expose().ends_with("@khong-nhan.test") {
            return Err(DeliveryError::Permanent(
                "550 mailbox unavailable".to_owned(),
            ));
        }
        self.data().mails.push(mail.clone());
        Ok(())
    }
}

#[async_trait]
impl TextSender for FakeNotices {
    async fn send(
        &self,
        _channel: Channel,
        _phone: &Pii<String>,
        _text: &str,
        _key: &str,
    ) -> Result<(), DeliveryError> {
        Ok(())
    }
}

/// Subject from the first line, the rest as text and as HTML, fields replaced plainly.
#[derive(Debug, Default)]
pub(crate) struct PlainComposer;

impl MessageComposer for PlainComposer {
    fn compose(
        &self,
        template: &str,
        fields: &BTreeMap<String, String>,
    ) -> Result<Composed, AppError> {
        let mut text = template.to_owned();
        for (name, value) in fields {
            text = text.replace(&format!("{{{{ {name} }}}}"), value);
        }
        let (subject, body) = text.split_once('\n').unwrap_or((&text, ""));
        Ok(Composed {
            subject: subject.trim_start_matches("# ").to_owned(),
            text: body.trim().to_owned(),
            html: body.trim().to_owned(),
        })
    }
}

/// The outbox of the fake dossiers, its messages stored with the fake notices.
#[derive(Debug)]
pub(crate) struct FakeOutbox(
    pub(crate) std::sync::Arc<super::FakeDossiers>,
    pub(crate) std::sync::Arc<FakeNotices>,
);

#[async_trait]
impl crate::notices::OutboxRepo for FakeOutbox {
    async fn claim_events(
        &self,
        _scope: &TenantScope,
        now: DateTime<Utc>,
        _lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<crate::notices::ClaimedEvent>, AppError> {
        Ok(self.0.undispatched(now, limit))
    }

    async fn complete_event(
        &self,
        scope: &TenantScope,
        id: &str,
        messages: &[NewMessage],
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        self.1.insert_messages(scope, messages, at).await?;
        self.0.dispatch(id);
        Ok(())
    }

    async fn backlog(
        &self,
        _scope: &TenantScope,
    ) -> Result<(u64, Option<DateTime<Utc>>), AppError> {
        Ok((self.0.backlog(), None))
    }
}
