//! Staff change: the open dossiers one officer holds go to another officer assigned to the
//! same position, each with its own event, in one transaction per dossier.

use ansinh_config::ProvinceConfig;
use ansinh_core::calendar::local::local_day;
use ansinh_core::dossier::{Command, Status};
use ansinh_core::{Resource, UnitId};
use chrono::NaiveDate;
use serde_json::Map;
use std::sync::Arc;

use super::Dossiers;
use super::ports::{DossierRecord, Owner};
use super::queues::ListFilter;
use crate::AppError;
use crate::identity::{AccountId, Principal};
use crate::model::{PageRequest, TenantScope};
use ansinh_core::Action;
use ansinh_core::ErrorCode;

/// What a bulk reassignment did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reassignment {
    /// Codes of the dossiers moved.
    pub moved: Vec<String>,
    /// Codes left with the old holder, and why.
    pub skipped: Vec<(String, String)>,
}

/// More than a commune's worth of open dossiers for one officer is not expected; larger moves
/// run again.
const BATCH: u64 = 500;

/// What happened to one held dossier.
enum Move {
    Moved,
    Skipped(String),
    /// Outside the caller's reach, or not at a step: left and not reported.
    Untouched,
}

/// Who hands over to whom, with the note written on each dossier's timeline, under the
/// province's assignments of the day.
struct Handover<'a> {
    from: &'a AccountId,
    to: &'a AccountId,
    note: &'a str,
    province: Arc<ProvinceConfig>,
    today: NaiveDate,
}

impl Dossiers {
    /// Moves the open dossiers held by `from` (at `unit` and below when given) to `to`, where
    /// the caller may reassign and `to` is assigned to the dossier's current step.
    pub async fn reassign_dossiers(
        &self,
        principal: &Principal,
        from: &AccountId,
        to: &AccountId,
        unit: Option<&UnitId>,
        note: &str,
    ) -> Result<Reassignment, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        if from == to {
            return Err(AppError::invalid(
                ErrorCode::SameHandler,
                "cán bộ mới trùng với cán bộ đang giữ hồ sơ",
            ));
        }
        self.require_reassign(principal, unit).await?;
        let held = self.open_held_by(&scope, from, unit).await?;
        let handover = Handover {
            from,
            to,
            note,
            province: self.reference.province_config(&scope).await?,
            today: local_day(&self.clock.now()),
        };
        let mut outcome = Reassignment::default();
        for record in held {
            let code = record.code.clone();
            match self
                .reassign_one(principal, &scope, record, &handover)
                .await?
            {
                Move::Moved => outcome.moved.push(code),
                Move::Skipped(why) => outcome.skipped.push((code, why)),
                Move::Untouched => {}
            }
        }
        Ok(outcome)
    }

    /// The caller may reassign somewhere, and at `unit` when one is named.
    async fn require_reassign(
        &self,
        principal: &Principal,
        unit: Option<&UnitId>,
    ) -> Result<(), AppError> {
        let roots = self
            .access
            .units_allowing(principal, Resource::Dossier, Action::Reassign)
            .await;
        if roots.is_empty() {
            return Err(AppError::forbidden(
                "bạn không có quyền điều chuyển hồ sơ giữa các cán bộ",
            ));
        }
        if let Some(unit) = unit {
            self.access
                .require(principal, Resource::Dossier, Action::Reassign, unit)
                .await?;
        }
        Ok(())
    }

    /// The open dossiers `holder` holds, at `unit` and below when given.
    async fn open_held_by(
        &self,
        scope: &TenantScope,
        holder: &AccountId,
        unit: Option<&UnitId>,
    ) -> Result<Vec<DossierRecord>, AppError> {
        let open = ListFilter {
            unit: unit.cloned(),
            statuses: Status::open(),
            ..ListFilter::default()
        };
        let filter = self
            .to_filter(scope, Owner::HeldBy(holder.0.clone()), &open)
            .await?;
        let page = PageRequest {
            offset: 0,
            limit: BATCH,
        };
        Ok(self
            .queries
            .find_dossiers(scope, &filter, page)
            .await?
            .items)
    }

    /// Hands one dossier over when the new officer is assigned to its current step; a
    /// concurrent change leaves it, to be tried again.
    async fn reassign_one(
        &self,
        principal: &Principal,
        scope: &TenantScope,
        record: DossierRecord,
        handover: &Handover<'_>,
    ) -> Result<Move, AppError> {
        if !self
            .access
            .allows(principal, Resource::Dossier, Action::Reassign, &record.unit)
            .await
        {
            return Ok(Move::Untouched);
        }
        let (_, workflow, _) = self.pinned_workflow(scope, &record).await?;
        let Some(step) = record
            .state
            .step
            .as_deref()
            .and_then(|s| workflow.steps.iter().find(|w| w.code == s))
        else {
            return Ok(Move::Untouched);
        };
        let staffing = self
            .step_officers(scope, &handover.province, &record, step, handover.today)
            .await?;
        if !staffing.officers.iter().any(|o| &o.id == handover.to) {
            return Ok(Move::Skipped(format!(
                "cán bộ mới không được phân công vị trí {} tại {}",
                staffing.role.title_vi(),
                staffing.unit.full_name
            )));
        }
        let command = Command::Reassign {
            handler: handover.to.0.clone(),
        };
        let mut details = Map::new();
        details.insert("previous_holder".to_owned(), handover.from.0.clone().into());
        match self
            .act_with(
                principal,
                record,
                command,
                handover.note,
                super::act::ActExtras {
                    details,
                    ..Default::default()
                },
            )
            .await
        {
            Ok(_) => Ok(Move::Moved),
            Err(AppError::Conflict) => Ok(Move::Skipped(
                "hồ sơ vừa được thao tác bởi người khác; hãy thực hiện lại".to_owned(),
            )),
            Err(other) => Err(other),
        }
    }
}
