//! The supplement-wait job and the messages of waiting and lateness: the citizen reminded of a
//! supplement still awaited (once per request), the dossier returned by the system when the
//! wait runs out (the citizen and the officer who held it told, from the outbox like every
//! change), and the apology letter with its new appointment sent to the citizen.

use std::collections::BTreeMap;

use ansinh_config::model::{EffectiveNotices, NoticeKind};
use chrono::{DateTime, Duration, Utc};

use super::Notices;
use super::compose::Notice;
use super::ports::Deadline;
use super::recipients::Recipient;
use super::warnings::JobRun;
use crate::AppError;
use crate::documents::shown_time;
use crate::dossier::DossierRecord;
use crate::model::TenantScope;

/// How far back a reminder is still worth sending after downtime.
const REMINDER_LOOKBACK_DAYS: i64 = 7;
/// Dossiers reminded or returned per tick at most (the next tick takes the rest).
const PER_TICK: u32 = 200;

type Fields = BTreeMap<String, String>;

impl Notices {
    /// Reminds the citizens whose supplement is due a reminder, and returns the dossiers whose
    /// wait has run out (however long ago: a return is never skipped).
    pub(super) async fn supplement_wait(
        &self,
        scope: &TenantScope,
        rules: &EffectiveNotices,
        tick: DateTime<Utc>,
    ) -> Result<JobRun, AppError> {
        let Some(wait) = rules.supplement_wait else {
            return Ok(JobRun {
                detail: "chưa cấu hình thời gian chờ bổ sung".to_owned(),
            });
        };
        let due = self
            .watch
            .crossing(
                scope,
                Deadline::SupplementReminder,
                tick - Duration::days(REMINDER_LOOKBACK_DAYS),
                tick,
                PER_TICK,
            )
            .await?;
        let mut messages = Vec::new();
        for record in &due {
            let Some(applicant) = Recipient::applicant(record) else {
                continue;
            };
            let fields = self.waiting_fields(scope, record).await?;
            let remind = record
                .deadlines
                .supplement_remind_at
                .map_or(0, |at| at.timestamp());
            let notice = Notice {
                kind: NoticeKind::SupplementReminder,
                occasion: format!("{}/reminder/{remind}", record.id.as_str()),
                dossier: Some(record),
                step: record.state.step.as_deref(),
                fields,
                not_before: tick,
            };
            messages.extend(
                self.messages_for(scope, rules, &notice, &[applicant])
                    .await?,
            );
        }
        let reminded = self
            .messages
            .insert_messages(scope, &messages, tick)
            .await?;
        let lapsed = self
            .watch
            .crossing(
                scope,
                Deadline::SupplementLapse,
                tick - Duration::days(3650),
                tick,
                PER_TICK,
            )
            .await?;
        let mut returned = 0;
        for record in lapsed {
            let id = record.id.clone();
            let dossiers = &self.documents.dossiers;
            match dossiers
                .close_unsupplemented(scope, record, wait.return_after_days)
                .await
            {
                Ok(_) => returned += 1,
                // Someone acted on it meanwhile (the supplement came in): the next tick sees.
                Err(AppError::Conflict) => {
                    tracing::info!(tenant = %scope.tenant(), dossier = %id.as_str(), "dossier changed while being returned; left to the next tick");
                }
                Err(error) => return Err(error),
            }
        }
        Ok(JobRun {
            detail: format!(
                "{} hồ sơ đến hạn nhắc ({reminded} thông báo mới), {returned} hồ sơ trả lại do quá hạn bổ sung",
                due.len()
            ),
        })
    }

    /// The fields of a message about a supplement awaited: the list and when it was asked
    /// (the latest request), how long the wait is, when it ends.
    pub(super) async fn waiting_fields(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<Fields, AppError> {
        let fields = self.dossier_fields(scope, record).await?;
        let events = self
            .documents
            .dossiers
            .repo
            .events(scope, &record.id)
            .await?;
        let request = events
            .iter()
            .rev()
            .find(|e| e.action == "request_supplement");
        let Some(request) = request else {
            return Ok(fields);
        };
        let mut fields = self
            .supplement_fields(scope, &record.id, request.version, fields)
            .await?;
        let day = ansinh_core::calendar::local::to_local(&request.at).date();
        fields.insert(
            "ngay_yeu_cau".to_owned(),
            day.format("%d/%m/%Y").to_string(),
        );
        let lapse = record.deadlines.supplement_lapse_at.map(shown_time);
        fields.insert("han_bo_sung".to_owned(), lapse.unwrap_or_default());
        if let Some(wait) = self.effective(scope).await?.supplement_wait {
            fields.insert("so_ngay_cho".to_owned(), wait.return_after_days.to_string());
        }
        Ok(fields)
    }

    /// The fields of the apology letter's message, from the event that extended the
    /// appointment (`version`).
    pub(super) async fn apology_fields(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        version: u32,
        mut fields: Fields,
    ) -> Result<Fields, AppError> {
        let events = self
            .documents
            .dossiers
            .repo
            .events(scope, &record.id)
            .await?;
        let Some(event) = events.iter().find(|e| e.version == version) else {
            return Ok(fields);
        };
        let details = event.read_details();
        let day = |at: Option<DateTime<Utc>>| {
            at.map(|at| {
                ansinh_core::calendar::local::to_local(&at)
                    .format("%d/%m/%Y")
                    .to_string()
            })
            .unwrap_or_default()
        };
        fields.insert("ngay_hen_tra_cu".to_owned(), day(details.previous_due));
        fields.insert(
            "ngay_hen_tra_moi".to_owned(),
            details
                .until
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
        );
        fields.insert(
            "ly_do_tre_han".to_owned(),
            details.reason.unwrap_or_default(),
        );
        Ok(fields)
    }
}
