//! Inputs of dossier queries and mutations.

use std::collections::BTreeMap;

use ansinh_app::dossier::ListFilter;
use async_graphql::{Enum, ID, InputObject};
use chrono::NaiveDate;

use super::types::{DossierStatus, StepSlaState};
use crate::reference::units::parse_unit_id;

/// The folders of an officer's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_app::dossier::Folder")]
pub(crate) enum DossierFolder {
    /// Chờ tiếp nhận: drafts the caller created.
    ToReceive,
    /// Đang xử lý, including rework requested by the upper level.
    InProgress,
    /// Yêu cầu bổ sung / đang bổ sung.
    Supplement,
    /// Có kết quả chờ trả.
    ResultArrived,
    /// Đã tiếp nhận chưa trả kết quả: received by the caller, still open.
    NotReturned,
    /// Không đủ điều kiện / lãnh đạo từ chối: received by the caller, ended so.
    IneligibleOrRejected,
}

/// Order of a dossier listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Enum)]
#[graphql(remote = "ansinh_app::dossier::DossierOrder")]
pub(crate) enum DossierOrder {
    /// Most recently changed first (the default).
    #[default]
    RecentlyChanged,
    /// The current step's due instant first: the most urgent on top, paused and ended last.
    StepDueFirst,
    /// Received longest ago first.
    ReceivedFirst,
}

/// Filters of a dossier listing; every field narrows the result.
#[derive(Debug, Default, InputObject)]
pub(crate) struct DossierFilterInput {
    /// Catalogue code of the procedure, e.g. `2.000286`.
    procedure: Option<String>,
    /// Statuses (ignored by folders, which fix their own).
    statuses: Option<Vec<DossierStatus>>,
    /// SLA state of the current step.
    step_sla_state: Option<StepSlaState>,
    /// Receiving unit (with everything below it and the units merged into it).
    unit_id: Option<ID>,
    /// Received on or after this day.
    received_from: Option<NaiveDate>,
    /// Received on or before this day.
    received_to: Option<NaiveDate>,
    /// Dossier code (or its start), applicant's name (with or without diacritics) or 12/9-digit
    /// ID number.
    search: Option<String>,
}

impl DossierFilterInput {
    pub(crate) fn into_filter(
        self,
        order: Option<DossierOrder>,
    ) -> async_graphql::Result<ListFilter> {
        Ok(ListFilter {
            procedure: self.procedure.filter(|p| !p.trim().is_empty()),
            statuses: self
                .statuses
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            sla: self.step_sla_state.map(Into::into),
            unit: self.unit_id.as_ref().map(parse_unit_id).transpose()?,
            received_from: self.received_from,
            received_to: self.received_to,
            search: self.search.map(|s| ansinh_core::text::nfc(s.trim())),
            order: order.unwrap_or_default().into(),
        })
    }
}

/// One field of an application, e.g. `{name: "dia_chi", value: "Tổ 5, phường Thục Phán"}`.
#[derive(Debug, InputObject)]
pub(crate) struct DossierFieldInput {
    /// Snake-case name without diacritics (`dia_chi`, `ngay_sinh`); `ngay_*` values are dates
    /// `YYYY-MM-DD`.
    name: String,
    /// Value; empty removes the field in an update.
    value: String,
}

pub(crate) fn field_map(fields: Option<Vec<DossierFieldInput>>) -> BTreeMap<String, String> {
    fields
        .unwrap_or_default()
        .into_iter()
        .map(|f| (f.name, f.value))
        .collect()
}

/// Changes to an application; absent fields stay as they are.
#[derive(Debug, InputObject)]
pub(crate) struct DossierUpdateInput {
    /// New applicant's name.
    pub(crate) applicant_name: Option<String>,
    /// New ID number: 12 digits (CCCD) or 9 digits (CMND); empty to clear.
    pub(crate) applicant_id_number: Option<String>,
    /// Fields to set (an empty value removes one).
    pub(crate) fields: Option<Vec<DossierFieldInput>>,
}
