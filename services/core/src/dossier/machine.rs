//! The transition function.

use chrono::NaiveDateTime;

use super::model::{Actor, Command, DossierEvent, DossierState, FlowAction, Status, WorkflowDef};
use crate::DomainError;
use crate::ErrorCode;

fn refuse(code: ErrorCode, message: impl Into<String>) -> DomainError {
    DomainError::Flow {
        code,
        message: message.into(),
    }
}

/// A transition the state machine allows, which may still wait for the officer who will handle
/// the target step: the application chooses one from the assignments only once the action
/// itself is known to be allowed (otherwise "no officer assigned" would mislead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    next: DossierState,
    event: DossierEvent,
    /// The target step's name, while no handler is chosen.
    awaiting_handler: Option<String>,
}

impl Decision {
    /// The target step and the handler asked for (empty when none), for a command that moves
    /// the dossier.
    pub fn target(&self) -> Option<(&str, &str)> {
        match &self.event.command {
            Command::Forward { to, handler }
            | Command::SendBack { to, handler, .. }
            | Command::Sign { to, handler }
            | Command::Issue { to, handler } => Some((to, handler)),
            _ => None,
        }
    }

    /// The command as it will be recorded.
    pub fn command(&self) -> &Command {
        &self.event.command
    }

    /// Hands the target step to `handler` (no effect with an empty handler or on a command that
    /// does not move the dossier).
    pub fn hand_to(mut self, handler: &str) -> Self {
        if handler.trim().is_empty() {
            return self;
        }
        if let Some((_, chosen)) = self.event.command.target_mut() {
            handler.clone_into(chosen);
            self.next.holder = Some(handler.to_owned());
            self.awaiting_handler = None;
        }
        self
    }

    /// The new state and the event recording it, once a handler is chosen where one is needed.
    pub fn finish(self) -> Result<(DossierState, DossierEvent), DomainError> {
        match self.awaiting_handler {
            Some(step_name) => Err(refuse(
                ErrorCode::HandlerRequired,
                format!("cần chọn cán bộ thụ lý bước {step_name}"),
            )),
            None => Ok((self.next, self.event)),
        }
    }
}

/// Applies `command` by `actor` at `now` to `state` under `workflow`: the new state and the one
/// event recording it, or why not.
pub fn decide(
    workflow: &WorkflowDef,
    state: &DossierState,
    command: Command,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<(DossierState, DossierEvent), DomainError> {
    plan(workflow, state, command, actor, now)?.finish()
}

/// Checks `command` by `actor` at `now` against `state` under `workflow` without requiring its
/// handler yet: the decision to complete, or why the action is not allowed.
pub fn plan(
    workflow: &WorkflowDef,
    state: &DossierState,
    command: Command,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<Decision, DomainError> {
    if state.status.is_terminal() {
        return Err(refuse(
            ErrorCode::DossierClosed,
            "hồ sơ đã kết thúc; không thể thao tác thêm",
        ));
    }
    let mut next = state.clone();
    apply_command(workflow, state, &command, actor, &mut next)?;
    next.version = state.version + 1;
    let event = DossierEvent {
        version: next.version,
        command,
        actor: actor.account.clone(),
        acting_for: actor.acting_for.clone(),
        at: now,
        from: (state.status, state.step.clone()),
        to: (next.status, next.step.clone()),
    };
    let awaiting_handler = event
        .command
        .target()
        .filter(|_| next.holder.is_none())
        .map(|step| workflow.step_name(step));
    Ok(Decision {
        next,
        event,
        awaiting_handler,
    })
}

/// The command's effect on `next`, by command and status (a table: one row per allowed pair).
fn apply_command(
    workflow: &WorkflowDef,
    state: &DossierState,
    command: &Command,
    actor: &Actor,
    next: &mut DossierState,
) -> Result<(), DomainError> {
    use Status::*;
    match (command, state.status) {
        (Command::Delete, Draft) => {
            require_creator(state, actor, ErrorCode::NotCreator, "xóa")?;
            next.status = Deleted;
        }
        (Command::Receive, Draft) => {
            let first = workflow
                .steps
                .first()
                .ok_or_else(|| refuse(ErrorCode::EmptyWorkflow, "quy trình chưa có bước nào"))?;
            require_role(actor, first.role)?;
            next.status = InProgress;
            next.step = Some(first.code.clone());
            next.holder = Some(actor.account.clone());
        }
        (Command::Withdraw { reason }, status) if status != ResultArrived => {
            require_withdrawal(workflow, state, actor, reason)?;
            next.status = Withdrawn;
            next.holder = None;
        }
        (Command::ReceiveSupplement, AwaitingSupplement)
        | (Command::AcceptRework, ReworkRequested) => {
            require_holder(state, actor)?;
            next.status = InProgress;
        }
        (Command::UpdateFields { fields }, Draft | InProgress | AwaitingSupplement) => {
            if fields.is_empty() {
                return Err(refuse(
                    ErrorCode::NothingChanged,
                    "không có trường nào thay đổi",
                ));
            }
            if state.status == Draft {
                require_creator(state, actor, ErrorCode::NotHolder, "sửa")?;
            } else {
                require_holder(state, actor)?;
            }
        }
        (Command::Reassign { handler }, status) if status.is_open() => {
            if state.holder.as_deref() == Some(handler.as_str()) {
                return Err(refuse(
                    ErrorCode::SameHandler,
                    "cán bộ mới trùng với người đang giữ hồ sơ",
                ));
            }
            next.holder = Some(handler.clone());
        }
        (Command::CloseUnsupplemented { .. }, AwaitingSupplement) if actor.is_system() => {
            next.status = SupplementLapsed;
            next.holder = None;
        }
        (Command::ExtendAppointment { reason, .. }, InProgress | ReworkRequested) => {
            require_holder(state, actor)?;
            require_reason(reason)?;
        }
        (Command::ReturnResult, ResultArrived) => {
            step_action(workflow, state, actor, FlowAction::ReturnResult, None)?;
            next.status = Completed;
            next.holder = None;
        }
        (_, InProgress) => act_in_progress(workflow, state, command, actor, next)?,
        _ => return Err(not_now(command, state.status)),
    }
    Ok(())
}

/// A draft is deleted or edited by whoever created it.
fn require_creator(
    state: &DossierState,
    actor: &Actor,
    code: ErrorCode,
    verb: &str,
) -> Result<(), DomainError> {
    if actor.account == state.created_by {
        Ok(())
    } else {
        Err(refuse(
            code,
            format!("chỉ người tạo hồ sơ được {verb} hồ sơ chưa tiếp nhận"),
        ))
    }
}

/// The citizen withdraws at the desk: reception records it, or the holder does, with a reason.
fn require_withdrawal(
    workflow: &WorkflowDef,
    state: &DossierState,
    actor: &Actor,
    reason: &str,
) -> Result<(), DomainError> {
    let at_desk = workflow
        .steps
        .first()
        .is_some_and(|first| actor.roles.contains(&first.role));
    if !at_desk && require_holder(state, actor).is_err() {
        return Err(refuse(
            ErrorCode::NotHolder,
            "việc rút hồ sơ do bộ phận tiếp nhận hoặc người đang giữ hồ sơ ghi nhận",
        ));
    }
    require_reason(reason)
}

fn act_in_progress(
    workflow: &WorkflowDef,
    state: &DossierState,
    command: &Command,
    actor: &Actor,
    next: &mut DossierState,
) -> Result<(), DomainError> {
    match command {
        Command::Forward { to, handler } => {
            step_action(workflow, state, actor, FlowAction::Forward, Some(to))?;
            move_to(next, to, handler, Status::InProgress);
            next.forwarded_by = Some(actor.account.clone());
        }
        Command::RequestSupplement { missing } => {
            step_action(workflow, state, actor, FlowAction::RequestSupplement, None)?;
            if missing.iter().all(|item| item.trim().is_empty()) {
                return Err(refuse(
                    ErrorCode::MissingListRequired,
                    "cần ghi một lần đầy đủ các giấy tờ, thông tin còn thiếu",
                ));
            }
            next.status = Status::AwaitingSupplement;
        }
        Command::SendBack {
            to,
            handler,
            reason,
        } => {
            step_action(workflow, state, actor, FlowAction::SendBack, Some(to))?;
            require_reason(reason)?;
            move_to(next, to, handler, Status::ReworkRequested);
        }
        Command::ReturnIneligible { reason } => {
            step_action(workflow, state, actor, FlowAction::ReturnIneligible, None)?;
            require_reason(reason)?;
            next.status = Status::ReturnedIneligible;
            next.holder = None;
        }
        Command::Reject { reason } => {
            step_action(workflow, state, actor, FlowAction::Reject, None)?;
            require_reason(reason)?;
            next.status = Status::Rejected;
            next.holder = None;
        }
        Command::Sign { to, handler } => {
            step_action(workflow, state, actor, FlowAction::Sign, Some(to))?;
            let preparer = state.forwarded_by.as_deref() == Some(actor.account.as_str());
            if preparer || state.created_by == actor.account {
                return Err(refuse(
                    ErrorCode::SeparationOfDuties,
                    "người chuẩn bị hồ sơ không được tự ký duyệt hồ sơ đó",
                ));
            }
            move_to(next, to, handler, Status::InProgress);
        }
        Command::Issue { to, handler } => {
            step_action(workflow, state, actor, FlowAction::Issue, Some(to))?;
            move_to(next, to, handler, Status::ResultArrived);
        }
        _ => return Err(not_now(command, state.status)),
    }
    Ok(())
}

/// An action the dossier's status does not allow.
fn not_now(command: &Command, status: Status) -> DomainError {
    refuse(
        ErrorCode::ActionNotAllowed,
        format!(
            "không thể {} khi hồ sơ {}",
            command.title_vi(),
            status.title_vi()
        ),
    )
}

/// Moves to `step` with `handler`, or with no holder yet while the handler is not chosen.
fn move_to(next: &mut DossierState, step: &str, handler: &str, status: Status) {
    next.status = status;
    next.step = Some(step.to_owned());
    next.holder = (!handler.trim().is_empty()).then(|| handler.to_owned());
}

fn require_reason(reason: &str) -> Result<(), DomainError> {
    if reason.trim().is_empty() {
        Err(refuse(ErrorCode::ReasonRequired, "cần ghi rõ lý do"))
    } else {
        Ok(())
    }
}

fn require_role(actor: &Actor, role: crate::Role) -> Result<(), DomainError> {
    if actor.roles.contains(&role) {
        Ok(())
    } else {
        Err(refuse(
            ErrorCode::WrongRole,
            format!("bước này do {} thực hiện", role.title_vi()),
        ))
    }
}

/// The actor is the holder, or acts for the holder.
fn require_holder(state: &DossierState, actor: &Actor) -> Result<(), DomainError> {
    let holder = state.holder.as_deref();
    let acts = holder == Some(actor.account.as_str())
        || (actor.acting_for.is_some() && actor.acting_for.as_deref() == holder);
    if acts {
        Ok(())
    } else {
        // The application names the holder (the core knows only the account).
        Err(refuse(
            ErrorCode::NotHolder,
            "chỉ người đang giữ hồ sơ hoặc người được ủy quyền mới thao tác được",
        ))
    }
}

fn step_action(
    workflow: &WorkflowDef,
    state: &DossierState,
    actor: &Actor,
    action: FlowAction,
    target: Option<&str>,
) -> Result<(), DomainError> {
    require_holder(state, actor)?;
    let step = state.step.as_deref().unwrap_or_default();
    let def = workflow.step(step).ok_or_else(|| {
        refuse(
            ErrorCode::UnknownStep,
            format!("quy trình không có bước «{step}»"),
        )
    })?;
    require_role(actor, def.role)?;
    if !workflow.allows(step, action, target) {
        return Err(refuse(
            ErrorCode::ActionNotAllowed,
            format!(
                "bước «{}» không cho phép {}{}",
                def.name,
                action.title_vi(),
                target
                    .map(|t| format!(" tới bước {}", workflow.step_name(t)))
                    .unwrap_or_default()
            ),
        ));
    }
    Ok(())
}
