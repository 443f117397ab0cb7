//! Ansinh beside PostGraphile 5 and raw SQL on the same million dossiers (a benchmark, not a
//! test). One PostgreSQL database, one application role under row-level security, the tenant
//! set per request by every system: Ansinh (`ansinh serve`, release build, its own process),
//! PostGraphile 5.1.5 (Node, `scripts/peer/serve.mjs`), and pgbench running the SQL by hand.
//! Each operation is measured with 16 connections for 20 s (req/s) and one connection for
//! 10 s (p50 / p99), the systems taking turns within each round so that they share the
//! machine's state; the figures are the means over the rounds. Then a forward with one client,
//! and each server's peak memory.
//!
//! Run: `scripts/bench-peer.sh` (installs wrk and PostGraphile, builds, sets the environment).

#[path = "support/load.rs"]
mod load;
#[path = "support/seed.rs"]
mod seed;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ansinh_testkit::{Backend, Replica, TestDatabase, TestServer};
use load::{Figures, HttpLoad, pgbench, wrk};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement, TransactionTrait};
use serde_json::{Value, json};

const OFFICER: &str = "tiepnhan.01273";
/// Dossiers the detail cycles through: the officer's commune's first 10,000 (fewer in a
/// trial with fewer dossiers; a commune holds about a hundredth of them).
fn detail_ids() -> usize {
    (seed::total() / 100).clamp(1, 10_000)
}

/// Forwards timed, each of a different dossier in progress (every tenth one).
fn forwards() -> usize {
    (seed::total() / 1_000).clamp(1, 300)
}

const ANSINH_QUEUE: &str = "{ myDossiers(folder: IN_PROGRESS, first: 20) { totalCount
    edges { node { id code applicantName stepDueAt stepSlaState } } } }";
const ANSINH_DETAIL: &str = "query($id: ID!) { dossier(id: $id) { code status holderId
    nextActions { action toStep } sla { overall { dueAt status } steps { step dueAt status } }
    timeline { version action at } } }";
const ANSINH_FORWARD: &str =
    "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"tham-dinh\") { status holderId } }";
// PostGraphile has no IN filter without a plugin: its folder is the index-friendly
// `status = 'in_progress'`, which favours it.
const PEER_QUEUE: &str = "query($h: String!) { allDossiers(condition: {tenantId: \"04\",
    holder: $h, status: \"in_progress\"}, orderBy: [UPDATED_AT_DESC, ROW_ID_DESC], first: 20) {
    totalCount nodes { rowId code applicantName stepDueAt } } }";
const PEER_DETAIL: &str = "query($id: String!) { dossierByTenantIdAndRowId(tenantId: \"04\",
    rowId: $id) { code status holder stepDueAt dueAt
    dossierEventsByTenantIdAndDossierId(orderBy: VERSION_ASC) { nodes { version action at } } } }";

/// Prints a line of the report on standard output.
macro_rules! say {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout(), $($arg)*).unwrap_or_else(|e| panic!("{e}"))
    };
}

fn rounds() -> usize {
    std::env::var("ANSINH_BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2)
}

/// PostGraphile, killed when dropped.
struct Peer {
    child: Child,
    url: String,
}

impl Drop for Peer {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn start_peer(dir: &Path, database_url: &str) -> Peer {
    let port = 5690;
    let child = Command::new("node")
        .current_dir(dir)
        .args(["--import", "./polyfill.mjs", "serve.mjs"])
        .env("DATABASE_URL", database_url)
        .env("PORT", port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("node: {e}"));
    Peer {
        child,
        url: format!("http://127.0.0.1:{port}/graphql"),
    }
}

async fn post(url: &str, headers: &[(String, String)], body: &str) -> Option<Value> {
    let mut request = ansinh_testkit::http_client()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request.send().await.ok()?.json().await.ok()
}

async fn until_answers(url: &str, headers: &[(String, String)], body: &str) -> Value {
    let started = Instant::now();
    loop {
        if let Some(answer) = post(url, headers, body).await {
            return answer;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{url} never answered"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

fn body(query: &str, variables: Value) -> String {
    json!({ "query": query, "variables": variables }).to_string()
}

/// What each system is asked, per operation.
struct Workload {
    holder: String,
    ansinh_queue: Vec<String>,
    ansinh_detail: Vec<String>,
    peer_queue: Vec<String>,
    peer_detail: Vec<String>,
    sql_queue: String,
    sql_detail: String,
}

fn workload(holder: &str) -> Workload {
    let ids: Vec<String> = (1..=detail_ids())
        .map(|n| format!("bench-01273-{n}"))
        .collect();
    let sql_queue = format!(
        "BEGIN;\nSELECT set_config('ansinh.tenant', '04', true);\n\
         SELECT id, code, applicant_name, step_due_at, (SELECT count(*) FROM dossiers c \
         WHERE c.tenant_id = '04' AND c.holder = '{holder}' AND c.status = 'in_progress') AS total \
         FROM dossiers WHERE tenant_id = '04' AND holder = '{holder}' AND status = 'in_progress' \
         ORDER BY updated_at DESC, id DESC LIMIT 20;\nCOMMIT;\n"
    );
    let sql_detail = format!(
        "\\set n random(1, {})\nBEGIN;\nSELECT set_config('ansinh.tenant', '04', true);\n\
         SELECT * FROM dossiers WHERE tenant_id = '04' AND id = 'bench-01273-'::text || :n;\n\
         SELECT version, action, at FROM dossier_events WHERE tenant_id = '04' \
         AND dossier_id = 'bench-01273-'::text || :n ORDER BY version;\nCOMMIT;\n",
        detail_ids()
    );
    Workload {
        holder: holder.to_owned(),
        ansinh_queue: vec![body(ANSINH_QUEUE, json!({}))],
        ansinh_detail: ids
            .iter()
            .map(|id| body(ANSINH_DETAIL, json!({ "id": id })))
            .collect(),
        peer_queue: vec![body(PEER_QUEUE, json!({ "h": holder }))],
        peer_detail: ids
            .iter()
            .map(|id| body(PEER_DETAIL, json!({ "id": id })))
            .collect(),
        sql_queue,
        sql_detail,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum System {
    Sql,
    PostGraphile,
    Ansinh,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Operation {
    Queue,
    Detail,
}

struct Bench<'a> {
    dir: PathBuf,
    server: &'a TestServer,
    replica: &'a Replica,
    peer: &'a Peer,
    work: Workload,
}

impl Bench<'_> {
    async fn ansinh_headers(&self) -> Vec<(String, String)> {
        // A fresh token per run: a run never outlives an access token.
        self.server.forget_tokens().await;
        let token = self.server.token("04", OFFICER).await;
        vec![("Authorization".to_owned(), format!("Bearer {token}"))]
    }

    /// One system's run of one operation: req/s with 16 connections, latency with one.
    async fn measure(&self, system: System, operation: Operation) -> Run {
        let (throughput, latency) = (20, 10);
        if system == System::Sql {
            let sql = match operation {
                Operation::Queue => &self.work.sql_queue,
                Operation::Detail => &self.work.sql_detail,
            };
            let url = &self.server.database.app_url;
            pgbench(&self.dir, url, sql, 16, 3);
            return (
                pgbench(&self.dir, url, sql, 16, throughput),
                pgbench(&self.dir, url, sql, 1, latency),
            );
        }
        let (url, headers, bodies) = match (system, operation) {
            (System::Ansinh, Operation::Queue) => (
                format!("{}/graphql", self.replica.base_url),
                self.ansinh_headers().await,
                &self.work.ansinh_queue,
            ),
            (System::Ansinh, _) => (
                format!("{}/graphql", self.replica.base_url),
                self.ansinh_headers().await,
                &self.work.ansinh_detail,
            ),
            (_, Operation::Queue) => (self.peer.url.clone(), tenant(), &self.work.peer_queue),
            _ => (self.peer.url.clone(), tenant(), &self.work.peer_detail),
        };
        let load = HttpLoad {
            url: &url,
            headers,
            bodies,
        };
        wrk(&self.dir, &load, 16, 3);
        let figures = (
            wrk(&self.dir, &load, 16, throughput),
            wrk(&self.dir, &load, 1, latency),
        );
        if system == System::Ansinh {
            for line in self.replica.log() {
                if line.contains(" WARN ") || line.contains(" ERROR ") {
                    eprintln!("ansinh: {line}");
                }
            }
        }
        figures
    }
}

fn tenant() -> Vec<(String, String)> {
    vec![("x-tenant".to_owned(), "04".to_owned())]
}

/// One value read in tenant 04's row-level security scope.
async fn scalar(db: &DatabaseConnection, sql: &str) -> String {
    let txn = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    seed::run(&txn, "SELECT set_config('ansinh.tenant', '04', true)").await;
    let row = txn
        .query_one_raw(Statement::from_string(txn.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no row: {sql}"));
    txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// Checks that every system answers its queue with 20 rows and says how many there are.
async fn check_answers(bench: &Bench<'_>) {
    let headers = bench.ansinh_headers().await;
    let ansinh = until_answers(
        &format!("{}/graphql", bench.replica.base_url),
        &headers,
        &bench.work.ansinh_queue[0],
    )
    .await;
    let peer = until_answers(&bench.peer.url, &tenant(), &bench.work.peer_queue[0]).await;
    let ansinh_rows = ansinh["data"]["myDossiers"]["edges"]
        .as_array()
        .map(Vec::len);
    let peer_rows = peer["data"]["allDossiers"]["nodes"]
        .as_array()
        .map(Vec::len);
    assert_eq!(ansinh_rows, Some(20), "{ansinh}");
    assert_eq!(peer_rows, Some(20), "{peer}");
    let detail = post(&bench.peer.url, &tenant(), &bench.work.peer_detail[0]).await;
    assert!(
        detail.is_some_and(|d| d["data"]["dossierByTenantIdAndRowId"]["code"].is_string()),
        "PostGraphile's detail"
    );
    eprintln!(
        "{OFFICER} ({}) holds {} in progress (Ansinh's folder), {} with status in_progress (PostGraphile's)",
        bench.work.holder,
        ansinh["data"]["myDossiers"]["totalCount"],
        peer["data"]["allDossiers"]["totalCount"]
    );
}

async fn forward_latency(bench: &Bench<'_>) -> Figures {
    let headers = bench.ansinh_headers().await;
    let url = format!("{}/graphql", bench.replica.base_url);
    let mut samples = Vec::with_capacity(forwards());
    for n in 0..forwards() {
        // g % 10 == 6: in progress at reception, held by the commune's reception officer.
        let id = format!("bench-01273-{}", 6 + n * 10);
        let started = Instant::now();
        let answer = post(&url, &headers, &body(ANSINH_FORWARD, json!({ "id": id }))).await;
        samples.push(started.elapsed());
        let status = answer.map(|a| a["data"]["forwardDossier"]["status"].clone());
        assert_eq!(status, Some(json!("IN_PROGRESS")), "forward of {id}");
    }
    samples.sort_unstable();
    let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    Figures {
        per_second: f64::NAN,
        p50_ms: at(0.50).as_secs_f64() * 1000.0,
        p99_ms: at(0.99).as_secs_f64() * 1000.0,
    }
}

/// Keeps the servers up for profiling by hand (`ANSINH_BENCH_HOLD=1`): writes the wrk scripts
/// and says where everything is.
async fn hold(bench: &Bench<'_>) {
    let headers = bench.ansinh_headers().await;
    let url = format!("{}/graphql", bench.replica.base_url);
    for (name, bodies) in [
        ("ansinh-queue", &bench.work.ansinh_queue),
        ("ansinh-detail", &bench.work.ansinh_detail),
    ] {
        let load = HttpLoad {
            url: &url,
            headers: headers.clone(),
            bodies,
        };
        let script = bench.dir.join(format!("{name}.lua"));
        std::fs::write(&script, load::script(&load)).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("wrk -t2 -c16 -d20s --latency -s {} {url}", script.display());
    }
    eprintln!(
        "Ansinh pid {} at {url}; PostGraphile pid {} at {}; holding for 15 minutes",
        bench.replica.pid,
        bench.peer.child.id(),
        bench.peer.url
    );
    tokio::time::sleep(Duration::from_secs(900)).await;
}

/// One run's figures: throughput (16 connections), then latency (one).
type Run = (Figures, Figures);

fn mean(figures: &[Run]) -> Run {
    let n = figures.len().max(1) as f64;
    let sum = |pick: &dyn Fn(&Run) -> f64| figures.iter().map(pick).sum::<f64>() / n;
    (
        Figures {
            per_second: sum(&|f| f.0.per_second),
            ..Figures::default()
        },
        Figures {
            per_second: f64::NAN,
            p50_ms: sum(&|f| f.1.p50_ms),
            p99_ms: sum(&|f| f.1.p99_ms),
        },
    )
}

fn print_table(results: &[(System, Operation, Run)], memory: (f64, f64)) {
    let of = |system, operation| {
        results
            .iter()
            .find(|(s, o, _)| *s == system && *o == operation)
            .map(|(_, _, f)| *f)
            .unwrap_or_default()
    };
    say!("| operation | raw SQL | PostGraphile | Ansinh | Ansinh ÷ PostGraphile |");
    say!("|---|---|---|---|---|");
    for (operation, name) in [
        (
            Operation::Queue,
            "queue page (first 20 in progress + total)",
        ),
        (Operation::Detail, "dossier detail with events"),
    ] {
        let (sql, peer, ansinh) = (
            of(System::Sql, operation),
            of(System::PostGraphile, operation),
            of(System::Ansinh, operation),
        );
        say!(
            "| {name}, req/s, 16 connections | {:.0} | {:.0} | {:.0} | {:.2}× |",
            sql.0.per_second,
            peer.0.per_second,
            ansinh.0.per_second,
            ansinh.0.per_second / peer.0.per_second
        );
        say!(
            "| {name}, p50 / p99, one client | {:.1} / {:.1} ms | {:.1} / {:.1} ms | {:.1} / {:.1} ms | |",
            sql.1.p50_ms,
            sql.1.p99_ms,
            peer.1.p50_ms,
            peer.1.p99_ms,
            ansinh.1.p50_ms,
            ansinh.1.p99_ms
        );
    }
    say!(
        "| server peak memory (VmHWM) | | {:.0} MiB | {:.0} MiB | |",
        memory.0,
        memory.1
    );
}

#[tokio::main]
async fn main() {
    if TestDatabase::backend() != Backend::Postgres {
        eprintln!("set ANSINH_TEST_PG_ADMIN_URL (scripts/bench-peer.sh does)");
        std::process::exit(2);
    }
    let peer_dir = PathBuf::from(
        std::env::var("ANSINH_BENCH_PEER_DIR")
            .unwrap_or_else(|_| panic!("set ANSINH_BENCH_PEER_DIR (scripts/bench-peer.sh does)")),
    );
    let server = TestServer::start().await;
    let owner = Database::connect(&server.database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    seed::load(&owner).await;
    let holder = scalar(
        &owner,
        "SELECT holder FROM dossiers WHERE tenant_id = '04' AND id = 'bench-01273-6'",
    )
    .await;
    let replica = server.replica_with(&[
        ("ANSINH_LOG", "warn,ansinh_server::commands=info"),
        ("ANSINH_DATABASE__MAX_CONNECTIONS", "10"),
    ]);
    let peer = start_peer(&peer_dir, &server.database.app_url);
    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bench = Bench {
        dir: scratch.path().to_owned(),
        server: &server,
        replica: &replica,
        peer: &peer,
        work: workload(&holder),
    };
    check_answers(&bench).await;
    if std::env::var("ANSINH_BENCH_HOLD").is_ok() {
        hold(&bench).await;
        return;
    }

    let systems = [System::Sql, System::PostGraphile, System::Ansinh];
    let mut runs: Vec<(System, Operation, Vec<Run>)> = Vec::new();
    for round in 0..rounds() {
        for operation in [Operation::Queue, Operation::Detail] {
            // Each round starts with a different system.
            for k in 0..systems.len() {
                let system = systems[(k + round) % systems.len()];
                let figures = bench.measure(system, operation).await;
                match runs
                    .iter_mut()
                    .find(|(s, o, _)| *s == system && *o == operation)
                {
                    Some((_, _, all)) => all.push(figures),
                    None => runs.push((system, operation, vec![figures])),
                }
            }
        }
        eprintln!("round {} done", round + 1);
    }
    let forward = forward_latency(&bench).await;
    let memory = (
        load::peak_rss_mib(peer.child.id()),
        load::peak_rss_mib(replica.pid),
    );
    let results: Vec<_> = runs.iter().map(|(s, o, f)| (*s, *o, mean(f))).collect();
    print_table(&results, memory);
    say!(
        "\nforward (Ansinh), one client: p50 {:.1} ms, p99 {:.1} ms ({} forwards)",
        forward.p50_ms,
        forward.p99_ms,
        forwards()
    );
}
