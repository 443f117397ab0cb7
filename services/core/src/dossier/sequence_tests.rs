//! Random sequences of commands against the state machine: mostly what it offers someone at
//! each moment, sometimes anything at all, checking every invariant after each move and that
//! the sequences reach every status and every step.

use proptest::prelude::*;

use super::tests::{actor, monthly_allowance, now};
use super::*;

const ACCOUNTS: [&str; 5] = ["tn", "xh", "xh2", "ld", "vt"];
const STEPS: [&str; 5] = [
    "tiep-nhan",
    "tham-dinh",
    "lanh-dao",
    "van-thu",
    "tra-ket-qua",
];

fn any_command() -> impl Strategy<Value = (usize, bool, Command)> {
    let target = (0..STEPS.len(), 0..ACCOUNTS.len())
        .prop_map(|(s, a)| (STEPS[s].to_owned(), ACCOUNTS[a].to_owned()));
    let command = prop_oneof![
        Just(Command::Receive),
        Just(Command::Delete),
        Just(Command::ReceiveSupplement),
        Just(Command::AcceptRework),
        Just(Command::ReturnResult),
        Just(Command::UpdateFields {
            fields: vec!["dia_chi".into()]
        }),
        Just(Command::RequestSupplement {
            missing: vec!["Giấy tờ".into()]
        }),
        Just(Command::ReturnIneligible {
            reason: "Không đủ điều kiện".into()
        }),
        Just(Command::Reject {
            reason: "Từ chối".into()
        }),
        Just(Command::Withdraw {
            reason: "Rút hồ sơ".into()
        }),
        Just(Command::CloseUnsupplemented { waited_days: 30 }),
        Just(Command::ExtendAppointment {
            until: now().date() + chrono::Days::new(3),
            reason: "Chờ xác minh".into()
        }),
        target
            .clone()
            .prop_map(|(to, handler)| Command::Forward { to, handler }),
        target
            .clone()
            .prop_map(|(to, handler)| Command::Sign { to, handler }),
        target
            .clone()
            .prop_map(|(to, handler)| Command::Issue { to, handler }),
        target.prop_map(|(to, handler)| Command::SendBack {
            to,
            handler,
            reason: "Bổ sung".into()
        }),
    ];
    (0..ACCOUNTS.len(), any::<bool>(), command)
}

/// One move of a generated sequence: mostly an action the state machine offers someone now
/// (so every state and step is reached), sometimes any command at all (so refusals are
/// exercised too).
#[derive(Debug, Clone)]
enum Move {
    /// The `pick`-th of the actions offered to all accounts now; when `onward`, among those
    /// that do not end the dossier early (so sequences get deep), if any.
    Offered { pick: usize, onward: bool },
    /// Any command, by anyone, perhaps claiming to act for the holder.
    Any {
        who: usize,
        deputising: bool,
        command: Command,
    },
    /// Any command by the system (the scheduled jobs).
    System { command: Command },
}

fn any_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        4 => (any::<usize>(), prop::bool::weighted(0.9))
            .prop_map(|(pick, onward)| Move::Offered { pick, onward }),
        1 => any_command().prop_map(|(who, deputising, command)| Move::Any { who, deputising, command }),
        1 => any_command().prop_map(|(_, _, command)| Move::System { command }),
    ]
}

/// The command for an offered action, with a handler who holds the target step's role.
fn command_for(workflow: &WorkflowDef, action: &str, to: Option<&str>, pick: usize) -> Command {
    let handler = to
        .and_then(|step| workflow.step(step))
        .map(|step| {
            let holders: Vec<&str> = ACCOUNTS
                .into_iter()
                .filter(|a| actor(a).roles.contains(&step.role))
                .collect();
            holders[pick % holders.len()].to_owned()
        })
        .unwrap_or_default();
    let to = to.unwrap_or_default().to_owned();
    match action {
        "receive" => Command::Receive,
        "delete" => Command::Delete,
        "update_fields" => Command::UpdateFields {
            fields: vec!["dia_chi".into()],
        },
        "forward" => Command::Forward { to, handler },
        "request_supplement" => Command::RequestSupplement {
            missing: vec!["Giấy tờ".into()],
        },
        "receive_supplement" => Command::ReceiveSupplement,
        "send_back" => Command::SendBack {
            to,
            handler,
            reason: "Bổ sung".into(),
        },
        "accept_rework" => Command::AcceptRework,
        "return_ineligible" => Command::ReturnIneligible {
            reason: "Không đủ điều kiện".into(),
        },
        "reject" => Command::Reject {
            reason: "Từ chối".into(),
        },
        "sign" => Command::Sign { to, handler },
        "issue" => Command::Issue { to, handler },
        "return_result" => Command::ReturnResult,
        "withdraw" => Command::Withdraw {
            reason: "Rút hồ sơ".into(),
        },
        "extend_appointment" => Command::ExtendAppointment {
            until: now().date() + chrono::Days::new(3),
            reason: "Chờ xác minh".into(),
        },
        other => panic!("next_actions offered an unknown action {other}"),
    }
}

/// Who does what in a move, or `None` when nothing is offered to anyone.
fn resolve(workflow: &WorkflowDef, state: &DossierState, chosen: Move) -> Option<(Actor, Command)> {
    match chosen {
        Move::System { command } => Some((Actor::system(), command)),
        Move::Any {
            who,
            deputising,
            command,
        } => {
            let mut acting = actor(ACCOUNTS[who]);
            if deputising {
                acting.acting_for = state.holder.clone();
            }
            Some((acting, command))
        }
        Move::Offered { pick, onward } => {
            let all: Vec<(&str, NextAction)> = ACCOUNTS
                .into_iter()
                .flat_map(|a| {
                    next_actions(workflow, state, &actor(a), now())
                        .into_iter()
                        .map(move |n| (a, n))
                })
                .collect();
            let ends_early = |n: &NextAction| {
                matches!(
                    n.action,
                    "delete" | "withdraw" | "reject" | "return_ineligible"
                )
            };
            let going_on: Vec<(&str, NextAction)> = all
                .iter()
                .filter(|(_, n)| !ends_early(n))
                .cloned()
                .collect();
            let offered = if onward && !going_on.is_empty() {
                going_on
            } else {
                all
            };
            let (account, next) = offered.get(pick % offered.len().max(1))?.clone();
            Some((
                actor(account),
                command_for(workflow, next.action, next.to.as_deref(), pick),
            ))
        }
    }
}

/// What the generated sequences reached, over all cases.
#[derive(Debug, Default)]
struct Coverage {
    accepted: usize,
    sequences: usize,
    states: std::collections::BTreeSet<(&'static str, Option<String>)>,
}

/// Applies a sequence and checks every invariant after each move.
fn check_sequence(moves: Vec<Move>, coverage: &mut Coverage) -> Result<(), TestCaseError> {
    let workflow = monthly_allowance();
    let mut state = DossierState::draft("tn");
    let mut events: Vec<DossierEvent> = Vec::new();
    let mut pauses = 0i32;
    let mut closed_while_paused = false;
    coverage.sequences += 1;
    coverage
        .states
        .insert((state.status.as_str(), state.step.clone()));
    for chosen in moves {
        let Some((acting, command)) = resolve(&workflow, &state, chosen) else {
            break;
        };
        let was_terminal = state.status.is_terminal();
        if let Ok((next, event)) = decide(&workflow, &state, command.clone(), &acting, now()) {
            prop_assert!(!was_terminal, "a terminal state moved");
            // The system only ever returns a dossier whose supplement did not come; nobody
            // else can.
            let closes = matches!(command, Command::CloseUnsupplemented { .. });
            prop_assert_eq!(
                acting.is_system(),
                closes,
                "{:?} by {}",
                command,
                acting.account
            );
            if closes {
                prop_assert_eq!(state.status, Status::AwaitingSupplement);
            }
            prop_assert_eq!(event.version, state.version + 1);
            prop_assert_eq!(&event.from, &(state.status, state.step.clone()));
            prop_assert_eq!(&event.to, &(next.status, next.step.clone()));
            match command {
                Command::RequestSupplement { .. } => pauses += 1,
                Command::ReceiveSupplement => pauses -= 1,
                _ => {}
            }
            closed_while_paused =
                next.status.is_terminal() && state.status == Status::AwaitingSupplement;
            events.push(event);
            state = next;
            coverage.accepted += 1;
            coverage
                .states
                .insert((state.status.as_str(), state.step.clone()));
        }
        let active = matches!(
            state.status,
            Status::InProgress
                | Status::AwaitingSupplement
                | Status::ReworkRequested
                | Status::ResultArrived
        );
        prop_assert_eq!(
            state.holder.is_some(),
            active,
            "one holder exactly while active: {:?}",
            state
        );
        let paused = state.status == Status::AwaitingSupplement || closed_while_paused;
        prop_assert_eq!(pauses, i32::from(paused), "pauses balanced");
        prop_assert_eq!(state.version as usize, events.len());
    }
    // The SLA ledgers read off this timeline (an event an hour) are well formed: each
    // starts once, pauses and resumes alternate, and ends at most once, last.
    let mut points = vec![TimelinePoint {
        at: now(),
        status: Status::Draft,
        step: None,
        extension: None,
    }];
    points.extend(events.iter().enumerate().map(|(i, event)| TimelinePoint {
        at: now() + chrono::Duration::hours(i as i64 + 1),
        status: event.to.0,
        step: event.to.1.clone(),
        extension: None,
    }));
    let budget = StepBudget {
        budget: crate::calendar::sla::Budget::Minutes(240),
        warn_minutes: 60,
    };
    let clocks = dossier_clocks(&points, |_| Some(budget), budget, chrono::NaiveTime::MIN);
    let received = points
        .iter()
        .any(|p| p.status != Status::Draft && !p.status.is_terminal());
    prop_assert_eq!(clocks.overall.is_some(), received);
    for ledger in clocks
        .steps
        .iter()
        .map(|s| &s.clock.events)
        .chain(clocks.overall.iter().map(|c| &c.events))
    {
        prop_assert!(well_formed(ledger), "{:?}", ledger);
    }
    Ok(())
}

#[test]
fn random_sequences_reach_every_state_and_keep_every_invariant() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(1_000));
    let coverage = std::cell::RefCell::new(Coverage::default());
    let result = runner.run(&prop::collection::vec(any_move(), 1..60), |moves| {
        check_sequence(moves, &mut coverage.borrow_mut())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let coverage = coverage.into_inner();
    let statuses: std::collections::BTreeSet<&str> =
        coverage.states.iter().map(|(status, _)| *status).collect();
    let steps: std::collections::BTreeSet<&str> = coverage
        .states
        .iter()
        .filter_map(|(_, step)| step.as_deref())
        .collect();
    let average = coverage.accepted as f64 / coverage.sequences as f64;
    #[allow(clippy::print_stdout)] // The coverage is part of what the test shows.
    {
        println!(
            "state machine: {} sequences, {:.1} accepted transitions on average, {} (status, step) pairs reached",
            coverage.sequences,
            average,
            coverage.states.len()
        );
        for (status, step) in &coverage.states {
            println!("  reached {status} at {}", step.as_deref().unwrap_or("-"));
        }
    }
    // Every status is reached, and every step.
    assert_eq!(
        statuses.len(),
        Status::ALL.len(),
        "statuses reached: {statuses:?}"
    );
    assert_eq!(steps, STEPS.into_iter().collect(), "steps reached");
    assert!(
        average >= 5.0,
        "sequences too short to reach deep states: {average:.1}"
    );
}

fn well_formed(ledger: &[crate::calendar::sla::ClockEvent]) -> bool {
    use crate::calendar::sla::ClockEvent::*;
    let Some((Start { .. }, rest)) = ledger.split_first() else {
        return false;
    };
    let mut paused = false;
    for (i, event) in rest.iter().enumerate() {
        match event {
            Pause { .. } if !paused => paused = true,
            Resume { .. } if paused => paused = false,
            Transfer { .. } | Finish { .. } if i + 1 == rest.len() => {}
            _ => return false,
        }
    }
    true
}
