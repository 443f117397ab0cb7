//! Dossier latency with a million dossiers on PostgreSQL (a benchmark, not a test): loads
//! 1,000,000 dossiers with their first two events across the demo provinces' communes, then
//! times through GraphQL over HTTP, as a client would: a queue page (first 20 of "in progress"
//! with the total), a dossier detail (SLA, next actions, timeline) and a forward transition.
//!
//! Run: `scripts/bench-dossiers.sh` (starts PostgreSQL if needed). Prints p50 / p99 in ms.

#[path = "support/seed.rs"]
mod seed;

use std::io::Write;
use std::time::{Duration, Instant};

use ansinh_testkit::{Backend, TestDatabase, TestServer};
use sea_orm::Database;
use serde_json::{Value, json};

use seed::load;

const SAMPLES: usize = 300;

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort_unstable();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

async fn timed(server: &TestServer, token: &str, query: &str, variables: Value) -> Duration {
    let started = Instant::now();
    let (status, body) = server.graphql_with(Some(token), query, variables).await;
    let elapsed = started.elapsed();
    assert!(status == 200 && body.get("errors").is_none(), "{body}");
    elapsed
}

fn report(name: &str, samples: &mut [Duration]) {
    let line = format!(
        "{name:<28} p50 {:>7.2} ms   p99 {:>7.2} ms   ({} samples)",
        percentile(samples, 0.50),
        percentile(samples, 0.99),
        samples.len()
    );
    writeln!(std::io::stdout(), "{line}").unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::main]
async fn main() {
    if TestDatabase::backend() != Backend::Postgres {
        eprintln!("set ANSINH_TEST_PG_ADMIN_URL (scripts/bench-dossiers.sh does)");
        std::process::exit(2);
    }
    let server = TestServer::start().await;
    let owner = Database::connect(&server.database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    load(&owner).await;

    let user = "tiepnhan.01273";
    let token = server.token("04", user).await;
    let queue = "query { myDossiers(folder: IN_PROGRESS, first: 20) { totalCount edges { node { id code applicantName stepDueAt stepSlaState } } } }";
    let total = server.graphql_with(Some(&token), queue, json!({})).await.1["data"]["myDossiers"]
        ["totalCount"]
        .clone();
    eprintln!("{user} has {total} dossiers in progress");
    let mut pages = Vec::new();
    for _ in 0..SAMPLES {
        pages.push(timed(&server, &token, queue, json!({})).await);
    }
    report("queue page (20 of folder)", &mut pages);

    let detail = "query($id: ID!) { dossier(id: $id) { code status holderId nextActions { action toStep }
        sla { overall { dueAt status } steps { step dueAt status } } timeline { version action at } } }";
    let mut details = Vec::new();
    for n in 0..SAMPLES {
        let id = format!("bench-01273-{}", 1 + (n * 97) % 10_000);
        details.push(timed(&server, &token, detail, json!({"id": id})).await);
    }
    report("dossier detail", &mut details);

    let forward =
        "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"tham-dinh\") { status holderId } }";
    let mut forwards = Vec::new();
    for n in 0..SAMPLES {
        // g % 10 == 6: in progress at reception, held by the commune's reception officer.
        let id = format!("bench-01273-{}", 6 + n * 10);
        forwards.push(timed(&server, &token, forward, json!({"id": id})).await);
    }
    report("forward transition", &mut forwards);
}
