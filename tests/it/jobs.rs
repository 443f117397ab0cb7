//! Scheduled jobs across replicas: two `ansinh worker` processes replaying the same day of
//! minute ticks over one PostgreSQL database run every tick of every job of every province
//! exactly once (one row per tick, the rows the two processes report add up), none missed.

use std::process::Stdio;

use ansinh_testkit::{TestServer, require_postgres};
use sea_orm::{ConnectionTrait, Database, Statement, TransactionTrait};

const AFTER: &str = "2026-03-02T00:00:00+07:00";
const UNTIL: &str = "2026-03-03T00:00:00+07:00";

/// A worker replaying the window (its name is made of its process id).
fn replay(server: &TestServer) -> std::process::Child {
    server
        .command(
            &["worker", "--replay-after", AFTER, "--until", UNTIL],
            &[("ANSINH_LOG", "warn")],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn ansinh worker: {e}"))
}

/// Waits for a replaying worker: the ticks it says it ran.
fn ticks_run(child: std::process::Child) -> u64 {
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("worker: {e}"));
    assert!(output.status.success(), "worker failed: {output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().last().unwrap_or_default();
    let json: serde_json::Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
    json["ticks_run"]
        .as_u64()
        .unwrap_or_else(|| panic!("{json}"))
}

/// Per job of `tenant`: rows, distinct ticks, runs not done, distinct workers.
async fn rows(owner_url: &str, tenant: &str) -> Vec<(String, i64, i64, i64, i64)> {
    let owner = Database::connect(owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let txn = owner.begin().await.unwrap_or_else(|e| panic!("{e}"));
    txn.execute_unprepared(&format!(
        "SELECT set_config('ansinh.tenant', '{tenant}', true)"
    ))
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let found = txn
        .query_all_raw(Statement::from_string(
            owner.get_database_backend(),
            "SELECT job, count(*) AS n, count(DISTINCT tick) AS ticks,
                count(*) FILTER (WHERE outcome IS DISTINCT FROM 'done') AS not_done,
                count(DISTINCT worker) AS workers
             FROM job_ticks GROUP BY job ORDER BY job",
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    found
        .iter()
        .map(|row| {
            let get = |column: &str| {
                row.try_get::<i64>("", column)
                    .unwrap_or_else(|e| panic!("{e}"))
            };
            let job: String = row.try_get("", "job").unwrap_or_else(|e| panic!("{e}"));
            (job, get("n"), get("ticks"), get("not_done"), get("workers"))
        })
        .collect()
}

#[tokio::test]
#[ignore = "PostgreSQL only: run by scripts/test.sh with --include-ignored"]
async fn two_workers_run_every_tick_of_a_day_exactly_once() {
    require_postgres();
    let server = TestServer::start().await;
    let (a, b) = (replay(&server), replay(&server));
    let (ran_a, ran_b) = tokio::task::spawn_blocking(move || (ticks_run(a), ticks_run(b)))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Per province: 1,440 minute ticks of the SLA warnings, the digest at 07:30 and 96
    // quarter-hour ticks of the supplement wait.
    let expected = vec![
        ("late_digest".to_owned(), 1, 1, 0),
        ("sla_warnings".to_owned(), 1_440, 1_440, 0),
        ("supplement_wait".to_owned(), 96, 96, 0),
    ];
    let mut workers = 0;
    for tenant in ["04", "12"] {
        let found = rows(&server.database.owner_url, tenant).await;
        let counts: Vec<_> = found
            .iter()
            .map(|(job, n, ticks, not_done, _)| (job.clone(), *n, *ticks, *not_done))
            .collect();
        assert_eq!(counts, expected, "province {tenant}");
        workers = workers.max(found[1].4);
    }
    assert_eq!(ran_a + ran_b, 2 * (1_441 + 96));
    // Both took part (each claimed ticks the other then skipped).
    assert_eq!((workers, ran_a > 0, ran_b > 0), (2, true, true));
}
