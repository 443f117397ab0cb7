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
mod replicas;
mod seed;
mod tickets;
mod tokens;

pub use ansinh_core::Resource;
pub(crate) use login::{check_id_number, check_phone};
pub use model::{
    AccessEntry, AccountId, AccountRecord, AuthSettings, NewAccount, OfficerView, Principal,
    Profile, RoleGrant, SessionRecord, TokenPair,
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
    pub(crate) signal: Arc<dyn crate::ChangeSignal>,
    pub(crate) followed: Arc<replicas::Followed>,
}

impl Identity {
    /// After a change to sessions, accounts or grants: cached principals go at once here; the
    /// policy rebuild and the other replicas' notice wait until the running request has
    /// committed (so that they read the change), or happen now outside a request.
    pub(crate) async fn changed(&self, change: crate::Change) -> Result<(), crate::AppError> {
        self.principals.drop_all();
        if crate::signal::defer(change) {
            return Ok(());
        }
        self.announce(change).await
    }

    /// Makes a committed change take effect everywhere.
    pub(crate) async fn announce(&self, change: crate::Change) -> Result<(), crate::AppError> {
        match change {
            crate::Change::Policy => self.access.reload().await?,
            crate::Change::Identity => self.signal.publish(change).await,
        }
        self.principals.drop_all();
        Ok(())
    }
}
