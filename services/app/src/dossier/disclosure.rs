//! The applicant's personal data (ID number, the application's fields, the full name) goes
//! only to readers whose role may read persons (`person: [read]`) at the dossier's unit, and
//! each such read of a detail is logged. Others (the province viewer) see the dossier's
//! progress with the applicant's initials, and may search by code only.

use ansinh_core::{Pii, Resource, UnitId, text};
use serde_json::Value;

use super::Dossiers;
use super::ports::{DossierRecord, StoredEvent};
use crate::AppError;
use crate::identity::{AccessEntry, Principal};
use crate::model::{Page, TenantScope};
use ansinh_core::Action;

/// Leaves out what identifies the applicant.
fn withhold(record: &mut DossierRecord) {
    record.applicant_name = Pii::new(text::initials(record.applicant_name.expose()));
    record.applicant_id_number = None;
    record.fields.expose_mut().clear();
    record.personal_data_withheld = true;
}

/// The timeline's recorded field changes keep which field changed, not the values.
fn withhold_changes(event: &mut StoredEvent) {
    let Ok(mut details) = serde_json::from_str::<Value>(&event.details) else {
        return;
    };
    if let Some(Value::Object(changes)) = details.get_mut("changes") {
        for change in changes.values_mut() {
            *change = serde_json::json!({"from": null, "to": null});
        }
        event.details = details.to_string();
    }
}

impl Dossiers {
    /// Whether the principal may read personal data of people at `unit`.
    pub(crate) async fn may_read_persons(&self, principal: &Principal, unit: &UnitId) -> bool {
        self.access
            .allows(principal, Resource::Person, Action::Read, unit)
            .await
    }

    /// Whether the principal may read personal data everywhere below `roots` (so a search by
    /// name or ID number over them reveals nothing they may not see).
    pub(crate) async fn may_search_persons(&self, principal: &Principal, roots: &[UnitId]) -> bool {
        for root in roots {
            if !self.may_read_persons(principal, root).await {
                return false;
            }
        }
        !roots.is_empty()
    }

    /// The record as the principal may see it.
    pub(crate) async fn disclosed(
        &self,
        principal: &Principal,
        mut record: DossierRecord,
    ) -> DossierRecord {
        if !self.may_read_persons(principal, &record.unit).await {
            withhold(&mut record);
        }
        record
    }

    /// A page of records as the principal may see them.
    pub(crate) async fn disclosed_page(
        &self,
        principal: &Principal,
        page: Page<DossierRecord>,
    ) -> Page<DossierRecord> {
        // A page's dossiers are mostly at a few units: one question per unit.
        let mut readable: Vec<(UnitId, bool)> = Vec::new();
        let mut items = Vec::with_capacity(page.items.len());
        for mut record in page.items {
            let known = readable.iter().find(|(unit, _)| *unit == record.unit);
            let may = match known {
                Some((_, may)) => *may,
                None => {
                    let may = self.may_read_persons(principal, &record.unit).await;
                    readable.push((record.unit.clone(), may));
                    may
                }
            };
            if !may {
                withhold(&mut record);
            }
            items.push(record);
        }
        Page {
            items,
            total: page.total,
        }
    }

    /// A detail as the principal may see it: withheld (timeline values included), or shown
    /// with the personal fields the reader asked for, and that read logged; the fields not
    /// asked for are left out, so nothing personal leaves unlogged.
    pub(crate) async fn disclosed_detail(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        mut record: DossierRecord,
        events: &mut [StoredEvent],
        asked: PersonalFields,
    ) -> Result<DossierRecord, AppError> {
        record = self.disclosed(principal, record).await;
        if record.personal_data_withheld {
            events.iter_mut().for_each(withhold_changes);
            return Ok(record);
        }
        if !asked.id_number {
            record.applicant_id_number = None;
        }
        if !asked.fields {
            record.fields.expose_mut().clear();
        }
        let fields: Vec<String> = record
            .applicant_id_number
            .as_ref()
            .map(|_| "applicant_id_number".to_owned())
            .into_iter()
            .chain(
                record
                    .fields
                    .expose()
                    .keys()
                    .map(|name| format!("fields.{name}")),
            )
            .collect();
        if !fields.is_empty() {
            let entry = AccessEntry {
                account: principal.account.clone(),
                subject_type: "dossier".to_owned(),
                subject_id: record.id.to_string(),
                fields,
                purpose: "dossier".to_owned(),
                at: self.clock.now(),
            };
            self.access_log.log_access(scope, &entry).await?;
        }
        Ok(record)
    }
}

/// Which of the applicant's personal fields a reader asked for (the API knows from the
/// selection); only those are read out and logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PersonalFields {
    /// The ID number.
    pub id_number: bool,
    /// The application's recorded fields.
    pub fields: bool,
}

impl PersonalFields {
    /// Every personal field.
    pub const ALL: Self = Self {
        id_number: true,
        fields: true,
    };
}
