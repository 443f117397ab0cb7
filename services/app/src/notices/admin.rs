//! What platform administrators see of background work (each job's last and next tick and
//! recent failures, the outbox backlog, messages waiting or dead) and what they can do (put a
//! dead message back in line), and what an officer can turn off.

use ansinh_config::model::{JobName, NoticeKind};
use ansinh_config::schedule::JobSchedule;
use ansinh_core::{ErrorCode, Role};
use chrono::{DateTime, Utc};

use super::Notices;
use super::ports::{MessageCounts, MessageStatus, StoredMessage, TickRecord};
use crate::AppError;
use crate::identity::Principal;
use crate::model::TenantScope;

/// One job of a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus {
    /// Job.
    pub job: JobName,
    /// Its cron expression.
    pub schedule: String,
    /// The latest claimed tick.
    pub last: Option<TickRecord>,
    /// Failed ticks among the last 100.
    pub recent_failures: u32,
    /// The next tick.
    pub next: Option<DateTime<Utc>>,
}

/// Background work of one tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackgroundStatus {
    /// Jobs.
    pub jobs: Vec<JobStatus>,
    /// Outbox rows not yet turned into messages.
    pub outbox_depth: u64,
    /// When the oldest of them committed.
    pub outbox_oldest: Option<DateTime<Utc>>,
    /// Messages by status.
    pub messages: MessageCounts,
}

/// How much background work of one tenant is waiting (for the metrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueFigures {
    /// Outbox rows not yet turned into messages.
    pub outbox_depth: u64,
    /// When the oldest of them committed.
    pub outbox_oldest: Option<DateTime<Utc>>,
    /// Messages by status.
    pub messages: MessageCounts,
}

/// One kind of message an officer may receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeSetting {
    /// Kind.
    pub kind: NoticeKind,
    /// Whether the officer receives it.
    pub enabled: bool,
    /// Whether it can be turned off.
    pub optional: bool,
}

fn platform_admin(principal: &Principal) -> Result<(), AppError> {
    let admin = principal.tenant.is_national()
        && principal
            .grants
            .iter()
            .any(|g| g.role == Role::PlatformAdmin);
    if admin {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "chỉ quản trị nền tảng xem và xử lý công việc nền",
        ))
    }
}

impl Notices {
    /// Background work of `tenant` (platform administrators).
    pub async fn background_status(
        &self,
        principal: &Principal,
        scope: &TenantScope,
    ) -> Result<BackgroundStatus, AppError> {
        platform_admin(principal)?;
        let now = self.clock.now();
        let rules = self.effective(scope).await?;
        let ticks = self.ticks.latest_ticks(scope).await?;
        let jobs = JobName::ALL
            .into_iter()
            .filter_map(|job| rules.schedules.get(&job).map(|cron| (job, cron)))
            .map(|(job, cron)| {
                let found = ticks.iter().find(|(t, _)| t.job == job.as_str());
                JobStatus {
                    job,
                    schedule: cron.clone(),
                    last: found.map(|(t, _)| t.clone()),
                    recent_failures: found.map_or(0, |(_, failures)| *failures),
                    next: JobSchedule::parse(cron)
                        .ok()
                        .and_then(|s| s.next_after(now)),
                }
            })
            .collect();
        let queues = self.queue_figures(scope).await?;
        Ok(BackgroundStatus {
            jobs,
            outbox_depth: queues.outbox_depth,
            outbox_oldest: queues.outbox_oldest,
            messages: queues.messages,
        })
    }

    /// The outbox backlog and the messages by status of `scope`'s tenant (the worker's
    /// gauges; administrators see them in `background_status`).
    pub async fn queue_figures(&self, scope: &TenantScope) -> Result<QueueFigures, AppError> {
        let (outbox_depth, outbox_oldest) = self.outbox.backlog(scope).await?;
        Ok(QueueFigures {
            outbox_depth,
            outbox_oldest,
            messages: self.messages.message_counts(scope).await?,
        })
    }

    /// Messages of `tenant` with `status`, newest first (platform administrators).
    pub async fn messages_with_status(
        &self,
        principal: &Principal,
        scope: &TenantScope,
        status: MessageStatus,
        limit: u32,
    ) -> Result<Vec<StoredMessage>, AppError> {
        platform_admin(principal)?;
        self.messages
            .messages_with_status(scope, status, limit.min(200))
            .await
    }

    /// Puts a dead message back in line (platform administrators).
    pub async fn retry_message(
        &self,
        principal: &Principal,
        scope: &TenantScope,
        id: &str,
    ) -> Result<(), AppError> {
        platform_admin(principal)?;
        if self.messages.revive(scope, id, self.clock.now()).await? {
            Ok(())
        } else {
            Err(AppError::invalid(
                ErrorCode::MessageNotDead,
                "chỉ gửi lại được thư đã ngừng gửi (dead); thư này không có hoặc đang chờ gửi",
            ))
        }
    }

    /// The kinds of message the caller may receive as an officer, and whether they do.
    pub async fn my_settings(&self, principal: &Principal) -> Result<Vec<NoticeSetting>, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let off = self
            .preferences
            .opted_out(&scope, &principal.account)
            .await?;
        Ok(NoticeKind::ALL
            .into_iter()
            .filter(|kind| kind.to_officers())
            .map(|kind| NoticeSetting {
                kind,
                enabled: kind.mandatory() || !off.contains(&kind),
                optional: !kind.mandatory(),
            })
            .collect())
    }

    /// Turns a kind of message on or off for the caller (late warnings stay on).
    pub async fn set_my_setting(
        &self,
        principal: &Principal,
        kind: NoticeKind,
        enabled: bool,
    ) -> Result<Vec<NoticeSetting>, AppError> {
        if !kind.to_officers() {
            return Err(AppError::invalid(
                ErrorCode::NoticeNotForOfficers,
                "loại thông báo này gửi cho người nộp hồ sơ, không phải cho cán bộ",
            ));
        }
        if kind.mandatory() && !enabled {
            return Err(AppError::invalid(
                ErrorCode::NoticeMandatory,
                "cảnh báo quá hạn luôn được gửi và không thể tắt",
            ));
        }
        let scope = TenantScope::new(principal.tenant.clone());
        self.preferences
            .set_opted_out(&scope, &principal.account, kind, !enabled, self.clock.now())
            .await?;
        self.my_settings(principal).await
    }
}
