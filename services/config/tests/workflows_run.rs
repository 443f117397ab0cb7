//! Every shipped workflow runs through the dossier state machine from reception to result,
//! handled by the officers its province assigns at one unit.

use std::path::PathBuf;

use ansinh_config::workflow::workflow_def;
use ansinh_core::Role;
use ansinh_core::dossier::{Actor, Command, DossierState, FlowAction, Status, decide};
use chrono::NaiveDate;

#[test]
fn every_shipped_workflow_reaches_its_result() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config-tenants");
    let (set, problems) = ansinh_config::load_dir(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    let set = set.unwrap_or_else(|| panic!("no config"));
    let now = NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default();
    let mut walked = 0;
    for province in set.provinces.values() {
        for workflow in &province.workflows.workflows {
            let def = workflow_def(workflow)
                .unwrap_or_else(|| panic!("{} has a step without role", workflow.code));
            // The officer holding a role at a unit of the step's era: the first assignment.
            let holder = |role: Role| -> String {
                province
                    .assignments
                    .assignments
                    .iter()
                    .find(|a| {
                        a.role == role
                            && (workflow.valid_to.is_some() == a.valid_to.is_some())
                            && (a.unit.starts_with("01273")
                                || a.unit.starts_with("040")
                                || a.unit.starts_with("03388"))
                    })
                    .map(|a| a.officers[0].clone())
                    .unwrap_or_else(|| panic!("{}: nobody holds {role:?}", workflow.code))
            };
            let acting = |role: Role| Actor {
                account: holder(role),
                acting_for: None,
                roles: vec![role],
            };
            let first = &def.steps[0];
            let mut state = DossierState::draft(&holder(first.role));
            let command = Command::Receive;
            state = decide(&def, &state, command, &acting(first.role), now)
                .unwrap_or_else(|e| panic!("{}: {e}", workflow.code))
                .0;
            for _ in 0..def.steps.len() + 1 {
                if state.status == Status::Completed {
                    break;
                }
                let step = def
                    .step(state.step.as_deref().unwrap_or_default())
                    .unwrap_or_else(|| panic!("step"));
                let forward = step.actions.iter().find_map(|(action, to)| match action {
                    FlowAction::Forward
                    | FlowAction::Sign
                    | FlowAction::Issue
                    | FlowAction::ReturnResult => Some((*action, to.clone())),
                    _ => None,
                });
                let (action, to) = forward.unwrap_or_else(|| {
                    panic!("{}: step {} cannot move on", workflow.code, step.code)
                });
                let handler = to
                    .as_deref()
                    .and_then(|code| def.step(code))
                    .map(|next| holder(next.role))
                    .unwrap_or_default();
                let to = to.unwrap_or_default();
                let command = match action {
                    FlowAction::Forward => Command::Forward { to, handler },
                    FlowAction::Sign => Command::Sign { to, handler },
                    FlowAction::Issue => Command::Issue { to, handler },
                    _ => Command::ReturnResult,
                };
                state = decide(&def, &state, command, &acting(step.role), now)
                    .unwrap_or_else(|e| panic!("{} at {}: {e}", workflow.code, step.code))
                    .0;
            }
            assert_eq!(state.status, Status::Completed, "{}", workflow.code);
            walked += 1;
        }
    }
    assert_eq!(walked, 7);
}
