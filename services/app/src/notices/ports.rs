//! The ports of background work: the outbox read back, the messages it and the scheduled jobs
//! produce, the claimed ticks, what officers turned off, and the channels that carry messages.

use std::fmt;

use ansinh_config::model::{Channel, NoticeKind};
use ansinh_core::{DossierId, Pii};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::AppError;
use crate::identity::AccountId;
use crate::model::TenantScope;
use crate::outbox::OutboxEvent;

/// An outbox row taken for expansion, with its lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedEvent {
    /// Row id (UUIDv7, in commit order within a tenant).
    pub id: String,
    /// The event; `None` for a payload this version cannot read (it is set aside).
    pub event: Option<OutboxEvent>,
    /// When the change committed.
    pub created_at: DateTime<Utc>,
}

/// Outbox rows read back by the worker.
#[async_trait]
pub trait OutboxRepo: Send + Sync + fmt::Debug {
    /// Leases up to `limit` undispatched rows (oldest first) whose lease has run out or was
    /// never taken: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so concurrent workers take
    /// different rows.
    async fn claim_events(
        &self,
        scope: &TenantScope,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ClaimedEvent>, AppError>;

    /// In one transaction: stores the messages the event produced (one per idempotency key;
    /// a key already there is left as it is) and marks the row dispatched.
    async fn complete_event(
        &self,
        scope: &TenantScope,
        id: &str,
        messages: &[NewMessage],
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;

    /// Undispatched rows and the age of the oldest.
    async fn backlog(&self, scope: &TenantScope) -> Result<(u64, Option<DateTime<Utc>>), AppError>;
}

/// A message to store for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// Idempotency key: the same notice to the same recipient over the same channel always
    /// gets the same key (and so the same Message-ID).
    pub key: String,
    /// What it tells.
    pub kind: NoticeKind,
    /// How it goes.
    pub channel: Channel,
    /// Address or phone number.
    pub recipient: Pii<String>,
    /// The officer it goes to (none for an applicant).
    pub recipient_account: Option<AccountId>,
    /// The dossier it is about.
    pub dossier: Option<DossierId>,
    /// Subject.
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML (e-mail only).
    pub html: Option<String>,
    /// Deliver from.
    pub not_before: DateTime<Utc>,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageStatus {
    /// Waiting for (another) attempt.
    Pending,
    /// Accepted by the channel.
    Sent,
    /// Given up after the last attempt; waits for an administrator.
    Dead,
}

impl MessageStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Dead => "dead",
        }
    }

    /// The status a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Dead]
            .into_iter()
            .find(|status| status.as_str() == name)
    }
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMessage {
    /// Row id.
    pub id: String,
    /// The message as produced.
    pub message: NewMessage,
    /// Where it stands.
    pub status: MessageStatus,
    /// Attempts made.
    pub attempts: u32,
    /// Next attempt (pending) or last one.
    pub next_attempt_at: DateTime<Utc>,
    /// What the last failed attempt answered.
    pub last_error: Option<String>,
    /// Stored.
    pub created_at: DateTime<Utc>,
    /// Accepted by the channel.
    pub sent_at: Option<DateTime<Utc>>,
}

/// The outcome of one attempt, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// Accepted.
    Sent,
    /// Failed; tried again at this instant.
    Retry(DateTime<Utc>, String),
    /// Failed for the last time.
    Dead(String),
}

/// Counts of messages by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MessageCounts {
    /// Waiting.
    pub pending: u64,
    /// Given up.
    pub dead: u64,
    /// Sent.
    pub sent: u64,
    /// When the oldest pending one was stored.
    pub oldest_pending: Option<DateTime<Utc>>,
}

/// Messages waiting for delivery, delivered, or given up.
#[async_trait]
pub trait MessageRepo: Send + Sync + fmt::Debug {
    /// Stores messages made outside the outbox (scheduled warnings); a key already there is
    /// left as it is. Returns how many were new.
    async fn insert_messages(
        &self,
        scope: &TenantScope,
        messages: &[NewMessage],
        at: DateTime<Utc>,
    ) -> Result<u64, AppError>;

    /// Leases up to `limit` pending messages due by `now` (`FOR UPDATE SKIP LOCKED` on
    /// PostgreSQL), counting the attempt.
    async fn claim_messages(
        &self,
        scope: &TenantScope,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<StoredMessage>, AppError>;

    /// Records the outcome of the attempt on a claimed message.
    async fn record_attempt(
        &self,
        scope: &TenantScope,
        id: &str,
        attempt: &Attempt,
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;

    /// Messages with this status, newest first.
    async fn messages_with_status(
        &self,
        scope: &TenantScope,
        status: MessageStatus,
        limit: u32,
    ) -> Result<Vec<StoredMessage>, AppError>;

    /// Puts a dead message back in line with its attempts reset; false when there is no dead
    /// message with this id.
    async fn revive(
        &self,
        scope: &TenantScope,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError>;

    /// Counts by status.
    async fn message_counts(&self, scope: &TenantScope) -> Result<MessageCounts, AppError>;
}

/// A claimed tick, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickRecord {
    /// Job name.
    pub job: String,
    /// The scheduled instant.
    pub tick: DateTime<Utc>,
    /// Worker that ran it.
    pub worker: String,
    /// When it began.
    pub started_at: DateTime<Utc>,
    /// When it ended (none while running, or when its worker died).
    pub finished_at: Option<DateTime<Utc>>,
    /// `done`, `failed` or `cancelled`.
    pub outcome: Option<String>,
    /// What it did, or why it failed.
    pub detail: Option<String>,
}

/// Ticks of scheduled jobs, each claimed by exactly one worker.
#[async_trait]
pub trait TickRepo: Send + Sync + fmt::Debug {
    /// Claims `tick` of `job` for `worker`: true for the one caller that inserted the row (or
    /// took over a tick whose run was cancelled).
    async fn claim_tick(
        &self,
        scope: &TenantScope,
        job: &str,
        tick: DateTime<Utc>,
        worker: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, AppError>;

    /// Records how a claimed tick ended.
    async fn finish_tick(
        &self,
        scope: &TenantScope,
        job: &str,
        tick: DateTime<Utc>,
        outcome: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;

    /// The latest tick of each job, and per job the number of failed ticks among the last 100.
    async fn latest_ticks(&self, scope: &TenantScope) -> Result<Vec<(TickRecord, u32)>, AppError>;
}

/// What officers chose not to receive.
#[async_trait]
pub trait NoticePreferences: Send + Sync + fmt::Debug {
    /// Kinds the account turned off.
    async fn opted_out(
        &self,
        scope: &TenantScope,
        account: &AccountId,
    ) -> Result<Vec<NoticeKind>, AppError>;

    /// Turns a kind off (`off`) or on again for the account.
    async fn set_opted_out(
        &self,
        scope: &TenantScope,
        account: &AccountId,
        kind: NoticeKind,
        off: bool,
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;
}

/// Why a channel did not take a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryError {
    /// Try again later (connection refused, timeout, 4xx).
    Transient(String),
    /// The address is refused (5xx); retried all the same, up to the last attempt.
    Permanent(String),
}

impl DeliveryError {
    /// The channel's answer.
    pub fn detail(&self) -> &str {
        match self {
            Self::Transient(detail) | Self::Permanent(detail) => detail,
        }
    }
}

/// An e-mail ready to hand to the mail server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// `Message-ID` without angle brackets, derived from the idempotency key.
    pub message_id: String,
    /// Recipient address.
    pub to: Pii<String>,
    /// Subject.
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML alternative.
    pub html: Option<String>,
}

/// Sends e-mail (SMTP in production, a folder of `.eml` files in the embedded default).
#[async_trait]
pub trait Mailer: Send + Sync + fmt::Debug {
    /// Hands one message over.
    async fn send(&self, mail: &OutgoingMail) -> Result<(), DeliveryError>;
}

/// Sends short texts (SMS, Zalo) to phone numbers.
#[async_trait]
pub trait TextSender: Send + Sync + fmt::Debug {
    /// Hands one text over; `key` identifies it for the provider's de-duplication.
    async fn send(
        &self,
        channel: Channel,
        phone: &Pii<String>,
        text: &str,
        key: &str,
    ) -> Result<(), DeliveryError>;
}

/// A message template filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    /// The first line.
    pub subject: String,
    /// The rest, as text.
    pub text: String,
    /// The rest, as HTML.
    pub html: String,
}

/// Fills message templates (Markdown with merge fields, the first line the subject).
pub trait MessageComposer: Send + Sync + fmt::Debug {
    /// Fills `template` with `fields`.
    fn compose(
        &self,
        template: &str,
        fields: &std::collections::BTreeMap<String, String>,
    ) -> Result<Composed, AppError>;
}

/// Which deadline of a dossier a job watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// The current step becomes due soon (`step_warn_at`).
    StepWarning,
    /// The current step is due (`step_due_at`).
    StepDue,
    /// The appointment with the citizen (`due_at`).
    Appointment,
    /// The reminder of a supplement awaited (`supplement_remind_at`).
    SupplementReminder,
    /// The end of the wait for a supplement (`supplement_lapse_at`).
    SupplementLapse,
}

/// Dossiers by their deadlines, for the scheduled warnings.
#[async_trait]
pub trait DeadlineWatch: Send + Sync + fmt::Debug {
    /// Dossiers whose `deadline` falls in `(after, until]`, oldest deadline first, at most
    /// `limit`: being processed (in progress or rework) for the SLA deadlines, awaiting the
    /// citizen's supplement for the supplement ones.
    async fn crossing(
        &self,
        scope: &TenantScope,
        deadline: Deadline,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<crate::dossier::DossierRecord>, AppError>;
}
