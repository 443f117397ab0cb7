//! Background types of the API.

use ansinh_app::notices::{
    BackgroundStatus as StatusModel, JobStatus, NoticeSetting as SettingModel, StoredMessage,
    TickRecord,
};
use async_graphql::{Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};

/// A scheduled job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_config::model::JobName")]
pub(crate) enum JobName {
    /// Step due-soon and late warnings (cảnh báo sắp đến hạn, quá hạn).
    SlaWarnings,
    /// The daily list of late dossiers for the province's viewers.
    LateDigest,
    /// Supplements waited for: reminders, and returns when the wait runs out.
    SupplementWait,
}

/// What a message tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_config::model::NoticeKind")]
pub(crate) enum NoticeKind {
    /// Hồ sơ chuyển đến: a dossier was handed to the officer.
    HandedOver,
    /// Hồ sơ sắp đến hạn: the officer's step is due soon.
    StepDueSoon,
    /// Hồ sơ quá hạn: the officer's step is late (cannot be turned off).
    StepLate,
    /// Tổng hợp hồ sơ quá hạn: the province viewer's daily list.
    LateDigest,
    /// Có kết quả: the applicant's result is ready.
    ResultReady,
    /// Yêu cầu bổ sung: the applicant is asked to supplement the dossier.
    SupplementRequested,
    /// Nhắc bổ sung: the applicant is reminded of the supplement still awaited.
    SupplementReminder,
    /// Trả lại do quá hạn bổ sung: the applicant is told the dossier was returned.
    SupplementLapsed,
    /// Hệ thống trả lại hồ sơ: the officer who held it is told.
    AutoReturned,
    /// Quá hẹn trả: the holder is asked for the apology letter (cannot be turned off).
    AppointmentPassed,
    /// Phiếu xin lỗi và hẹn lại: the applicant is told the new appointment.
    ApologyLetter,
}

/// How a message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_config::model::Channel")]
pub(crate) enum Channel {
    /// E-mail.
    Email,
    /// SMS.
    Sms,
    /// Zalo.
    Zalo,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_app::notices::MessageStatus")]
pub(crate) enum MessageStatus {
    /// Waiting for (another) attempt.
    Pending,
    /// Accepted by the mail server or provider.
    Sent,
    /// Given up after the last attempt; waits for an administrator.
    Dead,
}

/// One run of a job.
#[derive(Debug, SimpleObject)]
pub(crate) struct JobRun {
    /// The scheduled instant it ran for.
    tick: DateTime<Utc>,
    /// The worker that ran it.
    worker: String,
    /// When it began.
    started_at: DateTime<Utc>,
    /// When it ended (none while running, or when its worker died).
    finished_at: Option<DateTime<Utc>>,
    /// `done`, `failed` or `cancelled`.
    outcome: Option<String>,
    /// What it did, or why it failed.
    detail: Option<String>,
}

impl From<TickRecord> for JobRun {
    fn from(tick: TickRecord) -> Self {
        Self {
            tick: tick.tick,
            worker: tick.worker,
            started_at: tick.started_at,
            finished_at: tick.finished_at,
            outcome: tick.outcome,
            detail: tick.detail,
        }
    }
}

/// One job of a province.
#[derive(Debug, SimpleObject)]
pub(crate) struct JobState {
    /// The job.
    job: JobName,
    /// Its cron expression, in Vietnam time (UTC+7).
    schedule: String,
    /// The latest run.
    last_run: Option<JobRun>,
    /// Failed runs among the last 100.
    recent_failures: u32,
    /// The next scheduled instant.
    next_run: Option<DateTime<Utc>>,
}

impl From<JobStatus> for JobState {
    fn from(job: JobStatus) -> Self {
        Self {
            job: job.job.into(),
            schedule: job.schedule,
            last_run: job.last.map(Into::into),
            recent_failures: job.recent_failures,
            next_run: job.next,
        }
    }
}

/// Background work of one province.
#[derive(Debug, SimpleObject)]
pub(crate) struct BackgroundStatus {
    /// Province code.
    tenant: String,
    /// Its jobs.
    jobs: Vec<JobState>,
    /// Changes committed but not yet turned into messages.
    outbox_depth: u64,
    /// When the oldest of them committed.
    outbox_oldest: Option<DateTime<Utc>>,
    /// Messages waiting for delivery.
    pending_messages: u64,
    /// Messages given up on.
    dead_messages: u64,
    /// Messages delivered.
    sent_messages: u64,
    /// When the oldest waiting message was stored.
    oldest_pending: Option<DateTime<Utc>>,
}

impl BackgroundStatus {
    pub(crate) fn new(tenant: String, status: StatusModel) -> Self {
        Self {
            tenant,
            jobs: status.jobs.into_iter().map(Into::into).collect(),
            outbox_depth: status.outbox_depth,
            outbox_oldest: status.outbox_oldest,
            pending_messages: status.messages.pending,
            dead_messages: status.messages.dead,
            sent_messages: status.messages.sent,
            oldest_pending: status.messages.oldest_pending,
        }
    }
}

/// A message on its way (or given up), as administrators see it: the recipient only hinted.
#[derive(Debug, SimpleObject)]
pub(crate) struct OutgoingMessage {
    /// Id (give it to `retryMessage`).
    id: ID,
    /// What it tells.
    kind: NoticeKind,
    /// How it goes.
    channel: Channel,
    /// Enough of the address or number to tell recipients apart, e.g. `n•••@cb.gov.vn`.
    recipient_hint: String,
    /// The dossier it is about.
    dossier_id: Option<ID>,
    /// Subject.
    subject: String,
    /// Where it stands.
    status: MessageStatus,
    /// Attempts made.
    attempts: u32,
    /// Next attempt (waiting) or the last one.
    next_attempt_at: DateTime<Utc>,
    /// What the last failed attempt answered.
    last_error: Option<String>,
    /// Stored.
    created_at: DateTime<Utc>,
    /// Delivered.
    sent_at: Option<DateTime<Utc>>,
}

impl From<StoredMessage> for OutgoingMessage {
    fn from(stored: StoredMessage) -> Self {
        let message = stored.message;
        Self {
            id: ID(stored.id),
            kind: message.kind.into(),
            channel: message.channel.into(),
            recipient_hint: message.recipient.hint(),
            dossier_id: message.dossier.map(|d| ID(d.to_string())),
            subject: message.subject,
            status: stored.status.into(),
            attempts: stored.attempts,
            next_attempt_at: stored.next_attempt_at,
            last_error: stored.last_error,
            created_at: stored.created_at,
            sent_at: stored.sent_at,
        }
    }
}

/// A kind of notice the caller may receive as an officer.
#[derive(Debug, SimpleObject)]
pub(crate) struct NoticeSetting {
    /// The kind.
    kind: NoticeKind,
    /// Whether the caller receives it.
    enabled: bool,
    /// Whether it can be turned off (late warnings cannot).
    optional: bool,
}

impl From<SettingModel> for NoticeSetting {
    fn from(setting: SettingModel) -> Self {
        Self {
            kind: setting.kind.into(),
            enabled: setting.enabled,
            optional: setting.optional,
        }
    }
}
