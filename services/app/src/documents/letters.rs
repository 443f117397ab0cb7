//! What the desk's letters say besides a decision's fields: the procedure, its processing
//! time, when the dossier was received and is due back (the appointment), who received it,
//! the components handed in, the last supplement list and the last refusal's reasons.

use std::collections::BTreeMap;

use ansinh_core::calendar::local::to_local;
use ansinh_core::file::Provenance;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Documents;
use crate::AppError;
use crate::dossier::DossierRecord;
use crate::identity::Principal;
use crate::model::TenantScope;

fn provenance_note(provenance: &Provenance) -> &'static str {
    match provenance {
        Provenance::Scanned => "bản giấy đã số hóa",
        Provenance::Electronic { signed: false } => "bản điện tử",
        Provenance::Electronic { signed: true } => "bản điện tử có chữ ký số",
        Provenance::Reused { .. } => "sử dụng lại từ kho dữ liệu",
        Provenance::Paper { .. } => "bản giấy",
    }
}

/// A Markdown list, one line per item (a single dotted line when empty).
fn list(items: &[String]) -> String {
    if items.is_empty() {
        return "- ……………".to_owned();
    }
    items
        .iter()
        .map(|item| format!("- {}", item.replace('\n', " ")))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Documents {
    /// The letter fields of `record`.
    pub(crate) async fn letter_facts(
        &self,
        scope: &TenantScope,
        principal: &Principal,
        record: &DossierRecord,
        procedure_name: Option<&str>,
    ) -> Result<BTreeMap<String, String>, AppError> {
        let mut facts = BTreeMap::new();
        let mut set = |name: &str, value: String| {
            facts.insert(name.to_owned(), value);
        };
        if let Some(name) = procedure_name {
            set("ten_thu_tuc", name.to_owned());
        }
        set("ma_tra_cuu", self.lookup_code_of(scope, &record.id));
        let (_, workflow, _) = self.dossiers.pinned_workflow(scope, record).await?;
        let hours: u32 = workflow.steps.iter().map(|s| s.budget.hours).sum();
        set("thoi_han", format!("{} ngày làm việc", hours.div_ceil(8)));
        if let Some((_, at)) = &record.received {
            let local = to_local(at);
            set("gio_tiep_nhan", local.format("%H giờ %M phút").to_string());
            set("ngay_tiep_nhan", local.format("%d/%m/%Y").to_string());
        }
        if let Some(due) = record.deadlines.due_at {
            let local = to_local(&due);
            set("gio_hen_tra", local.format("%H giờ %M phút").to_string());
            set("ngay_hen_tra", local.format("%d/%m/%Y").to_string());
        }
        set("nguoi_lap_phieu", principal.display_name.clone());
        let mut accounts: Vec<String> = record.received.iter().map(|(a, _)| a.clone()).collect();
        accounts.dedup();
        let names = self.dossiers.officer_names(scope, &accounts).await?;
        if let Some(name) = record.received.as_ref().and_then(|(a, _)| names.get(a)) {
            set("nguoi_tiep_nhan", name.clone());
        }
        let components = self.dossiers.components_of(scope, record).await?;
        let attachments = self.dossiers.files.attachments(scope, &record.id).await?;
        let handed: Vec<String> = components
            .iter()
            .filter_map(|c| {
                let notes: Vec<&str> = attachments
                    .iter()
                    .filter(|a| a.component == c.code)
                    .map(|a| provenance_note(&a.provenance))
                    .collect();
                (!notes.is_empty()).then(|| format!("{} ({})", c.name, notes.join(", ")))
            })
            .collect();
        set("danh_sach_thanh_phan", list(&handed));
        let events = self.dossiers.repo.events(scope, &record.id).await?;
        let details = |action: &str| {
            events
                .iter()
                .rev()
                .find(|e| e.action == action)
                .and_then(|e| serde_json::from_str::<Value>(&e.details).ok())
        };
        if let Some(missing) = details("request_supplement") {
            let items: Vec<String> = missing["missing"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            set("danh_sach_bo_sung", list(&items));
        }
        let refusal = ["reject", "return_ineligible"]
            .iter()
            .filter_map(|a| details(a))
            .next();
        if let Some(reason) = refusal.as_ref().and_then(|d| d["reason"].as_str()) {
            set("ly_do", reason.to_owned());
        }
        if let Some(apology) = events
            .iter()
            .rev()
            .find(|e| e.action == "extend_appointment")
        {
            let details = apology.read_details();
            let day = |at: &DateTime<Utc>| to_local(at).format("%d/%m/%Y").to_string();
            if let Some(previous) = &details.previous_due {
                set("ngay_hen_tra_cu", day(previous));
            }
            if let Some(until) = details.until {
                set("ngay_hen_tra_moi", until.format("%d/%m/%Y").to_string());
            }
            set("ly_do_tre_han", details.reason.unwrap_or_default());
        }
        Ok(facts)
    }
}
