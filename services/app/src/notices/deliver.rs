//! Delivery of stored messages: leased in small batches, handed to their channel, and recorded
//! as sent, to be tried again after an exponential backoff, or dead after the last attempt. A
//! worker that dies between sending and recording leaves the lease to run out; the message is
//! then sent again with the same Message-ID, so a receiver can tell it is the same one.

use std::time::Duration;

use ansinh_config::model::Channel;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use super::Notices;
use super::ports::{Attempt, DeliveryError, OutgoingMail, StoredMessage};
use crate::AppError;
use crate::model::TenantScope;

/// How delivery retries and where links point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryPolicy {
    /// Attempts before a message is dead.
    pub max_attempts: u32,
    /// Wait after the first failure; doubled after each further one.
    pub retry_base: Duration,
    /// The longest wait between attempts.
    pub retry_cap: Duration,
    /// How long a claimed message or outbox row stays with its worker.
    pub lease: Duration,
    /// Rows claimed at once.
    pub batch: u32,
    /// Messages of a batch in flight at once (each still recorded as soon as it is sent).
    pub parallel: usize,
    /// The console's address, for links in messages.
    pub console_url: String,
    /// Domain of Message-IDs.
    pub mail_domain: String,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            retry_base: Duration::from_secs(30),
            retry_cap: Duration::from_secs(3600),
            lease: Duration::from_secs(60),
            batch: 20,
            parallel: 4,
            console_url: "http://127.0.0.1:8080".to_owned(),
            mail_domain: "ansinh.local".to_owned(),
        }
    }
}

impl DeliveryPolicy {
    /// When to try again after `attempts` failed attempts.
    pub fn next_attempt(&self, attempts: u32, now: DateTime<Utc>) -> DateTime<Utc> {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
        let wait = self.retry_base.saturating_mul(factor).min(self.retry_cap);
        now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1))
    }

    pub(crate) fn lease_from(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + chrono::Duration::from_std(self.lease).unwrap_or(chrono::Duration::minutes(1))
    }
}

/// The Message-ID of the message with `key` in `tenant`: the same key, the same id.
pub fn message_id(tenant: &str, key: &str, domain: &str) -> String {
    let digest = Sha256::digest(format!("{tenant}|{key}").as_bytes());
    format!("{}@{domain}", crate::dossier::hex(&digest[..16]))
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Delivered {
    /// Accepted by their channel.
    pub sent: u32,
    /// Failed, to be tried again.
    pub retried: u32,
    /// Failed for the last time.
    pub dead: u32,
}

impl Delivered {
    /// Messages attempted.
    pub fn attempted(&self) -> u32 {
        self.sent + self.retried + self.dead
    }
}

impl Notices {
    /// Delivers one batch of the tenant's due messages.
    pub async fn deliver_due(&self, scope: &TenantScope) -> Result<Delivered, AppError> {
        let now = self.clock.now();
        let claimed = self
            .messages
            .claim_messages(scope, now, self.policy.lease_from(now), self.policy.batch)
            .await?;
        let attempts: Vec<Result<Attempt, AppError>> = futures_util::stream::iter(claimed)
            .map(|message| self.attempt(scope, message))
            .buffer_unordered(self.policy.parallel.max(1))
            .collect()
            .await;
        let mut delivered = Delivered::default();
        for attempt in attempts {
            match attempt? {
                Attempt::Sent => delivered.sent += 1,
                Attempt::Retry(..) => delivered.retried += 1,
                Attempt::Dead(_) => delivered.dead += 1,
            }
        }
        Ok(delivered)
    }

    /// Sends one message and records the outcome at once (a worker killed after the send
    /// but before the record sends it again, under the same Message-ID).
    async fn attempt(
        &self,
        scope: &TenantScope,
        message: StoredMessage,
    ) -> Result<Attempt, AppError> {
        let outcome = self.send(scope, &message).await;
        let at = self.clock.now();
        let attempt = match outcome {
            Ok(()) => Attempt::Sent,
            Err(error) if message.attempts >= self.policy.max_attempts => {
                tracing::warn!(tenant = %scope.tenant(), message = %message.id, error = error.detail(), "message dead after its last attempt");
                Attempt::Dead(error.detail().to_owned())
            }
            Err(error) => {
                let next = self.policy.next_attempt(message.attempts, at);
                Attempt::Retry(next, error.detail().to_owned())
            }
        };
        self.messages
            .record_attempt(scope, &message.id, &attempt, at)
            .await?;
        Ok(attempt)
    }

    async fn send(&self, scope: &TenantScope, stored: &StoredMessage) -> Result<(), DeliveryError> {
        let message = &stored.message;
        match message.channel {
            Channel::Email => {
                let mail = OutgoingMail {
                    message_id: message_id(
                        scope.tenant().as_str(),
                        &message.key,
                        &self.policy.mail_domain,
                    ),
                    to: message.recipient.clone(),
                    subject: message.subject.clone(),
                    text: message.text.clone(),
                    html: message.html.clone(),
                };
                self.mailer.send(&mail).await
            }
            channel => {
                let text = format!("{}: {}", message.subject, first_paragraphs(&message.text));
                self.texts
                    .send(channel, &message.recipient, &text, &message.key)
                    .await
            }
        }
    }
}

/// A short text for SMS: the message's first paragraphs up to about 300 characters.
fn first_paragraphs(text: &str) -> String {
    let mut out = String::new();
    for paragraph in text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .skip(1)
    {
        if out.chars().count() + paragraph.chars().count() > 300 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&paragraph.replace("**", ""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = DeliveryPolicy::default();
        let now = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let waits: Vec<i64> = (1..=9)
            .map(|attempts| (policy.next_attempt(attempts, now) - now).num_seconds())
            .collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }

    #[test]
    fn the_same_key_gives_the_same_message_id() {
        let a = message_id("04", "handed_over/d1/3/email/acct", "ansinh.local");
        assert_eq!(
            a,
            message_id("04", "handed_over/d1/3/email/acct", "ansinh.local")
        );
        assert_ne!(
            a,
            message_id("12", "handed_over/d1/3/email/acct", "ansinh.local")
        );
        assert_eq!(a.len(), 32 + "@ansinh.local".len());
    }
}
