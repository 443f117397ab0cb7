//! Dossier latency with a million dossiers on PostgreSQL (a benchmark, not a test): loads
//! 1,000,000 dossiers with their first two events across the demo provinces' communes, then
//! times through GraphQL over HTTP, as a client would: a queue page (first 20 of "in progress"
//! with the total), a dossier detail (SLA, next actions, timeline) and a forward transition.
//!
//! Run: `scripts/bench-dossiers.sh` (starts PostgreSQL if needed). Prints p50 / p99 in ms.

use std::io::Write;
use std::time::{Duration, Instant};

use ansinh_testkit::{Backend, TestDatabase, TestServer};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement, TransactionTrait};
use serde_json::{Value, json};

const TOTAL: usize = 1_000_000;
const SAMPLES: usize = 300;

async fn run(db: &impl ConnectionTrait, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{sql}"));
}

async fn rows(db: &impl ConnectionTrait, sql: &str) -> Vec<Vec<String>> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|row| {
            (0..3)
                .filter_map(|i| row.try_get_by_index::<String>(i).ok())
                .collect()
        })
        .collect()
}

/// Inserts dossiers evenly at every commune of the demo provinces: six in ten completed, one in
/// ten each in progress at reception, waiting for a supplement, with the result back, rejected;
/// received over the past 300 days. Each tenant's rows are written inside its own row-level
/// security scope, as the application would.
async fn load(db: &DatabaseConnection) {
    let started = Instant::now();
    let mut communes = Vec::new();
    for tenant in ["04", "12"] {
        let txn = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        run(
            &txn,
            &format!("SELECT set_config('ansinh.tenant', '{tenant}', true)"),
        )
        .await;
        communes.extend(
            rows(
                &txn,
                "SELECT g.tenant_id, g.unit_id, g.account_id FROM role_grants g
                 JOIN admin_units u ON u.tenant_id = g.tenant_id AND u.id = g.unit_id
                 WHERE g.role = 'commune_reception' AND u.valid_to IS NULL ORDER BY g.unit_id",
            )
            .await,
        );
        txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(!communes.is_empty(), "no commune reception officers found");
    let per_commune = TOTAL / communes.len();
    for (c, commune) in communes.iter().enumerate() {
        let [tenant, unit, holder] = [&commune[0], &commune[1], &commune[2]];
        let code = unit.split('@').next().unwrap_or_default();
        let count = if c == 0 {
            TOTAL - per_commune * (communes.len() - 1)
        } else {
            per_commune
        };
        let txn = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        run(
            &txn,
            &format!("SELECT set_config('ansinh.tenant', '{tenant}', true)"),
        )
        .await;
        run(
            &txn,
            &format!(
                "INSERT INTO dossiers (tenant_id, id, code, procedure_code, workflow_code, config_version,
                   unit_id, agency, status, step, holder, created_by, version, applicant_name,
                   applicant_name_folded, applicant_id_number, created_at, updated_at, received_by,
                   received_at, step_started_at, step_warn_at, step_due_at, due_at, fields)
                 SELECT '{tenant}', 'bench-{code}-' || g, '{tenant}.{code}-B-' || lpad(g::text, 7, '0'),
                   '2.000286', 'tro-cap-hang-thang-2-cap',
                   (SELECT max(version) FROM config_versions WHERE tenant_id = '{tenant}'),
                   '{unit}', '{tenant}.{code}',
                   (ARRAY['completed','completed','completed','completed','completed','completed',
                          'in_progress','awaiting_supplement','result_arrived','rejected'])[g % 10 + 1],
                   CASE WHEN g % 10 IN (6, 7, 8) THEN 'tiep-nhan' END,
                   CASE WHEN g % 10 IN (6, 7, 8) THEN '{holder}' END,
                   '{holder}', 1, 'Người nộp ' || g, 'nguoi nop ' || g, lpad(g::text, 12, '0'),
                   now() - (g % 300) * interval '1 day', now() - (g % 300) * interval '1 day',
                   '{holder}', now() - (g % 300) * interval '1 day',
                   now() - (g % 300) * interval '1 day', now() - (g % 300) * interval '1 day' + interval '2 hours',
                   now() - (g % 300) * interval '1 day' + interval '4 hours',
                   now() - (g % 300) * interval '1 day' + interval '14 days', '{{}}'
                 FROM generate_series(1, {count}) AS g"
            ),
        )
        .await;
        run(
            &txn,
            &format!(
                "INSERT INTO dossier_events (tenant_id, dossier_id, version, action, actor, at,
                   from_status, to_status, to_step, note, prev_hash, hash)
                 SELECT '{tenant}', 'bench-{code}-' || g, v,
                   CASE v WHEN 0 THEN 'create' ELSE 'receive' END, '{holder}',
                   now() - (g % 300) * interval '1 day',
                   CASE v WHEN 0 THEN 'draft' ELSE 'draft' END,
                   CASE v WHEN 0 THEN 'draft' ELSE 'in_progress' END,
                   CASE v WHEN 0 THEN NULL ELSE 'tiep-nhan' END, '',
                   CASE v WHEN 0 THEN '' ELSE 'h0-' || g END, 'h' || v || '-' || g
                 FROM generate_series(1, {count}) AS g, generate_series(0, 1) AS v"
            ),
        )
        .await;
        txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    }
    run(db, "ANALYZE dossiers").await;
    run(db, "ANALYZE dossier_events").await;
    eprintln!(
        "loaded {TOTAL} dossiers ({} communes, {per_commune} each) with 2 events each in {:.0?}",
        communes.len(),
        started.elapsed()
    );
}

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
