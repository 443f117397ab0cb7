//! Published province configuration: offices, procedures, workflows, and the versions.

use ansinh_app::{ConfigVersionInfo, SectionChange};
use ansinh_config::model;
use async_graphql::{Enum, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::units::UnitLevel;

/// A reception office (bộ phận một cửa) and its working sessions.
#[derive(Debug, SimpleObject)]
pub(crate) struct Office {
    /// Code unique within the province.
    code: String,
    /// Name shown to officers.
    name: String,
    /// Serves every current unit of this level, if set.
    serves_level: Option<UnitLevel>,
    /// Serves these unit codes (these take precedence over a level-wide office).
    serves_units: Vec<String>,
    /// Working sessions per weekday; weekdays not listed are rest days.
    sessions: Vec<WeekdaySessions>,
}

/// Working sessions of one weekday.
#[derive(Debug, SimpleObject)]
pub(crate) struct WeekdaySessions {
    /// Weekday in English, lower case (`monday` … `sunday`).
    weekday: String,
    /// Sessions, e.g. `07:30-11:30`.
    sessions: Vec<String>,
}

impl From<&model::Office> for Office {
    fn from(office: &model::Office) -> Self {
        Self {
            code: office.code.clone(),
            name: office.name.clone(),
            serves_level: office.serves.level.map(Into::into),
            serves_units: office.serves.units.clone(),
            sessions: office
                .sessions
                .iter()
                .map(|(day, sessions)| WeekdaySessions {
                    weekday: format!("{day:?}").to_lowercase(),
                    sessions: sessions.iter().map(ToString::to_string).collect(),
                })
                .collect(),
        }
    }
}

/// A procedure this province runs, with its national catalogue entry.
#[derive(Debug, SimpleObject)]
pub(crate) struct Procedure {
    /// Code in the national procedure database, e.g. `2.000286`.
    code: String,
    /// Official name.
    name: String,
    /// Legal documents it rests on.
    legal_basis: Vec<String>,
    /// Statutory processing time by era.
    statutory_totals: Vec<StatutoryTotal>,
    /// Codes of the workflows used, each for its own validity interval.
    workflows: Vec<String>,
    /// Received at every current unit of this level, if set.
    enabled_level: Option<UnitLevel>,
    /// Received at these unit codes.
    enabled_units: Vec<String>,
    /// Components (thành phần hồ sơ) a dossier is made of: the national list, then what this
    /// province adds.
    components: Vec<DossierComponent>,
}

/// A component of a dossier (thành phần hồ sơ): one paper or file the citizen hands in, kept
/// as its own file.
#[derive(Debug, SimpleObject)]
pub(crate) struct DossierComponent {
    /// Code unique within the procedure, e.g. `to-khai-mau-04`.
    code: String,
    /// Name as the procedure writes it.
    name: String,
    /// Whether every dossier needs it; otherwise `when` says in which case.
    required: bool,
    /// The case in which an optional component is needed.
    when: Option<String>,
    /// File types accepted (checked against the file's bytes).
    accepts: Vec<FileKind>,
    /// Asked for by this province beyond the national list.
    added_by_province: bool,
}

/// A file type a component may be handed in as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "model::FileKind")]
pub(crate) enum FileKind {
    /// PDF.
    Pdf,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
}

fn components(
    national: &[model::Component],
    province: &[model::Component],
) -> Vec<DossierComponent> {
    let shown = |component: &model::Component, added_by_province| DossierComponent {
        code: component.code.clone(),
        name: component.name.clone(),
        required: component.required,
        when: component.when.clone(),
        accepts: component.accepts.iter().copied().map(Into::into).collect(),
        added_by_province,
    };
    let national = national.iter().map(|c| shown(c, false));
    national
        .chain(province.iter().map(|c| shown(c, true)))
        .collect()
}

/// Statutory processing time valid over an interval.
#[derive(Debug, SimpleObject)]
pub(crate) struct StatutoryTotal {
    /// First day it applies.
    valid_from: Option<NaiveDate>,
    /// Last day it applies.
    valid_to: Option<NaiveDate>,
    /// Total working hours (8 = one working day).
    working_hours: u32,
    /// Where the figure comes from.
    legal_basis: String,
}

impl Procedure {
    pub(crate) fn new(
        enabled: &model::EnabledProcedure,
        catalogue: Option<&model::CatalogueProcedure>,
    ) -> Self {
        Self {
            workflows: enabled.workflows.clone(),
            enabled_level: enabled.enabled_at.level.map(Into::into),
            enabled_units: enabled.enabled_at.units.clone(),
            components: components(
                catalogue
                    .map(|p| p.components.as_slice())
                    .unwrap_or_default(),
                &enabled.extra_components,
            ),
            ..Self::code_only(&enabled.code, catalogue)
        }
    }

    /// A procedure known by its code and catalogue entry only (its configuration no longer
    /// enables it).
    pub(crate) fn code_only(code: &str, catalogue: Option<&model::CatalogueProcedure>) -> Self {
        Self {
            code: code.to_owned(),
            name: catalogue.map(|p| p.name.clone()).unwrap_or_default(),
            legal_basis: catalogue.map(|p| p.legal_basis.clone()).unwrap_or_default(),
            statutory_totals: catalogue
                .map(|p| {
                    p.statutory_totals
                        .iter()
                        .map(StatutoryTotal::from)
                        .collect()
                })
                .unwrap_or_default(),
            workflows: Vec::new(),
            enabled_level: None,
            enabled_units: Vec::new(),
            components: components(
                catalogue
                    .map(|p| p.components.as_slice())
                    .unwrap_or_default(),
                &[],
            ),
        }
    }
}

impl From<&model::StatutoryTotal> for StatutoryTotal {
    fn from(total: &model::StatutoryTotal) -> Self {
        Self {
            valid_from: total.valid_from,
            valid_to: total.valid_to,
            working_hours: total.total.hours,
            legal_basis: total.legal_basis.clone(),
        }
    }
}

/// A workflow (quy trình): the steps a dossier of one procedure goes through.
#[derive(Debug, SimpleObject)]
pub(crate) struct Workflow {
    /// Code unique within the province.
    code: String,
    /// Name shown to officers.
    name: String,
    /// Catalogue code of the procedure.
    procedure: String,
    /// First day dossiers may start under it.
    valid_from: Option<NaiveDate>,
    /// Last day dossiers may start under it.
    valid_to: Option<NaiveDate>,
    /// Sum of the step budgets, in working hours.
    total_working_hours: u32,
    /// Steps in order; the first receives the dossier.
    steps: Vec<WorkflowStep>,
}

/// One step of a workflow.
#[derive(Debug, SimpleObject)]
pub(crate) struct WorkflowStep {
    /// Code unique within the workflow.
    code: String,
    /// Name shown to officers.
    name: String,
    /// Level of the unit handling the step.
    level: UnitLevel,
    /// Position handling the step, e.g. `commune_social`.
    role: Option<String>,
    /// Vietnamese title of the position.
    role_title: Option<String>,
    /// Working hours allowed (8 = one working day).
    budget_hours: u32,
    /// Warn this many working hours before the step is due.
    warn_before_hours: Option<u32>,
    /// What the handler may do, and where it leads.
    actions: Vec<StepAction>,
}

/// Kinds of actions a step may allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_core::dossier::FlowAction")]
pub(crate) enum ActionKind {
    /// Chuyển tiếp to the next step's handler.
    Forward,
    /// Yêu cầu bổ sung from the citizen (pauses the clock).
    RequestSupplement,
    /// Send back down to a lower step for rework.
    SendBack,
    /// Hoàn trả: return as ineligible.
    ReturnIneligible,
    /// Lãnh đạo từ chối (terminal).
    Reject,
    /// Ký số.
    Sign,
    /// Văn thư numbers and issues the decision.
    Issue,
    /// Trả kết quả to the citizen.
    ReturnResult,
}

/// An action allowed at a step.
#[derive(Debug, SimpleObject)]
pub(crate) struct StepAction {
    /// What the action does.
    action: ActionKind,
    /// Code of the step it leads to, for actions that move the dossier.
    to: Option<String>,
}

impl From<&model::Workflow> for Workflow {
    fn from(workflow: &model::Workflow) -> Self {
        Self {
            code: workflow.code.clone(),
            name: workflow.name.clone(),
            procedure: workflow.procedure.clone(),
            valid_from: workflow.valid_from,
            valid_to: workflow.valid_to,
            total_working_hours: workflow.steps.iter().map(|s| s.budget.hours).sum(),
            steps: workflow.steps.iter().map(workflow_step).collect(),
        }
    }
}

/// A workflow step as the API shows it.
pub(crate) fn workflow_step(step: &model::Step) -> WorkflowStep {
    WorkflowStep {
        code: step.code.clone(),
        name: step.name.clone(),
        level: step.level.into(),
        role: step.role.map(|role| role.as_str().to_owned()),
        role_title: step.role.map(|role| role.title_vi().to_owned()),
        budget_hours: step.budget.hours,
        warn_before_hours: step.warn_before.map(|warn| warn.hours),
        actions: step
            .actions
            .iter()
            .map(|action| StepAction {
                action: action.action.into(),
                to: action.to.clone(),
            })
            .collect(),
    }
}

/// A published configuration version of a tenant.
#[derive(Debug, SimpleObject)]
pub(crate) struct ConfigVersion {
    /// 1, 2, 3, … per tenant.
    version: i32,
    /// SHA-256 of the canonical content; equal files give equal hashes.
    content_hash: String,
    /// Who published it.
    published_by: String,
    /// When it was published.
    published_at: DateTime<Utc>,
    /// What changed against the previous version, per file.
    changes: Vec<ConfigChange>,
}

/// Changes to one configuration file in a version.
#[derive(Debug, SimpleObject)]
pub(crate) struct ConfigChange {
    /// File name, e.g. `workflows.yaml`.
    file: String,
    /// Items added.
    added: u32,
    /// Items removed.
    removed: u32,
    /// Items changed.
    changed: u32,
}

impl From<ConfigVersionInfo> for ConfigVersion {
    fn from(info: ConfigVersionInfo) -> Self {
        let changes: Vec<SectionChange> = serde_json::from_str(&info.summary).unwrap_or_default();
        Self {
            version: info.version,
            content_hash: info.content_hash,
            published_by: info.published_by,
            published_at: info.published_at,
            changes: changes
                .into_iter()
                .map(|c| ConfigChange {
                    file: c.file,
                    added: c.added,
                    removed: c.removed,
                    changed: c.changed,
                })
                .collect(),
        }
    }
}
