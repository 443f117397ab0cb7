//! Dossiers in memory: the write side with its guarded version check, code and decision-number
//! sequences and hash-chained events; the read side filtering and counting with core's
//! folder and SLA rules.

use std::collections::BTreeMap;
use std::sync::Mutex;

use ansinh_core::dossier::{DossierPeople, DossierState, Folder, dossier_code, step_sla};
use ansinh_core::{DossierId, TenantId, text};
use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use serde_json::{Map, Value};

use super::page;
use crate::AppError;
use crate::documents::{DocumentRecord, DocumentRepo};
use crate::dossier::{
    Applied, DossierFilter, DossierOrder, DossierQueries, DossierRecord, DossierRepo, FolderCounts,
    NewDossier, Owner, StoredEvent, Transition, event_hash,
};
use crate::model::{Page, PageRequest, TenantScope};
use crate::outbox::OutboxEvent;

type Key = (TenantId, DossierId);

#[derive(Debug, Default)]
struct Data {
    records: BTreeMap<Key, DossierRecord>,
    events: BTreeMap<Key, Vec<StoredEvent>>,
    sequences: BTreeMap<(TenantId, String), u32>,
    outbox: Vec<OutboxEvent>,
    /// Outbox rows dispatched so far (the first this many).
    dispatched: usize,
    documents: Vec<(TenantId, DocumentRecord)>,
}

impl Data {
    fn next(&mut self, tenant: &TenantId, sequence: String) -> u32 {
        let counter = self
            .sequences
            .entry((tenant.clone(), sequence))
            .or_default();
        *counter += 1;
        *counter
    }
}

/// Dossiers, events and sequences in memory.
#[derive(Debug, Default)]
pub(crate) struct FakeDossiers(Mutex<Data>);

impl FakeDossiers {
    fn data(&self) -> std::sync::MutexGuard<'_, Data> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The side effects queued so far, oldest first.
    pub(crate) fn outbox(&self) -> Vec<OutboxEvent> {
        self.data().outbox.clone()
    }
}

fn key(scope: &TenantScope, id: &DossierId) -> Key {
    (scope.tenant().clone(), id.clone())
}

/// Seals an event as the store does: the instant cut to microseconds, then hashed.
fn sealed(scope: &TenantScope, id: &DossierId, mut event: StoredEvent) -> StoredEvent {
    event.at = event.at.trunc_subsecs(6);
    event.hash = event_hash(scope.tenant().as_str(), id.as_str(), &event);
    event
}

#[async_trait]
impl DossierRepo for FakeDossiers {
    async fn create_dossier(
        &self,
        scope: &TenantScope,
        new: &NewDossier,
        state: &DossierState,
    ) -> Result<DossierRecord, AppError> {
        let mut data = self.data();
        let sequence = data.next(scope.tenant(), format!("{}|{}", new.agency, new.day));
        let code = dossier_code(&new.code_pattern, &new.agency, new.day, sequence)?;
        let at = new.created_at.trunc_subsecs(6);
        let record = DossierRecord {
            id: new.id.clone(),
            code,
            procedure: new.procedure.clone(),
            workflow: new.workflow.clone(),
            config_version: new.config_version,
            unit: new.unit.clone(),
            agency: new.agency.clone(),
            state: state.clone(),
            applicant_name: new.applicant_name.clone(),
            applicant_id_number: new.applicant_id_number.clone(),
            fields: new.fields.clone(),
            created_at: at,
            updated_at: at,
            received: None,
            deadlines: Default::default(),
            decision_number: None,
            source_dossier_id: new.source_dossier_id.clone(),
            personal_data_withheld: false,
        };
        let mut details = Map::new();
        if let Some(source) = &new.source_dossier_id {
            details.insert("source_dossier_id".to_owned(), source.to_string().into());
        }
        let created = StoredEvent {
            version: 0,
            action: "create".to_owned(),
            actor: new.created_by.clone(),
            acting_for: None,
            at,
            to: (state.status.as_str().to_owned(), None),
            note: String::new(),
            details: Value::Object(details).to_string(),
            sla: None,
            prev_hash: String::new(),
            hash: String::new(),
        };
        let created = sealed(scope, &new.id, created);
        data.events.insert(key(scope, &new.id), vec![created]);
        data.records.insert(key(scope, &new.id), record.clone());
        Ok(record)
    }

    async fn dossier(
        &self,
        scope: &TenantScope,
        id: &DossierId,
    ) -> Result<Option<DossierRecord>, AppError> {
        Ok(self.data().records.get(&key(scope, id)).cloned())
    }

    async fn apply(
        &self,
        scope: &TenantScope,
        id: &DossierId,
        transition: &Transition,
    ) -> Result<Applied, AppError> {
        let mut data = self.data();
        let current = data
            .records
            .get(&key(scope, id))
            .ok_or_else(|| AppError::not_found("hồ sơ", id))?;
        if current.state.version != transition.expected_version {
            return Err(AppError::Conflict);
        }
        let mut details = transition.details.clone();
        if let Some(request) = &transition.decision {
            let sequence = format!("decision|{}|{}", request.issuer, request.year);
            let next = data
                .sequences
                .get(&(scope.tenant().clone(), sequence))
                .copied();
            if request
                .expected
                .is_some_and(|n| n != next.unwrap_or_default() + 1)
            {
                return Err(AppError::Conflict);
            }
        }
        let decision_number = transition.decision.as_ref().map(|request| {
            let sequence = format!("decision|{}|{}", request.issuer, request.year);
            let number = data.next(scope.tenant(), sequence);
            format!("{number}/{}", request.symbol)
        });
        if let Some(document) = &transition.document {
            data.documents
                .push((scope.tenant().clone(), document.clone()));
        }
        if let Some(number) = &decision_number {
            details.insert("decision_number".to_owned(), number.clone().into());
        }
        let at = ansinh_core::calendar::local::from_local(transition.event.at)
            .with_timezone(&Utc)
            .trunc_subsecs(6);
        let events = data.events.entry(key(scope, id)).or_default();
        let previous = events.last().map(|e| e.hash.clone()).unwrap_or_default();
        let event = &transition.event;
        let stored = StoredEvent {
            version: event.version,
            action: event.command.name().to_owned(),
            actor: event.actor.clone(),
            acting_for: event.acting_for.clone(),
            at,
            to: (event.to.0.as_str().to_owned(), event.to.1.clone()),
            note: transition.note.clone(),
            details: Value::Object(details).to_string(),
            sla: transition.sla.clone(),
            prev_hash: previous,
            hash: String::new(),
        };
        let stored = sealed(scope, id, stored);
        events.push(stored.clone());
        data.outbox.extend(transition.outbox.clone());
        let record = data
            .records
            .get_mut(&key(scope, id))
            .ok_or_else(|| AppError::not_found("hồ sơ", id))?;
        apply_to_record(record, transition, decision_number.clone(), at);
        Ok(Applied {
            decision_number,
            event: stored,
        })
    }

    async fn events(
        &self,
        scope: &TenantScope,
        id: &DossierId,
    ) -> Result<Vec<StoredEvent>, AppError> {
        Ok(self
            .data()
            .events
            .get(&key(scope, id))
            .cloned()
            .unwrap_or_default())
    }

    async fn dossier_by_code(
        &self,
        scope: &TenantScope,
        code: &str,
    ) -> Result<Option<DossierRecord>, AppError> {
        let data = self.data();
        let found = data
            .records
            .iter()
            .find(|((tenant, _), r)| tenant == scope.tenant() && r.code == code);
        Ok(found.map(|(_, r)| r.clone()))
    }

    async fn peek_decision_number(
        &self,
        scope: &TenantScope,
        issuer: &str,
        year: i32,
    ) -> Result<u32, AppError> {
        let sequence = format!("decision|{issuer}|{year}");
        let data = self.data();
        let last = data.sequences.get(&(scope.tenant().clone(), sequence));
        Ok(last.copied().unwrap_or_default() + 1)
    }
}

#[async_trait]
impl DocumentRepo for FakeDossiers {
    async fn documents(
        &self,
        scope: &TenantScope,
        dossier: &DossierId,
    ) -> Result<Vec<DocumentRecord>, AppError> {
        let data = self.data();
        let found = data
            .documents
            .iter()
            .filter(|(tenant, d)| tenant == scope.tenant() && &d.dossier == dossier);
        Ok(found.map(|(_, d)| d.clone()).collect())
    }

    async fn document(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<DocumentRecord>, AppError> {
        let data = self.data();
        let found = data
            .documents
            .iter()
            .find(|(tenant, d)| tenant == scope.tenant() && d.id == id);
        Ok(found.map(|(_, d)| d.clone()))
    }

    async fn insert_document(
        &self,
        scope: &TenantScope,
        record: &DocumentRecord,
    ) -> Result<(), AppError> {
        self.data()
            .documents
            .push((scope.tenant().clone(), record.clone()));
        Ok(())
    }
}

fn apply_to_record(
    record: &mut DossierRecord,
    transition: &Transition,
    decision_number: Option<String>,
    at: DateTime<Utc>,
) {
    record.state = transition.state.clone();
    record.deadlines = transition.deadlines;
    record.updated_at = at;
    if decision_number.is_some() {
        record.decision_number = decision_number;
    }
    if let Some(received) = &transition.received {
        record.received = Some(received.clone());
    }
    if let Some(values) = &transition.values {
        record.applicant_name = values.applicant_name.clone();
        record.applicant_id_number = values.applicant_id_number.clone();
        record.fields = values.fields.clone();
    }
}

fn people(record: &DossierRecord) -> DossierPeople<'_> {
    DossierPeople {
        created_by: &record.state.created_by,
        holder: record.state.holder.as_deref(),
        received_by: record.received.as_ref().map(|(by, _)| by.as_str()),
    }
}

fn owned(owner: &Owner, record: &DossierRecord) -> bool {
    use ansinh_core::dossier::FolderOwner;
    match owner {
        Owner::HeldBy(account) => FolderOwner::Holder.owns(account, people(record)),
        Owner::CreatedBy(account) => FolderOwner::Creator.owns(account, people(record)),
        Owner::ReceivedBy(account) => FolderOwner::Receiver.owns(account, people(record)),
        Owner::AtUnits(units) => units.contains(&record.unit.to_string()),
        Owner::Anywhere => true,
    }
}

/// The store's search: a 9/12-digit ID number, a code or its start, part of a folded name;
/// codes only without personal search.
fn found_by(search: &str, personal: bool, record: &DossierRecord) -> bool {
    let search = search.trim();
    let by_code = record.code.starts_with(search);
    if !personal {
        return by_code;
    }
    let digits = search.bytes().all(|b| b.is_ascii_digit());
    if digits && (search.len() == 9 || search.len() == 12) {
        let id_number = record
            .applicant_id_number
            .as_ref()
            .map(|n| n.expose().as_str());
        return id_number == Some(search) || by_code;
    }
    let by_name = text::fold(record.applicant_name.expose()).contains(&text::fold(search));
    let code_like = search.contains('-') || (search.contains('.') && !search.contains(' '));
    by_name || ((code_like || digits) && by_code)
}

fn matches(filter: &DossierFilter, record: &DossierRecord) -> bool {
    let status = record.state.status;
    let received_at = record.received.as_ref().map(|(_, at)| *at);
    let sla = || {
        let d = record.deadlines;
        step_sla(status, d.step_due_at, d.step_warn_at, filter.now)
    };
    owned(&filter.owner, record)
        && (filter.statuses.is_empty() || filter.statuses.contains(&status))
        && filter
            .procedure
            .as_ref()
            .is_none_or(|p| &record.procedure == p)
        && filter
            .units
            .as_ref()
            .is_none_or(|units| units.contains(&record.unit.to_string()))
        && filter.sla.is_none_or(|wanted| sla() == Some(wanted))
        && filter
            .received_from
            .is_none_or(|from| received_at.is_some_and(|at| at >= from))
        && filter
            .received_before
            .is_none_or(|before| received_at.is_some_and(|at| at < before))
        && filter
            .search
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .is_none_or(|s| found_by(s, filter.search_personal, record))
}

#[async_trait]
impl DossierQueries for FakeDossiers {
    async fn find_dossiers(
        &self,
        scope: &TenantScope,
        filter: &DossierFilter,
        request: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError> {
        let data = self.data();
        let mut found: Vec<DossierRecord> = data
            .records
            .iter()
            .filter(|((tenant, _), record)| tenant == scope.tenant() && matches(filter, record))
            .map(|(_, record)| record.clone())
            .collect();
        found.sort_by(|a, b| match filter.order {
            DossierOrder::RecentlyChanged => b.updated_at.cmp(&a.updated_at),
            // `None` last: paused and ended dossiers go to the bottom.
            DossierOrder::StepDueFirst => {
                let due = |r: &DossierRecord| {
                    (r.deadlines.step_due_at.is_none(), r.deadlines.step_due_at)
                };
                due(a).cmp(&due(b))
            }
            DossierOrder::ReceivedFirst => {
                let at = |r: &DossierRecord| r.received.as_ref().map(|(_, at)| *at);
                (at(a).is_none(), at(a)).cmp(&(at(b).is_none(), at(b)))
            }
        });
        let mut found = page(found, request);
        found.total = found.total.min(crate::dossier::COUNT_LIMIT + 1);
        Ok(found)
    }

    async fn folder_counts(
        &self,
        scope: &TenantScope,
        account: &str,
        now: DateTime<Utc>,
    ) -> Result<FolderCounts, AppError> {
        let data = self.data();
        let mut counts = FolderCounts::default();
        let mine = data
            .records
            .iter()
            .filter(|((tenant, _), _)| tenant == scope.tenant())
            .map(|(_, record)| record);
        for record in mine {
            for folder in Folder::ALL {
                let status = record.state.status;
                if !folder.statuses().contains(&status)
                    || !folder.owner().owns(account, people(record))
                {
                    continue;
                }
                *count_of(&mut counts, folder) += 1;
                if folder == Folder::InProgress {
                    let d = record.deadlines;
                    match step_sla(status, d.step_due_at, d.step_warn_at, now) {
                        Some(ansinh_core::dossier::StepSla::Late) => counts.in_progress_late += 1,
                        Some(ansinh_core::dossier::StepSla::DueSoon) => {
                            counts.in_progress_due_soon += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(counts)
    }
}

fn count_of(counts: &mut FolderCounts, folder: Folder) -> &mut u64 {
    match folder {
        Folder::ToReceive => &mut counts.to_receive,
        Folder::InProgress => &mut counts.in_progress,
        Folder::Supplement => &mut counts.supplement,
        Folder::ResultArrived => &mut counts.result_arrived,
        Folder::NotReturned => &mut counts.not_returned,
        Folder::IneligibleOrRejected => &mut counts.ineligible_or_rejected,
    }
}

impl FakeDossiers {
    /// Up to `limit` undispatched outbox rows, ids by position.
    pub(crate) fn undispatched(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Vec<crate::notices::ClaimedEvent> {
        let data = self.data();
        data.outbox
            .iter()
            .enumerate()
            .skip(data.dispatched)
            .take(limit as usize)
            .map(|(i, event)| crate::notices::ClaimedEvent {
                id: format!("{i:08}"),
                event: Some(event.clone()),
                created_at: now,
            })
            .collect()
    }

    /// Marks the row at `id` (and those before it) dispatched.
    pub(crate) fn dispatch(&self, id: &str) {
        let index: usize = id.parse().unwrap_or_default();
        let mut data = self.data();
        data.dispatched = data.dispatched.max(index + 1);
    }

    /// Undispatched rows.
    pub(crate) fn backlog(&self) -> u64 {
        let data = self.data();
        (data.outbox.len() - data.dispatched) as u64
    }
}

#[async_trait]
impl crate::notices::DeadlineWatch for FakeDossiers {
    async fn crossing(
        &self,
        scope: &TenantScope,
        deadline: crate::notices::Deadline,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<DossierRecord>, AppError> {
        use crate::notices::Deadline;
        use ansinh_core::dossier::Status;
        let data = self.data();
        let mut found: Vec<(DateTime<Utc>, DossierRecord)> = data
            .records
            .iter()
            .filter(|((tenant, _), _)| tenant == scope.tenant())
            .map(|(_, record)| record)
            .filter(|r| {
                let waiting = matches!(
                    deadline,
                    Deadline::SupplementReminder | Deadline::SupplementLapse
                );
                if waiting {
                    r.state.status == Status::AwaitingSupplement
                } else {
                    matches!(r.state.status, Status::InProgress | Status::ReworkRequested)
                }
            })
            .filter_map(|r| {
                let at = match deadline {
                    Deadline::StepWarning => r.deadlines.step_warn_at,
                    Deadline::StepDue => r.deadlines.step_due_at,
                    Deadline::Appointment => r.deadlines.due_at,
                    Deadline::SupplementReminder => r.deadlines.supplement_remind_at,
                    Deadline::SupplementLapse => r.deadlines.supplement_lapse_at,
                }?;
                (after < at && at <= until).then(|| (at, r.clone()))
            })
            .collect();
        found.sort_by_key(|(at, _)| *at);
        Ok(found
            .into_iter()
            .take(limit as usize)
            .map(|(_, r)| r)
            .collect())
    }
}
