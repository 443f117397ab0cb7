//! Identity and access: accounts, sessions with short-lived access tokens and rotating refresh
//! tokens, login throttling and lockout, password policy, role grants at units, and the
//! authorization questions the API asks.

mod admin;
mod login;
pub mod model;
mod operator;
mod password;
pub mod ports;
mod principals;
mod seed;
mod tokens;

pub use ansinh_core::Resource;
pub(crate) use login::check_id_number;
pub use model::{
    AccessEntry, AccountId, AccountRecord, AuthSettings, NewAccount, OfficerView, Principal,
    RoleGrant, SessionRecord, TokenPair,
};
pub use password::check_password_policy;
pub use ports::{
    AccessLog, AccountRepo, Authorizer, Limit, PasswordHasher, RateLimiter, SessionStore,
};
pub use principals::PRINCIPAL_TTL;
pub use seed::{NATIONAL_ACCOUNTS, national_root};

pub(crate) use principals::PrincipalCache;

use std::sync::Arc;

/// Logins and sessions, officers and their roles at units, the password policy, lockout.
#[derive(Debug, Clone)]
pub struct Identity {
    pub(crate) accounts: Arc<dyn AccountRepo>,
    pub(crate) sessions: Arc<dyn SessionStore>,
    pub(crate) access_log: Arc<dyn AccessLog>,
    pub(crate) hasher: Arc<dyn PasswordHasher>,
    pub(crate) limiter: Arc<dyn RateLimiter>,
    pub(crate) auth: Arc<AuthSettings>,
    pub(crate) clock: Arc<dyn crate::Clock>,
    pub(crate) access: crate::access::Access,
    pub(crate) reference: crate::reference::Reference,
    pub(crate) principals: Arc<PrincipalCache>,
}
