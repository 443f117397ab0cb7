//! Background work in the API: what platform administrators see of jobs, the outbox and
//! messages (and the dead ones they put back in line), and the notices an officer receives.

mod mutation;
mod query;
mod types;

pub use mutation::BackgroundMutation;
pub use query::BackgroundQuery;
