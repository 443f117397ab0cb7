//! Identity ports in memory: accounts and grants, sessions, the access log, a hasher that
//! compares plainly, a counting limiter, and an authorizer that answers by reach.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ansinh_core::{Action, Pii, Resource, TenantId, UnitId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::page;
use super::reference::FakeReference;
use crate::AppError;
use crate::identity::{
    AccessEntry, AccessLog, AccountId, AccountRecord, AccountRepo, Authorizer, Limit,
    PasswordHasher, Principal, RateLimiter, RoleGrant, SessionRecord, SessionStore,
};
use crate::model::{Page, PageRequest, TenantScope};

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

type Key = (TenantId, AccountId);

/// Accounts and grants in memory.
#[derive(Debug)]
pub(crate) struct FakeAccounts {
    accounts: Mutex<BTreeMap<Key, AccountRecord>>,
    grants: Mutex<BTreeMap<Key, Vec<RoleGrant>>>,
    reference: Arc<FakeReference>,
}

impl FakeAccounts {
    pub(crate) fn new(reference: Arc<FakeReference>) -> Self {
        Self {
            accounts: Mutex::default(),
            grants: Mutex::default(),
            reference,
        }
    }

    fn key(scope: &TenantScope, id: &AccountId) -> Key {
        (scope.tenant().clone(), id.clone())
    }

    fn update(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        change: impl FnOnce(&mut AccountRecord),
    ) -> Result<(), AppError> {
        let mut accounts = locked(&self.accounts);
        let account = accounts
            .get_mut(&Self::key(scope, id))
            .ok_or_else(|| AppError::not_found("tài khoản", &id.0))?;
        change(account);
        Ok(())
    }

    /// Whether a grant's unit lies inside the subtree of one of `units` (a root without a unit
    /// row, the national root, counts as itself).
    fn inside(&self, tenant: &TenantId, grant: &RoleGrant, units: &[UnitId]) -> bool {
        let path = self
            .reference
            .unit_path(tenant, &grant.unit)
            .unwrap_or_else(|| vec![grant.unit.clone()]);
        units.iter().any(|root| path.contains(root))
    }
}

#[async_trait]
impl AccountRepo for FakeAccounts {
    async fn account_by_username(
        &self,
        scope: &TenantScope,
        username: &str,
    ) -> Result<Option<AccountRecord>, AppError> {
        let accounts = locked(&self.accounts);
        Ok(accounts
            .values()
            .find(|a| &a.tenant == scope.tenant() && a.username == username)
            .cloned())
    }

    async fn account(
        &self,
        scope: &TenantScope,
        id: &AccountId,
    ) -> Result<Option<AccountRecord>, AppError> {
        Ok(locked(&self.accounts).get(&Self::key(scope, id)).cloned())
    }

    async fn accounts_with_grants(
        &self,
        scope: &TenantScope,
        ids: &[AccountId],
    ) -> Result<Vec<(AccountRecord, Vec<RoleGrant>)>, AppError> {
        let accounts = locked(&self.accounts);
        let grants = locked(&self.grants);
        Ok(ids
            .iter()
            .filter_map(|id| {
                let key = Self::key(scope, id);
                let account = accounts.get(&key)?.clone();
                Some((account, grants.get(&key).cloned().unwrap_or_default()))
            })
            .collect())
    }

    async fn accounts(
        &self,
        scope: &TenantScope,
        units: Option<&[UnitId]>,
        search: Option<&str>,
        request: PageRequest,
    ) -> Result<Page<AccountRecord>, AppError> {
        let grants = locked(&self.grants).clone();
        let mut found: Vec<AccountRecord> = locked(&self.accounts)
            .values()
            .filter(|a| &a.tenant == scope.tenant())
            .filter(|a| search.is_none_or(|s| a.username.contains(s)))
            .filter(|a| {
                units.is_none_or(|units| {
                    grants
                        .get(&(a.tenant.clone(), a.id.clone()))
                        .is_some_and(|held| held.iter().any(|g| self.inside(&a.tenant, g, units)))
                })
            })
            .cloned()
            .collect();
        found.sort_by(|a, b| a.username.cmp(&b.username));
        Ok(page(found, request))
    }

    async fn insert_account(
        &self,
        scope: &TenantScope,
        account: &AccountRecord,
        grants: &[RoleGrant],
        granted_by: &str,
    ) -> Result<(), AppError> {
        let entry = (account.clone(), grants.to_vec());
        self.insert_accounts(scope, &[entry], granted_by).await
    }

    async fn insert_accounts(
        &self,
        scope: &TenantScope,
        accounts: &[(AccountRecord, Vec<RoleGrant>)],
        _granted_by: &str,
    ) -> Result<(), AppError> {
        let taken = self.usernames(scope).await?;
        if accounts.iter().any(|(a, _)| taken.contains(&a.username)) {
            return Err(AppError::Conflict);
        }
        for (account, grants) in accounts {
            let key = Self::key(scope, &account.id);
            locked(&self.accounts).insert(key.clone(), account.clone());
            locked(&self.grants).insert(key, grants.clone());
        }
        Ok(())
    }

    async fn usernames(&self, scope: &TenantScope) -> Result<Vec<String>, AppError> {
        Ok(locked(&self.accounts)
            .values()
            .filter(|a| &a.tenant == scope.tenant())
            .map(|a| a.username.clone())
            .collect())
    }

    async fn set_login_state(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        failed_logins: i32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<(), AppError> {
        self.update(scope, id, |a| {
            a.failed_logins = failed_logins;
            a.locked_until = locked_until;
        })
    }

    async fn set_password(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        self.update(scope, id, |a| {
            password_hash.clone_into(&mut a.password_hash);
            a.password_changed_at = at;
        })
    }

    async fn set_profile(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        profile: &crate::identity::Profile,
    ) -> Result<(), AppError> {
        self.update(scope, id, |a| {
            profile.display_name.clone_into(&mut a.display_name);
            a.phone = profile.phone.clone().map(Pii::new);
            a.id_number = profile.id_number.clone().map(Pii::new);
            a.email = profile.email.clone().map(Pii::new);
        })
    }

    async fn set_disabled(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        disabled: bool,
    ) -> Result<(), AppError> {
        self.update(scope, id, |a| {
            a.disabled = disabled;
            a.failed_logins = 0;
            a.locked_until = None;
        })
    }

    async fn grants(
        &self,
        scope: &TenantScope,
        id: &AccountId,
    ) -> Result<Vec<RoleGrant>, AppError> {
        let grants = locked(&self.grants);
        Ok(grants
            .get(&Self::key(scope, id))
            .cloned()
            .unwrap_or_default())
    }

    async fn all_grants(
        &self,
        scope: &TenantScope,
    ) -> Result<Vec<(AccountId, RoleGrant)>, AppError> {
        let grants = locked(&self.grants);
        Ok(grants
            .iter()
            .filter(|((tenant, _), _)| tenant == scope.tenant())
            .flat_map(|((_, id), held)| held.iter().map(|g| (id.clone(), g.clone())))
            .collect())
    }

    async fn add_grant(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        grant: &RoleGrant,
        _granted_by: &str,
        _at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut grants = locked(&self.grants);
        let held = grants.entry(Self::key(scope, id)).or_default();
        if !held.contains(grant) {
            held.push(grant.clone());
        }
        Ok(())
    }

    async fn remove_grant(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        grant: &RoleGrant,
    ) -> Result<bool, AppError> {
        let mut grants = locked(&self.grants);
        let held = grants.entry(Self::key(scope, id)).or_default();
        let before = held.len();
        held.retain(|g| g != grant);
        Ok(held.len() != before)
    }
}

/// Sessions in memory.
#[derive(Debug, Default)]
pub(crate) struct FakeSessions(Mutex<BTreeMap<(TenantId, String), SessionRecord>>);

#[async_trait]
impl SessionStore for FakeSessions {
    async fn insert_session(
        &self,
        scope: &TenantScope,
        session: &SessionRecord,
    ) -> Result<(), AppError> {
        let key = (scope.tenant().clone(), session.id.clone());
        locked(&self.0).insert(key, session.clone());
        Ok(())
    }

    async fn session(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<SessionRecord>, AppError> {
        let key = (scope.tenant().clone(), id.to_owned());
        Ok(locked(&self.0).get(&key).cloned())
    }

    async fn rotate_session(
        &self,
        scope: &TenantScope,
        id: &str,
        expected: &str,
        replacement: &str,
    ) -> Result<bool, AppError> {
        let mut sessions = locked(&self.0);
        let key = (scope.tenant().clone(), id.to_owned());
        match sessions.get_mut(&key) {
            Some(session) if session.refresh_hash == expected => {
                replacement.clone_into(&mut session.refresh_hash);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn revoke_session(
        &self,
        scope: &TenantScope,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let key = (scope.tenant().clone(), id.to_owned());
        if let Some(session) = locked(&self.0).get_mut(&key) {
            session.revoked_at.get_or_insert(at);
        }
        Ok(())
    }

    async fn revoke_sessions_of(
        &self,
        scope: &TenantScope,
        account: &AccountId,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        for ((tenant, _), session) in locked(&self.0).iter_mut() {
            if tenant == scope.tenant() && &session.account == account {
                session.revoked_at.get_or_insert(at);
            }
        }
        Ok(())
    }
}

/// The personal-data access log in memory.
#[derive(Debug, Default)]
pub(crate) struct FakeAccessLog(Mutex<Vec<(TenantId, AccessEntry)>>);

impl FakeAccessLog {
    /// Every entry, oldest first.
    pub(crate) fn entries(&self) -> Vec<AccessEntry> {
        locked(&self.0).iter().map(|(_, e)| e.clone()).collect()
    }
}

#[async_trait]
impl AccessLog for FakeAccessLog {
    async fn log_access(&self, scope: &TenantScope, entry: &AccessEntry) -> Result<(), AppError> {
        locked(&self.0).push((scope.tenant().clone(), entry.clone()));
        Ok(())
    }

    async fn access_log(
        &self,
        scope: &TenantScope,
        subject_type: &str,
        subject_id: &str,
    ) -> Result<Vec<AccessEntry>, AppError> {
        let log = locked(&self.0);
        Ok(log
            .iter()
            .rev()
            .filter(|(tenant, e)| {
                tenant == scope.tenant()
                    && e.subject_type == subject_type
                    && e.subject_id == subject_id
            })
            .map(|(_, e)| e.clone())
            .collect())
    }
}

/// A hasher without the work: the "hash" is the password marked (tests only).
#[derive(Debug, Default)]
pub(crate) struct PlainHasher;

#[async_trait]
impl PasswordHasher for PlainHasher {
    async fn hash(&self, password: &str) -> Result<String, AppError> {
        Ok(format!("plain:{password}"))
    }

    async fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        hash.is_some_and(|h| h.strip_prefix("plain:") == Some(password))
    }
}

/// A limiter that counts hits per key in one endless window.
#[derive(Debug, Default)]
pub(crate) struct CountingLimiter(Mutex<BTreeMap<String, u32>>);

#[async_trait]
impl RateLimiter for CountingLimiter {
    async fn hit(&self, key: &str, limit: u32, window: Duration) -> Limit {
        let mut counts = locked(&self.0);
        let count = counts.entry(key.to_owned()).or_default();
        *count += 1;
        Limit {
            count: *count,
            allowed: *count <= limit,
            retry_after: window,
        }
    }

    async fn peek(&self, key: &str, limit: u32) -> Limit {
        let count = locked(&self.0).get(key).copied().unwrap_or(0);
        Limit {
            count,
            allowed: count <= limit,
            retry_after: Duration::ZERO,
        }
    }

    async fn forgive(&self, key: &str) {
        if let Some(count) = locked(&self.0).get_mut(key) {
            *count = count.saturating_sub(1);
        }
    }

    async fn reset(&self, key: &str) {
        locked(&self.0).remove(key);
    }
}

/// Allows whatever a principal's grants reach (the unit or a unit above it), whatever the
/// role: the use cases' own rules are under test here; which role may do what is casbin's,
/// tested by the access matrix end to end.
#[derive(Debug)]
pub(crate) struct ReachAuthorizer(pub(crate) Arc<FakeReference>);

#[async_trait]
impl Authorizer for ReachAuthorizer {
    async fn allows(
        &self,
        principal: &Principal,
        _resource: Resource,
        _action: Action,
        unit: &UnitId,
    ) -> bool {
        let path = self
            .0
            .unit_path(&principal.tenant, unit)
            .unwrap_or_else(|| vec![unit.clone()]);
        principal.grants.iter().any(|g| path.contains(&g.unit))
    }

    async fn reload(&self) -> Result<(), AppError> {
        Ok(())
    }

    async fn refresh(&self) -> Result<(), AppError> {
        Ok(())
    }
}
