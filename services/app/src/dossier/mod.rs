//! Dossier use cases: creation with a gapless daily code, and actions applied through the core
//! state machine in one guarded transaction each (a stale or concurrent action gets `CONFLICT`,
//! never a lost update).

mod ports;
mod service;

pub use ports::{DossierRecord, DossierStore, NewDossier, StoredEvent, Transition};
pub use service::event_hash;
