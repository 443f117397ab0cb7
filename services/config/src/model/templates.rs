//! `templates.yaml`: the province's decision templates and the one-stop desk's letters.

use serde::{Deserialize, Serialize};

/// `templates.yaml`: references to decision templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatesFile {
    /// Templates.
    pub templates: Vec<TemplateRef>,
}

/// What a template makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    /// The decision a leader signs (quyết định).
    #[default]
    Decision,
    /// The reception receipt with the appointment (Giấy tiếp nhận hồ sơ và hẹn trả kết quả).
    Receipt,
    /// The request to supplement, with its one complete list (Phiếu yêu cầu bổ sung hồ sơ).
    SupplementRequest,
    /// The letter refusing a dossier or returning it as ineligible, with the reasons (Phiếu
    /// từ chối giải quyết hồ sơ).
    Refusal,
    /// The apology for a late dossier with its new appointment (Phiếu xin lỗi và hẹn lại ngày
    /// trả kết quả).
    Apology,
}

/// A template: a decision for a procedure, or a letter for every procedure (or one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateRef {
    /// Code unique within the province.
    pub code: String,
    /// Name shown to officers.
    pub name: String,
    /// What it makes (a decision when not given).
    #[serde(default)]
    pub kind: TemplateKind,
    /// Catalogue code of the procedure; a letter without one serves every procedure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<String>,
    /// Document symbol, e.g. `QĐ-UBND` for a decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_symbol: Option<String>,
    /// Template file, relative to the province folder.
    pub file: String,
}
