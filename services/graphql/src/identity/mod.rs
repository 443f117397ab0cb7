//! Identity in the API: login, refresh, logout, the caller's own account, and the province
//! administration of officers (list, create, grant and revoke roles, lock and unlock).

mod mutation;
mod query;
mod types;

pub use mutation::IdentityMutation;
pub use query::IdentityQuery;
pub(crate) use types::{Officer, RoleName, officer};
