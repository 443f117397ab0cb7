//! The typed configuration model. Field names are the YAML keys; unknown keys are refused.

use std::collections::BTreeMap;
use std::fmt;

use ansinh_core::dossier::FlowAction;
use ansinh_core::{AdminLevel, Resource, Role};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod calendar;
mod notices;
mod offices;
mod templates;
pub use calendar::{
    CalendarDay, CalendarFile, NationalCalendarFile, OfficialDayOff, OfficialYearEntry,
};
pub use notices::{
    Channel, EffectiveNotices, JobName, MessageRule, NoticeKind, NoticesFile, SupplementWait,
};
pub use offices::{Office, OfficeServes, OfficesFile, Session, WeekdayKey};
pub use templates::{TemplateKind, TemplateRef, TemplatesFile};

/// Everything under `config-tenants/`: the national layer and one entry per province folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigSet {
    /// `national/`.
    pub national: NationalConfig,
    /// Province folders by folder name (`<code>-<slug>`).
    pub provinces: BTreeMap<String, ProvinceConfig>,
}

/// The ministry's layer: procedure catalogue with statutory totals and assistance levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationalConfig {
    /// `catalogue.yaml`.
    pub catalogue: Catalogue,
    /// `assistance-levels.yaml`.
    pub assistance_levels: AssistanceLevels,
    /// `calendar.yaml`: the official civil-service schedules by year.
    pub calendar: NationalCalendarFile,
    /// `permissions.yaml`: what each role may do.
    pub permissions: PermissionsFile,
    /// `notifications.yaml`: job schedules and message rules (absent from versions published
    /// before background work existed: then no job runs until it is published).
    #[serde(default)]
    pub notices: NoticesFile,
    /// The text of each message template `notifications.yaml` names, by its path.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub message_texts: BTreeMap<String, String>,
}

/// Actions per resource type, by role.
pub type PermissionTable = BTreeMap<Role, BTreeMap<Resource, Vec<String>>>;

/// `national/permissions.yaml`: the default permissions of each role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionsFile {
    /// Role → resource type → actions.
    pub permissions: PermissionTable,
}

/// `<province>/permissions.yaml` (optional): permissions the province takes away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionNarrowing {
    /// Role → resource type → actions removed.
    pub remove: PermissionTable,
}

/// `national/catalogue.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Procedures every province may enable.
    pub procedures: Vec<CatalogueProcedure>,
}

/// A procedure of the national catalogue (thủ tục hành chính).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueProcedure {
    /// Code in the national procedure database, e.g. `1.001776`.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Legal documents the procedure rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
    /// Statutory processing time, by era (the law changed on 2025-07-01).
    pub statutory_totals: Vec<StatutoryTotal>,
    /// Components (thành phần hồ sơ) the citizen hands in, as the national procedure lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// What the decision grants, so that its amount is computed by the right rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<Benefit>,
}

/// What a procedure's decision grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Benefit {
    /// A monthly allowance: the standard level times the coefficient (Decree 20/2021 Art. 6).
    MonthlyAllowance,
    /// Burial support: twenty times the standard level (Decree 20/2021 Art. 11).
    BurialSupport,
}

/// A component of a dossier (thành phần hồ sơ): one paper or file the citizen hands in, kept
/// as its own file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Code unique within the procedure, e.g. `to-khai`.
    pub code: String,
    /// Name as the procedure writes it, e.g. "Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04)".
    pub name: String,
    /// Whether every dossier needs it; otherwise `when` says in which case.
    #[serde(default)]
    pub required: bool,
    /// The case in which an optional component is needed, e.g. "người khuyết tật".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// File types accepted (PDF, JPEG and PNG when not given).
    #[serde(default = "every_file_kind")]
    pub accepts: Vec<FileKind>,
}

pub use ansinh_core::file::FileKind;

fn every_file_kind() -> Vec<FileKind> {
    FileKind::ALL.to_vec()
}

/// Statutory processing time valid over an interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatutoryTotal {
    /// First day the total applies, if bounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day the total applies, if bounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Total working time from reception to result.
    pub total: WorkingDuration,
    /// Where the figure comes from.
    pub legal_basis: String,
}

/// `national/assistance-levels.yaml`: the standard assistance level over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceLevels {
    /// Levels in force, each from its date until the next one.
    pub standard_levels: Vec<MoneyLevel>,
}

/// A monthly amount in VND in force from a date (VND has no minor unit: integers only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyLevel {
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Amount per month, in đồng.
    pub monthly_vnd: i64,
    /// Decree or decision that set it.
    pub legal_basis: String,
}

/// One province folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceConfig {
    /// `tenant.yaml`.
    pub tenant: TenantFile,
    /// `units.yaml`: the current units.
    pub units: UnitsFile,
    /// `units-history.yaml`: units that no longer exist, with their merge edges (optional file).
    pub units_history: Option<UnitsFile>,
    /// `offices.yaml`.
    pub offices: OfficesFile,
    /// `procedures.yaml`.
    pub procedures: ProceduresFile,
    /// `workflows.yaml`.
    pub workflows: WorkflowsFile,
    /// `assignments.yaml`.
    pub assignments: AssignmentsFile,
    /// `calendar.yaml`.
    pub calendar: CalendarFile,
    /// `templates.yaml`.
    pub templates: TemplatesFile,
    /// `payments.yaml`.
    pub payments: PaymentsFile,
    /// `permissions.yaml` (optional): the province's narrowing of the national permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<PermissionNarrowing>,
    /// `notifications.yaml` (optional): the province's schedules and message rules over the
    /// national ones, with the texts of its own templates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notices: Option<NoticesFile>,
    /// The text of each template file named in `templates.yaml`, by its path in the folder
    /// (Markdown with merge fields), so that a version holds the templates it was published
    /// with.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub template_texts: std::collections::BTreeMap<String, String>,
}

impl ProvinceConfig {
    /// The template of `kind` for `procedure`: the one naming the procedure, else (for a
    /// letter) the one serving every procedure.
    pub fn template_for(&self, kind: TemplateKind, procedure: &str) -> Option<&TemplateRef> {
        let of_kind = || {
            self.templates
                .templates
                .iter()
                .filter(move |t| t.kind == kind)
        };
        of_kind()
            .find(|t| t.procedure.as_deref() == Some(procedure))
            .or_else(|| of_kind().find(|t| t.procedure.is_none() && kind != TemplateKind::Decision))
    }

    /// The text of a template.
    pub fn template_text(&self, template: &TemplateRef) -> Option<&str> {
        self.template_texts.get(&template.file).map(String::as_str)
    }

    /// Current and historical units together.
    pub fn all_units(&self) -> impl Iterator<Item = &UnitEntry> {
        let history = self.units_history.iter().flat_map(|file| file.units.iter());
        self.units.units.iter().chain(history)
    }
}

/// `tenant.yaml`: who the province is and tenant-wide settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantFile {
    /// Two-digit province code.
    pub code: String,
    /// Short name, e.g. "Cao Bằng".
    pub name: String,
    /// Official name, e.g. "Tỉnh Cao Bằng".
    pub full_name: String,
    /// Department that configures the procedures.
    pub department: String,
    /// Pattern of dossier codes: `{agency}`, `{yyMMdd}`, `{seq4}`, optionally a fixed prefix.
    #[serde(default = "default_dossier_code_pattern")]
    pub dossier_code_pattern: String,
}

fn default_dossier_code_pattern() -> String {
    "{agency}-{yyMMdd}-{seq4}".to_owned()
}

/// `units.yaml` and `units-history.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitsFile {
    /// The units, sorted by code.
    pub units: Vec<UnitEntry>,
}

/// One era of an administrative unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// Official code (2 digits province, 3 district, 5 commune).
    pub code: String,
    /// Province, district or commune.
    pub level: AdminLevel,
    /// Official type as written: xã, phường, thị trấn, đặc khu, huyện, thị xã, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Short name.
    pub name: String,
    /// Name with its type.
    pub full_name: String,
    /// Code of the parent unit valid when this one starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// First day, if the unit began after our records start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day, if the unit has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Codes of the units valid the day after `valid_to` that took this one over.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_into: Vec<String>,
}

/// Working time, written `"2d"` (whole working days: counted as days, due at the same time of
/// day N working days later), or `"4h"` / `"1d4h"` (working hours, 8 h to a day: counted in
/// session minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct WorkingDuration {
    /// Working hours in all (8 per day).
    pub hours: u32,
    /// Whether it was given in whole days, and so counts working days.
    pub whole_days: bool,
}

impl WorkingDuration {
    /// Hours in one working day.
    pub const HOURS_PER_DAY: u32 = 8;

    /// A duration of whole working days.
    pub fn days(days: u32) -> Self {
        Self {
            hours: days * Self::HOURS_PER_DAY,
            whole_days: true,
        }
    }

    /// A duration of working hours.
    pub fn hours(hours: u32) -> Self {
        Self {
            hours,
            whole_days: false,
        }
    }
}

impl fmt::Display for WorkingDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (days, hours) = (
            self.hours / Self::HOURS_PER_DAY,
            self.hours % Self::HOURS_PER_DAY,
        );
        match (self.whole_days, days, hours) {
            (true, d, _) => write!(f, "{d}d"),
            (false, d, h) if d > 0 && h > 0 => write!(f, "{d}d{h}h"),
            (false, _, _) => write!(f, "{}h", self.hours),
        }
    }
}

impl std::str::FromStr for WorkingDuration {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("thời hạn {text:?} phải có dạng \"2d\", \"4h\" hoặc \"1d4h\"");
        let (days, rest) = match text.split_once('d') {
            Some((days, rest)) => (days.parse::<u32>().map_err(|_| bad())?, rest),
            None => (0, text),
        };
        if rest.is_empty() {
            return if text.ends_with('d') {
                Ok(Self::days(days))
            } else {
                Err(bad())
            };
        }
        let hours = rest
            .strip_suffix('h')
            .and_then(|h| h.parse::<u32>().ok())
            .ok_or_else(bad)?;
        Ok(Self::hours(days * Self::HOURS_PER_DAY + hours))
    }
}

impl Serialize for WorkingDuration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WorkingDuration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// `procedures.yaml`: the catalogue procedures this province runs, and with which workflow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProceduresFile {
    /// Enabled procedures.
    pub procedures: Vec<EnabledProcedure>,
}

/// A procedure enabled in this province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnabledProcedure {
    /// Catalogue code.
    pub code: String,
    /// Workflows used for this procedure, by code; each covers its own validity interval.
    pub workflows: Vec<String>,
    /// Units that receive this procedure (every current commune when only `level` is given).
    pub enabled_at: OfficeServes,
    /// Components this province asks for beyond the national list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_components: Vec<Component>,
}

/// `workflows.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowsFile {
    /// Workflow definitions.
    pub workflows: Vec<Workflow>,
}

/// A workflow (quy trình): the steps a dossier of one procedure goes through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    /// Code unique within the province.
    pub code: String,
    /// Name shown to officers.
    pub name: String,
    /// Catalogue code of the procedure.
    pub procedure: String,
    /// First day dossiers may start under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day dossiers may start under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Steps; the first one receives the dossier.
    pub steps: Vec<Step>,
}

/// One step of a workflow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Code unique within the workflow.
    pub code: String,
    /// Name shown to officers.
    pub name: String,
    /// Level of the unit handling the step.
    pub level: AdminLevel,
    /// Position that handles the step.
    pub role: Option<Role>,
    /// Working time allowed for the step.
    pub budget: WorkingDuration,
    /// Warn this long before the step's due time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_before: Option<WorkingDuration>,
    /// What the handler may do, and where each action leads.
    pub actions: Vec<StepAction>,
}

/// An action allowed at a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepAction {
    /// What the action does.
    pub action: FlowAction,
    /// Step the dossier moves to, for actions that move it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// `assignments.yaml`: who handles which position at which unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignmentsFile {
    /// Assignments.
    pub assignments: Vec<Assignment>,
}

/// Officers holding a position at a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Unit code (a current unit unless `valid_to` says otherwise).
    pub unit: String,
    /// Position.
    pub role: Role,
    /// Account names of the handlers.
    pub officers: Vec<String>,
    /// Account names acting while a handler is away.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deputies: Vec<String>,
    /// First day of the assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day of the assignment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
}

/// `payments.yaml`: how allowances are paid in this province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentsFile {
    /// Province levels above the national standard level, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standard_levels: Vec<MoneyLevel>,
    /// Payment methods offered.
    pub methods: Vec<PaymentMethod>,
    /// Day of the month payments are made.
    pub payment_day: u8,
}

/// Ways an allowance reaches the beneficiary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Tiền mặt.
    Cash,
    /// Tài khoản ngân hàng.
    BankAccount,
    /// Ví điện tử.
    EWallet,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_durations_keep_their_notation() {
        for (text, hours, whole_days) in [
            ("2d", 16, true),
            ("16h", 16, false),
            ("1d4h", 12, false),
            ("4h", 4, false),
            ("0h", 0, false),
        ] {
            let parsed: WorkingDuration = text.parse().unwrap_or_default();
            assert_eq!(
                (parsed.hours, parsed.whole_days),
                (hours, whole_days),
                "{text}"
            );
            assert_eq!(parsed.to_string(), text);
        }
        for bad in ["", "d", "2", "1.5d", "2x", "h4", "1d4"] {
            assert!(bad.parse::<WorkingDuration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn sessions_parse_and_refuse_backwards_times() {
        let session: Session = "07:30-11:30".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(session.to_string(), "07:30-11:30");
        assert!("11:30-07:30".parse::<Session>().is_err());
        assert!("7h30-11h".parse::<Session>().is_err());
    }
}
