//! Province administration of officers: listing within the administrator's subtree, creating
//! officers, granting and revoking roles at units, locking accounts. Authorization is checked
//! here, against the unit each action concerns.

use ansinh_core::Role;

use super::Identity;
use super::model::{AccountId, AccountRecord, NewAccount, OfficerView, Principal, RoleGrant};
use crate::AppError;
use crate::model::{Page, PageRequest, TenantScope};
use crate::signal::Change;
use ansinh_core::Action;
use ansinh_core::ErrorCode;
use ansinh_core::Resource;

/// Roles a province may grant (ministry and platform roles are granted at the national level).
fn grantable_in_province(role: Role) -> bool {
    !matches!(role, Role::MinistryAnalyst | Role::PlatformAdmin)
}

impl Identity {
    /// Officers the principal may see: those holding a role inside the subtrees where the
    /// principal may list accounts. Nobody else's rows leave the database.
    pub async fn officers(
        &self,
        principal: &Principal,
        search: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<AccountRecord>, AppError> {
        let roots = self
            .access
            .units_allowing(principal, Resource::Account, Action::List)
            .await;
        let scope = TenantScope::new(principal.tenant.clone());
        if roots.is_empty() {
            return Ok(Page {
                items: Vec::new(),
                total: 0,
            });
        }
        let roots = self.reference.with_predecessors(&scope, roots).await?;
        let search = crate::input::search(search)?.map(|s| ansinh_core::text::fold(&s));
        self.accounts
            .accounts(&scope, Some(&roots), search.as_deref(), page)
            .await
    }

    /// One officer: `FORBIDDEN` when no role of the principal reads accounts, `NOT_FOUND` when
    /// the officer is outside their reach. Their phone and ID number
    /// are shown (and the read logged) to the officer themselves and to roles that may read
    /// persons where the officer works; withheld from everyone else, administrators included.
    pub async fn officer(
        &self,
        principal: &Principal,
        id: &AccountId,
    ) -> Result<OfficerView, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let not_found = || AppError::not_found("cán bộ", id);
        let own = *id == principal.account;
        let reads_accounts = !self
            .access
            .units_allowing(principal, Resource::Account, Action::Read)
            .await
            .is_empty();
        if !own && !reads_accounts {
            return Err(AppError::forbidden(
                "vai trò của bạn không được xem tài khoản cán bộ",
            ));
        }
        let mut record = self
            .accounts
            .account(&scope, id)
            .await?
            .ok_or_else(not_found)?;
        let grants = self.accounts.grants(&scope, id).await?;
        if !own
            && !self
                .access
                .allowed_at_any(principal, Resource::Account, Action::Read, &grants)
                .await
        {
            return Err(not_found());
        }
        let shown = own
            || self
                .access
                .allowed_at_any(principal, Resource::Person, Action::Read, &grants)
                .await;
        if shown {
            self.log_personal_read(principal, &record, "officer")
                .await?;
        } else {
            record.phone = None;
            record.email = None;
            record.id_number = None;
        }
        Ok(OfficerView {
            record,
            grants,
            personal_data_withheld: !shown,
        })
    }

    /// The officers a dossier the caller reads mentions (its holder), by id: name, login and
    /// roles, with phone and ID number always withheld (they are read, and logged, through
    /// [`Identity::officer`]). Unknown ids are left out.
    pub async fn officer_cards(
        &self,
        principal: &Principal,
        ids: &[AccountId],
    ) -> Result<Vec<OfficerView>, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let found = self.accounts.accounts_with_grants(&scope, ids).await?;
        Ok(found
            .into_iter()
            .map(|(mut record, grants)| {
                record.phone = None;
                record.email = None;
                record.id_number = None;
                OfficerView {
                    record,
                    grants,
                    personal_data_withheld: true,
                }
            })
            .collect())
    }

    /// Creates an officer with a temporary password and roles at units.
    pub async fn create_officer(
        &self,
        principal: &Principal,
        new: NewAccount,
        temporary_password: &str,
    ) -> Result<AccountRecord, AppError> {
        let username = super::operator::check_username(&new.username)?;
        if new.grants.is_empty() {
            return Err(AppError::invalid(
                ErrorCode::NoRole,
                "cán bộ cần ít nhất một vai trò tại một đơn vị",
            ));
        }
        for grant in &new.grants {
            self.check_grant(principal, grant).await?;
        }
        let display_name = crate::input::display_name(&new.display_name)?;
        self.open_account(
            &principal.tenant,
            (username, display_name),
            temporary_password,
            &new.grants,
            &principal.username,
        )
        .await
    }

    async fn check_grant(&self, principal: &Principal, grant: &RoleGrant) -> Result<(), AppError> {
        if !principal.tenant.is_national() && !grantable_in_province(grant.role) {
            return Err(AppError::invalid(
                ErrorCode::RoleNotGrantable,
                format!(
                    "vai trò {} chỉ được cấp ở cấp quốc gia",
                    grant.role.title_vi()
                ),
            ));
        }
        let scope = TenantScope::new(principal.tenant.clone());
        self.reference.unit(&scope, &grant.unit).await?;
        self.access
            .require(principal, Resource::Account, Action::Manage, &grant.unit)
            .await
    }

    /// Grants a role at a unit; effective on the officer's next request.
    pub async fn grant_role(
        &self,
        principal: &Principal,
        account: &AccountId,
        grant: RoleGrant,
    ) -> Result<Vec<RoleGrant>, AppError> {
        let (target, _) = self.officer_for_admin(principal, account).await?;
        self.check_grant(principal, &grant).await?;
        let scope = TenantScope::new(principal.tenant.clone());
        self.accounts
            .add_grant(
                &scope,
                &target.id,
                &grant,
                &principal.username,
                self.clock.now(),
            )
            .await?;
        self.changed(Change::Policy).await?;
        self.accounts.grants(&scope, &target.id).await
    }

    /// Revokes a role at a unit; effective on the officer's next request.
    pub async fn revoke_role(
        &self,
        principal: &Principal,
        account: &AccountId,
        grant: RoleGrant,
    ) -> Result<Vec<RoleGrant>, AppError> {
        let (target, _) = self.officer_for_admin(principal, account).await?;
        self.access
            .require(principal, Resource::Account, Action::Manage, &grant.unit)
            .await?;
        let scope = TenantScope::new(principal.tenant.clone());
        if !self
            .accounts
            .remove_grant(&scope, &target.id, &grant)
            .await?
        {
            return Err(AppError::not_found(
                "vai trò",
                format!("{} tại {}", grant.role.as_str(), grant.unit),
            ));
        }
        self.changed(Change::Policy).await?;
        self.accounts.grants(&scope, &target.id).await
    }

    /// Locks or unlocks an officer's account; locking ends their sessions.
    pub async fn set_account_locked(
        &self,
        principal: &Principal,
        account: &AccountId,
        locked: bool,
    ) -> Result<OfficerView, AppError> {
        let (target, _) = self.officer_for_admin(principal, account).await?;
        let scope = TenantScope::new(principal.tenant.clone());
        self.accounts
            .set_disabled(&scope, &target.id, locked)
            .await?;
        self.changed(Change::Identity).await?;
        if locked {
            self.sessions
                .revoke_sessions_of(&scope, &target.id, self.clock.now())
                .await?;
        } else {
            // The owner is let back in at once: the failed attempts counted so far go too.
            self.limiter
                .reset(&super::login::failures_key(
                    target.tenant.as_str(),
                    &target.username,
                ))
                .await;
        }
        self.officer(principal, &target.id).await
    }

    /// An officer the principal may manage (at every unit where they hold a role).
    async fn officer_for_admin(
        &self,
        principal: &Principal,
        account: &AccountId,
    ) -> Result<(AccountRecord, Vec<RoleGrant>), AppError> {
        let view = self.officer(principal, account).await?;
        for grant in &view.grants {
            self.access
                .require(principal, Resource::Account, Action::Manage, &grant.unit)
                .await?;
        }
        Ok((view.record, view.grants))
    }
}
