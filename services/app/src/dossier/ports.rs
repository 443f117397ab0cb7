//! The dossier persistence port.

use std::collections::BTreeMap;

use ansinh_core::dossier::{DossierEvent, DossierState, Status, StepSla};
use ansinh_core::{DossierId, UnitId};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::AppError;
use crate::model::{Page, PageRequest, TenantScope};
use ansinh_core::Pii;

/// A stored dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierRecord {
    /// Id (UUIDv7).
    pub id: DossierId,
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
    pub applicant_name: Pii<String>,
    /// Applicant's personal identification number.
    pub applicant_id_number: Option<Pii<String>>,
    /// Other recorded fields of the application (address, date of birth, …).
    pub fields: Pii<BTreeMap<String, String>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Account that received it, and when.
    pub received: Option<(String, DateTime<Utc>)>,
    /// SLA instants of the current step and of the dossier.
    pub deadlines: Deadlines,
    /// Number of the issued decision.
    pub decision_number: Option<String>,
    /// The dossier this one was copied from ("new dossier from this one").
    pub source_dossier_id: Option<DossierId>,
    /// Set when the reader may not see the applicant's personal data: the name is shortened
    /// to initials, the ID number and the application's fields are left out.
    pub personal_data_withheld: bool,
}

/// SLA instants kept on the dossier row so that queues filter on them in SQL; `None` while
/// unknown (before reception, or paused waiting for the citizen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deadlines {
    /// When the current step began.
    pub step_started_at: Option<DateTime<Utc>>,
    /// When the current step becomes due soon.
    pub step_warn_at: Option<DateTime<Utc>>,
    /// When the current step is due.
    pub step_due_at: Option<DateTime<Utc>>,
    /// When the whole dossier is due (the appointment).
    pub due_at: Option<DateTime<Utc>>,
    /// While waiting for the citizen's supplement: when to remind them.
    pub supplement_remind_at: Option<DateTime<Utc>>,
    /// While waiting for the citizen's supplement: when the dossier is returned without it.
    pub supplement_lapse_at: Option<DateTime<Utc>>,
}

/// What creating a dossier needs; the code is allocated by the store in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDossier {
    /// Id chosen by the caller.
    pub id: DossierId,
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
    pub applicant_name: Pii<String>,
    /// Applicant's ID number.
    pub applicant_id_number: Option<Pii<String>>,
    /// Other fields.
    pub fields: Pii<BTreeMap<String, String>>,
    /// The dossier it was copied from.
    pub source_dossier_id: Option<DossierId>,
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
    /// The command's details as JSON (handler, reason, missing list, changed fields, decision
    /// number).
    pub details: String,
    /// The left step's SLA snapshot as JSON, when a step was left.
    pub sla: Option<String>,
    /// Hash of the previous event ("" for the first).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// What storing a transition produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The decision number drawn, when the transition issued a decision.
    pub decision_number: Option<String>,
    /// The event appended to the chain, sealed.
    pub event: StoredEvent,
}

/// What an event's details say, read back from the stored JSON; absent parts are empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(default)]
pub struct EventDetails {
    /// Reason given (send back, ineligible, rejection, withdrawal).
    pub reason: Option<String>,
    /// What the citizen must supply.
    pub missing: Vec<String>,
    /// Account the dossier went to.
    pub handler: Option<String>,
    /// That officer's name.
    pub handler_name: Option<String>,
    /// Decision number issued.
    pub decision_number: Option<String>,
    /// How a returned result was handed over (`electronic`, `in_person`, `post`).
    pub handover: Option<String>,
    /// Fields changed, by name (ID numbers only say that they changed).
    pub changes: BTreeMap<String, FieldChange>,
    /// The new appointment day an apology letter gave.
    pub until: Option<NaiveDate>,
    /// The appointment it replaced.
    pub previous_due: Option<DateTime<Utc>>,
    /// Working minutes the letter added to the dossier's clock.
    pub minutes: Option<i64>,
    /// Working days the citizen's supplement was waited for before the system returned it.
    pub waited_days: Option<u32>,
}

/// A field's value before and after a change.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(default)]
pub struct FieldChange {
    /// Before (`None` when unset or not repeated).
    pub from: Option<String>,
    /// After.
    pub to: Option<String>,
}

impl StoredEvent {
    /// The event's details; unreadable details read as none.
    pub fn read_details(&self) -> EventDetails {
        serde_json::from_str(&self.details).unwrap_or_default()
    }
}

/// A decision number to allocate with the transition: the next of the issuing body's year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRequest {
    /// Issuing body (the unit whose clerk issues).
    pub issuer: String,
    /// Year of issue.
    pub year: i32,
    /// Document symbol after the number, e.g. `QĐ-UBND`.
    pub symbol: String,
    /// The number the issued document already carries: the store refuses (`Conflict`) when
    /// the sequence gives another.
    pub expected: Option<u32>,
}

/// New values of the applicant's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValues {
    /// Name (NFC).
    pub applicant_name: Pii<String>,
    /// ID number.
    pub applicant_id_number: Option<Pii<String>>,
    /// Other fields.
    pub fields: Pii<BTreeMap<String, String>>,
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
    /// The command's details (JSON object).
    pub details: serde_json::Map<String, serde_json::Value>,
    /// SLA snapshot of the step left (JSON).
    pub sla: Option<String>,
    /// SLA instants after the change.
    pub deadlines: Deadlines,
    /// Set when this transition receives the dossier.
    pub received: Option<(String, DateTime<Utc>)>,
    /// Set when this transition issues a decision.
    pub decision: Option<DecisionRequest>,
    /// Set when this transition changes the applicant's data.
    pub values: Option<FieldValues>,
    /// A side effect to queue: topic and payload.
    pub outbox: Option<crate::outbox::OutboxEvent>,
    /// The document revision written with the change (a signed or issued decision).
    pub document: Option<crate::documents::DocumentRecord>,
}

/// Order of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DossierOrder {
    /// Most recently changed first.
    #[default]
    RecentlyChanged,
    /// The current step's due instant first (the most urgent on top; paused and ended last).
    StepDueFirst,
    /// Received longest ago first.
    ReceivedFirst,
}

/// Whose dossiers a listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// Held by the account.
    HeldBy(String),
    /// Created by the account.
    CreatedBy(String),
    /// Received by the account (or created by it, for dossiers that never were received).
    ReceivedBy(String),
    /// At these units (ids, already expanded to the caller's subtrees).
    AtUnits(Vec<String>),
    /// Anywhere in the tenant (a caller reaching the whole province).
    Anywhere,
}

/// A listing's filters; every field narrows the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierFilter {
    /// Whose.
    pub owner: Owner,
    /// Statuses (any when empty).
    pub statuses: Vec<Status>,
    /// Catalogue code of the procedure.
    pub procedure: Option<String>,
    /// Receiving unit ids (any when `None`).
    pub units: Option<Vec<String>>,
    /// SLA state of the current step, as of `now`.
    pub sla: Option<StepSla>,
    /// Received on or after.
    pub received_from: Option<DateTime<Utc>>,
    /// Received before.
    pub received_before: Option<DateTime<Utc>>,
    /// Code (or its start), name without diacritics, or 9/12-digit ID number.
    pub search: Option<String>,
    /// Whether the search may match names and ID numbers (the reader may see personal data
    /// everywhere the listing reaches); codes only otherwise, so a search never tells whether
    /// someone has a dossier.
    pub search_personal: bool,
    /// Order of the rows.
    pub order: DossierOrder,
    /// The instant SLA states are judged at.
    pub now: DateTime<Utc>,
}

/// How many dossiers each folder of an officer's queue holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FolderCounts {
    /// Drafts the officer created.
    pub to_receive: u64,
    /// Held and being processed (rework included).
    pub in_progress: u64,
    /// Of those, past the step's due instant.
    pub in_progress_late: u64,
    /// Of those, due soon.
    pub in_progress_due_soon: u64,
    /// Held, waiting for the citizen's supplement.
    pub supplement: u64,
    /// Held, the result back at the commune.
    pub result_arrived: u64,
    /// Received by the officer, result not yet returned.
    pub not_returned: u64,
    /// Received by the officer, ended as ineligible or rejected.
    pub ineligible_or_rejected: u64,
}

/// Dossiers (the write side): creation with its code, guarded transitions with their events
/// and side effects, and reading one dossier and its timeline, within a tenant.
#[async_trait]
pub trait DossierRepo: Send + Sync + std::fmt::Debug {
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
        id: &DossierId,
    ) -> Result<Option<DossierRecord>, AppError>;

    /// Stores the new state if the dossier is still at `expected_version` (else `Conflict`),
    /// allocates the decision number if asked, appends the event to the chain and queues the
    /// side effect, in one transaction. Answers the decision number allocated and the event as
    /// stored.
    async fn apply(
        &self,
        scope: &TenantScope,
        id: &DossierId,
        transition: &Transition,
    ) -> Result<Applied, AppError>;

    /// The dossier's events, oldest first.
    async fn events(
        &self,
        scope: &TenantScope,
        id: &DossierId,
    ) -> Result<Vec<StoredEvent>, AppError>;

    /// A dossier by its code.
    async fn dossier_by_code(
        &self,
        scope: &TenantScope,
        code: &str,
    ) -> Result<Option<DossierRecord>, AppError>;

    /// The number the issuing body's year would give next (read only: the issue takes it in
    /// its transaction, or fails if another took it first).
    async fn peek_decision_number(
        &self,
        scope: &TenantScope,
        issuer: &str,
        year: i32,
    ) -> Result<u32, AppError>;
}

/// Listings count their matches up to this many: a total of `COUNT_LIMIT + 1` means "more",
/// so that a listing over a whole province costs what a page costs, not a scan of the province.
pub const COUNT_LIMIT: u64 = 10_000;

/// Dossier listings (the read side): queues, listings across units, folder counts, decided in
/// SQL, within a tenant.
#[async_trait]
pub trait DossierQueries: Send + Sync + std::fmt::Debug {
    /// Dossiers matching the filter, most recently changed first, with the total counted up
    /// to `COUNT_LIMIT` (beyond it, `COUNT_LIMIT + 1`).
    async fn find_dossiers(
        &self,
        scope: &TenantScope,
        filter: &DossierFilter,
        page: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError>;

    /// The officer's folder counts as of `now`.
    async fn folder_counts(
        &self,
        scope: &TenantScope,
        account: &str,
        now: DateTime<Utc>,
    ) -> Result<FolderCounts, AppError>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::Application;
    use crate::identity::AccountRecord;
    use ansinh_core::{Pii, TenantId};

    const ID_NUMBER: &str = "004123456789";
    const NAME: &str = "Nông Thị Mai";
    const ADDRESS: &str = "Thôn Nà Pồng";

    fn fields() -> Pii<BTreeMap<String, String>> {
        Pii::new([("dia_chi".to_owned(), ADDRESS.to_owned())].into())
    }

    fn assert_masked(debug: String) {
        for secret in [ID_NUMBER, NAME, ADDRESS, "0912345678"] {
            assert!(!debug.contains(secret), "{secret} printed in {debug}");
        }
    }

    #[test]
    fn records_never_print_personal_data() {
        let at = DateTime::<Utc>::default();
        let record = DossierRecord {
            id: DossierId::new("d"),
            code: "04.01273-260302-0001".to_owned(),
            procedure: "2.000286".to_owned(),
            workflow: "w".to_owned(),
            config_version: 1,
            unit: UnitId::new("01273", None),
            agency: "04.01273".to_owned(),
            state: DossierState::draft("a"),
            applicant_name: Pii::new(NAME.to_owned()),
            applicant_id_number: Some(Pii::new(ID_NUMBER.to_owned())),
            fields: fields(),
            created_at: at,
            updated_at: at,
            received: None,
            deadlines: Deadlines::default(),
            decision_number: None,
            source_dossier_id: None,
            personal_data_withheld: false,
        };
        assert_masked(format!("{record:?}"));
        assert!(format!("{record:?}").contains("04.01273-260302-0001"));
        let application = Application {
            applicant_name: Pii::new(NAME.to_owned()),
            applicant_id_number: Some(Pii::new(ID_NUMBER.to_owned())),
            fields: fields(),
        };
        assert_masked(format!("{application:?}"));
        let values = FieldValues {
            applicant_name: Pii::new(NAME.to_owned()),
            applicant_id_number: Some(Pii::new(ID_NUMBER.to_owned())),
            fields: fields(),
        };
        assert_masked(format!("{values:?}"));
        let mut account = AccountRecord::fresh(
            TenantId::parse("04").unwrap_or_else(|e| panic!("{e}")),
            "vhxh.01273".to_owned(),
            "Hà Thị B".to_owned(),
            "$argon2id$...".to_owned(),
            at,
        );
        account.phone = Some(Pii::new("0912345678".to_owned()));
        account.id_number = Some(Pii::new(ID_NUMBER.to_owned()));
        assert_masked(format!("{account:?}"));
    }
}
