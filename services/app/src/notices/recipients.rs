//! Who a message goes to: the officer holding a dossier and the deputies of the step, the
//! leader of the unit the step is handled at, the province's viewers, or the applicant at the
//! e-mail address and phone number given with the application.

use ansinh_config::model::Channel;
use ansinh_core::{AdminLevel, Role};

use super::Notices;
use crate::AppError;
use crate::dossier::DossierRecord;
use crate::identity::{AccountId, AccountRecord};
use crate::model::{PageRequest, TenantScope};

/// The application fields holding the applicant's e-mail address and phone number.
pub const APPLICANT_EMAIL: &str = "thu_dien_tu";
/// See `APPLICANT_EMAIL`.
pub const APPLICANT_PHONE: &str = "so_dien_thoai";

/// Someone a message goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recipient {
    /// The officer's account (none for the applicant).
    pub(crate) account: Option<AccountId>,
    /// Name used in the greeting.
    pub(crate) name: String,
    email: Option<String>,
    phone: Option<String>,
}

impl Recipient {
    fn officer(account: &AccountRecord) -> Self {
        Self {
            account: Some(account.id.clone()),
            name: account.display_name.clone(),
            email: account.email.as_ref().map(|e| e.expose().clone()),
            phone: account.phone.as_ref().map(|p| p.expose().clone()),
        }
    }

    /// The applicant of `record`, when they left an address or a number.
    pub(crate) fn applicant(record: &DossierRecord) -> Option<Self> {
        let fields = record.fields.expose();
        let email = fields.get(APPLICANT_EMAIL).cloned();
        let phone = fields.get(APPLICANT_PHONE).cloned();
        (email.is_some() || phone.is_some()).then(|| Self {
            account: None,
            name: record.applicant_name.expose().clone(),
            email,
            phone,
        })
    }

    /// Where the channel reaches them.
    pub(crate) fn address(&self, channel: Channel) -> Option<&str> {
        match channel {
            Channel::Email => self.email.as_deref(),
            Channel::Sms | Channel::Zalo => self.phone.as_deref(),
        }
    }
}

/// The leader role at a level.
fn leader_at(level: AdminLevel) -> Option<Role> {
    match level {
        AdminLevel::Commune => Some(Role::CommuneLeader),
        AdminLevel::District => Some(Role::DistrictLeader),
        AdminLevel::Province => None,
    }
}

impl Notices {
    /// The account `id` as a recipient (none for an unknown or locked account).
    pub(crate) async fn officer(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<Recipient>, AppError> {
        let accounts = &self.documents.dossiers.accounts;
        let account = accounts.account(scope, &AccountId(id.to_owned())).await?;
        Ok(account
            .filter(|a| !a.disabled)
            .map(|a| Recipient::officer(&a)))
    }

    /// The holder of `record` and the deputies of its current step (without the holder).
    pub(crate) async fn holder_and_deputies(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<Vec<Recipient>, AppError> {
        let mut out = Vec::new();
        if let Some(holder) = &record.state.holder
            && let Some(recipient) = self.officer(scope, holder).await?
        {
            out.push(recipient);
        }
        let dossiers = &self.documents.dossiers;
        let (_, workflow, _) = dossiers.pinned_workflow(scope, record).await?;
        let Some(step) = record
            .state
            .step
            .as_deref()
            .and_then(|code| workflow.steps.iter().find(|s| s.code == code))
        else {
            return Ok(out);
        };
        let today = ansinh_core::calendar::local::local_day(&self.clock.now());
        let province = self.documents.reference.province_config(scope).await?;
        let staffing = dossiers
            .staffing(scope, &province, record, step, today)
            .await?;
        for deputy in staffing.deputies {
            if out.iter().any(|r| r.account.as_ref() == Some(&deputy.id)) {
                continue;
            }
            if let Some(recipient) = self.officer(scope, &deputy.id.0).await? {
                out.push(recipient);
            }
        }
        Ok(out)
    }

    /// The leaders of the unit `record`'s current step is handled at.
    pub(crate) async fn step_unit_leaders(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<Vec<Recipient>, AppError> {
        let dossiers = &self.documents.dossiers;
        let (_, workflow, _) = dossiers.pinned_workflow(scope, record).await?;
        let Some(step) = record
            .state
            .step
            .as_deref()
            .and_then(|code| workflow.steps.iter().find(|s| s.code == code))
        else {
            return Ok(Vec::new());
        };
        let unit = dossiers
            .unit_at_level(scope, &record.unit, step.level)
            .await?;
        let Some(role) = leader_at(step.level) else {
            return Ok(Vec::new());
        };
        self.holding(scope, role, Some(unit.id)).await
    }

    /// The province's viewers.
    pub(crate) async fn province_viewers(
        &self,
        scope: &TenantScope,
    ) -> Result<Vec<Recipient>, AppError> {
        self.holding(scope, Role::ProvinceViewer, None).await
    }

    /// Active accounts holding `role` (at `unit` when given).
    async fn holding(
        &self,
        scope: &TenantScope,
        role: Role,
        unit: Option<ansinh_core::UnitId>,
    ) -> Result<Vec<Recipient>, AppError> {
        let accounts = &self.documents.dossiers.accounts;
        let roots = unit.clone().map(|u| vec![u]);
        let page = accounts
            .accounts(
                scope,
                roots.as_deref(),
                None,
                PageRequest {
                    offset: 0,
                    limit: 500,
                },
            )
            .await?;
        let ids: Vec<AccountId> = page.items.iter().map(|a| a.id.clone()).collect();
        let with_grants = accounts.accounts_with_grants(scope, &ids).await?;
        Ok(with_grants
            .into_iter()
            .filter(|(account, grants)| {
                !account.disabled
                    && grants
                        .iter()
                        .any(|g| g.role == role && unit.as_ref().is_none_or(|u| &g.unit == u))
            })
            .map(|(account, _)| Recipient::officer(&account))
            .collect())
    }
}
