//! The scheduled jobs of a tenant, each a function of the tick it runs for: the step warnings
//! (due soon to the holder and the step's deputies; late to them and the leader of the unit)
//! and the daily digest of dossiers past their appointment for the province's viewers, sent
//! only on the province's working days. Each warning has its own key, so a tick run again
//! (or a catch-up after downtime) adds nothing twice.

use ansinh_config::model::{EffectiveNotices, JobName, NoticeKind};
use chrono::{DateTime, Duration, Utc};

use super::Notices;
use super::compose::Notice;
use super::ports::Deadline;
use crate::AppError;
use crate::documents::shown_time;
use crate::model::TenantScope;

/// How far back a warning is still worth sending after downtime.
const LOOKBACK_DAYS: i64 = 7;
/// Dossiers warned about per deadline and tick at most.
const PER_TICK: u32 = 500;

/// What a job's tick did, for its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRun {
    /// One line: what was found and sent.
    pub detail: String,
}

impl Notices {
    /// Claims a tick for `worker` (see `TickRepo::claim_tick`).
    pub async fn claim_tick(
        &self,
        scope: &TenantScope,
        job: JobName,
        tick: DateTime<Utc>,
        worker: &str,
    ) -> Result<bool, AppError> {
        self.ticks
            .claim_tick(scope, job.as_str(), tick, worker, self.clock.now())
            .await
    }

    /// Records how a claimed tick ended (`done`, `failed`, `cancelled`).
    pub async fn finish_tick(
        &self,
        scope: &TenantScope,
        job: JobName,
        tick: DateTime<Utc>,
        outcome: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        self.ticks
            .finish_tick(scope, job.as_str(), tick, outcome, detail, self.clock.now())
            .await
    }

    /// Runs `job` for the scope's tenant as of `tick`.
    pub async fn run_job(
        &self,
        scope: &TenantScope,
        job: JobName,
        tick: DateTime<Utc>,
    ) -> Result<JobRun, AppError> {
        let rules = self.effective(scope).await?;
        match job {
            JobName::SlaWarnings => self.step_warnings(scope, &rules, tick).await,
            JobName::LateDigest => self.late_digest(scope, &rules, tick).await,
            JobName::SupplementWait => self.supplement_wait(scope, &rules, tick).await,
        }
    }

    async fn step_warnings(
        &self,
        scope: &TenantScope,
        rules: &EffectiveNotices,
        tick: DateTime<Utc>,
    ) -> Result<JobRun, AppError> {
        let after = tick - Duration::days(LOOKBACK_DAYS);
        let mut found = 0;
        let mut messages = Vec::new();
        for (deadline, kind) in [
            (Deadline::StepWarning, NoticeKind::StepDueSoon),
            (Deadline::StepDue, NoticeKind::StepLate),
            (Deadline::Appointment, NoticeKind::AppointmentPassed),
        ] {
            let records = self
                .watch
                .crossing(scope, deadline, after, tick, PER_TICK)
                .await?;
            found += records.len();
            for record in &records {
                let mut recipients = self.holder_and_deputies(scope, record).await?;
                if kind == NoticeKind::StepLate {
                    for leader in self.step_unit_leaders(scope, record).await? {
                        if !recipients.iter().any(|r| r.account == leader.account) {
                            recipients.push(leader);
                        }
                    }
                }
                let mut fields = self.dossier_fields(scope, record).await?;
                let holder = match &record.state.holder {
                    Some(id) => self.officer(scope, id).await?.map(|r| r.name),
                    None => None,
                };
                fields.insert("nguoi_xu_ly".to_owned(), holder.unwrap_or_default());
                let occasion = if kind == NoticeKind::AppointmentPassed {
                    // Once per appointment: an apology letter's new one that passes again
                    // prompts again.
                    let due = record.deadlines.due_at.map_or(0, |at| at.timestamp());
                    format!("{}/appointment/{due}", record.id.as_str())
                } else {
                    let started = record
                        .deadlines
                        .step_started_at
                        .map_or(0, |at| at.timestamp());
                    format!(
                        "{}/{}/{started}",
                        record.id.as_str(),
                        record.state.step.as_deref().unwrap_or("")
                    )
                };
                let notice = Notice {
                    kind,
                    occasion,
                    dossier: Some(record),
                    step: record.state.step.as_deref(),
                    fields,
                    not_before: tick,
                };
                messages.extend(
                    self.messages_for(scope, rules, &notice, &recipients)
                        .await?,
                );
            }
        }
        let new = self
            .messages
            .insert_messages(scope, &messages, tick)
            .await?;
        Ok(JobRun {
            detail: format!("{found} hồ sơ đến mốc cảnh báo, {new} thông báo mới"),
        })
    }

    async fn late_digest(
        &self,
        scope: &TenantScope,
        rules: &EffectiveNotices,
        tick: DateTime<Utc>,
    ) -> Result<JobRun, AppError> {
        let day = ansinh_core::calendar::local::local_day(&tick);
        if !self.is_working_day(scope, day).await? {
            return Ok(JobRun {
                detail: format!("{} là ngày nghỉ: không gửi", day.format("%d/%m/%Y")),
            });
        }
        let late = self
            .watch
            .crossing(
                scope,
                Deadline::Appointment,
                tick - Duration::days(3650),
                tick,
                1000,
            )
            .await?;
        if late.is_empty() {
            return Ok(JobRun {
                detail: "không có hồ sơ quá hạn".to_owned(),
            });
        }
        let mut lines = Vec::new();
        for record in &late {
            let fields = self.dossier_fields(scope, record).await?;
            let get = |name: &str| fields.get(name).cloned().unwrap_or_default();
            let due = record.deadlines.due_at.map(shown_time).unwrap_or_default();
            lines.push(format!(
                "- {} — {} — {} — hẹn trả {due}",
                record.code,
                get("ten_thu_tuc"),
                get("ten_don_vi")
            ));
        }
        let tenant = self.documents.reference.tenant(scope).await?;
        let local = ansinh_core::calendar::local::to_local(&tick);
        let fields = std::collections::BTreeMap::from([
            ("ngay".to_owned(), day.format("%d/%m/%Y").to_string()),
            ("gio".to_owned(), local.format("%H:%M").to_string()),
            ("ten_tinh".to_owned(), tenant.full_name),
            ("so_ho_so".to_owned(), late.len().to_string()),
            ("danh_sach".to_owned(), lines.join("\n")),
        ]);
        let notice = Notice {
            kind: NoticeKind::LateDigest,
            occasion: day.to_string(),
            dossier: None,
            step: None,
            fields,
            not_before: tick,
        };
        let viewers = self.province_viewers(scope).await?;
        let messages = self.messages_for(scope, rules, &notice, &viewers).await?;
        let new = self
            .messages
            .insert_messages(scope, &messages, tick)
            .await?;
        Ok(JobRun {
            detail: format!("{} hồ sơ quá hạn, {new} thư tổng hợp", late.len()),
        })
    }

    /// Whether `day` is a working day at the province's first reception office.
    async fn is_working_day(
        &self,
        scope: &TenantScope,
        day: chrono::NaiveDate,
    ) -> Result<bool, AppError> {
        let reference = &self.documents.reference;
        let province = reference.province_config(scope).await?;
        let Some(office) = province.offices.offices.first() else {
            return Ok(true);
        };
        let calendar = reference
            .office_calendar(scope, &office.code, chrono::Datelike::year(&day))
            .await?;
        Ok(calendar
            .calendar
            .day(day)
            .map(|info| info.kind.is_working())
            .unwrap_or(true))
    }
}
