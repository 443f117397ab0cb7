//! Creating dossiers and acting on them.

use ansinh_core::calendar::local::{local_day, to_local};
use ansinh_core::dossier::{Actor, Command, DossierState, WorkflowDef, decide};
use ansinh_core::{Resource, UnitId, text};
use sha2::{Digest, Sha256};

use super::ports::{DossierRecord, NewDossier, StoredEvent, Transition};
use crate::identity::Principal;
use crate::model::TenantScope;
use crate::{Ansinh, AppError};

/// The hash linking an event to the one before it (`event.prev_hash`).
pub fn event_hash(tenant: &str, dossier: &str, event: &StoredEvent) -> String {
    let text = format!(
        "{}|{tenant}|{dossier}|{}|{}|{}|{}|{}|{}|{}",
        event.prev_hash,
        event.version,
        event.action,
        event.actor,
        event.at.to_rfc3339(),
        event.to.0,
        event.to.1.as_deref().unwrap_or_default(),
        event.note
    );
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Ansinh {
    /// Creates a dossier on a citizen's behalf at `unit` for a procedure, under the workflow
    /// in force today; its code comes from the tenant's pattern and the agency's daily sequence.
    pub async fn create_dossier(
        &self,
        principal: &Principal,
        procedure: &str,
        unit: &UnitId,
        applicant_name: &str,
        applicant_id_number: Option<&str>,
    ) -> Result<DossierRecord, AppError> {
        self.require(principal, Resource::Dossier, "create", unit)
            .await?;
        let scope = TenantScope::new(principal.tenant.clone());
        let (version, province) = self.province_config_versioned(&scope).await?;
        let now = self.clock.now();
        let today = local_day(&now);
        let workflow = province
            .procedures
            .procedures
            .iter()
            .find(|p| p.code == procedure)
            .into_iter()
            .flat_map(|p| p.workflows.iter())
            .filter_map(|code| province.workflows.workflows.iter().find(|w| &w.code == code))
            .find(|w| w.valid_from.is_none_or(|d| d <= today) && w.valid_to.is_none_or(|d| today <= d))
            .ok_or_else(|| AppError::invalid("PROCEDURE_NOT_ENABLED", format!("thủ tục {procedure} chưa được áp dụng tại tỉnh hoặc không có quy trình hiệu lực hôm nay")))?;
        let name = text::nfc(applicant_name.trim());
        if name.is_empty() {
            return Err(AppError::invalid(
                "INVALID_NAME",
                "cần họ tên người nộp hồ sơ",
            ));
        }
        if let Some(number) = applicant_id_number {
            crate::identity::check_id_number(number)?;
        }
        let new = NewDossier {
            id: uuid::Uuid::now_v7().to_string(),
            procedure: procedure.to_owned(),
            workflow: workflow.code.clone(),
            config_version: version,
            unit: unit.clone(),
            agency: format!("{}.{}", principal.tenant, unit.code()),
            code_pattern: province.tenant.dossier_code_pattern.clone(),
            day: today,
            created_by: principal.account.0.clone(),
            applicant_name: name,
            applicant_id_number: applicant_id_number.map(str::to_owned),
            created_at: now,
        };
        let state = DossierState::draft(&principal.account.0);
        self.dossiers.create_dossier(&scope, &new, &state).await
    }

    /// One dossier, `NOT_FOUND` when outside the caller's units or tenant.
    pub async fn dossier(
        &self,
        principal: &Principal,
        id: &str,
    ) -> Result<(DossierRecord, Vec<StoredEvent>), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let not_found = || AppError::not_found("hồ sơ", id);
        let record = self
            .dossiers
            .dossier(&scope, id)
            .await?
            .ok_or_else(not_found)?;
        if !self
            .authorizer
            .allows(principal, Resource::Dossier, "read", &record.unit)
            .await
        {
            return Err(not_found());
        }
        let events = self.dossiers.events(&scope, id).await?;
        Ok((record, events))
    }

    /// The caller's queue: dossiers they hold (or created, for drafts) in these statuses.
    pub async fn my_dossiers(
        &self,
        principal: &Principal,
        statuses: &[ansinh_core::dossier::Status],
        page: crate::model::PageRequest,
    ) -> Result<crate::model::Page<DossierRecord>, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        self.dossiers
            .held_by(&scope, &principal.account.0, statuses, page)
            .await
    }

    /// The workflow a dossier is pinned to.
    async fn pinned_workflow(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<WorkflowDef, AppError> {
        let stored = self.config_version(scope, record.config_version).await?;
        let province: ansinh_config::ProvinceConfig = serde_json::from_str(&stored.content)
            .map_err(|e| AppError::Internal(format!("pinned configuration: {e}")))?;
        province
            .workflows
            .workflows
            .iter()
            .find(|w| w.code == record.workflow)
            .and_then(ansinh_config::workflow::workflow_def)
            .ok_or_else(|| {
                AppError::Internal(format!(
                    "workflow {} missing from version {}",
                    record.workflow, record.config_version
                ))
            })
    }

    /// Applies an action to a dossier as the principal, in one guarded transaction.
    pub async fn act(
        &self,
        principal: &Principal,
        dossier_id: &str,
        command: Command,
        note: &str,
    ) -> Result<DossierRecord, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let not_found = || AppError::not_found("hồ sơ", dossier_id);
        let record = self
            .dossiers
            .dossier(&scope, dossier_id)
            .await?
            .ok_or_else(not_found)?;
        if !self
            .authorizer
            .allows(principal, Resource::Dossier, "read", &record.unit)
            .await
        {
            return Err(not_found());
        }
        self.require(principal, Resource::Dossier, "transition", &record.unit)
            .await?;
        let workflow = self.pinned_workflow(&scope, &record).await?;
        let roles = principal.grants.iter().map(|g| g.role).collect();
        let actor = Actor {
            account: principal.account.0.clone(),
            acting_for: None,
            roles,
        };
        let (state, event) = decide(
            &workflow,
            &record.state,
            command,
            &actor,
            to_local(&self.clock.now()),
        )
        .map_err(AppError::from)?;
        let transition = Transition {
            expected_version: record.state.version,
            state,
            event,
            note: note.to_owned(),
            outbox: Some(("dossier.changed".to_owned(), record.id.clone())),
        };
        self.dossiers.apply(&scope, dossier_id, &transition).await?;
        // The stored row now holds exactly the decided state: no need to read it back.
        Ok(DossierRecord {
            state: transition.state,
            ..record
        })
    }
}
