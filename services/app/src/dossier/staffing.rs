//! Who handles a step of a dossier: the unit at the step's level above the dossier's unit, the
//! officers assigned to the step's position there on a given day, and their deputies. Forward,
//! sign, issue and send-back choose their handler here, and the "no handler" error names the
//! position and the unit, as support needs it.

use ansinh_config::ProvinceConfig;
use ansinh_config::model::{Assignment, Step};
use ansinh_core::{AdminLevel, Role, UnitId};
use chrono::NaiveDate;

use super::Dossiers;
use super::ports::DossierRecord;
use crate::AppError;
use crate::identity::AccountId;
use crate::model::{TenantScope, Unit};
use ansinh_core::DossierId;
use ansinh_core::ErrorCode;

/// An officer who may be chosen (or act as deputy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    /// Account id.
    pub id: AccountId,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
}

/// Who handles a step of a dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepStaffing {
    /// Step code.
    pub step: String,
    /// Step name.
    pub step_name: String,
    /// Position handling it.
    pub role: Role,
    /// Unit the step is handled at.
    pub unit: Unit,
    /// Officers assigned on the day (active accounts only).
    pub officers: Vec<Officer>,
    /// Deputies who may act for them.
    pub deputies: Vec<Officer>,
    /// Officers assigned on the day who cannot take it, and why (an account locked by an
    /// administrator, or no account under the assigned login name).
    pub unavailable: Vec<(String, Unavailable)>,
}

/// Why an assigned officer cannot be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The account is locked by an administrator.
    Locked,
    /// No account has the assigned login name.
    NoAccount,
}

impl Unavailable {
    fn text_vi(self) -> &'static str {
        match self {
            Self::Locked => "tài khoản đang bị khóa",
            Self::NoAccount => "chưa có tài khoản",
        }
    }
}

impl StepStaffing {
    /// The error for a step nobody can take: nobody is assigned, or those assigned cannot
    /// take it (and why).
    pub fn no_handler(&self) -> AppError {
        let position = format!(
            "vị trí {} tại {} (mã {})",
            self.role.title_vi(),
            self.unit.full_name,
            self.unit.id.code()
        );
        let why = if self.unavailable.is_empty() {
            format!(
                "{position} chưa được phân công; đề nghị quản trị tỉnh bổ sung phân công cán bộ"
            )
        } else {
            let who = self
                .unavailable
                .iter()
                .map(|(name, why)| format!("{name}: {}", why.text_vi()))
                .collect::<Vec<_>>()
                .join("; ");
            format!(
                "cán bộ được phân công {position} không nhận được hồ sơ ({who}); đề nghị quản trị tỉnh mở khóa tài khoản hoặc phân công cán bộ khác"
            )
        };
        AppError::invalid(
            ErrorCode::NoHandler,
            format!("không có cán bộ thụ lý bước «{}»: {why}", self.step_name),
        )
    }

    /// The officer to hand the dossier to: the one chosen, which must be assigned, or the only
    /// one assigned.
    pub fn choose(&self, chosen: &str) -> Result<&Officer, AppError> {
        if self.officers.is_empty() {
            return Err(self.no_handler());
        }
        if chosen.is_empty() {
            return match self.officers.as_slice() {
                [only] => Ok(only),
                many => Err(AppError::invalid(
                    ErrorCode::HandlerRequired,
                    format!(
                        "cần chọn cán bộ thụ lý bước «{}» trong số: {}",
                        self.step_name,
                        many.iter()
                            .map(|o| format!("{} ({})", o.display_name, o.username))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            };
        }
        self.officers
            .iter()
            .find(|o| o.id.0 == chosen)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::HandlerNotAssigned,
                    format!(
                        "cán bộ được chọn không được phân công vị trí {} tại {} (mã {}) cho bước «{}»",
                        self.role.title_vi(),
                        self.unit.full_name,
                        self.unit.id.code(),
                        self.step_name
                    ),
                )
            })
    }
}

fn in_force(assignment: &Assignment, day: NaiveDate) -> bool {
    assignment.valid_from.is_none_or(|from| from <= day)
        && assignment.valid_to.is_none_or(|to| day <= to)
}

impl Dossiers {
    /// The unit at `level` on the way from the dossier's unit up to the province.
    pub(crate) async fn unit_at_level(
        &self,
        scope: &TenantScope,
        unit: &UnitId,
        level: AdminLevel,
    ) -> Result<Unit, AppError> {
        let own = self.reference.unit(scope, unit).await?;
        if own.level == level {
            return Ok(own);
        }
        let ancestors = self.reference.units_by_id(scope, &own.path).await?;
        ancestors
            .into_iter()
            .find(|u| u.level == level)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::StepLevelMissing,
                    format!(
                        "{} không thuộc đơn vị nào ở {}",
                        own.full_name,
                        level.label_vi()
                    ),
                )
            })
    }

    /// The officers with these login names who can be chosen, and those who cannot (why).
    async fn officers_named(
        &self,
        scope: &TenantScope,
        usernames: impl Iterator<Item = &String>,
    ) -> Result<(Vec<Officer>, Vec<(String, Unavailable)>), AppError> {
        let mut found: Vec<Officer> = Vec::new();
        let mut unavailable = Vec::new();
        for username in usernames {
            match self.accounts.account_by_username(scope, username).await? {
                None => unavailable.push((username.clone(), Unavailable::NoAccount)),
                Some(account) if account.disabled => {
                    let name = format!("{} ({})", account.display_name, account.username);
                    unavailable.push((name, Unavailable::Locked));
                }
                Some(account) if !found.iter().any(|o| o.id == account.id) => {
                    // Read anyway: the dossier's answer names its new holder from here.
                    let key = (scope.tenant().clone(), account.id.0.clone());
                    self.names.insert(key, account.display_name.clone());
                    found.push(Officer {
                        id: account.id,
                        username: account.username,
                        display_name: account.display_name,
                    });
                }
                Some(_) => {}
            }
        }
        Ok((found, unavailable))
    }

    /// Who handles `step` of `record` on `day`, from the province's current assignments.
    pub(crate) async fn staffing(
        &self,
        scope: &TenantScope,
        province: &ProvinceConfig,
        record: &DossierRecord,
        step: &Step,
        day: NaiveDate,
    ) -> Result<StepStaffing, AppError> {
        self.staffing_with(scope, province, record, step, day, true)
            .await
    }

    /// `staffing` without the deputies (nobody hands a dossier to a deputy).
    pub(crate) async fn step_officers(
        &self,
        scope: &TenantScope,
        province: &ProvinceConfig,
        record: &DossierRecord,
        step: &Step,
        day: NaiveDate,
    ) -> Result<StepStaffing, AppError> {
        self.staffing_with(scope, province, record, step, day, false)
            .await
    }

    async fn staffing_with(
        &self,
        scope: &TenantScope,
        province: &ProvinceConfig,
        record: &DossierRecord,
        step: &Step,
        day: NaiveDate,
        with_deputies: bool,
    ) -> Result<StepStaffing, AppError> {
        let role = step
            .role
            .ok_or_else(|| AppError::Internal(format!("step {} has no role", step.code)))?;
        let unit = self.unit_at_level(scope, &record.unit, step.level).await?;
        let assignments: Vec<&Assignment> = province
            .assignments
            .assignments
            .iter()
            .filter(|a| a.unit == unit.id.code() && a.role == role && in_force(a, day))
            .collect();
        let (officers, unavailable) = self
            .officers_named(scope, assignments.iter().flat_map(|a| a.officers.iter()))
            .await?;
        let deputies = if with_deputies {
            self.officers_named(scope, assignments.iter().flat_map(|a| a.deputies.iter()))
                .await?
                .0
        } else {
            Vec::new()
        };
        Ok(StepStaffing {
            step: step.code.clone(),
            step_name: step.name.clone(),
            role,
            unit,
            officers,
            deputies,
            unavailable,
        })
    }
}

impl Dossiers {
    /// "Who can act next": the officers and deputies of a step of a dossier today; the current
    /// step when `step` is `None`.
    pub async fn step_handlers(
        &self,
        principal: &crate::identity::Principal,
        dossier_id: &DossierId,
        step: Option<&str>,
    ) -> Result<StepStaffing, AppError> {
        let (scope, record) = self.readable(principal, dossier_id).await?;
        let (_, workflow, _) = self.pinned_workflow(&scope, &record).await?;
        let code = step
            .map(str::to_owned)
            .or_else(|| record.state.step.clone())
            .or_else(|| workflow.steps.first().map(|s| s.code.clone()))
            .unwrap_or_default();
        let step = workflow
            .steps
            .iter()
            .find(|s| s.code == code)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::UnknownStep,
                    format!("quy trình «{}» không có bước «{code}»", workflow.name),
                )
            })?;
        let province = self.reference.province_config(&scope).await?;
        let today = ansinh_core::calendar::local::local_day(&self.clock.now());
        self.staffing(&scope, &province, &record, step, today).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ansinh_core::Validity;

    fn staffing(unavailable: Vec<(String, Unavailable)>) -> StepStaffing {
        let unit = UnitId::new("01290", chrono::NaiveDate::from_ymd_opt(2025, 7, 1));
        StepStaffing {
            step: "tham-dinh".to_owned(),
            step_name: "Thẩm định hồ sơ".to_owned(),
            role: Role::CommuneSocial,
            unit: Unit {
                id: unit.clone(),
                level: AdminLevel::Commune,
                kind: Some("xã".to_owned()),
                name: "Bảo Lâm".to_owned(),
                full_name: "Xã Bảo Lâm".to_owned(),
                parent: None,
                path: vec![unit],
                validity: Validity::default(),
            },
            officers: Vec::new(),
            deputies: Vec::new(),
            unavailable,
        }
    }

    #[test]
    fn no_handler_says_whether_nobody_is_assigned_or_why_the_assigned_cannot_take_it() {
        assert_eq!(
            staffing(Vec::new()).no_handler().to_string(),
            "không có cán bộ thụ lý bước «Thẩm định hồ sơ»: vị trí công chức văn hóa - xã hội cấp xã tại Xã Bảo Lâm (mã 01290) chưa được phân công; đề nghị quản trị tỉnh bổ sung phân công cán bộ"
        );
        let blocked = staffing(vec![
            ("Hà Thị B (vhxh.01290)".to_owned(), Unavailable::Locked),
            ("vhxh9.01290".to_owned(), Unavailable::NoAccount),
        ]);
        assert_eq!(
            blocked.no_handler().to_string(),
            "không có cán bộ thụ lý bước «Thẩm định hồ sơ»: cán bộ được phân công vị trí công chức văn hóa - xã hội cấp xã tại Xã Bảo Lâm (mã 01290) không nhận được hồ sơ (Hà Thị B (vhxh.01290): tài khoản đang bị khóa; vhxh9.01290: chưa có tài khoản); đề nghị quản trị tỉnh mở khóa tài khoản hoặc phân công cán bộ khác"
        );
    }
}
