//! Ports of the identity use cases.

use std::time::Duration;

use ansinh_core::{Action, Resource, UnitId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::{AccessEntry, AccountId, AccountRecord, Principal, RoleGrant, SessionRecord};
use crate::AppError;
use crate::model::{Page, PageRequest, TenantScope};

/// Accounts and their role grants, always within a tenant.
#[async_trait]
pub trait AccountRepo: Send + Sync + std::fmt::Debug {
    /// An account by login name.
    async fn account_by_username(
        &self,
        scope: &TenantScope,
        username: &str,
    ) -> Result<Option<AccountRecord>, AppError>;

    /// An account by id.
    async fn account(
        &self,
        scope: &TenantScope,
        id: &AccountId,
    ) -> Result<Option<AccountRecord>, AppError>;

    /// Accounts by id with their grants, in one read (unknown ids are left out): the officers
    /// a page of dossiers mentions.
    async fn accounts_with_grants(
        &self,
        scope: &TenantScope,
        ids: &[AccountId],
    ) -> Result<Vec<(AccountRecord, Vec<RoleGrant>)>, AppError>;

    /// Accounts holding a role inside the subtree of one of `units` (anywhere when `None`),
    /// whose login name contains `search` when given, by login name.
    async fn accounts(
        &self,
        scope: &TenantScope,
        units: Option<&[UnitId]>,
        search: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<AccountRecord>, AppError>;

    /// Creates an account with its grants (`Conflict` when the name is taken).
    async fn insert_account(
        &self,
        scope: &TenantScope,
        account: &AccountRecord,
        grants: &[RoleGrant],
        granted_by: &str,
    ) -> Result<(), AppError>;

    /// Creates many accounts with their grants in one transaction.
    async fn insert_accounts(
        &self,
        scope: &TenantScope,
        accounts: &[(AccountRecord, Vec<RoleGrant>)],
        granted_by: &str,
    ) -> Result<(), AppError>;

    /// Login names already taken in the tenant.
    async fn usernames(&self, scope: &TenantScope) -> Result<Vec<String>, AppError>;

    /// Records the outcome of a password check: the failure count and lock.
    async fn set_login_state(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        failed_logins: i32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<(), AppError>;

    /// Replaces the password hash.
    async fn set_password(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;

    /// Replaces display name, phone, ID number and e-mail address.
    async fn set_profile(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        profile: &super::Profile,
    ) -> Result<(), AppError>;

    /// Locks or unlocks an account by decision of an administrator (and clears the lockout).
    async fn set_disabled(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        disabled: bool,
    ) -> Result<(), AppError>;

    /// The account's roles at units.
    async fn grants(&self, scope: &TenantScope, id: &AccountId)
    -> Result<Vec<RoleGrant>, AppError>;

    /// Every grant in the tenant (for building the authorization policy).
    async fn all_grants(
        &self,
        scope: &TenantScope,
    ) -> Result<Vec<(AccountId, RoleGrant)>, AppError>;

    /// Adds a grant (no-op when present).
    async fn add_grant(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        grant: &RoleGrant,
        granted_by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;

    /// Removes a grant; whether it existed.
    async fn remove_grant(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        grant: &RoleGrant,
    ) -> Result<bool, AppError>;
}

/// Refresh sessions, always within a tenant.
#[async_trait]
pub trait SessionStore: Send + Sync + std::fmt::Debug {
    /// Stores a new session.
    async fn insert_session(
        &self,
        scope: &TenantScope,
        session: &SessionRecord,
    ) -> Result<(), AppError>;

    /// A session by id.
    async fn session(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<SessionRecord>, AppError>;

    /// Replaces the refresh hash if it still is `expected` (one use per refresh token).
    async fn rotate_session(
        &self,
        scope: &TenantScope,
        id: &str,
        expected: &str,
        replacement: &str,
    ) -> Result<bool, AppError>;

    /// Revokes a session.
    async fn revoke_session(
        &self,
        scope: &TenantScope,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;

    /// Revokes every session of an account (password change, lock).
    async fn revoke_sessions_of(
        &self,
        scope: &TenantScope,
        account: &AccountId,
        at: DateTime<Utc>,
    ) -> Result<(), AppError>;
}

/// The personal-data access log: who read whose data, when and why (append-only). The
/// registry and payments will log their reads here too.
#[async_trait]
pub trait AccessLog: Send + Sync + std::fmt::Debug {
    /// Appends to the personal-data access log.
    async fn log_access(&self, scope: &TenantScope, entry: &AccessEntry) -> Result<(), AppError>;

    /// The access log about one subject, newest first.
    async fn access_log(
        &self,
        scope: &TenantScope,
        subject_type: &str,
        subject_id: &str,
    ) -> Result<Vec<AccessEntry>, AppError>;
}

/// Password hashing (CPU-heavy: implementations bound concurrency).
#[async_trait]
pub trait PasswordHasher: Send + Sync + std::fmt::Debug {
    /// Hashes a password (PHC string).
    async fn hash(&self, password: &str) -> Result<String, AppError>;

    /// Whether `password` matches `hash`; with `None` it spends the same time on a dummy hash,
    /// so that unknown users cannot be told from wrong passwords.
    async fn verify(&self, password: &str, hash: Option<&str>) -> bool;
}

/// What a limiter says of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Hits counted in the current window (this one included, for `hit`).
    pub count: u32,
    /// Whether the count is within the limit.
    pub allowed: bool,
    /// When the current window ends and counting starts afresh.
    pub retry_after: Duration,
}

/// Counting limiter over fixed windows that start at a key's first hit (Redis, or in-process
/// when embedded or when Redis is down).
#[async_trait]
pub trait RateLimiter: Send + Sync + std::fmt::Debug {
    /// Counts one hit on `key`: whether it is within `limit` hits per `window`.
    async fn hit(&self, key: &str, limit: u32, window: Duration) -> Limit;

    /// The key's count against `limit`, without counting.
    async fn peek(&self, key: &str, limit: u32) -> Limit;

    /// Takes one hit back (an attempt that turned out not to count, e.g. a right password).
    async fn forgive(&self, key: &str);

    /// Forgets the key's count (an administrator unlocked the account).
    async fn reset(&self, key: &str);
}

/// Authorization decisions.
#[async_trait]
pub trait Authorizer: Send + Sync + std::fmt::Debug {
    /// Whether the principal may do `action` on `resource` belonging to `unit`: some role it
    /// holds at a unit at or above `unit` (unit hierarchy and merges) grants it.
    async fn allows(
        &self,
        principal: &Principal,
        resource: Resource,
        action: Action,
        unit: &UnitId,
    ) -> bool;

    /// Rebuilds the policy from the database after a change made here, and tells the other
    /// replicas.
    async fn reload(&self) -> Result<(), AppError>;

    /// Rebuilds the policy from the database after a change another replica announced.
    async fn refresh(&self) -> Result<(), AppError>;
}
