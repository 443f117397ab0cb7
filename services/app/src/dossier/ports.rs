//! The dossier persistence port.

use ansinh_core::UnitId;
use ansinh_core::dossier::{DossierEvent, DossierState};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::AppError;
use crate::model::TenantScope;

/// A stored dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierRecord {
    /// Id (UUIDv7).
    pub id: String,
    /// Code shown to citizens, e.g. `000.00.28.H17-260302-0001`.
    pub code: String,
    /// Catalogue code of the procedure.
    pub procedure: String,
    /// Workflow code.
    pub workflow: String,
    /// Configuration version the dossier started under (its workflow is pinned to it).
    pub config_version: i32,
    /// Receiving unit.
    pub unit: UnitId,
    /// Agency code in the dossier code.
    pub agency: String,
    /// State-machine state.
    pub state: DossierState,
    /// Applicant's name (NFC).
    pub applicant_name: String,
    /// Applicant's personal identification number.
    pub applicant_id_number: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// What creating a dossier needs; the code is allocated by the store in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDossier {
    /// Id chosen by the caller.
    pub id: String,
    /// Catalogue code of the procedure.
    pub procedure: String,
    /// Workflow code.
    pub workflow: String,
    /// Configuration version.
    pub config_version: i32,
    /// Receiving unit.
    pub unit: UnitId,
    /// Agency code.
    pub agency: String,
    /// Tenant's dossier code pattern.
    pub code_pattern: String,
    /// Local day of receipt (the daily sequence's day).
    pub day: NaiveDate,
    /// Creator.
    pub created_by: String,
    /// Applicant's name.
    pub applicant_name: String,
    /// Applicant's ID number.
    pub applicant_id_number: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// An event as stored, with its place in the hash chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Version (0 = creation).
    pub version: u32,
    /// Action name.
    pub action: String,
    /// Who.
    pub actor: String,
    /// For whom.
    pub acting_for: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// Status and step after.
    pub to: (String, Option<String>),
    /// Note.
    pub note: String,
    /// Hash of the previous event ("" for the first).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// One decided change to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The version the decision was made on.
    pub expected_version: u32,
    /// The new state.
    pub state: DossierState,
    /// The event recording it.
    pub event: DossierEvent,
    /// The officer's note.
    pub note: String,
    /// A side effect to queue: topic and payload.
    pub outbox: Option<(String, String)>,
}

/// Dossiers, their events and code sequences, within a tenant.
#[async_trait]
pub trait DossierStore: Send + Sync + std::fmt::Debug {
    /// Allocates the next code of the agency and day and stores the draft with its creation
    /// event, in one transaction (so codes have no gaps).
    async fn create_dossier(
        &self,
        scope: &TenantScope,
        new: &NewDossier,
        state: &DossierState,
    ) -> Result<DossierRecord, AppError>;

    /// A dossier by id.
    async fn dossier(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<DossierRecord>, AppError>;

    /// Stores the new state if the dossier is still at `expected_version` (else `Conflict`),
    /// appends the event to the chain and queues the side effect, in one transaction.
    async fn apply(
        &self,
        scope: &TenantScope,
        id: &str,
        transition: &Transition,
    ) -> Result<(), AppError>;

    /// Dossiers held by `holder` in one of `statuses` (or created by them, for drafts), newest
    /// first.
    async fn held_by(
        &self,
        scope: &TenantScope,
        holder: &str,
        statuses: &[ansinh_core::dossier::Status],
        page: crate::model::PageRequest,
    ) -> Result<crate::model::Page<DossierRecord>, AppError>;

    /// The dossier's events, oldest first.
    async fn events(&self, scope: &TenantScope, id: &str) -> Result<Vec<StoredEvent>, AppError>;
}
