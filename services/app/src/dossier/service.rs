//! Creating dossiers (also as a copy of an ended one), the access check of a read, officers'
//! names, the pinned workflow and the caller as the state machine sees them (the detail view
//! itself is `detail.rs`).

use std::collections::BTreeMap;
use std::sync::Arc;

use ansinh_config::model::Workflow;
use ansinh_core::calendar::local::local_day;
use ansinh_core::dossier::{Actor, DossierState, Status, WorkflowDef};
use ansinh_core::{Resource, UnitId};
use sha2::{Digest, Sha256};

use super::Dossiers;
use super::fields::{check_fields, check_optional_id_number};
use super::ports::{DossierRecord, NewDossier, StoredEvent};
use crate::AppError;
use crate::config_index::ConfigIndex;
use crate::identity::Principal;
use crate::model::TenantScope;
use ansinh_core::Action;
use ansinh_core::DossierId;
use ansinh_core::ErrorCode;
use ansinh_core::Pii;

/// The hash linking an event to the one before it (`event.prev_hash`).
pub fn event_hash(tenant: &str, dossier: &str, event: &StoredEvent) -> String {
    let text = format!(
        "{}|{tenant}|{dossier}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
        event.prev_hash,
        event.version,
        event.action,
        event.actor,
        event.at.to_rfc3339(),
        event.to.0,
        event.to.1.as_deref().unwrap_or_default(),
        event.note,
        event.details,
        event.sla.as_deref().unwrap_or_default()
    );
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a citizen's application says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Application {
    /// Applicant's name.
    pub applicant_name: Pii<String>,
    /// 12-digit CCCD or 9-digit CMND.
    pub applicant_id_number: Option<Pii<String>>,
    /// Other fields (address, date of birth, …).
    pub fields: Pii<BTreeMap<String, String>>,
}

impl Dossiers {
    /// Creates a dossier on a citizen's behalf at `unit` for a procedure, under the workflow
    /// in force today; its code comes from the tenant's pattern and the agency's daily sequence.
    pub async fn create_dossier(
        &self,
        principal: &Principal,
        procedure: &str,
        unit: &UnitId,
        application: &Application,
    ) -> Result<DossierRecord, AppError> {
        self.create_from(principal, procedure, unit, application, None)
            .await
    }

    async fn create_from(
        &self,
        principal: &Principal,
        procedure: &str,
        unit: &UnitId,
        application: &Application,
        source: Option<DossierId>,
    ) -> Result<DossierRecord, AppError> {
        self.access
            .require(principal, Resource::Dossier, Action::Create, unit)
            .await?;
        let scope = TenantScope::new(principal.tenant.clone());
        let (version, province) = self.reference.province_config_versioned(&scope).await?;
        let now = self.clock.now();
        let today = local_day(&now);
        let receiving = self.reference.unit(&scope, unit).await?;
        if !receiving.validity.contains(today) {
            return Err(AppError::invalid(
                ErrorCode::UnitNotCurrent,
                format!(
                    "{} (mã {}) không còn tồn tại từ {}; hãy tiếp nhận tại đơn vị hiện hành",
                    receiving.full_name,
                    receiving.id.code(),
                    receiving
                        .validity
                        .to
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_default()
                ),
            ));
        }
        let workflow = province
            .procedures
            .procedures
            .iter()
            .find(|p| p.code == procedure)
            .into_iter()
            .flat_map(|p| p.workflows.iter())
            .filter_map(|code| province.workflows.workflows.iter().find(|w| &w.code == code))
            .find(|w| w.valid_from.is_none_or(|d| d <= today) && w.valid_to.is_none_or(|d| today <= d))
            .ok_or_else(|| AppError::invalid(ErrorCode::ProcedureNotEnabled, format!("thủ tục {procedure} chưa được áp dụng tại tỉnh hoặc không có quy trình hiệu lực hôm nay")))?;
        let name = crate::input::name(
            "applicantName",
            "họ tên người nộp hồ sơ",
            application.applicant_name.expose(),
        )?;
        let id_number = check_optional_id_number(
            application
                .applicant_id_number
                .as_ref()
                .map(|n| n.expose().as_str()),
        )?;
        let fields = check_fields(application.fields.expose(), today)?;
        let new = NewDossier {
            id: DossierId::new(uuid::Uuid::now_v7().to_string()),
            procedure: procedure.to_owned(),
            workflow: workflow.code.clone(),
            config_version: version,
            unit: unit.clone(),
            agency: format!("{}.{}", principal.tenant, unit.code()),
            code_pattern: province.tenant.dossier_code_pattern.clone(),
            day: today,
            created_by: principal.account.0.clone(),
            applicant_name: Pii::new(name),
            applicant_id_number: id_number.map(Pii::new),
            fields: Pii::new(fields),
            source_dossier_id: source,
            created_at: now,
        };
        let state = DossierState::draft(&principal.account.0);
        let created = self.repo.create_dossier(&scope, &new, &state).await?;
        Ok(self.disclosed(principal, created).await)
    }

    /// "New dossier from this one": a rejected, ineligible or withdrawn dossier's application
    /// copied into a new draft linked to it.
    pub async fn copy_dossier(
        &self,
        principal: &Principal,
        source_id: &DossierId,
    ) -> Result<DossierRecord, AppError> {
        let (_, source) = self.readable(principal, source_id).await?;
        let ended = matches!(
            source.state.status,
            Status::Rejected
                | Status::ReturnedIneligible
                | Status::SupplementLapsed
                | Status::Withdrawn
        );
        if !ended {
            return Err(AppError::invalid(
                ErrorCode::SourceNotEnded,
                "chỉ tạo hồ sơ mới từ hồ sơ đã bị từ chối, trả lại (không đủ điều kiện, quá hạn bổ sung) hoặc đã rút",
            ));
        }
        let application = Application {
            applicant_name: source.applicant_name.clone(),
            applicant_id_number: source.applicant_id_number.clone(),
            fields: source.fields.clone(),
        };
        self.create_from(
            principal,
            &source.procedure,
            &source.unit,
            &application,
            Some(source.id.clone()),
        )
        .await
    }

    /// A dossier the principal may read: `FORBIDDEN` when no role of theirs reads dossiers,
    /// `NOT_FOUND` outside their units or tenant.
    pub(crate) async fn readable(
        &self,
        principal: &Principal,
        id: &DossierId,
    ) -> Result<(TenantScope, DossierRecord), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        if self
            .access
            .units_allowing(principal, Resource::Dossier, Action::Read)
            .await
            .is_empty()
        {
            return Err(AppError::forbidden("vai trò của bạn không được xem hồ sơ"));
        }
        let not_found = || AppError::not_found("hồ sơ", id);
        let record = self.repo.dossier(&scope, id).await?.ok_or_else(not_found)?;
        if !self
            .access
            .allows(principal, Resource::Dossier, Action::Read, &record.unit)
            .await
        {
            return Err(not_found());
        }
        Ok((scope, record))
    }

    /// Display names of officer accounts, by id (unknown ids are left out): so that a dossier
    /// says who holds it, even to officers who may not list accounts.
    pub async fn officer_names(
        &self,
        scope: &TenantScope,
        ids: &[String],
    ) -> Result<BTreeMap<String, String>, AppError> {
        let mut names = BTreeMap::new();
        for id in ids {
            if names.contains_key(id) {
                continue;
            }
            let key = (scope.tenant().clone(), id.clone());
            if let Some(name) = self.names.get(&key) {
                names.insert(id.clone(), name);
                continue;
            }
            let account = self
                .accounts
                .account(scope, &crate::identity::AccountId(id.clone()))
                .await?;
            if let Some(account) = account {
                self.names.insert(key, account.display_name.clone());
                names.insert(id.clone(), account.display_name);
            }
        }
        Ok(names)
    }

    /// The configuration a dossier is pinned to, its workflow and the state machine's view of
    /// it.
    pub(crate) async fn pinned_workflow(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<(Arc<ConfigIndex>, Workflow, WorkflowDef), AppError> {
        let index = self
            .reference
            .pinned_config(scope, record.config_version)
            .await?;
        let indexed = index.workflow(&record.workflow).ok_or_else(|| {
            AppError::Internal(format!(
                "workflow {} missing from version {}",
                record.workflow, record.config_version
            ))
        })?;
        Ok((index, indexed.workflow.clone(), indexed.def.clone()))
    }

    /// The principal as the state machine sees them for this dossier: their roles, and the
    /// holder they act for when they are a deputy of the current step's position.
    pub(crate) async fn actor_for(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
        workflow: &Workflow,
    ) -> Result<Actor, AppError> {
        let mut actor = Actor {
            account: principal.account.0.clone(),
            acting_for: None,
            roles: principal.grants.iter().map(|g| g.role).collect(),
        };
        let holder = record.state.holder.as_deref();
        let step = record
            .state
            .step
            .as_deref()
            .and_then(|code| workflow.steps.iter().find(|s| s.code == code));
        if let (Some(holder), Some(step)) = (holder, step)
            && holder != actor.account
        {
            let province = self.reference.province_config(scope).await?;
            // Most readers deputise for nobody: only look the step's staff up for those who do.
            let deputises = province
                .assignments
                .assignments
                .iter()
                .any(|a| step.role == Some(a.role) && a.deputies.contains(&principal.username));
            if !deputises {
                return Ok(actor);
            }
            let today = local_day(&self.clock.now());
            let staffing = self.staffing(scope, &province, record, step, today).await?;
            let deputy = staffing.deputies.iter().any(|d| d.id == principal.account);
            let holds = staffing.officers.iter().any(|o| o.id.0 == holder);
            if deputy && holds {
                actor.acting_for = Some(holder.to_owned());
                actor.roles.push(staffing.role);
            }
        }
        Ok(actor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(prev: &str, version: u32, action: &str, to: (&str, Option<&str>)) -> StoredEvent {
        StoredEvent {
            version,
            action: action.to_owned(),
            actor: "acct-1".to_owned(),
            acting_for: None,
            at: chrono::DateTime::parse_from_rfc3339("2026-03-02T08:00:00+07:00")
                .map(|at| at.with_timezone(&chrono::Utc))
                .unwrap_or_default(),
            to: (to.0.to_owned(), to.1.map(str::to_owned)),
            note: "Đã nhận".to_owned(),
            details: "{}".to_owned(),
            sla: None,
            prev_hash: prev.to_owned(),
            hash: String::new(),
        }
    }

    /// Known answers computed outside the product (Python's hashlib over the documented
    /// `prev|tenant|dossier|version|action|actor|at|status|step|note|details|sla` text).
    #[test]
    fn event_hashes_have_known_answers_and_change_with_any_field() {
        let dossier = "01936c1e-0000-7000-8000-000000000001";
        let received = event("", 1, "receive", ("in_progress", Some("tiep-nhan")));
        assert_eq!(
            event_hash("04", dossier, &received),
            "dbd7629b2ddc602efe19e2eb90f76a07f7ca8e7eca620052c78880210622f337"
        );
        let tampered = [
            StoredEvent {
                note: "Đã nhận.".to_owned(),
                ..received.clone()
            },
            StoredEvent {
                actor: "acct-2".to_owned(),
                ..received.clone()
            },
            StoredEvent {
                prev_hash: "0".to_owned(),
                ..received.clone()
            },
            StoredEvent {
                version: 2,
                ..received.clone()
            },
        ];
        for changed in tampered {
            assert_ne!(
                event_hash("04", dossier, &changed),
                event_hash("04", dossier, &received),
                "{changed:?}"
            );
        }
        assert_ne!(
            event_hash("12", dossier, &received),
            event_hash("04", dossier, &received)
        );
    }
}
