//! The dossier state machine: `(workflow, state, command, actor, now) -> (state, events)`.
//!
//! Pure and synchronous. Who may hold a step (assignments, deputies) and which handler a
//! forward goes to are decided by the application from configuration and passed in; here the
//! rules of the flow are enforced: which action is allowed at which step and state, that only
//! the holder (or someone acting for the holder) acts, that terminal states are final, that a
//! leader does not sign a dossier they prepared, and that every change is one event.

mod code;
mod folders;
mod machine;
mod model;
mod next;
#[cfg(test)]
mod sequence_tests;
mod sla;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod waiting_tests;

pub use code::{check_code_pattern, dossier_code};
pub use folders::{DossierPeople, Folder, FolderOwner, StepSla, folders_of, step_sla};
pub use machine::{Decision, decide, plan};
pub use model::{
    Actor, Command, DossierEvent, DossierState, FlowAction, SYSTEM_ACCOUNT, Status, StepDef,
    WorkflowDef,
};
pub use next::{NextAction, next_actions};
pub use sla::{
    DossierClocks, Extension, StepBudget, StepClock, TimelinePoint, apology_due,
    appointment_extension, dossier_clocks, supplement_wait,
};
