//! Identity models.

use std::fmt;
use std::time::Duration;

use ansinh_core::{Pii, Role, TenantId, UnitId};
use chrono::{DateTime, Utc};

/// An account's id (a UUID), unique within its tenant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub String);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A stored account.
#[derive(Clone, PartialEq, Eq)]
pub struct AccountRecord {
    /// Tenant (province, or `VN` for ministry and platform staff).
    pub tenant: TenantId,
    /// Id.
    pub id: AccountId,
    /// Login name, unique within the tenant.
    pub username: String,
    /// Name shown to colleagues.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Phone number (personal data).
    pub phone: Option<Pii<String>>,
    /// Personal identification number (personal data).
    pub id_number: Option<Pii<String>>,
    /// E-mail address for notifications (personal data).
    pub email: Option<Pii<String>>,
    /// Consecutive failed logins.
    pub failed_logins: i32,
    /// Locked until this instant after too many failures.
    pub locked_until: Option<DateTime<Utc>>,
    /// Locked by an administrator.
    pub disabled: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Password last set.
    pub password_changed_at: DateTime<Utc>,
}

impl AccountRecord {
    /// A new account: a fresh id, nothing failed, not locked, the password set now.
    pub fn fresh(
        tenant: TenantId,
        username: String,
        display_name: String,
        password_hash: String,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            tenant,
            id: AccountId(uuid::Uuid::now_v7().to_string()),
            username,
            display_name,
            password_hash,
            phone: None,
            id_number: None,
            email: None,
            failed_logins: 0,
            locked_until: None,
            disabled: false,
            created_at: now,
            password_changed_at: now,
        }
    }
}

impl fmt::Debug for AccountRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountRecord")
            .field("tenant", &self.tenant)
            .field("id", &self.id)
            .field("username", &self.username)
            .field("password_hash", &"***")
            .field("phone", &self.phone)
            .field("id_number", &self.id_number)
            .field("email", &self.email)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

/// What an officer may change of their own account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Name shown to colleagues.
    pub display_name: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Personal identification number.
    pub id_number: Option<String>,
    /// E-mail address for notifications.
    pub email: Option<String>,
}

/// An officer as a reader sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerView {
    /// The account; phone and ID number are `None` when withheld.
    pub record: AccountRecord,
    /// Roles at units.
    pub grants: Vec<RoleGrant>,
    /// Set when the reader may not see the officer's phone and ID number.
    pub personal_data_withheld: bool,
}

/// What a new account needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// Login name.
    pub username: String,
    /// Name shown to colleagues.
    pub display_name: String,
    /// Roles at units.
    pub grants: Vec<RoleGrant>,
}

/// A role held at a unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleGrant {
    /// The role.
    pub role: Role,
    /// The unit it is held at.
    pub unit: UnitId,
}

/// A refresh session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Session id (also in access tokens as `sid`).
    pub id: String,
    /// Owner.
    pub account: AccountId,
    /// SHA-256 of the current refresh token.
    pub refresh_hash: String,
    /// Started.
    pub created_at: DateTime<Utc>,
    /// Refresh tokens stop working after this.
    pub expires_at: DateTime<Utc>,
    /// Logged out or revoked (reuse of an old refresh token).
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Who is calling, loaded afresh on every request (roles are never read from the token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// Tenant.
    pub tenant: TenantId,
    /// Account.
    pub account: AccountId,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Session of the access token.
    pub session: String,
    /// Roles at units, as of this request.
    pub grants: Vec<RoleGrant>,
}

/// Tokens handed to a client after login or refresh.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenPair {
    /// Signed access token (JWT), short-lived.
    pub access_token: String,
    /// When it expires.
    pub access_expires_at: DateTime<Utc>,
    /// Opaque refresh token, single use (rotated on every refresh).
    pub refresh_token: String,
    /// When the session ends.
    pub refresh_expires_at: DateTime<Utc>,
}

impl fmt::Debug for TokenPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenPair")
            .field("access_expires_at", &self.access_expires_at)
            .field("refresh_expires_at", &self.refresh_expires_at)
            .finish_non_exhaustive()
    }
}

/// A personal-data read, for the access log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// Who read.
    pub account: AccountId,
    /// Kind of subject (`account`, `person`).
    pub subject_type: String,
    /// Whose data.
    pub subject_id: String,
    /// Which fields.
    pub fields: Vec<String>,
    /// Why (the API operation).
    pub purpose: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Identity settings.
#[derive(Clone)]
pub struct AuthSettings {
    /// HMAC key for access tokens (at least 32 bytes).
    pub jwt_secret: Vec<u8>,
    /// Access token lifetime.
    pub access_ttl: Duration,
    /// Refresh session lifetime.
    pub refresh_ttl: Duration,
    /// Failed logins in a row that lock the account.
    pub max_failures: i32,
    /// How long the lock lasts.
    pub lock_for: Duration,
    /// Password attempts evaluated per account per hour.
    pub attempts_per_account_per_hour: u32,
    /// Login requests per client address per minute.
    pub attempts_per_address_per_minute: u32,
    /// How long a file download link works.
    pub file_link_ttl: Duration,
}

impl fmt::Debug for AuthSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthSettings")
            .field("jwt_secret", &"***")
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .field("max_failures", &self.max_failures)
            .field("lock_for", &self.lock_for)
            .finish_non_exhaustive()
    }
}
