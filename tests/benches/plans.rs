//! The plans of the queue, count and listing queries at a million dossiers (a benchmark tool,
//! not a test): PostgreSQL's `auto_explain` (ANALYZE, BUFFERS) explains every statement a
//! release `ansinh serve` runs for each operation, as notices the server logs; a run in the
//! steady state (caches warm, prepared statements past their first runs on every pooled
//! connection) is written to `docs/query-plans.md`.
//!
//! Run: `scripts/query-plans.sh`.

#[path = "support/seed.rs"]
mod seed;

use std::fmt::Write as _;
use std::time::Duration;

use ansinh_testkit::{Backend, Replica, TestDatabase, TestServer};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

/// Runs before the explained one (more than the five custom plans of each pooled connection).
const WARM_RUNS: usize = 6 * 10;

/// One operation explained: what it is for, who asks, the GraphQL text.
struct Operation {
    title: String,
    user: &'static str,
    query: String,
}

fn folder(name: &str) -> String {
    format!(
        "{{ myDossiers(folder: {name}, first: 20) {{ totalCount edges {{ node {{ code stepSlaState }} }} }} }}"
    )
}

fn listing(arguments: &str) -> String {
    format!("{{ dossiers({arguments}first: 20) {{ totalCount edges {{ node {{ code }} }} }} }}")
}

fn operations() -> Vec<Operation> {
    let reception = "tiepnhan.01273";
    let leader = "lanhdao.01273";
    let viewer = "theodoi.04";
    let mut all: Vec<Operation> = [
        "TO_RECEIVE",
        "IN_PROGRESS",
        "SUPPLEMENT",
        "RESULT_ARRIVED",
        "NOT_RETURNED",
        "INELIGIBLE_OR_REJECTED",
    ]
    .iter()
    .map(|name| Operation {
        title: format!("Queue folder {name} (reception officer)"),
        user: reception,
        query: folder(name),
    })
    .collect();
    all.push(Operation {
        title: "Queue counts, late and due soon (reception officer)".to_owned(),
        user: reception,
        query: "{ myQueueCounts { toReceive inProgress inProgressLate inProgressDueSoon supplement resultArrived notReturned ineligibleOrRejected } }".to_owned(),
    });
    let listings = [
        (
            "Listing across the province, most recently changed (province viewer)",
            viewer,
            "",
        ),
        (
            "Listing across the province, one procedure, late steps (province viewer)",
            viewer,
            "filter: {procedure: \"2.000286\", stepSlaState: LATE}, ",
        ),
        (
            "Listing across the province, most urgent step first (province viewer)",
            viewer,
            "orderBy: STEP_DUE_FIRST, ",
        ),
        (
            "Listing across the province, received first (province viewer)",
            viewer,
            "orderBy: RECEIVED_FIRST, ",
        ),
        (
            "Search by code prefix across the province (province viewer)",
            viewer,
            "filter: {search: \"04.01273-B-00012\"}, ",
        ),
        (
            "Search by name without diacritics in the commune (commune leader)",
            leader,
            "filter: {search: \"nguoi nop 1234\"}, ",
        ),
        (
            "Search by ID number in the commune (commune leader)",
            leader,
            "filter: {search: \"000000001234\"}, ",
        ),
        (
            "Listing of the commune, received in a week (commune leader)",
            leader,
            "filter: {receivedFrom: \"2026-06-01\", receivedTo: \"2026-06-07\"}, ",
        ),
    ];
    for (title, user, arguments) in listings {
        all.push(Operation {
            title: title.to_owned(),
            user,
            query: listing(arguments),
        });
    }
    all
}

/// The plans in log lines: each notice starts a plan (`duration: … plan:`), continued by the
/// lines without a log prefix.
fn plans_in(lines: &[String]) -> Vec<String> {
    let mut plans: Vec<String> = Vec::new();
    for line in lines {
        if line.contains("sqlx::postgres::notice") {
            let text = line.split_once("duration:").map_or("", |(_, rest)| rest);
            plans.push(format!("duration:{text}"));
        } else if let Some(plan) = plans.last_mut()
            && !line.contains(" WARN ")
            && !line.contains(" INFO ")
        {
            plan.push('\n');
            plan.push_str(line);
        }
    }
    // The tenant's `set_config` is explained too; it says nothing about the query.
    plans.retain(|plan| !plan.contains("Query Text: SELECT set_config"));
    plans
}

async fn post(replica: &Replica, token: &str, query: &str) -> Value {
    let (status, body) = replica.graphql_with(token, query, json!({})).await;
    assert!(
        status == 200 && body.get("errors").is_none(),
        "{query}: {body}"
    );
    body
}

async fn explain_all(server: &TestServer, replica: &Replica) -> String {
    let mut document = String::new();
    for operation in operations() {
        let token = server.token("04", operation.user).await;
        // PostgreSQL plans a prepared statement anew for its first five runs on a connection,
        // then may keep a generic plan: the steady state is the seventh run on every one of
        // the pool's connections.
        for _ in 0..WARM_RUNS {
            post(replica, &token, &operation.query).await;
        }
        let mark = replica.log().len();
        let answer = post(replica, &token, &operation.query).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let plans = plans_in(&replica.log()[mark..]);
        let total = answer["data"]
            .as_object()
            .and_then(|data| data.values().next())
            .map(|field| field.get("totalCount").cloned().unwrap_or(field.clone()))
            .unwrap_or_default();
        let _ = writeln!(
            document,
            "## {}\n\n```graphql\n{}\n```\n\nAnswered: `{total}`\n",
            operation.title, operation.query
        );
        for plan in plans {
            let _ = writeln!(document, "```\n{}\n```\n", plan.trim_end());
        }
    }
    document
}

#[tokio::main]
async fn main() {
    if TestDatabase::backend() != Backend::Postgres {
        eprintln!("set ANSINH_TEST_PG_ADMIN_URL (scripts/query-plans.sh does)");
        std::process::exit(2);
    }
    let out = std::env::var("ANSINH_BENCH_PLANS_OUT")
        .unwrap_or_else(|_| panic!("set ANSINH_BENCH_PLANS_OUT (scripts/query-plans.sh does)"));
    let server = TestServer::start().await;
    let owner = Database::connect(&server.database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    seed::load(&owner).await;
    let admin_url = std::env::var("ANSINH_TEST_PG_ADMIN_URL").unwrap_or_default();
    let admin = Database::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let database = server
        .database
        .app_url
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let role = server.database.app_role.clone().unwrap_or_default();
    // New sessions of the application role explain every statement to their client.
    for setting in [
        "session_preload_libraries = 'auto_explain'",
        "auto_explain.log_min_duration = 0",
        "auto_explain.log_analyze = on",
        "auto_explain.log_buffers = on",
        "auto_explain.log_timing = on",
        "auto_explain.log_level = notice",
    ] {
        let sql = format!("ALTER ROLE {role} IN DATABASE {database} SET {setting}");
        admin
            .execute_unprepared(&sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    let replica = server.replica_with(&[(
        "ANSINH_LOG",
        "warn,ansinh_server::commands=info,sqlx::postgres::notice=info",
    )]);
    let body = explain_all(&server, &replica).await;
    let head = format!(
        "# Query plans at {} dossiers\n\n\
         Generated by `scripts/query-plans.sh` (tests/benches/plans.rs): PostgreSQL's auto_explain \
         (ANALYZE, BUFFERS, timing) on every statement a release `ansinh serve` ran for each \
         operation in the steady state (asked 60 times before: caches warm, every pooled connection's \
         prepared statements past the five runs PostgreSQL plans anew before it may keep a generic plan). Dossiers: `tests/benches/support/seed.rs` \
         (94 communes of two provinces, about 10,600 each; six in ten completed, one in ten each \
         in progress at reception, waiting for a supplement, with the result back, rejected). \
         The statements of a request's transaction that only set the tenant are left out.\n\n",
        seed::total()
    );
    std::fs::write(&out, head + body.as_str()).unwrap_or_else(|e| panic!("{out}: {e}"));
    eprintln!("wrote {out}");
}
