//! Accounts an operator creates from the command line, before anybody can log in: the first
//! platform administrator of a fresh deployment, and province administrators. No principal
//! vouches for them, so the rules are checked here: the role belongs to the tenant's level,
//! the unit exists in the tenant, the login name is free and the password meets the policy.

use ansinh_core::{AdminLevel, Role, TenantId, UnitId};

use super::Identity;
use super::model::{AccountRecord, NewAccount, RoleGrant};
use super::{check_password_policy, national_root};
use crate::AppError;
use crate::model::{PageRequest, TenantScope, UnitQuery};
use crate::signal::Change;
use ansinh_core::ErrorCode;

/// Roles held at the national level (ministry and platform), never in a province.
fn national_role(role: Role) -> bool {
    matches!(role, Role::MinistryAnalyst | Role::PlatformAdmin)
}

impl Identity {
    /// Creates an account with `grants` in `tenant`, recorded as granted by `operator`. A
    /// grant without a unit is held at the tenant's root (the national root, or the province).
    pub async fn create_account_as_operator(
        &self,
        tenant: &TenantId,
        new: NewAccount,
        password: &str,
        operator: &str,
    ) -> Result<AccountRecord, AppError> {
        let scope = TenantScope::new(tenant.clone());
        let username = check_username(&new.username)?;
        let display_name = crate::input::display_name(&new.display_name)?;
        if new.grants.is_empty() {
            return Err(AppError::invalid(
                ErrorCode::NoRole,
                "cần ít nhất một vai trò (--role)",
            ));
        }
        for grant in &new.grants {
            self.check_operator_grant(&scope, grant).await?;
        }
        self.open_account(
            tenant,
            (username, display_name),
            password,
            &new.grants,
            operator,
        )
        .await
    }

    /// Stores a new account with its grants once the caller's checks passed: the password
    /// policy, hashing, a free login name (`USERNAME_TAKEN`), and the policy reloaded.
    pub(crate) async fn open_account(
        &self,
        tenant: &TenantId,
        (username, display_name): (String, String),
        password: &str,
        grants: &[RoleGrant],
        granted_by: &str,
    ) -> Result<AccountRecord, AppError> {
        check_password_policy(password, None)?;
        let hash = self.hasher.hash(password).await?;
        let record = AccountRecord::fresh(
            tenant.clone(),
            username,
            display_name,
            hash,
            self.clock.now(),
        );
        self.accounts
            .insert_account(
                &TenantScope::new(tenant.clone()),
                &record,
                grants,
                granted_by,
            )
            .await
            .map_err(|error| match error {
                AppError::Conflict => AppError::invalid(
                    ErrorCode::UsernameTaken,
                    format!("tên đăng nhập {} đã có người dùng", record.username),
                ),
                other => other,
            })?;
        self.changed(Change::Policy).await?;
        Ok(record)
    }

    /// The root a tenant's roles are held at by default: the national root, or the province.
    pub async fn tenant_root(&self, tenant: &TenantId) -> Result<UnitId, AppError> {
        if tenant.is_national() {
            return Ok(national_root());
        }
        let query = UnitQuery {
            level: Some(AdminLevel::Province),
            as_of: Some(ansinh_core::calendar::local::local_day(&self.clock.now())),
            ..UnitQuery::default()
        };
        let page = PageRequest {
            offset: 0,
            limit: 10,
        };
        let found = self
            .reference
            .find_units(&TenantScope::new(tenant.clone()), &query, page)
            .await?;
        found
            .items
            .into_iter()
            .next()
            .map(|unit| unit.id)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::NoUnits,
                    format!("tỉnh {tenant} chưa có đơn vị hành chính: hãy chạy `ansinh config apply` trước"),
                )
            })
    }

    async fn check_operator_grant(
        &self,
        scope: &TenantScope,
        grant: &RoleGrant,
    ) -> Result<(), AppError> {
        let national = scope.tenant().is_national();
        if national != national_role(grant.role) {
            let level = if national {
                "quốc gia (VN)"
            } else {
                "tỉnh"
            };
            return Err(AppError::invalid(
                ErrorCode::RoleNotGrantable,
                format!(
                    "vai trò {} không cấp được ở cấp {level}",
                    grant.role.title_vi()
                ),
            ));
        }
        if national {
            if grant.unit != national_root() {
                return Err(AppError::invalid(
                    ErrorCode::RoleNotGrantable,
                    format!(
                        "vai trò cấp quốc gia được cấp tại đơn vị {}",
                        national_root()
                    ),
                ));
            }
            return Ok(());
        }
        self.reference.unit(scope, &grant.unit).await.map(|_| ())
    }
}

/// A login name: lower case letters without diacritics, digits and `. _ -`, up to 64.
pub(crate) fn check_username(username: &str) -> Result<String, AppError> {
    let username = ansinh_core::text::nfc(username.trim()).to_lowercase();
    let valid = !username.is_empty()
        && username.len() <= 64
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if valid {
        Ok(username)
    } else {
        Err(AppError::invalid_field(
            ErrorCode::InvalidUsername,
            "username",
            "tên đăng nhập chỉ gồm chữ không dấu, số và . _ - (tối đa 64 ký tự)",
        ))
    }
}
