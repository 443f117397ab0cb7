//! Identity and access: accounts, sessions with short-lived access tokens and rotating refresh
//! tokens, login throttling and lockout, password policy, role grants at units, and the
//! authorization questions the API asks.

mod admin;
mod login;
pub mod model;
mod operator;
mod password;
pub mod ports;
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
pub use seed::{NATIONAL_ACCOUNTS, national_root};
