//! Load generators of the peer benchmark: `wrk` for HTTP (16 connections for throughput, one
//! for latency; HdrHistogram percentiles) and `pgbench` for the raw SQL floor, both parsed into
//! the same figures; peak memory of a process from `/proc`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// One measured run.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Figures {
    /// Requests (or transactions) per second.
    pub(crate) per_second: f64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
}

/// What `wrk` posts: the URL, headers, and the bodies it cycles through.
pub(crate) struct HttpLoad<'a> {
    /// `http://host:port/graphql`.
    pub(crate) url: &'a str,
    /// Headers besides the JSON content type.
    pub(crate) headers: Vec<(String, String)>,
    /// Request bodies, taken in turn.
    pub(crate) bodies: &'a [String],
}

fn lua_string(text: &str) -> String {
    assert!(!text.contains("]==]"), "body not quotable in Lua");
    format!("[==[{text}]==]")
}

/// The wrk script posting the bodies in turn with the headers.
pub(crate) fn script(load: &HttpLoad<'_>) -> String {
    let mut script = String::from("wrk.method = \"POST\"\n");
    script.push_str("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    for (name, value) in &load.headers {
        // The spaces matter: `t[[==[` would open a long string.
        let _ = writeln!(
            script,
            "wrk.headers[ {} ] = {}",
            lua_string(name),
            lua_string(value)
        );
    }
    script.push_str("local bodies = {\n");
    for body in load.bodies {
        let _ = writeln!(script, "  {},", lua_string(body));
    }
    script.push_str("}\nlocal i = 0\nrequest = function()\n  i = i % #bodies + 1\n");
    script.push_str("  return wrk.format(nil, nil, nil, bodies[i])\nend\n");
    script
}

/// A wrk duration (`812.00us`, `1.23ms`, `1.01s`) in ms.
fn wrk_ms(text: &str) -> f64 {
    let (number, factor) = if let Some(us) = text.strip_suffix("us") {
        (us, 0.001)
    } else if let Some(ms) = text.strip_suffix("ms") {
        (ms, 1.0)
    } else if let Some(s) = text.strip_suffix('s') {
        (s, 1000.0)
    } else {
        (text, 1.0)
    };
    number.parse::<f64>().unwrap_or(f64::NAN) * factor
}

/// Runs wrk with `connections` for `seconds`.
pub(crate) fn wrk(dir: &Path, load: &HttpLoad<'_>, connections: u32, seconds: u32) -> Figures {
    let script = dir.join("load.lua");
    std::fs::write(&script, self::script(load)).unwrap_or_else(|e| panic!("{e}"));
    let threads = connections.clamp(1, 2);
    let output = Command::new("wrk")
        .args(["-t", &threads.to_string(), "-c", &connections.to_string()])
        .args(["-d", &format!("{seconds}s"), "--latency", "-s"])
        .arg(&script)
        .arg(load.url)
        .output()
        .unwrap_or_else(|e| panic!("wrk (scripts/bench-peer.sh installs it): {e}"));
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "wrk failed: {text}");
    assert!(
        !text.contains("Non-2xx"),
        "the server refused requests: {text}"
    );
    let field = |label: &str| -> Option<String> {
        text.lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(label))
            .and_then(|rest| rest.split_whitespace().next().map(str::to_owned))
    };
    Figures {
        per_second: field("Requests/sec:")
            .and_then(|n| n.parse().ok())
            .unwrap_or(f64::NAN),
        p50_ms: field("50%").map_or(f64::NAN, |t| wrk_ms(&t)),
        p99_ms: field("99%").map_or(f64::NAN, |t| wrk_ms(&t)),
    }
}

/// Runs a pgbench script with `clients` for `seconds` (prepared statements), latency from its
/// per-transaction log.
pub(crate) fn pgbench(dir: &Path, url: &str, sql: &str, clients: u32, seconds: u32) -> Figures {
    let script = dir.join("load.sql");
    std::fs::write(&script, sql).unwrap_or_else(|e| panic!("{e}"));
    let logs = dir.join("pgbench-log");
    std::fs::create_dir_all(&logs).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(&logs).into_iter().flatten().flatten() {
        std::fs::remove_file(entry.path()).ok();
    }
    let output = Command::new("pgbench")
        .args(["-n", "-M", "prepared", "-c", &clients.to_string()])
        .args([
            "-j",
            &clients.clamp(1, 2).to_string(),
            "-T",
            &seconds.to_string(),
        ])
        .arg("-f")
        .arg(&script)
        .arg("--log")
        .arg(format!("--log-prefix={}", logs.join("txn").display()))
        .arg(url)
        .output()
        .unwrap_or_else(|e| panic!("pgbench: {e}"));
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "pgbench failed: {text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let per_second = text
        .lines()
        .find_map(|line| line.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(f64::NAN);
    let mut micros: Vec<f64> = Vec::new();
    for entry in std::fs::read_dir(&logs).into_iter().flatten().flatten() {
        let log = std::fs::read_to_string(entry.path()).unwrap_or_default();
        micros.extend(
            log.lines()
                .filter_map(|line| line.split_whitespace().nth(2)?.parse::<f64>().ok()),
        );
    }
    micros.sort_by(f64::total_cmp);
    let at = |p: f64| -> f64 {
        if micros.is_empty() {
            return f64::NAN;
        }
        let index = ((micros.len() - 1) as f64 * p).round() as usize;
        micros[index] / 1000.0
    };
    Figures {
        per_second,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
    }
}

/// Peak resident memory of a process (VmHWM), MiB.
pub(crate) fn peak_rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
