//! Staff change: the open dossiers one officer holds go to another officer assigned to the
//! same position, each with its own event, in one transaction per dossier.

use ansinh_core::calendar::local::local_day;
use ansinh_core::dossier::{Command, Status};
use ansinh_core::{Resource, UnitId};
use serde_json::Map;

use super::Dossiers;
use super::ports::Owner;
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
        let open = ListFilter {
            unit: unit.cloned(),
            statuses: Status::open(),
            ..ListFilter::default()
        };
        let filter = self
            .to_filter(&scope, Owner::HeldBy(from.0.clone()), &open)
            .await?;
        let held = self
            .queries
            .find_dossiers(
                &scope,
                &filter,
                PageRequest {
                    offset: 0,
                    limit: BATCH,
                },
            )
            .await?;
        let province = self.reference.province_config(&scope).await?;
        let today = local_day(&self.clock.now());
        let mut outcome = Reassignment::default();
        for record in held.items {
            if !self
                .access
                .allows(principal, Resource::Dossier, Action::Reassign, &record.unit)
                .await
            {
                continue;
            }
            let code = record.code.clone();
            let (_, workflow, _) = self.pinned_workflow(&scope, &record).await?;
            let Some(step) = record
                .state
                .step
                .as_deref()
                .and_then(|s| workflow.steps.iter().find(|w| w.code == s))
            else {
                continue;
            };
            let staffing = self
                .step_officers(&scope, &province, &record, step, today)
                .await?;
            if !staffing.officers.iter().any(|o| &o.id == to) {
                outcome.skipped.push((
                    code,
                    format!(
                        "cán bộ mới không được phân công vị trí {} tại {}",
                        staffing.role.title_vi(),
                        staffing.unit.full_name
                    ),
                ));
                continue;
            }
            let command = Command::Reassign {
                handler: to.0.clone(),
            };
            let mut details = Map::new();
            details.insert("previous_holder".to_owned(), from.0.clone().into());
            match self
                .act_with(principal, record, command, note, details, None)
                .await
            {
                Ok(_) => outcome.moved.push(code),
                Err(AppError::Conflict) => outcome.skipped.push((
                    code,
                    "hồ sơ vừa được thao tác bởi người khác; hãy thực hiện lại".to_owned(),
                )),
                Err(other) => return Err(other),
            }
        }
        Ok(outcome)
    }
}
