//! Dossiers in the API: the caller's queues with counts, filters and search, listings across
//! the caller's units, a dossier with SLA, next actions and timeline, who handles a step,
//! creation on a citizen's behalf, and one mutation per action of the flow.

mod dossier;
mod inputs;
mod mutation;
mod query;
mod types;

pub(crate) use dossier::Dossier;
pub use mutation::DossierMutation;
pub use query::DossierQuery;
pub(crate) use query::{acted_detail, dossier_detail};
