//! The decision draft for the officer who prepares it (and the leader who will sign): the
//! province's template for the dossier's procedure, in the configuration version the dossier is
//! pinned to, filled in and laid out, with the fields still missing.

use ansinh_config::model::TemplateKind;
use ansinh_core::{DossierId, ErrorCode, Role};
use chrono::NaiveDate;

use super::fields::{Context, decision_fields};
use super::{Documents, RenderedDocument};
use crate::AppError;
use crate::dossier::DossierRecord;
use crate::identity::{AccessEntry, Principal};
use crate::model::TenantScope;

/// A template and its fields, ready to lay out.
pub(crate) struct Filled {
    pub(crate) template_code: String,
    pub(crate) template_name: String,
    pub(crate) text: String,
    pub(crate) fields: std::collections::BTreeMap<String, String>,
}

/// A decision drafted from a template.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionDraft {
    /// The template's code.
    pub template_code: String,
    /// The template's name, e.g. "Quyết định về việc hỗ trợ chi phí mai táng".
    pub template_name: String,
    /// The document.
    pub document: RenderedDocument,
}

impl Documents {
    /// The decision draft of a dossier, for a reader who may read the applicant's personal
    /// data (`NOT_FOUND` otherwise); `NO_TEMPLATE` when the province has none for the
    /// procedure. The read is logged.
    pub async fn decision_draft(
        &self,
        principal: &Principal,
        id: &DossierId,
    ) -> Result<DecisionDraft, AppError> {
        self.document_draft(principal, id, TemplateKind::Decision)
            .await
    }

    /// A document of `kind` for a dossier from the province's template: the decision, or one of
    /// the desk's letters (receipt with the appointment, supplement request with its list,
    /// refusal with its reasons). Same rules as `decision_draft`.
    pub async fn document_draft(
        &self,
        principal: &Principal,
        id: &DossierId,
        kind: TemplateKind,
    ) -> Result<DecisionDraft, AppError> {
        let (scope, record) = self.dossiers.readable(principal, id).await?;
        if !self
            .dossiers
            .may_read_persons(principal, &record.unit)
            .await
        {
            return Err(AppError::not_found("hồ sơ", id));
        }
        let filled = self
            .filled(&scope, principal, &record, kind)
            .await?
            .ok_or_else(|| no_template(kind, &record.procedure))?;
        let document =
            self.renderer
                .render(&filled.text, &filled.fields, &filled.template_name, &[])?;
        self.log_document_read(
            &scope,
            principal,
            &record,
            &filled.template_code,
            "document_draft",
        )
        .await?;
        Ok(DecisionDraft {
            template_code: filled.template_code,
            template_name: filled.template_name,
            document,
        })
    }

    /// The template of `kind` for the dossier (in its pinned version) and its fields filled
    /// in; `None` when the province has no such template.
    pub(crate) async fn filled(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
        kind: TemplateKind,
    ) -> Result<Option<Filled>, AppError> {
        let pinned = self
            .reference
            .pinned_config(scope, record.config_version)
            .await?;
        let province = &pinned.config;
        let Some(template) = province.template_for(kind, &record.procedure) else {
            return Ok(None);
        };
        let text = province.template_text(template).ok_or_else(|| {
            AppError::Internal(format!(
                "template text {} missing from the version",
                template.file
            ))
        })?;
        let national = self.reference.national_config().await?;
        let procedure = national
            .catalogue
            .procedures
            .iter()
            .find(|p| p.code == record.procedure);
        let unit = self.reference.unit(scope, &record.unit).await?;
        let context = Context {
            unit: &unit,
            day: today(self.clock.now()),
            signer: self.signer(scope, record).await?,
            benefit: procedure.and_then(|p| p.benefit),
            national_levels: &national.assistance_levels.standard_levels,
            province_levels: &province.payments.standard_levels,
        };
        let mut fields = decision_fields(record, &context);
        if kind != TemplateKind::Decision {
            let letter = self
                .letter_facts(scope, principal, record, procedure.map(|p| p.name.as_str()))
                .await?;
            fields.extend(letter);
        }
        Ok(Some(Filled {
            template_code: template.code.clone(),
            template_name: template.name.clone(),
            text: text.to_owned(),
            fields,
        }))
    }

    /// Logs that the principal read the dossier's document made from `template`.
    pub(crate) async fn log_document_read(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
        template: &str,
        purpose: &str,
    ) -> Result<(), AppError> {
        let entry = AccessEntry {
            account: principal.account.clone(),
            subject_type: "dossier".to_owned(),
            subject_id: record.id.to_string(),
            fields: vec![format!("document.{template}")],
            purpose: purpose.to_owned(),
            at: self.clock.now(),
        };
        self.dossiers.access_log.log_access(scope, &entry).await
    }

    /// Who signs: the leader who signed, or the leader holding the dossier now.
    pub(crate) async fn signer(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<Option<String>, AppError> {
        let events = self.dossiers.repo.events(scope, &record.id).await?;
        let signed = events
            .iter()
            .rev()
            .find(|e| e.action == "sign")
            .map(|e| e.actor.clone());
        let account = match signed {
            Some(account) => Some(account),
            None => {
                let (_, workflow, _) = self.dossiers.pinned_workflow(scope, record).await?;
                let leads = record
                    .state
                    .step
                    .as_deref()
                    .and_then(|code| workflow.steps.iter().find(|s| s.code == code))
                    .is_some_and(|step| {
                        matches!(step.role, Some(Role::CommuneLeader | Role::DistrictLeader))
                    });
                record.state.holder.clone().filter(|_| leads)
            }
        };
        let Some(account) = account else {
            return Ok(None);
        };
        let names = self
            .dossiers
            .officer_names(scope, std::slice::from_ref(&account))
            .await?;
        Ok(names.get(&account).cloned())
    }
}

/// `NO_TEMPLATE` for a procedure without a template of `kind`.
pub(crate) fn no_template(kind: TemplateKind, procedure: &str) -> AppError {
    AppError::invalid(
        ErrorCode::NoTemplate,
        format!(
            "tỉnh chưa có mẫu {} cho thủ tục {procedure}; hãy thêm mẫu vào templates.yaml của tỉnh",
            kind_name(kind),
        ),
    )
}

fn kind_name(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Decision => "quyết định",
        TemplateKind::Receipt => "giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        TemplateKind::SupplementRequest => "phiếu yêu cầu bổ sung hồ sơ",
        TemplateKind::Refusal => "phiếu từ chối giải quyết hồ sơ",
        TemplateKind::Apology => "phiếu xin lỗi và hẹn lại ngày trả kết quả",
    }
}

fn today(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    ansinh_core::calendar::local::to_local(&now).date()
}
