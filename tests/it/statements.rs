//! Statements per request, counted by PostgreSQL itself (pg_stat_statements, loaded by
//! scripts/dev-services.sh): a queue page (at most 4: BEGIN, the tenant, page and total in one
//! SELECT, COMMIT), a dossier detail (at most 5) and a forward (at most 12) each run in one
//! transaction, once the caller's principal and the configuration are cached (as they are for
//! every request after an officer's first).

use ansinh_testkit::{Options, TestClock, TestServer, require_postgres};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};

const CREATE: &str = "mutation($u: ID!, $n: String!, $i: String) {
    createDossier(procedure: \"2.000286\", unitId: $u, applicantName: $n, applicantIdNumber: $i) { id } }";
const RECEIVE: &str = "mutation($id: ID!) { receiveDossier(id: $id) { status } }";
const QUEUE: &str = "{ myDossiers(folder: IN_PROGRESS, first: 20) {
    totalCount edges { node { id code applicantName stepDueAt stepSlaState } } } }";
const DETAIL: &str = "query($id: ID!) { dossier(id: $id) { code status holderId
    nextActions { action toStep } sla { overall { dueAt status } steps { step dueAt status } }
    timeline { version action at } } }";
const FORWARD: &str =
    "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"tham-dinh\") { status holderId } }";
const OFFICER: &str = "tiepnhan.01273";
/// The province's listing, bare and with every object a row points to.
const LISTING: &str = "{ dossiers(first: 20) { nodes { code status } } }";
const RELATED: &str = "{ dossiers(first: 20) { nodes { code status
    holder { displayName roles { role } } unit { fullName } procedure { name } step { name } } } }";

/// The statements PostgreSQL ran for the test's database since the last reset, by text.
async fn statements(admin: &DatabaseConnection, database: &str) -> Vec<(String, i64)> {
    let rows = admin
        .query_all_raw(Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT s.query, s.calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
             WHERE d.datname = $1 ORDER BY s.calls DESC, s.query",
            [database.into()],
        ))
        .await
        .unwrap_or_else(|e| panic!("pg_stat_statements: {e}"));
    rows.iter()
        .map(|row| {
            let query: String = row.try_get("", "query").unwrap_or_default();
            let calls: i64 = row.try_get("", "calls").unwrap_or_default();
            (query, calls)
        })
        .collect()
}

async fn reset(admin: &DatabaseConnection) {
    admin
        .execute_unprepared("SELECT pg_stat_statements_reset()")
        .await
        .unwrap_or_else(|e| panic!("reset: {e}"));
}

/// Runs `query` once and answers the statements it cost: (total, BEGINs, COMMITs, the list).
async fn counted(
    server: &TestServer,
    admin: &DatabaseConnection,
    token: &str,
    query: &str,
    variables: Value,
) -> (i64, i64, i64, Vec<(String, i64)>) {
    let database = database_name(&server.database.app_url);
    reset(admin).await;
    let (status, body) = server.graphql_with(Some(token), query, variables).await;
    assert!(status == 200 && body.get("errors").is_none(), "{body}");
    let ran = statements(admin, &database).await;
    let calls = |text: &str| -> i64 {
        ran.iter()
            .filter(|(query, _)| query.trim().eq_ignore_ascii_case(text))
            .map(|(_, calls)| calls)
            .sum()
    };
    let total = ran.iter().map(|(_, calls)| calls).sum();
    (total, calls("BEGIN"), calls("COMMIT"), ran)
}

fn database_name(url: &str) -> String {
    url.rsplit('/').next().unwrap_or_default().to_owned()
}

#[tokio::test]
#[ignore = "PostgreSQL only: run by scripts/test.sh with --include-ignored"]
async fn a_queue_page_a_detail_and_a_forward_are_each_one_short_transaction() {
    require_postgres();
    let clock = TestClock::at_local("2026-03-02T08:00:00");
    let server = TestServer::start_with(Options {
        clock: Some(clock),
        // The version probe runs at most once an hour here, so that it never falls inside a
        // counted request (it is one statement in its own transaction when it does).
        config_probe_ms: 3_600_000,
        ..Options::default()
    })
    .await;
    let admin_url = std::env::var("ANSINH_TEST_PG_ADMIN_URL").unwrap_or_default();
    let admin = Database::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    admin
        .execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        .await
        .unwrap_or_else(|e| panic!("pg_stat_statements (scripts/dev-services.sh loads it): {e}"));
    let token = server.token("04", OFFICER).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let (_, created) = server
            .graphql_with(
                Some(&token),
                CREATE,
                json!({"u": "01273@2025-07-01", "n": format!("Người nộp {n}"), "i": "004123456789"}),
            )
            .await;
        let id = created["data"]["createDossier"]["id"].clone();
        server
            .graphql_with(Some(&token), RECEIVE, json!({"id": id}))
            .await;
        ids.push(id);
    }
    // Warm: the principal, the configuration and the calendars are cached by now.
    for query in [QUEUE, DETAIL] {
        server
            .graphql_with(Some(&token), query, json!({"id": ids[0]}))
            .await;
    }

    let (total, begins, commits, ran) = counted(&server, &admin, &token, QUEUE, json!({})).await;
    assert_eq!((begins, commits), (1, 1), "queue page: {ran:#?}");
    assert!(total <= 4, "queue page ran {total} statements: {ran:#?}");

    let (total, begins, commits, ran) =
        counted(&server, &admin, &token, DETAIL, json!({"id": ids[1]})).await;
    assert_eq!((begins, commits), (1, 1), "detail: {ran:#?}");
    assert!(total <= 5, "detail ran {total} statements: {ran:#?}");

    let (total, begins, commits, ran) =
        counted(&server, &admin, &token, FORWARD, json!({"id": ids[2]})).await;
    assert_eq!((begins, commits), (1, 1), "forward: {ran:#?}");
    // BEGIN, the tenant, the dossier, its events, the handler's account; the guarded write
    // (savepoint, update, the previous event's hash, the event, the outbox, release); COMMIT.
    // The answer is built from what was written, not read again.
    assert!(total <= 12, "forward ran {total} statements: {ran:#?}");

    // The rows now have two holders (the forwarded one went to the social officer): their
    // cards cost one read of accounts and one of grants for the whole page, not one per row,
    // inside the request's one transaction (units, procedures and steps come from caches).
    let viewer = server.token("04", "theodoi.04").await;
    for query in [LISTING, RELATED] {
        server.graphql_with(Some(&viewer), query, json!({})).await;
    }
    let (bare, _, _, _) = counted(&server, &admin, &viewer, LISTING, json!({})).await;
    let (related, begins, _, ran) = counted(&server, &admin, &viewer, RELATED, json!({})).await;
    assert_eq!(
        (related - bare, begins),
        (2, 1),
        "relations: {bare} statements bare, {related} with relations: {ran:#?}"
    );
}
