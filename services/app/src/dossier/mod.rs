//! Dossier use cases: creation with a gapless daily code, actions applied through the core
//! state machine in one guarded transaction each (a stale or concurrent action gets `CONFLICT`,
//! never a lost update), handler choice from the assignments, deputies, SLA per step and
//! overall, officer queues and search, staff reassignment.

mod act;
mod demo;
mod disclosure;
mod fields;
mod labels;
mod ports;
mod queues;
mod reassign;
mod service;
mod sla;
mod staffing;

pub use ansinh_core::dossier::{Folder, StepSla};
pub use fields::FieldChanges;
pub use labels::Labels;
pub use ports::{
    Deadlines, DecisionRequest, DossierFilter, DossierOrder, DossierQueries, DossierRecord,
    DossierRepo, EventDetails, FieldChange, FieldValues, FolderCounts, NewDossier, Owner,
    StoredEvent, Transition,
};
pub use queues::ListFilter;
pub use reassign::Reassignment;
pub use service::{Application, DossierView, event_hash};
pub use sla::{ClockView, DossierSla, status_name as sla_status_name};
pub use staffing::{Officer, StepStaffing};
