//! Entitlements over months: a full life with its amounts explained, refusals, and random
//! histories (the state of every month equals a month-by-month replay; a stop pays nothing
//! from its month; the highest coefficient wins; amounts are whole đồng).

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::allowance::{Coefficient, monthly_allowance};
use crate::money::Vnd;
use crate::{DomainError, DossierId, ErrorCode, UnitId};

fn month(text: &str) -> Month {
    Month::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn unit(code: &str) -> UnitId {
    UnitId::parse(&format!("{code}@2025-07-01")).unwrap_or_else(|e| panic!("{e}"))
}

fn group(code: &str, coefficient: &str) -> Group {
    Group {
        code: code.to_owned(),
        name: format!("nhóm {code}"),
        coefficient: Coefficient::parse(coefficient).unwrap_or_else(|e| panic!("{e}")),
    }
}

fn decision(number: &str) -> Source {
    Source::Decision {
        dossier: DossierId::new("d-1".to_owned()),
        number: number.to_owned(),
    }
}

fn recorded(seq: u32, effective: &str, change: Change, source: Source) -> Recorded {
    Recorded {
        seq,
        effective: month(effective),
        change,
        source,
    }
}

fn start(groups: Vec<Group>) -> Change {
    Change::Start {
        scheme: Scheme::MonthlyAllowance,
        unit: unit("01290"),
        groups,
        one_off: None,
    }
}

const LEVEL: Vnd = Vnd(500_000);

#[test]
fn a_life_in_the_registry_month_by_month() {
    let manual = Source::Manual {
        reason: "Đủ 80 tuổi".to_owned(),
    };
    let history = vec![
        recorded(
            1,
            "03/2026",
            start(vec![group("khuyet-tat-nang", "1,5")]),
            decision("12/QĐ-UBND"),
        ),
        recorded(
            2,
            "07/2026",
            Change::Adjust {
                groups: vec![group("khuyet-tat-nang", "1,5"), group("nct-80", "2,5")],
            },
            manual,
        ),
        recorded(3, "09/2026", Change::Suspend, decision("30/QĐ-UBND")),
        recorded(4, "10/2026", Change::Resume, decision("31/QĐ-UBND")),
        recorded(
            5,
            "11/2026",
            Change::Move { to: unit("01273") },
            decision("40/QĐ-UBND"),
        ),
        recorded(
            6,
            &Month::of(NaiveDate::from_ymd_opt(2026, 12, 14).unwrap_or_default())
                .next()
                .to_string(),
            Change::Death {
                died_on: NaiveDate::from_ymd_opt(2026, 12, 14).unwrap_or_default(),
            },
            decision("52/QĐ-UBND"),
        ),
    ];
    let paid = |m: &str| amount_in(&history, month(m), LEVEL).map(|a| a.amount);
    assert_eq!(paid("02/2026"), None);
    assert_eq!(paid("03/2026"), Some(Vnd(750_000)));
    assert_eq!(paid("06/2026"), Some(Vnd(750_000)));
    // Two groups: only the highest coefficient is paid.
    assert_eq!(paid("07/2026"), Some(Vnd(1_250_000)));
    assert_eq!(paid("09/2026"), None);
    assert_eq!(paid("10/2026"), Some(Vnd(1_250_000)));
    // Died on 14/12: December is paid, nothing from January.
    assert_eq!(paid("12/2026"), Some(Vnd(1_250_000)));
    assert_eq!(paid("01/2027"), None);
    assert_eq!(
        state_in(&history, month("01/2027")).standing,
        Standing::Dead
    );
    assert_eq!(
        state_in(&history, month("11/2026")).unit,
        Some(unit("01273"))
    );
    assert_eq!(
        state_in(&history, month("10/2026")).unit,
        Some(unit("01290"))
    );
    let july = amount_in(&history, month("07/2026"), LEVEL).unwrap_or_else(|| panic!("unpaid"));
    assert_eq!(
        july.explained(),
        "500.000 × 2,5 = 1.250.000 đồng, nhóm nhóm nct-80, từ tháng 07/2026 điều chỉnh thủ công: Đủ 80 tuổi"
    );
    let march = amount_in(&history, month("03/2026"), LEVEL).unwrap_or_else(|| panic!("unpaid"));
    assert_eq!(
        march.explained(),
        "500.000 × 1,5 = 750.000 đồng, nhóm nhóm khuyet-tat-nang, từ tháng 03/2026 theo quyết định số 12/QĐ-UBND"
    );
}

fn code_of(result: Result<(), DomainError>) -> ErrorCode {
    match result {
        Err(DomainError::Flow { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn changes_that_do_not_fit_the_history_are_refused() {
    let started = vec![recorded(
        1,
        "03/2026",
        start(vec![group("a", "1,5")]),
        decision("1/QĐ"),
    )];
    let manual = || Source::Manual {
        reason: "x".to_owned(),
    };
    // Resume what runs; start twice; adjust before the start; nothing after a death but a
    // restore.
    for (effective, change) in [
        ("04/2026", Change::Resume),
        ("04/2026", start(vec![group("a", "1")])),
        (
            "02/2026",
            Change::Adjust {
                groups: vec![group("a", "2")],
            },
        ),
        ("04/2026", Change::Adjust { groups: Vec::new() }),
        ("04/2026", Change::Move { to: unit("01290") }),
    ] {
        let new = recorded(2, effective, change, manual());
        assert_eq!(
            code_of(check(&started, &new)),
            ErrorCode::ChangeNotAllowed,
            "{new:?}"
        );
    }
    let dead = recorded(
        2,
        "05/2026",
        Change::Death {
            died_on: NaiveDate::from_ymd_opt(2026, 4, 3).unwrap_or_default(),
        },
        manual(),
    );
    assert!(check(&started, &dead).is_ok());
    let with_death = [started.clone(), vec![dead]].concat();
    let suspend = recorded(3, "06/2026", Change::Suspend, manual());
    assert_eq!(
        code_of(check(&with_death, &suspend)),
        ErrorCode::ChangeNotAllowed
    );
    // A correction before a later change must leave that change meaningful: a stop in April
    // before the death recorded for May is fine, a deletion in April then a start is not.
    let stop = recorded(3, "04/2026", Change::Stop, manual());
    assert!(check(&with_death, &stop).is_ok());
    let restored = recorded(3, "06/2026", Change::Restore, manual());
    assert!(check(&with_death, &restored).is_ok());
    let burial_without_amount = Change::Start {
        scheme: Scheme::BurialSupport,
        unit: unit("01290"),
        groups: Vec::new(),
        one_off: None,
    };
    let new = recorded(1, "05/2026", burial_without_amount, manual());
    assert_eq!(code_of(check(&[], &new)), ErrorCode::ChangeNotAllowed);
}

/// `count` groups with coefficients from 1 to 3.
fn any_groups(count: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Group>> + Clone {
    prop::collection::vec((0..4usize, 100u32..=300), count).prop_map(|picked| {
        picked
            .into_iter()
            .map(|(g, hundredths)| Group {
                code: format!("g{g}"),
                name: format!("nhóm {g}"),
                coefficient: Coefficient::parse(&format!(
                    "{}.{:02}",
                    hundredths / 100,
                    hundredths % 100
                ))
                .unwrap_or_else(|e| panic!("{e}")),
            })
            .collect()
    })
}

/// Any change, some months after the latest (or before it: a correction), with a few groups.
fn any_change() -> impl Strategy<Value = (i32, Change)> {
    let groups = any_groups(0..3);
    let change = prop_oneof![
        3 => groups.clone().prop_map(start),
        3 => groups.prop_map(|groups| Change::Adjust { groups }),
        1 => (0..2usize).prop_map(|u| Change::Move { to: unit(["01290", "01273"][u]) }),
        1 => Just(Change::Suspend),
        1 => Just(Change::Review),
        2 => Just(Change::Resume),
        2 => Just(Change::Stop),
        1 => Just(Change::Death { died_on: NaiveDate::from_ymd_opt(2026, 5, 5).unwrap_or_default() }),
        1 => Just(Change::Delete),
        1 => Just(Change::Restore),
    ];
    // Mostly forward from the latest change; now and then back (a correction).
    (prop_oneof![6 => 0..4i32, 1 => -3..0i32], change)
}

/// A start, then any changes.
fn any_history() -> impl Strategy<Value = Vec<(i32, Change)>> {
    let first = any_groups(1..3).prop_map(|groups| (0, start(groups)));
    (first, prop::collection::vec(any_change(), 0..24))
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
}

/// The changes that `check` accepted when each was recorded, in the order they came; each
/// proposed this many months after the latest so far.
fn accepted(proposed: Vec<(i32, Change)>) -> Vec<Recorded> {
    let base = month("01/2026");
    let mut history: Vec<Recorded> = Vec::new();
    for (delta, change) in proposed {
        let latest = history.iter().map(|r| r.effective).max().unwrap_or(base);
        let new = Recorded {
            seq: history.len() as u32 + 1,
            effective: latest.plus(delta),
            change,
            source: Source::Manual {
                reason: "r".to_owned(),
            },
        };
        if check(&history, &new).is_ok() {
            history.push(new);
        }
    }
    history
}

/// An independent walk: month by month from the first, the changes of each month in the
/// order recorded.
fn walked(history: &[Recorded], until: Month) -> Vec<(Month, Standing, Option<Coefficient>)> {
    let Some(first) = history.iter().map(|r| r.effective).min() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut current = first;
    let mut applied: Vec<Recorded> = Vec::new();
    while current <= until {
        let mut this_month: Vec<&Recorded> =
            history.iter().filter(|r| r.effective == current).collect();
        this_month.sort_by_key(|r| r.seq);
        applied.extend(this_month.into_iter().cloned());
        let state = state_in(&applied, Month::parse("12/9999").unwrap_or(current));
        let top = state.groups.iter().map(|g| g.coefficient).max();
        out.push((current, state.standing, top));
        current = current.next();
    }
    out
}

/// Checks one random history month by month; records the standings it reached.
fn check_history(
    proposed: Vec<(i32, Change)>,
    reached: &mut std::collections::BTreeSet<&'static str>,
    lengths: &mut Vec<usize>,
) -> Result<(), TestCaseError> {
    let history = accepted(proposed);
    lengths.push(history.len());
    for (m, standing, top) in walked(&history, month("06/2028")) {
        reached.insert(standing_name(standing));
        let state = state_in(&history, m);
        prop_assert_eq!(state.standing, standing, "{}", m);
        prop_assert_eq!(state.groups.iter().map(|g| g.coefficient).max(), top);
        match amount_in(&history, m, LEVEL) {
            Some(paid) => {
                prop_assert_eq!(standing, Standing::Active);
                // The highest coefficient, in whole đồng.
                let highest = top.unwrap_or_else(|| panic!("paid without a group"));
                prop_assert_eq!(paid.amount, monthly_allowance(LEVEL, highest));
                prop_assert!(
                    state
                        .groups
                        .iter()
                        .all(|g| monthly_allowance(LEVEL, g.coefficient) <= paid.amount)
                );
                prop_assert_eq!(paid.amount.0 % 5_000, 0);
            }
            None => prop_assert!(standing != Standing::Active),
        }
    }
    Ok(())
}

fn standing_name(standing: Standing) -> &'static str {
    match standing {
        Standing::NotStarted => "not_started",
        Standing::Active => "active",
        Standing::Suspended => "suspended",
        Standing::UnderReview => "under_review",
        Standing::Stopped => "stopped",
        Standing::Dead => "dead",
        Standing::Deleted => "deleted",
    }
}

#[test]
fn every_month_is_the_replay_of_the_changes_until_then() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(500));
    let reached = std::cell::RefCell::new(std::collections::BTreeSet::new());
    let lengths = std::cell::RefCell::new(Vec::new());
    let result = runner.run(&any_history(), |proposed| {
        check_history(
            proposed,
            &mut reached.borrow_mut(),
            &mut lengths.borrow_mut(),
        )
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    // The histories reach every standing but "not started" (a month before the first change
    // is never walked), and are long enough to mean something.
    let reached = reached.into_inner();
    assert_eq!(
        reached.into_iter().collect::<Vec<_>>(),
        [
            "active",
            "dead",
            "deleted",
            "stopped",
            "suspended",
            "under_review"
        ]
    );
    let lengths = lengths.into_inner();
    let average = lengths.iter().sum::<usize>() as f64 / lengths.len() as f64;
    #[allow(clippy::print_stdout)] // The coverage is part of what the test shows.
    {
        println!(
            "registry: {} histories, {average:.1} accepted changes on average",
            lengths.len()
        );
    }
    assert!(average >= 3.0, "accepted histories too short: {average:.1}");
}

/// Adds a stop after the latest change of a random history, when it may stop: nothing is paid
/// from the stop's month on. Answers whether the stop applied.
fn stop_after(proposed: Vec<(i32, Change)>) -> Result<bool, TestCaseError> {
    let mut history = accepted(proposed);
    let last = history
        .iter()
        .map(|r| r.effective)
        .max()
        .unwrap_or(month("01/2026"));
    let stop = Recorded {
        seq: history.len() as u32 + 1,
        effective: last.next(),
        change: Change::Stop,
        source: Source::Manual {
            reason: "Không còn đủ điều kiện".to_owned(),
        },
    };
    if check(&history, &stop).is_err() {
        return Ok(false);
    }
    let paid_before = amount_in(&history, last, LEVEL).is_some();
    history.push(stop);
    for k in 0..24 {
        prop_assert_eq!(amount_in(&history, last.next().plus(k), LEVEL), None);
    }
    // The month before the stop is untouched.
    prop_assert_eq!(amount_in(&history, last, LEVEL).is_some(), paid_before);
    Ok(true)
}

#[test]
fn a_stop_pays_nothing_from_its_month() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(500));
    let stopped = std::cell::Cell::new(0);
    let result = runner.run(&any_history(), |proposed| {
        if stop_after(proposed)? {
            stopped.set(stopped.get() + 1);
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    assert!(
        stopped.get() >= 100,
        "only {} histories could stop",
        stopped.get()
    );
}
