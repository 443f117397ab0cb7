//! The `ansinh` binary run as a separate process beside a `TestServer`: a second replica
//! serving the same database and Redis (same token key and key prefix), killed when dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde_json::{Value, json};

use crate::{JWT_SECRET, TestServer};

/// A second `ansinh serve` process.
#[derive(Debug)]
pub struct Replica {
    child: Child,
    /// Its process id (to read its memory from `/proc`).
    pub pid: u32,
    log: Arc<Mutex<Vec<String>>>,
    client: reqwest::Client,
    /// `http://127.0.0.1:port` of the process.
    pub base_url: String,
}

impl Replica {
    /// Posts a GraphQL query to the replica with an access token: the status and JSON body.
    pub async fn graphql_with(&self, token: &str, query: &str, variables: Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/graphql", self.base_url))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("post to the replica: {e}"));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

impl Replica {
    /// The lines the process has logged so far (standard error).
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Kills the process at once (SIGKILL: no shutdown, no flush), as a crash would.
    pub fn kill(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// The `ansinh` binary of the build the tests belong to (`cargo test --workspace` builds it;
/// tests run from `target/<profile>/deps`).
pub fn ansinh_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("current exe: {e}"));
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .unwrap_or_else(|| panic!("test binary outside target/<profile>/deps"));
    let binary = profile_dir.join("ansinh");
    assert!(
        binary.is_file(),
        "{} is missing: build it first (cargo build -p ansinh-server)",
        binary.display()
    );
    binary
}

/// The address an `ansinh serve` log line announces (`... address=127.0.0.1:port`).
fn announced_address(line: &str) -> Option<String> {
    let rest = line.split("address=").nth(1)?;
    let address: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    (!address.is_empty()).then_some(address)
}

impl TestServer {
    /// `ansinh <args>` over this server's database, Redis, storage and mail, with `settings`
    /// (as `ANSINH_*` variables) on top.
    pub fn command(&self, args: &[&str], settings: &[(&str, &str)]) -> Command {
        let mut command = Command::new(ansinh_binary());
        command
            .args(args)
            .env_remove("ANSINH_CONFIG")
            .env("ANSINH_DATABASE__URL", &self.database.app_url)
            .env("ANSINH_DATABASE__AUTO_MIGRATE", "false")
            .env("ANSINH_AUTH__JWT_SECRET", JWT_SECRET)
            .env("ANSINH_REDIS__KEY_PREFIX", &self.settings.redis.key_prefix)
            .env("ANSINH_SERVER__LISTEN", "127.0.0.1:0")
            .env("ANSINH_LOG", "info")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        if let Some(redis) = &self.settings.redis.url {
            command.env("ANSINH_REDIS__URL", redis.expose());
        }
        let storage = &self.settings.storage;
        command.env("ANSINH_STORAGE__LOCAL_DIR", &storage.local_dir);
        if let Some(s3) = &storage.s3 {
            command
                .env("ANSINH_STORAGE__BACKEND", "s3")
                .env("ANSINH_STORAGE__S3__ENDPOINT", &s3.endpoint)
                .env("ANSINH_STORAGE__S3__BUCKET", &s3.bucket)
                .env("ANSINH_STORAGE__S3__ACCESS_KEY_ID", &s3.access_key_id)
                .env(
                    "ANSINH_STORAGE__S3__SECRET_ACCESS_KEY",
                    s3.secret_access_key.expose(),
                );
        }
        let mail = &self.settings.mail;
        command.env("ANSINH_MAIL__DIR", &mail.dir);
        if let Some(smtp) = &mail.smtp {
            command
                .env("ANSINH_MAIL__TRANSPORT", "smtp")
                .env("ANSINH_MAIL__SMTP__HOST", &smtp.host)
                .env("ANSINH_MAIL__SMTP__PORT", smtp.port.to_string())
                .env("ANSINH_MAIL__SMTP__SECURITY", &smtp.security);
        }
        command.env("ANSINH_SIGNING__SOFTWARE_KEYS", "true");
        command.envs(settings.iter().copied());
        command
    }

    /// Starts a second process serving this server's database and Redis.
    pub fn replica(&self) -> Replica {
        self.replica_with(&[])
    }

    /// `replica` with more settings, as `ANSINH_*` variables (they win over the defaults).
    pub fn replica_with(&self, settings: &[(&str, &str)]) -> Replica {
        let mut command = self.command(&["serve"], settings);
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("spawn ansinh serve: {e}"));
        let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
        let (lines, received) = mpsc::channel();
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = log.clone();
        // Read to the end: a replica whose log pipe closed would fail on its next line.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                kept.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(line.clone());
                lines.send(line).ok();
            }
        });
        let mut seen = Vec::new();
        while let Ok(line) = received.recv_timeout(Duration::from_secs(30)) {
            if line.contains("serving GraphQL")
                && let Some(address) = announced_address(&line)
            {
                return Replica {
                    pid: child.id(),
                    log,
                    client: crate::http_client(),
                    child,
                    base_url: format!("http://{address}"),
                };
            }
            seen.push(line);
        }
        child.kill().ok();
        child.wait().ok();
        panic!("the replica did not start: {seen:#?}");
    }
}
