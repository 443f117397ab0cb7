//! Dossiers through the application: codes, guarded transitions, the event chain, and
//! concurrency (on PostgreSQL).

use std::sync::Arc;

use ansinh_app::dossier::{Application, DossierStore, event_hash};
use ansinh_app::identity::{AccountStore, Principal};
use ansinh_app::{Ansinh, TenantScope};
use ansinh_core::dossier::{Command, Status};
use ansinh_core::{TenantId, UnitId};
use ansinh_store::SeaStore;
use ansinh_testkit::{Backend, TestDatabase, TestServer};

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

/// Versions 0, 1, 2, … each linked to the one before by a hash recomputed from the row.
fn assert_chain(id: &str, events: &[ansinh_app::dossier::StoredEvent]) {
    let mut previous = String::new();
    for (i, event) in events.iter().enumerate() {
        assert_eq!(event.version as usize, i);
        assert_eq!(event.prev_hash, previous);
        assert_eq!(event.hash, event_hash("04", id, event));
        previous = event.hash.clone();
    }
}

fn application(name: &str, id_number: Option<&str>) -> Application {
    Application {
        applicant_name: name.to_owned(),
        applicant_id_number: id_number.map(str::to_owned),
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
    app.act(&reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let social_id = account_id(&store, "vhxh.01273").await;
    let moved = app
        .act(
            &reception,
            &created.id,
            forward("tham-dinh", &social_id),
            "Đủ hồ sơ",
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (moved.state.step.as_deref(), moved.state.holder.as_deref()),
        (Some("tham-dinh"), Some(social_id.as_str()))
    );
    // The previous holder can no longer act; the new one can.
    let stale = app
        .act(&reception, &created.id, Command::ReceiveSupplement, "")
        .await;
    assert_eq!(
        stale.map(|_| ()).map_err(|e| e.code()),
        Err("ACTION_NOT_ALLOWED")
    );
    let paused = app
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
    assert_eq!(paused.state.status, Status::AwaitingSupplement);

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

    // A second dossier the same day takes the next number.
    let next = app
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

#[tokio::test]
async fn fifty_concurrent_attempts_at_one_transition_succeed_once() {
    if TestDatabase::backend() != Backend::Postgres {
        return; // Concurrency is proven on PostgreSQL (the production database).
    }
    let server = TestServer::start().await;
    let store = store(&server).await;
    let reception = principal(&server, "tiepnhan.01273").await;
    let app: Arc<Ansinh> = Arc::new(server.app.clone());
    let created = app
        .create_dossier(
            &reception,
            MONTHLY_ALLOWANCE,
            &commune(),
            &application("Nông Thị Mai", None),
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    app.act(&reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let social_id = account_id(&store, "vhxh.01273").await;
    let attempts = (0..50).map(|_| {
        let (app, reception, id, to) = (
            app.clone(),
            reception.clone(),
            created.id.clone(),
            forward("tham-dinh", &social_id),
        );
        tokio::spawn(async move {
            app.act(&reception, &id, to, "")
                .await
                .map(|_| ())
                .map_err(|e| e.code())
        })
    });
    let mut outcomes = Vec::new();
    for attempt in attempts {
        outcomes.push(attempt.await.unwrap_or_else(|e| panic!("{e}")));
    }
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    // The losers either lost the guarded update or saw the new state and were refused.
    assert!(
        outcomes
            .iter()
            .filter_map(|o| o.err())
            .all(|code| code == "CONFLICT" || code == "NOT_HOLDER")
    );
    let events = store
        .events(&scope(), &created.id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let versions: Vec<u32> = events.iter().map(|e| e.version).collect();
    assert_eq!(versions, vec![0, 1, 2]);
    assert_chain(&created.id, &events);
}

#[tokio::test]
async fn decisions_issued_at_once_get_consecutive_numbers() {
    if TestDatabase::backend() != Backend::Postgres {
        return;
    }
    let server = TestServer::start().await;
    let app: Arc<Ansinh> = Arc::new(server.app.clone());
    let reception = principal(&server, "tiepnhan.01273").await;
    let social = principal(&server, "vhxh.01273").await;
    let leader = principal(&server, "lanhdao.01273").await;
    let clerk = principal(&server, "vanthu.01273").await;
    let step = |to: &str| forward(to, "");
    let mut ready = Vec::new();
    for n in 0..30 {
        let created = app
            .create_dossier(
                &reception,
                MONTHLY_ALLOWANCE,
                &commune(),
                &application(&format!("Người nộp {n}"), None),
            )
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let walk = [
            (&reception, Command::Receive),
            (&reception, step("tham-dinh")),
            (&social, step("lanh-dao-quyet-dinh")),
            (
                &leader,
                Command::Sign {
                    to: "van-thu-phat-hanh".into(),
                    handler: String::new(),
                },
            ),
        ];
        for (who, command) in walk {
            app.act(who, &created.id, command, "")
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
        ready.push(created.id);
    }
    let issues = ready.into_iter().map(|id| {
        let (app, clerk) = (app.clone(), clerk.clone());
        tokio::spawn(async move {
            let issue = Command::Issue {
                to: "tra-ket-qua".into(),
                handler: String::new(),
            };
            app.act(&clerk, &id, issue, "")
                .await
                .map(|d| d.decision_number.unwrap_or_default())
                .map_err(|e| format!("{e:?}"))
        })
    });
    let mut numbers = Vec::new();
    for issue in issues {
        let number = issue
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (n, symbol) = number.split_once('/').unwrap_or_default();
        assert_eq!(symbol, "QĐ-UBND");
        numbers.push(n.parse::<u32>().unwrap_or_default());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=30).collect::<Vec<u32>>());
}

#[tokio::test]
async fn a_thousand_concurrent_creations_get_consecutive_codes() {
    if TestDatabase::backend() != Backend::Postgres {
        return;
    }
    let server = TestServer::start().await;
    let reception = principal(&server, "tiepnhan.01273").await;
    let app: Arc<Ansinh> = Arc::new(server.app.clone());
    let creations = (0..1000).map(|n| {
        let (app, reception) = (app.clone(), reception.clone());
        tokio::spawn(async move {
            app.create_dossier(
                &reception,
                MONTHLY_ALLOWANCE,
                &commune(),
                &application(&format!("Người nộp {n}"), None),
            )
            .await
            .map(|d| d.code)
            .map_err(|e| format!("{e:?}"))
        })
    });
    let mut sequences = Vec::new();
    for creation in creations {
        let code = creation
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let sequence: u32 = code
            .rsplit('-')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or_default();
        sequences.push(sequence);
    }
    sequences.sort_unstable();
    assert_eq!(sequences, (1..=1000).collect::<Vec<u32>>());
}
