//! What the caller may do next with a dossier: the state machine asked about every action the
//! workflow offers, so the answer can never disagree with what `decide` accepts (the handler is
//! chosen afterwards, so it is not asked for).

use chrono::NaiveDateTime;

use super::machine::plan;
use super::model::{Actor, Command, DossierState, FlowAction, WorkflowDef};

/// An action the caller may take now, with the step it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextAction {
    /// Stable action name (`forward`, `request_supplement`, …).
    pub action: &'static str,
    /// Target step, for actions that move the dossier.
    pub to: Option<String>,
}

/// A stand-in for inputs the caller has not written yet (reason, list).
const PLACEHOLDER: &str = "?";

fn flow_command(action: FlowAction, to: Option<&str>) -> Command {
    let to = to.unwrap_or_default().to_owned();
    let handler = String::new();
    let reason = PLACEHOLDER.to_owned();
    match action {
        FlowAction::Forward => Command::Forward { to, handler },
        FlowAction::RequestSupplement => Command::RequestSupplement {
            missing: vec![reason],
        },
        FlowAction::SendBack => Command::SendBack {
            to,
            handler,
            reason,
        },
        FlowAction::ReturnIneligible => Command::ReturnIneligible { reason },
        FlowAction::Reject => Command::Reject { reason },
        FlowAction::Sign => Command::Sign { to, handler },
        FlowAction::Issue => Command::Issue { to, handler },
        FlowAction::ReturnResult => Command::ReturnResult,
    }
}

/// Every action `actor` may take now on a dossier in `state`, in workflow order; staff
/// reassignment is an administrative act and not listed.
pub fn next_actions(
    workflow: &WorkflowDef,
    state: &DossierState,
    actor: &Actor,
    now: NaiveDateTime,
) -> Vec<NextAction> {
    let mut candidates = vec![
        Command::Receive,
        Command::Delete,
        Command::ReceiveSupplement,
        Command::AcceptRework,
        Command::UpdateFields {
            fields: vec![PLACEHOLDER.to_owned()],
        },
    ];
    if let Some(step) = state.step.as_deref().and_then(|code| workflow.step(code)) {
        candidates.extend(
            step.actions
                .iter()
                .map(|(action, to)| flow_command(*action, to.as_deref())),
        );
    }
    candidates.push(Command::ExtendAppointment {
        until: now.date(),
        reason: PLACEHOLDER.to_owned(),
    });
    candidates.push(Command::Withdraw {
        reason: PLACEHOLDER.to_owned(),
    });
    // Offered to the system only (the supplement-wait job asks the same machine).
    candidates.push(Command::CloseUnsupplemented { waited_days: 0 });
    let mut found: Vec<NextAction> = Vec::new();
    for command in candidates {
        let to = command.target().map(str::to_owned);
        let action = command.name();
        if plan(workflow, state, command, actor, now).is_ok()
            && !found.iter().any(|f| f.action == action && f.to == to)
        {
            found.push(NextAction { action, to });
        }
    }
    found
}
