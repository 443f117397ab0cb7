//! A real SMTP server for the mail tests: `tests/oracles/smtp_sink.py` (aiosmtpd, installed by
//! `scripts/dev-services.sh`) on a free port, keeping each accepted message (and its decoding) as files, stopped
//! and started again on the same port when a test needs the mail server down for a while.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// One message the SMTP server accepted, as Python's `email` package decodes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SunkMail {
    /// `RCPT TO` addresses.
    pub envelope_to: Vec<String>,
    /// The `Message-ID` header without angle brackets.
    pub message_id: String,
    /// The decoded subject.
    pub subject: String,
    /// The `To` header.
    pub to: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
}

/// An aiosmtpd server.
#[derive(Debug)]
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: tempfile::TempDir,
    refused: PathBuf,
    delay_ms: u64,
    child: Option<Child>,
}

fn python() -> String {
    std::env::var("ANSINH_TEST_SMTP_PYTHON").unwrap_or_else(|_| {
        panic!(
            "ANSINH_TEST_SMTP_PYTHON is unset: run scripts/dev-services.sh (it installs aiosmtpd)"
        )
    })
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/oracles/smtp_sink.py")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap_or_else(|e| panic!("free port: {e}"))
}

impl SmtpSink {
    /// Starts a server on a free port with an empty mailbox.
    pub fn start() -> Self {
        Self::start_slow(0)
    }

    /// Like `start`, each message acknowledged only `delay_ms` after it was received.
    pub fn start_slow(delay_ms: u64) -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let refused = dir.path().join("refused.txt");
        std::fs::write(&refused, "").unwrap_or_else(|e| panic!("{e}"));
        let mut sink = Self {
            port: free_port(),
            dir,
            refused,
            delay_ms,
            child: None,
        };
        sink.resume();
        sink
    }

    fn mailbox(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// Starts the server again on the same port (after `stop`).
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "the SMTP server is already running");
        std::fs::create_dir_all(self.mailbox()).unwrap_or_else(|e| panic!("{e}"));
        let mut child = Command::new(python())
            .arg(script())
            .args(["--port", &self.port.to_string()])
            .arg("--dir")
            .arg(self.mailbox())
            .arg("--refuse")
            .arg(&self.refused)
            .args(["--delay-ms", &self.delay_ms.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("start aiosmtpd: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).ok();
        assert!(
            line.starts_with("ready"),
            "aiosmtpd did not start: {line:?}"
        );
        self.child = Some(child);
    }

    /// Stops the server (connections are then refused).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }

    /// Refuses (550) `RCPT TO` for exactly these addresses from now on.
    pub fn refuse(&self, addresses: &[&str]) {
        std::fs::write(&self.refused, addresses.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    }

    /// Every message accepted so far, in the order received.
    pub fn messages(&self) -> Vec<SunkMail> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.mailbox())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        names.sort();
        names.iter().map(|path| read(path)).collect()
    }
}

fn read(path: &Path) -> SunkMail {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let field = |name: &str| json[name].as_str().unwrap_or_default().to_owned();
    SunkMail {
        envelope_to: json["rcpt_tos"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|to| to.as_str().map(str::to_owned))
            .collect(),
        message_id: field("message_id"),
        subject: field("subject"),
        to: field("to"),
        text: field("text"),
        html: field("html"),
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}
