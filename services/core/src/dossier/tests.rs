//! The dossier state machine: a full path, the caller's next actions, refusals with their
//! codes (random sequences are in `sequence_tests`).

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::Role;

pub(super) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

pub(super) fn step(code: &str, role: Role, actions: &[(FlowAction, Option<&str>)]) -> StepDef {
    StepDef {
        code: code.to_owned(),
        name: format!("Bước {code}"),
        role,
        actions: actions
            .iter()
            .map(|(a, to)| (*a, to.map(str::to_owned)))
            .collect(),
    }
}

/// The monthly allowance after the 2025 reform, as shipped in config-tenants.
pub(super) fn monthly_allowance() -> WorkflowDef {
    use FlowAction::*;
    WorkflowDef {
        code: "tro-cap-hang-thang-2-cap".to_owned(),
        steps: vec![
            step(
                "tiep-nhan",
                Role::CommuneReception,
                &[(RequestSupplement, None), (Forward, Some("tham-dinh"))],
            ),
            step(
                "tham-dinh",
                Role::CommuneSocial,
                &[
                    (RequestSupplement, None),
                    (ReturnIneligible, None),
                    (Forward, Some("lanh-dao")),
                ],
            ),
            step(
                "lanh-dao",
                Role::CommuneLeader,
                &[
                    (Sign, Some("van-thu")),
                    (Reject, None),
                    (SendBack, Some("tham-dinh")),
                ],
            ),
            step(
                "van-thu",
                Role::CommuneClerk,
                &[(Issue, Some("tra-ket-qua"))],
            ),
            step(
                "tra-ket-qua",
                Role::CommuneReception,
                &[(ReturnResult, None)],
            ),
        ],
    }
}

pub(super) fn actor(account: &str) -> Actor {
    let role = match account {
        "tn" => Role::CommuneReception,
        "xh" | "xh2" => Role::CommuneSocial,
        "ld" => Role::CommuneLeader,
        _ => Role::CommuneClerk,
    };
    Actor {
        account: account.to_owned(),
        acting_for: None,
        roles: vec![role],
    }
}

fn run(steps: &[(&str, Command)]) -> Result<DossierState, &'static str> {
    let workflow = monthly_allowance();
    let mut state = DossierState::draft("tn");
    for (account, command) in steps {
        let (next, _) = decide(&workflow, &state, command.clone(), &actor(account), now())
            .map_err(|e| e.code())?;
        state = next;
    }
    Ok(state)
}

fn to(step: &str, handler: &str) -> Command {
    Command::Forward {
        to: step.to_owned(),
        handler: handler.to_owned(),
    }
}

fn next(state: &DossierState, account: &str) -> Vec<(&'static str, Option<String>)> {
    next_actions(&monthly_allowance(), state, &actor(account), now())
        .into_iter()
        .map(|n| (n.action, n.to))
        .collect()
}

#[test]
fn next_actions_are_what_the_caller_may_do_now() {
    let draft = DossierState::draft("tn");
    assert_eq!(
        next(&draft, "tn"),
        [
            ("receive", None),
            ("delete", None),
            ("update_fields", None),
            ("withdraw", None)
        ]
    );
    // The social officer may not receive a draft the reception created, nor delete it.
    assert_eq!(next(&draft, "xh"), []);
    let reviewing = run(&[("tn", Command::Receive), ("tn", to("tham-dinh", "xh"))])
        .unwrap_or_else(|code| panic!("{code}"));
    assert_eq!(
        next(&reviewing, "xh"),
        [
            ("update_fields", None),
            ("request_supplement", None),
            ("return_ineligible", None),
            ("forward", Some("lanh-dao".to_owned())),
            // Offered by the machine to the holder; the application keeps it for a dossier
            // due back within a working day or late.
            ("extend_appointment", None),
            ("withdraw", None)
        ]
    );
    // Reception may still record a withdrawal at the desk, and nothing else.
    assert_eq!(next(&reviewing, "tn"), [("withdraw", None)]);
    assert_eq!(next(&reviewing, "ld"), []);
}

#[test]
fn the_whole_path_from_reception_to_result() {
    let state = run(&[
        ("tn", Command::Receive),
        ("tn", to("tham-dinh", "xh")),
        (
            "xh",
            Command::RequestSupplement {
                missing: vec!["Giấy xác nhận khuyết tật".into()],
            },
        ),
        ("xh", Command::ReceiveSupplement),
        ("xh", to("lanh-dao", "ld")),
        (
            "ld",
            Command::SendBack {
                to: "tham-dinh".into(),
                handler: "xh".into(),
                reason: "Thiếu biên bản họp".into(),
            },
        ),
        ("xh", Command::AcceptRework),
        ("xh", to("lanh-dao", "ld")),
        (
            "ld",
            Command::Sign {
                to: "van-thu".into(),
                handler: "vt".into(),
            },
        ),
        (
            "vt",
            Command::Issue {
                to: "tra-ket-qua".into(),
                handler: "tn".into(),
            },
        ),
        ("tn", Command::ReturnResult),
    ]);
    let state = state.unwrap_or_else(|code| panic!("{code}"));
    assert_eq!(
        (state.status, state.version, state.holder),
        (Status::Completed, 11, None)
    );
}

#[test]
fn refusals_say_why() {
    let received = [("tn", Command::Receive), ("tn", to("tham-dinh", "xh"))];
    let with = |extra: (&'static str, Command)| {
        let mut steps = received.to_vec();
        steps.push(extra);
        run(&steps).map(|s| s.status)
    };
    assert_eq!(with(("ld", to("lanh-dao", "ld"))), Err("NOT_HOLDER"));
    assert_eq!(with(("xh", to("van-thu", "vt"))), Err("ACTION_NOT_ALLOWED"));
    assert_eq!(
        with((
            "xh",
            Command::RequestSupplement {
                missing: vec![" ".into()]
            }
        )),
        Err("MISSING_LIST_REQUIRED")
    );
    assert_eq!(
        with((
            "xh",
            Command::ReturnIneligible {
                reason: String::new()
            }
        )),
        Err("REASON_REQUIRED")
    );
    assert_eq!(with(("xh", Command::Delete)), Err("ACTION_NOT_ALLOWED"));
    assert_eq!(
        run(&[("xh", Command::Delete)]).map(|s| s.status),
        Err("NOT_CREATOR")
    );
    assert_eq!(
        run(&[("tn", Command::Delete)]).map(|s| s.status),
        Ok(Status::Deleted)
    );
    assert_eq!(
        run(&[("xh", Command::Receive)]).map(|s| s.status),
        Err("WRONG_ROLE")
    );
    // A deputy acts for the holder.
    let workflow = monthly_allowance();
    let state = run(&received).unwrap_or_else(|c| panic!("{c}"));
    let deputy = Actor {
        acting_for: Some("xh".into()),
        ..actor("xh2")
    };
    let (next, event) = decide(&workflow, &state, to("lanh-dao", "ld"), &deputy, now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (next.holder.as_deref(), event.acting_for.as_deref()),
        (Some("ld"), Some("xh"))
    );
}

#[test]
fn a_leader_does_not_sign_what_they_prepared() {
    // The leader also holds the social role and forwarded the dossier to themself.
    let workflow = monthly_allowance();
    let leader = Actor {
        roles: vec![Role::CommuneSocial, Role::CommuneLeader],
        ..actor("ld")
    };
    let mut state = run(&[("tn", Command::Receive), ("tn", to("tham-dinh", "ld"))])
        .unwrap_or_else(|c| panic!("{c}"));
    state = decide(&workflow, &state, to("lanh-dao", "ld"), &leader, now())
        .unwrap_or_else(|e| panic!("{e}"))
        .0;
    let signed = decide(
        &workflow,
        &state,
        Command::Sign {
            to: "van-thu".into(),
            handler: "vt".into(),
        },
        &leader,
        now(),
    );
    assert_eq!(
        signed.map(|_| ()).map_err(|e| e.code()),
        Err("SEPARATION_OF_DUTIES")
    );
}

#[test]
fn terminal_states_are_final() {
    let rejected = [
        ("tn", Command::Receive),
        ("tn", to("tham-dinh", "xh")),
        ("xh", to("lanh-dao", "ld")),
        (
            "ld",
            Command::Reject {
                reason: "Không thuộc diện hưởng".into(),
            },
        ),
        (
            "ld",
            Command::Sign {
                to: "van-thu".into(),
                handler: "vt".into(),
            },
        ),
    ];
    assert_eq!(run(&rejected).map(|s| s.status), Err("DOSSIER_CLOSED"));
}

#[test]
fn an_allowed_move_waits_for_its_handler() {
    let workflow = monthly_allowance();
    let state = run(&[("tn", Command::Receive)]).unwrap_or_else(|c| panic!("{c}"));
    let plan_forward = |handler: &str| {
        plan(
            &workflow,
            &state,
            to("tham-dinh", handler),
            &actor("tn"),
            now(),
        )
    };
    let waiting = plan_forward("").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(waiting.target(), Some(("tham-dinh", "")));
    assert_eq!(
        waiting.clone().finish().map_err(|e| e.code()),
        Err("HANDLER_REQUIRED")
    );
    assert_eq!(
        waiting.clone().hand_to("  ").finish().map_err(|e| e.code()),
        Err("HANDLER_REQUIRED")
    );
    let (next, event) = waiting
        .hand_to("xh")
        .finish()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (next.holder.as_deref(), &event.command),
        (Some("xh"), &to("tham-dinh", "xh"))
    );
    // Handing over after the fact is the same as asking for the officer up front.
    let asked = plan_forward("xh").and_then(Decision::finish);
    assert_eq!(asked.map(|(state, _)| state), Ok(next));
    // A refused action is refused before any handler is asked for.
    let refused = plan(&workflow, &state, to("lanh-dao", ""), &actor("tn"), now());
    assert_eq!(
        refused.map_err(|e| e.code()).err(),
        Some("ACTION_NOT_ALLOWED")
    );
}
