//! Dossier states, commands and events.

use chrono::{NaiveDate, NaiveDateTime};

use crate::Role;

/// An action a workflow step allows, with the step it leads to (as written in
/// `workflows.yaml`: `forward`, `request_supplement`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowAction {
    /// Chuyển tiếp to the next step's handler.
    Forward,
    /// Yêu cầu bổ sung from the citizen (pauses the clock).
    RequestSupplement,
    /// Send back down to a lower step for rework.
    SendBack,
    /// Hoàn trả: return as ineligible (terminal).
    ReturnIneligible,
    /// Lãnh đạo từ chối (terminal).
    Reject,
    /// Ký: the leader signs and passes on.
    Sign,
    /// Văn thư numbers and issues the decision; the result goes back to the commune.
    Issue,
    /// Trả kết quả to the citizen (terminal: done).
    ReturnResult,
}

impl FlowAction {
    /// Whether the action moves the dossier to another step (and so needs `to`).
    pub fn needs_target(self) -> bool {
        matches!(
            self,
            Self::Forward | Self::SendBack | Self::Sign | Self::Issue
        )
    }

    /// What officers call the action (as in the guides' menus).
    pub fn title_vi(self) -> &'static str {
        match self {
            Self::Forward => "chuyển tiếp",
            Self::RequestSupplement => "yêu cầu bổ sung",
            Self::SendBack => "yêu cầu cấp dưới bổ sung",
            Self::ReturnIneligible => "hoàn trả hồ sơ",
            Self::Reject => "từ chối",
            Self::Sign => "ký số",
            Self::Issue => "ký phát hành",
            Self::ReturnResult => "trả kết quả",
        }
    }
}

/// One step of a workflow, as the state machine needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDef {
    /// Code unique within the workflow.
    pub code: String,
    /// Name officers know it by, e.g. "Thẩm định hồ sơ".
    pub name: String,
    /// Position handling the step.
    pub role: Role,
    /// Allowed actions and their target steps.
    pub actions: Vec<(FlowAction, Option<String>)>,
}

/// A workflow: steps in order, the first receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowDef {
    /// Code.
    pub code: String,
    /// Steps.
    pub steps: Vec<StepDef>,
}

impl WorkflowDef {
    /// A step's name for messages, its code quoted when the workflow has no such step.
    pub fn step_name(&self, code: &str) -> String {
        match self.step(code) {
            Some(step) => format!("«{}»", step.name),
            None => format!("«{code}»"),
        }
    }

    /// A step by code.
    pub fn step(&self, code: &str) -> Option<&StepDef> {
        self.steps.iter().find(|step| step.code == code)
    }

    /// Whether `step` allows `action` (to `target` when the action moves the dossier).
    pub fn allows(&self, step: &str, action: FlowAction, target: Option<&str>) -> bool {
        self.step(step).is_some_and(|def| {
            def.actions.iter().any(|(allowed, to)| {
                *allowed == action && (target.is_none() || to.as_deref() == target)
            })
        })
    }
}

/// Where a dossier is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Created by an officer on a citizen's behalf, not yet received.
    Draft,
    /// Being processed at a step.
    InProgress,
    /// Waiting for the citizen's supplement (the clock is paused).
    AwaitingSupplement,
    /// Sent back down by the upper level; the lower level must accept it.
    ReworkRequested,
    /// The issued result is back at the commune, to be returned to the citizen.
    ResultArrived,
    /// The result was returned to the citizen.
    Completed,
    /// Returned as ineligible.
    ReturnedIneligible,
    /// Rejected by the leader.
    Rejected,
    /// Returned by the system after the citizen's supplement did not come in time.
    SupplementLapsed,
    /// Withdrawn by the citizen.
    Withdrawn,
    /// Deleted by its creator before reception.
    Deleted,
}

impl Status {
    /// Every status.
    pub const ALL: [Self; 11] = [
        Self::Draft,
        Self::InProgress,
        Self::AwaitingSupplement,
        Self::ReworkRequested,
        Self::ResultArrived,
        Self::Completed,
        Self::ReturnedIneligible,
        Self::Rejected,
        Self::SupplementLapsed,
        Self::Withdrawn,
        Self::Deleted,
    ];

    /// Stable name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InProgress => "in_progress",
            Self::AwaitingSupplement => "awaiting_supplement",
            Self::ReworkRequested => "rework_requested",
            Self::ResultArrived => "result_arrived",
            Self::Completed => "completed",
            Self::ReturnedIneligible => "returned_ineligible",
            Self::Rejected => "rejected",
            Self::SupplementLapsed => "supplement_lapsed",
            Self::Withdrawn => "withdrawn",
            Self::Deleted => "deleted",
        }
    }

    /// Where the dossier is, as a Vietnamese sentence ends: "hồ sơ {title}".
    pub fn title_vi(self) -> &'static str {
        match self {
            Self::Draft => "chưa được tiếp nhận",
            Self::InProgress => "đang được xử lý",
            Self::AwaitingSupplement => "đang chờ công dân bổ sung",
            Self::ReworkRequested => "đang chờ bổ sung theo yêu cầu cấp trên",
            Self::ResultArrived => "đã có kết quả, chờ trả cho công dân",
            Self::Completed => "đã trả kết quả",
            Self::ReturnedIneligible => "đã hoàn trả do không đủ điều kiện",
            Self::Rejected => "đã bị lãnh đạo từ chối",
            Self::SupplementLapsed => "đã được trả lại do quá hạn bổ sung",
            Self::Withdrawn => "đã được rút",
            Self::Deleted => "đã bị xóa",
        }
    }

    /// The status of a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == name)
    }

    /// Whether nothing can happen any more.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::Completed
                | Self::ReturnedIneligible
                | Self::Rejected
                | Self::SupplementLapsed
                | Self::Withdrawn
                | Self::Deleted
        )
    }
}

/// A dossier's state as the machine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierState {
    /// Status.
    pub status: Status,
    /// Current step, once received.
    pub step: Option<String>,
    /// Account holding the dossier now (the one who must act), once received.
    pub holder: Option<String>,
    /// Account that created it.
    pub created_by: String,
    /// Account that last forwarded it (the preparer, for separation of duties).
    pub forwarded_by: Option<String>,
    /// Number of events so far (the optimistic-concurrency version).
    pub version: u32,
}

impl Actor {
    /// The scheduled jobs: no roles, holding nothing; only system commands accept it.
    pub fn system() -> Self {
        Self {
            account: SYSTEM_ACCOUNT.to_owned(),
            acting_for: None,
            roles: Vec::new(),
        }
    }

    /// Whether this is the system rather than an officer.
    pub fn is_system(&self) -> bool {
        self.account == SYSTEM_ACCOUNT
    }
}

impl DossierState {
    /// A new draft created by `creator`.
    pub fn draft(creator: &str) -> Self {
        Self {
            status: Status::Draft,
            step: None,
            holder: None,
            created_by: creator.to_owned(),
            forwarded_by: None,
            version: 0,
        }
    }
}

/// The account the scheduled jobs act as in the timeline (account ids are UUIDs: no officer
/// has it).
pub const SYSTEM_ACCOUNT: &str = "system";

/// Who acts: an account, possibly acting for the holder (a deputy), or the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The account acting.
    pub account: String,
    /// The holder this account acts for, when deputising.
    pub acting_for: Option<String>,
    /// Roles the account holds at the dossier's unit.
    pub roles: Vec<Role>,
}

/// What someone asks to happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Receive a draft (tiếp nhận): the receiver holds the first step.
    Receive,
    /// Delete a draft (its creator only).
    Delete,
    /// Record changed fields (kept as an event; the application stores the values).
    UpdateFields {
        /// Names of the changed fields.
        fields: Vec<String>,
    },
    /// Forward to a step and handler.
    Forward {
        /// Target step.
        to: String,
        /// Chosen handler of the target step.
        handler: String,
    },
    /// Ask the citizen for what is missing, all of it at once.
    RequestSupplement {
        /// The complete list of what is missing.
        missing: Vec<String>,
    },
    /// The citizen's supplement arrived.
    ReceiveSupplement,
    /// Send back down for rework.
    SendBack {
        /// Target (lower) step.
        to: String,
        /// Handler there.
        handler: String,
        /// What is needed.
        reason: String,
    },
    /// The lower level accepts the rework request.
    AcceptRework,
    /// Return as ineligible.
    ReturnIneligible {
        /// Why.
        reason: String,
    },
    /// Leader rejection.
    Reject {
        /// Why.
        reason: String,
    },
    /// Leader signs and passes on.
    Sign {
        /// Next step.
        to: String,
        /// Handler there.
        handler: String,
    },
    /// Clerk issues the numbered decision; the result goes to the return step.
    Issue {
        /// Return step.
        to: String,
        /// Handler there.
        handler: String,
    },
    /// The result is handed to the citizen.
    ReturnResult,
    /// The citizen withdraws the application.
    Withdraw {
        /// What the citizen said.
        reason: String,
    },
    /// The supplement did not come within the configured wait: the system returns the dossier.
    CloseUnsupplemented {
        /// Working days waited.
        waited_days: u32,
    },
    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả: the appointment moves to a later working day,
    /// with the reason (the clock's budget grows by the working time in between).
    ExtendAppointment {
        /// The new appointment day.
        until: NaiveDate,
        /// Why the dossier is late, as the letter tells the citizen.
        reason: String,
    },
    /// Staff change: another officer of the same position takes the dossier over (the
    /// application checks who may order it and that the new holder is assigned).
    Reassign {
        /// The new holder.
        handler: String,
    },
}

impl Command {
    /// What officers call the action (as in the guides' menus).
    pub fn title_vi(&self) -> &'static str {
        match self {
            Self::Receive => "tiếp nhận hồ sơ",
            Self::Delete => "xóa hồ sơ",
            Self::UpdateFields { .. } => "cập nhật hồ sơ",
            Self::Forward { .. } => "chuyển tiếp",
            Self::RequestSupplement { .. } => "yêu cầu bổ sung",
            Self::ReceiveSupplement => "tiếp nhận hồ sơ đã bổ sung",
            Self::SendBack { .. } => "yêu cầu cấp dưới bổ sung",
            Self::AcceptRework => "nhận yêu cầu bổ sung của cấp trên",
            Self::ReturnIneligible { .. } => "hoàn trả hồ sơ",
            Self::Reject { .. } => "từ chối",
            Self::Sign { .. } => "ký số",
            Self::Issue { .. } => "ký phát hành",
            Self::ReturnResult => "trả kết quả",
            Self::Withdraw { .. } => "rút hồ sơ",
            Self::CloseUnsupplemented { .. } => "trả lại hồ sơ quá hạn bổ sung",
            Self::ExtendAppointment { .. } => "xin lỗi và hẹn lại ngày trả kết quả",
            Self::Reassign { .. } => "chuyển cán bộ giữ hồ sơ",
        }
    }

    /// Stable name of the action, as stored in the timeline.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Receive => "receive",
            Self::Delete => "delete",
            Self::UpdateFields { .. } => "update_fields",
            Self::Forward { .. } => "forward",
            Self::RequestSupplement { .. } => "request_supplement",
            Self::ReceiveSupplement => "receive_supplement",
            Self::SendBack { .. } => "send_back",
            Self::AcceptRework => "accept_rework",
            Self::ReturnIneligible { .. } => "return_ineligible",
            Self::Reject { .. } => "reject",
            Self::Sign { .. } => "sign",
            Self::Issue { .. } => "issue",
            Self::ReturnResult => "return_result",
            Self::Withdraw { .. } => "withdraw",
            Self::CloseUnsupplemented { .. } => "close_unsupplemented",
            Self::ExtendAppointment { .. } => "extend_appointment",
            Self::Reassign { .. } => "reassign",
        }
    }

    /// The step the command moves the dossier to, when it moves it.
    pub fn target(&self) -> Option<&str> {
        match self {
            Self::Forward { to, .. }
            | Self::SendBack { to, .. }
            | Self::Sign { to, .. }
            | Self::Issue { to, .. } => Some(to.as_str()),
            _ => None,
        }
    }

    /// The step and handler the command moves the dossier to, when it moves it.
    pub fn target_mut(&mut self) -> Option<(&str, &mut String)> {
        match self {
            Self::Forward { to, handler }
            | Self::SendBack { to, handler, .. }
            | Self::Sign { to, handler }
            | Self::Issue { to, handler } => Some((to.as_str(), handler)),
            _ => None,
        }
    }
}

/// One change, appended to the dossier's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierEvent {
    /// Version after this event (1, 2, 3, …).
    pub version: u32,
    /// The command that caused it.
    pub command: Command,
    /// Who acted.
    pub actor: String,
    /// For whom, when deputising.
    pub acting_for: Option<String>,
    /// When.
    pub at: NaiveDateTime,
    /// Status and step before.
    pub from: (Status, Option<String>),
    /// Status and step after.
    pub to: (Status, Option<String>),
}
