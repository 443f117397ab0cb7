//! Dossiers through the application: codes, guarded transitions, the event chain, and
//! concurrency (on PostgreSQL).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ansinh_app::dossier::{Application, DossierRepo, event_hash};
use ansinh_app::identity::{AccountRepo, Principal};
use ansinh_app::{Ansinh, TenantScope};
use ansinh_core::DossierId;
use ansinh_core::dossier::{Command, Status};
use ansinh_core::{TenantId, UnitId};
use ansinh_store::SeaStore;
use ansinh_testkit::{Options, TestServer, require_postgres};
use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};

const MONTHLY_ALLOWANCE: &str = "2.000286";

fn commune() -> UnitId {
    UnitId::parse("01273@2025-07-01").unwrap_or_else(|e| panic!("{e}"))
}

fn scope() -> TenantScope {
    TenantScope::new(TenantId::parse("04").unwrap_or_else(|e| panic!("{e}")))
}

async fn principal(server: &TestServer, username: &str) -> Principal {
    let token = server.token("04", username).await;
    server
        .app
        .identity
        .authenticate(&token)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn store(server: &TestServer) -> SeaStore {
    SeaStore::connect(&server.database.app_url, 2)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn account_id(store: &SeaStore, username: &str) -> String {
    store
        .account_by_username(&scope(), username)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .unwrap_or_else(|| panic!("{username}"))
        .id
        .0
}

/// The first version whose row no longer matches the chain: its recomputed hash differs from
/// the stored one, or it does not link to the one before.
fn first_break(id: &DossierId, events: &[ansinh_app::dossier::StoredEvent]) -> Option<u32> {
    let mut previous = String::new();
    for (i, event) in events.iter().enumerate() {
        let intact = event.version as usize == i
            && event.prev_hash == previous
            && event.hash == event_hash("04", id.as_str(), event);
        if !intact {
            return Some(event.version);
        }
        previous = event.hash.clone();
    }
    None
}

/// Versions 0, 1, 2, … each linked to the one before by a hash recomputed from the row.
fn assert_chain(id: &DossierId, events: &[ansinh_app::dossier::StoredEvent]) {
    assert_eq!(first_break(id, events), None);
}

fn application(name: &str, id_number: Option<&str>) -> Application {
    Application {
        applicant_name: name.to_owned().into(),
        applicant_id_number: id_number.map(|n| n.to_owned().into()),
        fields: Default::default(),
    }
}

fn forward(to: &str, handler: &str) -> Command {
    Command::Forward {
        to: to.to_owned(),
        handler: handler.to_owned(),
    }
}

#[tokio::test]
async fn a_dossier_moves_step_by_step_with_a_verifiable_event_chain() {
    let server = TestServer::start().await;
    let store = store(&server).await;
    let reception = principal(&server, "tiepnhan.01273").await;
    let social = principal(&server, "vhxh.01273").await;
    let created = server
        .app
        .dossiers
        .create_dossier(
            &reception,
            MONTHLY_ALLOWANCE,
            &commune(),
            &application("Nông Thị Mai", Some("004123456789")),
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(created.code.starts_with("04.01273-"), "{}", created.code);
    assert!(created.code.ends_with("-0001"), "{}", created.code);
    assert_eq!(
        (created.state.status, created.state.version),
        (Status::Draft, 0)
    );

    let app = &server.app;
    app.dossiers
        .act(&reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let social_id = account_id(&store, "vhxh.01273").await;
    let moved = app
        .dossiers
        .act(
            &reception,
            &created.id,
            forward("tham-dinh", &social_id),
            "Đủ hồ sơ",
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (
            moved.record.state.step.as_deref(),
            moved.record.state.holder.as_deref()
        ),
        (Some("tham-dinh"), Some(social_id.as_str()))
    );
    // The previous holder can no longer act; the new one can.
    let stale = app
        .dossiers
        .act(&reception, &created.id, Command::ReceiveSupplement, "")
        .await;
    assert_eq!(
        stale.map(|_| ()).map_err(|e| e.code()),
        Err("ACTION_NOT_ALLOWED")
    );
    let paused = app
        .dossiers
        .act(
            &social,
            &created.id,
            Command::RequestSupplement {
                missing: vec!["Giấy xác nhận khuyết tật".into()],
            },
            "",
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(paused.record.state.status, Status::AwaitingSupplement);

    let events = store
        .events(&scope(), &created.id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec!["create", "receive", "forward", "request_supplement"]
    );
    assert_chain(&created.id, &events);
    assert_eq!(events[2].note, "Đủ hồ sơ");

    // Someone with database access rewrites the forward's note: the chain shows where.
    let owner = sea_orm::Database::connect(&server.database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let txn = owner.begin().await.unwrap_or_else(|e| panic!("{e}"));
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SELECT set_config('ansinh.tenant', '04', true)")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let tamper = format!(
        "UPDATE dossier_events SET note = 'Hồ sơ thiếu' WHERE dossier_id = '{}' AND version = 2",
        created.id
    );
    let changed = txn
        .execute_unprepared(&tamper)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(changed.rows_affected(), 1);
    txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let tampered = store
        .events(&scope(), &created.id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(first_break(&created.id, &tampered), Some(2));

    // A second dossier the same day takes the next number.
    let next = app
        .dossiers
        .create_dossier(
            &reception,
            MONTHLY_ALLOWANCE,
            &commune(),
            &application("Lý Văn Hùng", None),
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(next.code.ends_with("-0002"), "{}", next.code);
    let bad = app
        .dossiers
        .create_dossier(
            &reception,
            MONTHLY_ALLOWANCE,
            &commune(),
            &application("Lý Văn Hùng", Some("12345")),
        )
        .await;
    assert_eq!(
        bad.map(|_| ()).map_err(|e| e.code()),
        Err("INVALID_ID_NUMBER")
    );
    let foreign = UnitId::parse("01279@2025-07-01").unwrap_or_else(|e| panic!("{e}"));
    let elsewhere = app
        .dossiers
        .create_dossier(
            &reception,
            MONTHLY_ALLOWANCE,
            &foreign,
            &application("Lý Văn Hùng", None),
        )
        .await;
    assert_eq!(
        elsewhere.map(|_| ()).map_err(|e| e.code()),
        Err("FORBIDDEN")
    );
}

/// Racers per race, and the pool that lets every one of them hold a connection at once.
const RACERS: usize = 24;

async fn racing_server() -> TestServer {
    TestServer::start_with(Options {
        max_connections: u32::try_from(RACERS).unwrap_or(u32::MAX) + 2,
        ..Options::default()
    })
    .await
}

/// Runs `racers` calls of `call(i)` released together by a barrier on the multi-thread
/// runtime; answers their outcomes and the most calls that were in flight at once.
async fn race<T, F, Fut>(racers: usize, call: F) -> (Vec<T>, usize)
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(racers));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..racers)
        .map(|i| {
            let (barrier, in_flight, most) = (barrier.clone(), in_flight.clone(), most.clone());
            let call = call(i);
            tokio::spawn(async move {
                barrier.wait().await;
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let outcome = call.await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                outcome
            })
        })
        .collect();
    let mut outcomes = Vec::with_capacity(racers);
    for task in tasks {
        outcomes.push(task.await.unwrap_or_else(|e| panic!("{e}")));
    }
    (outcomes, most.load(Ordering::SeqCst))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
#[ignore = "PostgreSQL: runs in the PostgreSQL pass"]
async fn racing_attempts_at_one_transition_succeed_once_and_losers_hit_the_guard() {
    require_postgres();
    let server = racing_server().await;
    let store = store(&server).await;
    let reception = principal(&server, "tiepnhan.01273").await;
    let app: Arc<Ansinh> = Arc::new(server.app.clone());
    let created = app
        .dossiers
        .create_dossier(
            &reception,
            MONTHLY_ALLOWANCE,
            &commune(),
            &application("Nông Thị Mai", None),
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    app.dossiers
        .act(&reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let social_id = account_id(&store, "vhxh.01273").await;
    let (outcomes, in_flight) = race(RACERS, |_| {
        let (app, reception, id) = (app.clone(), reception.clone(), created.id.clone());
        let to = forward("tham-dinh", &social_id);
        async move {
            app.dossiers
                .act(&reception, &id, to, "")
                .await
                .map(|_| ())
                .map_err(|e| e.code())
        }
    })
    .await;
    assert!(in_flight > 1, "the calls never overlapped");
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    // Losers either lost the guarded update (CONFLICT) or saw the new state and were refused
    // (NOT_HOLDER); racing from one barrier, some must have reached the guard.
    let losers: Vec<&str> = outcomes.iter().filter_map(|o| o.err()).collect();
    assert!(
        losers
            .iter()
            .all(|c| *c == "CONFLICT" || *c == "NOT_HOLDER"),
        "{losers:?}"
    );
    assert!(
        losers.contains(&"CONFLICT"),
        "no loser reached the guard: {losers:?}"
    );
    let events = store
        .events(&scope(), &created.id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let versions: Vec<u32> = events.iter().map(|e| e.version).collect();
    assert_eq!(versions, vec![0, 1, 2]);
    assert_chain(&created.id, &events);
}

/// Creates a dossier and walks it to the clerk's step, ready to be issued.
async fn ready_to_issue(app: &Ansinh, officers: &[Principal; 3], n: usize) -> DossierId {
    let [reception, social, leader] = officers;
    let created = app
        .dossiers
        .create_dossier(
            reception,
            MONTHLY_ALLOWANCE,
            &commune(),
            &application(&format!("Người nộp {n}"), None),
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let walk = [
        (reception, Command::Receive),
        (reception, forward("tham-dinh", "")),
        (social, forward("lanh-dao-quyet-dinh", "")),
        (
            leader,
            Command::Sign {
                to: "van-thu-phat-hanh".into(),
                handler: String::new(),
            },
        ),
    ];
    for (who, command) in walk {
        app.dossiers
            .act(who, &created.id, command, "")
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
    }
    created.id
}

fn issue() -> Command {
    Command::Issue {
        to: "tra-ket-qua".into(),
        handler: String::new(),
    }
}

fn decision(number: Option<String>) -> u32 {
    let number = number.unwrap_or_default();
    let (n, symbol) = number.split_once('/').unwrap_or_default();
    assert_eq!(symbol, "QĐ-UBND");
    n.parse().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
#[ignore = "PostgreSQL: runs in the PostgreSQL pass"]
async fn decisions_issued_at_once_get_consecutive_numbers_and_losers_give_theirs_back() {
    require_postgres();
    let server = racing_server().await;
    let app: Arc<Ansinh> = Arc::new(server.app.clone());
    let officers = [
        principal(&server, "tiepnhan.01273").await,
        principal(&server, "vhxh.01273").await,
        principal(&server, "lanhdao.01273").await,
    ];
    let clerk = principal(&server, "vanthu.01273").await;
    let mut ready = Vec::new();
    for n in 0..RACERS {
        ready.push(ready_to_issue(&app, &officers, n).await);
    }
    // Different dossiers at once: each takes the next number under the sequence's row lock.
    let (numbers, in_flight) = race(RACERS, |i| {
        let (app, clerk, id) = (app.clone(), clerk.clone(), ready[i].clone());
        async move {
            app.dossiers
                .act(&clerk, &id, issue(), "")
                .await
                .map(|d| decision(d.record.decision_number))
                .map_err(|e| format!("{e:?}"))
        }
    })
    .await;
    assert!(in_flight > 1, "the calls never overlapped");
    let mut numbers: Vec<u32> = numbers
        .into_iter()
        .map(|n| n.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    numbers.sort_unstable();
    let racers = u32::try_from(RACERS).unwrap_or(u32::MAX);
    assert_eq!(numbers, (1..=racers).collect::<Vec<u32>>());
    // One dossier issued by many at once: one number is kept, the losers' are rolled back
    // with their transactions, so the next decision follows without a gap.
    let contested = ready_to_issue(&app, &officers, RACERS).await;
    let (outcomes, _) = race(RACERS, |_| {
        let (app, clerk, id) = (app.clone(), clerk.clone(), contested.clone());
        async move {
            app.dossiers
                .act(&clerk, &id, issue(), "")
                .await
                .map(|d| decision(d.record.decision_number))
                .map_err(|e| e.code())
        }
    })
    .await;
    let won: Vec<u32> = outcomes
        .iter()
        .filter_map(|o| o.as_ref().ok().copied())
        .collect();
    assert_eq!(won, vec![racers + 1], "{outcomes:?}");
    let losers: Vec<&str> = outcomes
        .iter()
        .filter_map(|o| o.as_ref().err().copied())
        .collect();
    assert!(
        losers.contains(&"CONFLICT"),
        "no loser reached the guard: {losers:?}"
    );
    let next = ready_to_issue(&app, &officers, RACERS + 1).await;
    let after = app
        .dossiers
        .act(&clerk, &next, issue(), "")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(decision(after.record.decision_number), racers + 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
#[ignore = "PostgreSQL: runs in the PostgreSQL pass"]
async fn a_thousand_racing_creations_get_consecutive_codes() {
    require_postgres();
    let server = racing_server().await;
    let reception = principal(&server, "tiepnhan.01273").await;
    let app: Arc<Ansinh> = Arc::new(server.app.clone());
    let per_racer = 1000 / RACERS + 1;
    let (codes, in_flight) = race(RACERS, |i| {
        let (app, reception) = (app.clone(), reception.clone());
        async move {
            let mut codes = Vec::new();
            for n in 0..per_racer {
                let created = app
                    .dossiers
                    .create_dossier(
                        &reception,
                        MONTHLY_ALLOWANCE,
                        &commune(),
                        &application(&format!("Người nộp {i}-{n}"), None),
                    )
                    .await
                    .unwrap_or_else(|e| panic!("{e:?}"));
                codes.push(created.code);
            }
            codes
        }
    })
    .await;
    assert!(in_flight > 1, "the creators never overlapped");
    let mut sequences: Vec<u32> = codes
        .into_iter()
        .flatten()
        .map(|code| {
            code.rsplit('-')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or_default()
        })
        .collect();
    sequences.sort_unstable();
    let total = u32::try_from(per_racer * RACERS).unwrap_or(u32::MAX);
    assert_eq!(sequences, (1..=total).collect::<Vec<u32>>());
}
