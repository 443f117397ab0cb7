//! Dossier use cases: creation with a gapless daily code, actions applied through the core
//! state machine in one guarded transaction each (a stale or concurrent action gets `CONFLICT`,
//! never a lost update), handler choice from the assignments, deputies, SLA per step and
//! overall, officer queues and search, staff reassignment, and the components handed in
//! (files on the object store, paper-only notes, reuse of a person's earlier documents).

mod act;
mod attach;
#[cfg(test)]
mod attach_tests;
mod demo;
mod detail;
mod disclosure;
mod fields;
mod files;
mod labels;
mod ports;
mod queues;
mod reassign;
mod service;
mod sla;
mod staffing;
#[cfg(test)]
mod use_case_tests;
mod waiting;

pub(crate) use act::ActExtras;
pub use ansinh_core::dossier::{Folder, StepSla};
pub use attach::UploadOrigin;
pub(crate) use attach::{hex, object_key};
pub use detail::{Acted, DossierView};
pub use disclosure::PersonalFields;
pub use fields::FieldChanges;
pub use files::{
    AttachmentRecord, AttachmentRepo, Certifier, FileLimits, NoCertifier, ScanCertifier,
    StoredFile, Upload,
};
pub use labels::Labels;
pub use ports::{
    Applied, COUNT_LIMIT, Deadlines, DecisionRequest, DossierFilter, DossierOrder, DossierQueries,
    DossierRecord, DossierRepo, EventDetails, FieldChange, FieldValues, FolderCounts, NewDossier,
    Owner, StoredEvent, Transition,
};
pub use queues::ListFilter;
pub use reassign::Reassignment;
pub use service::{Application, event_hash};
pub use sla::{ClockView, DossierSla, status_name as sla_status_name};
pub use staffing::{Officer, StepStaffing};

use std::sync::Arc;

/// Dossiers: creation on a citizen's behalf, every action of the workflow through the state
/// machine with its handler, SLA and timeline, queues and listings, staff reassignment.
#[derive(Debug, Clone)]
pub struct Dossiers {
    pub(crate) repo: Arc<dyn DossierRepo>,
    pub(crate) queries: Arc<dyn DossierQueries>,
    /// Officers, by name for handlers and timelines (read only).
    pub(crate) accounts: Arc<dyn crate::identity::AccountRepo>,
    pub(crate) access_log: Arc<dyn crate::identity::AccessLog>,
    /// Attachments of dossiers.
    pub(crate) files: Arc<dyn AttachmentRepo>,
    /// The bytes of attachments.
    pub(crate) blobs: Arc<dyn crate::ports::BlobStore>,
    /// Caps on what is handed in.
    pub(crate) file_limits: FileLimits,
    /// Signs scans at reception as their officer.
    pub(crate) certifier: Arc<dyn ScanCertifier>,
    pub(crate) clock: Arc<dyn crate::Clock>,
    pub(crate) access: crate::access::Access,
    pub(crate) reference: crate::reference::Reference,
    /// Officers' display names by (tenant, account), kept for `NAME_TTL`: a renamed officer
    /// shows under the old name at most that long.
    pub(crate) names: moka::sync::Cache<(ansinh_core::TenantId, String), String>,
    /// Where committed changes are announced to open screens.
    pub(crate) live: Arc<dyn crate::live::LiveFeed>,
}

/// How long an officer's display name is kept for dossier views.
pub const NAME_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// The cache of officers' display names.
pub(crate) fn name_cache() -> moka::sync::Cache<(ansinh_core::TenantId, String), String> {
    moka::sync::Cache::builder()
        .max_capacity(50_000)
        .time_to_live(NAME_TTL)
        .build()
}
