//! Waiting on the citizen and being late for them: the instants a dossier awaiting a
//! supplement reminds the citizen and is returned (kept on the row for the scheduled job), the
//! system's return itself, and the apology letter's extension of the appointment (working
//! minutes added to the dossier's clock, recorded on its event: the ledger, never a date
//! rewritten).

use ansinh_config::model::{EffectiveNotices, SupplementWait, Workflow};
use ansinh_core::calendar::local::{from_local, to_local};
use ansinh_core::dossier::{
    Actor, Command, DossierEvent, DossierState, Extension, Status, appointment_extension,
    supplement_wait,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use super::Dossiers;
use super::act::ActExtras;
use super::ports::{Deadlines, DossierRecord};
use super::sla::timeline_points;
use crate::AppError;
use crate::model::TenantScope;

fn utc(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    from_local(local).with_timezone(&Utc)
}

impl Dossiers {
    /// The province's supplement wait (its own, or the national default).
    pub(crate) async fn supplement_wait_rule(
        &self,
        scope: &TenantScope,
    ) -> Result<Option<SupplementWait>, AppError> {
        let national = self.reference.national_config().await?;
        let province = self.reference.province_config(scope).await?;
        Ok(EffectiveNotices::merge(
            &national.notices,
            &national.message_texts,
            province.notices.as_ref(),
        )
        .supplement_wait)
    }

    /// While the dossier awaits a supplement, when the citizen is reminded and when the dossier
    /// is returned: counted from the request, so an edit meanwhile moves neither.
    pub(crate) async fn keep_supplement_wait(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        (state, event): (&DossierState, &DossierEvent),
        deadlines: &mut Deadlines,
    ) -> Result<(), AppError> {
        if state.status != Status::AwaitingSupplement {
            return Ok(());
        }
        if record.state.status == Status::AwaitingSupplement {
            deadlines.supplement_remind_at = record.deadlines.supplement_remind_at;
            deadlines.supplement_lapse_at = record.deadlines.supplement_lapse_at;
            return Ok(());
        }
        let Some(wait) = self.supplement_wait_rule(scope).await? else {
            return Ok(());
        };
        let unit = self.reference.unit(scope, &record.unit).await?;
        let requested = utc(event.at);
        let calendar = self.unit_calendar(scope, &unit, requested).await?;
        let (remind, lapse) = supplement_wait(
            &calendar.calendar,
            event.at,
            wait.remind_after_days,
            wait.return_after_days,
        )?;
        deadlines.supplement_remind_at = Some(utc(remind));
        deadlines.supplement_lapse_at = Some(utc(lapse));
        Ok(())
    }

    /// The system returns a dossier whose supplement did not come within `waited_days`
    /// working days (the supplement-wait job): the record after it.
    pub(crate) async fn close_unsupplemented(
        &self,
        scope: &TenantScope,
        record: DossierRecord,
        waited_days: u32,
    ) -> Result<DossierRecord, AppError> {
        let command = Command::CloseUnsupplemented { waited_days };
        let note = format!(
            "Quá {waited_days} ngày làm việc chờ công dân bổ sung: hệ thống tự động trả lại hồ sơ"
        );
        let (updated, _) = self
            .commit_action(
                scope,
                record,
                &Actor::system(),
                command,
                &note,
                ActExtras::default(),
            )
            .await?;
        Ok(updated)
    }

    /// What an apology letter moving the appointment to `until` adds to the dossier's clock,
    /// and what its event records of it (the minutes, the appointment replaced).
    pub(crate) async fn extension(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        workflow: &Workflow,
        until: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(Extension, Map<String, Value>), AppError> {
        let events = self.repo.events(scope, &record.id).await?;
        let unit = self.reference.unit(scope, &record.unit).await?;
        let points = timeline_points(&events);
        let sla = self
            .evaluate_sla(scope, &unit, workflow, &points, now, false)
            .await?;
        let overall = sla.overall.as_ref();
        let status = overall.map_or(ansinh_core::calendar::SlaStatus::NotDue, |o| o.status);
        let due = overall
            .filter(|o| o.finished_at.is_none())
            .and_then(|o| o.due_at)
            .map(|due| to_local(&due));
        let calendar = self.unit_calendar(scope, &unit, now).await?;
        let minutes = appointment_extension(&calendar.calendar, status, due, until)?;
        let mut recorded = Map::new();
        recorded.insert("minutes".to_owned(), minutes.into());
        if let Some(due) = due {
            recorded.insert("previous_due".to_owned(), utc(due).to_rfc3339().into());
        }
        let extension = Extension {
            minutes,
            reason: reason.to_owned(),
        };
        Ok((extension, recorded))
    }
}
