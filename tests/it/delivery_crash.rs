//! Crash safety of delivery: 500 notices from 500 forwards go to a slow SMTP server while the
//! worker process is killed with SIGKILL 20 times; every notice reaches the server at least
//! once, none is lost, every copy of a notice carries its one Message-ID (so a receiver can
//! drop duplicates), and the forwards that produced them are all still there.

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use ansinh_app::notices::message_id;
use ansinh_testkit::{Options, SmtpSink, TestServer, require_postgres};
use futures_util::StreamExt;
use serde_json::{Value, json};

const DOSSIERS: usize = 500;
const KILLS: u64 = 20;
const UNIT: &str = "01290@2025-07-01";
const SOCIAL: &str = "vhxh.01290";

async fn forward_one(server: &TestServer, n: usize) -> String {
    let reception = |query: &'static str, variables: Value| async move {
        server
            .data_as("04", "tiepnhan.01290", query, variables)
            .await
    };
    let created = reception(
        "mutation($u: ID!, $n: String!) { createDossier(procedure: \"2.000286\", unitId: $u, applicantName: $n) { id } }",
        json!({"u": UNIT, "n": format!("Người nộp {n}")}),
    )
    .await;
    let id = created["createDossier"]["id"].clone();
    reception(
        "mutation($id: ID!) { receiveDossier(id: $id) { status } }",
        json!({"id": id}),
    )
    .await;
    reception(
        "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"tham-dinh\", note: \"Đủ\") { status } }",
        json!({"id": id}),
    )
    .await;
    id.as_str().unwrap_or_default().to_owned()
}

fn worker(server: &TestServer) -> Child {
    server
        .command(
            &["worker"],
            &[
                ("ANSINH_LOG", "warn"),
                ("ANSINH_WORKER__POLL_MS", "50"),
                ("ANSINH_WORKER__LEASE_SECS", "1"),
                ("ANSINH_WORKER__RETRY_BASE_SECS", "0.2"),
                ("ANSINH_WORKER__RETRY_CAP_SECS", "2"),
                ("ANSINH_WORKER__BATCH", "10"),
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn ansinh worker: {e}"))
}

fn received(sink: &SmtpSink) -> BTreeMap<String, usize> {
    let mut copies = BTreeMap::new();
    for mail in sink.messages() {
        *copies.entry(mail.message_id).or_insert(0) += 1;
    }
    copies
}

#[tokio::test]
#[ignore = "PostgreSQL only: run by scripts/test.sh with --include-ignored"]
async fn no_notice_is_lost_across_twenty_kills_of_the_worker() {
    require_postgres();
    // 20 ms per message: 500 take at least 10 s, so the kills land mid-delivery.
    let sink = SmtpSink::start_slow(5);
    let server = TestServer::start_with(Options {
        smtp_port: Some(sink.port),
        max_connections: 10,
        ..Options::default()
    })
    .await;
    server
        .data_as(
            "04",
            SOCIAL,
            "mutation { updateProfile(displayName: \"Lò Thị Hoa\", email: \"vhxh.01290@caobang.gov.vn\") { id } }",
            json!({}),
        )
        .await;
    let social = server.officer_id("04", SOCIAL).await;
    let social = social.as_str().unwrap_or_default();
    let began = Instant::now();
    let ids: Vec<String> = futures_util::stream::iter(0..DOSSIERS)
        .map(|n| forward_one(&server, n))
        .buffer_unordered(6)
        .collect()
        .await;
    let expected: BTreeSet<String> = ids
        .iter()
        .map(|id| {
            let key = format!("handed_over/{id}/2/email/{social}");
            message_id("04", &key, "ansinh.local")
        })
        .collect();
    assert_eq!(expected.len(), DOSSIERS);
    eprintln!("{DOSSIERS} forwards in {:?}", began.elapsed());

    // A first worker expands the outbox; once mail is going out, it and 19 more are killed
    // after 0.4 to 1.3 s each, at once (no shutdown).
    let mut progress = Vec::new();
    let mut child = worker(&server);
    let started = Instant::now();
    while received(&sink).is_empty() && started.elapsed() < Duration::from_secs(120) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for kill in 0..KILLS {
        if kill > 0 {
            child = worker(&server);
            tokio::time::sleep(Duration::from_millis(400 + kill * 211 % 900)).await;
        }
        child.kill().unwrap_or_else(|e| panic!("kill: {e}"));
        child.wait().ok();
        progress.push(received(&sink).len());
        eprintln!(
            "kill {kill} at {:?}: {:?}",
            began.elapsed(),
            progress.last()
        );
    }
    let mut last = worker(&server);
    let started = Instant::now();
    while received(&sink).len() < DOSSIERS && started.elapsed() < Duration::from_secs(90) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    last.kill().ok();
    last.wait().ok();

    let copies = received(&sink);
    let got: BTreeSet<String> = copies.keys().cloned().collect();
    assert_eq!(got, expected, "after the kills: {progress:?}");
    let duplicates: usize = copies.values().map(|n| n - 1).sum();
    eprintln!("distinct after each kill {progress:?}; duplicates {duplicates}");
    // The first kill fell while mail was going out, not before or after it all.
    assert!(progress[0] > 0 && progress[0] < DOSSIERS, "{progress:?}");
    let status = server
        .data_as(
            "VN",
            "quantri.nentang",
            "{ backgroundStatus(tenant: \"04\") { outboxDepth pendingMessages deadMessages sentMessages } }",
            json!({}),
        )
        .await;
    assert_eq!(
        status["backgroundStatus"],
        json!({"outboxDepth": 0, "pendingMessages": 0, "deadMessages": 0, "sentMessages": DOSSIERS})
    );
    let held = server
        .data_as(
            "04",
            SOCIAL,
            "{ myDossiers(folder: IN_PROGRESS, first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(held["myDossiers"]["totalCount"], DOSSIERS);
}
