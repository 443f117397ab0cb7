//! Background work settings and wiring: `[mail]` (a folder of `.eml` files, or SMTP with
//! STARTTLS and credentials), `[worker]` (in-process or not, pace, retries, leases) and the
//! message composer over `ansinh-documents`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ansinh_app::AppError;
use ansinh_app::notices::{Composed, DeliveryPolicy, Mailer, MessageComposer};
use ansinh_core::ErrorCode;
use ansinh_infra::{FolderMailer, SmtpMailer, SmtpSecurity, SmtpTarget};
use serde::Deserialize;

use crate::settings::{Secret, SettingsError};

/// `mail.transport`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// One `.eml` file per message under `mail.dir`.
    Folder,
    /// `[mail.smtp]`.
    Smtp,
}

/// `[mail.smtp]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// Host name.
    pub host: String,
    /// Port (587 for STARTTLS).
    #[serde(default = "default_port")]
    pub port: u16,
    /// `starttls` (default), `tls` or `none` (a relay on the same host only).
    #[serde(default = "default_security")]
    pub security: String,
    /// User name.
    pub username: Option<String>,
    /// Password.
    pub password: Option<Secret>,
    /// Extra CA certificate (PEM file) for a server with a private CA.
    pub ca_file: Option<PathBuf>,
    /// Seconds per message.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

fn default_port() -> u16 {
    587
}

fn default_security() -> String {
    "starttls".to_owned()
}

fn default_timeout() -> u64 {
    20
}

/// `[mail]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// `folder` or `smtp`.
    pub transport: Transport,
    /// The folder of `.eml` files.
    pub dir: PathBuf,
    /// Sender.
    pub from: String,
    /// Domain of Message-IDs.
    pub message_id_domain: String,
    /// The console's public address, for links in messages.
    pub console_url: String,
    /// The SMTP server when `transport = "smtp"`.
    pub smtp: Option<SmtpSettings>,
}

/// `[worker]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerSettings {
    /// Whether `serve` and `demo` run the worker in their own process.
    pub in_process: bool,
    /// Milliseconds between rounds.
    pub poll_ms: u64,
    /// Attempts before a message is dead.
    pub max_attempts: u32,
    /// Seconds before the first retry (doubled each time).
    pub retry_base_secs: f64,
    /// The longest wait between attempts, in seconds.
    pub retry_cap_secs: u64,
    /// Seconds a claimed row stays with its worker.
    pub lease_secs: f64,
    /// Rows claimed at once.
    pub batch: u32,
    /// Messages sent at once (each recorded as soon as its server answers).
    pub parallel: u32,
}

impl MailSettings {
    /// The mailer these settings name.
    pub fn mailer(&self) -> Result<Arc<dyn Mailer>, SettingsError> {
        match self.transport {
            Transport::Folder => Ok(Arc::new(
                FolderMailer::new(self.dir.clone(), &self.from).map_err(SettingsError)?,
            )),
            Transport::Smtp => {
                let smtp = self.smtp.as_ref().ok_or_else(|| {
                    SettingsError(
                        "mail.transport = \"smtp\" cần mục [mail.smtp] / needs [mail.smtp]"
                            .to_owned(),
                    )
                })?;
                Ok(Arc::new(
                    SmtpMailer::new(&smtp.target(&self.from)?).map_err(SettingsError)?,
                ))
            }
        }
    }
}

impl SmtpSettings {
    fn target(&self, from: &str) -> Result<SmtpTarget, SettingsError> {
        let security = match self.security.as_str() {
            "starttls" => SmtpSecurity::StartTls,
            "tls" => SmtpSecurity::Tls,
            "none" => SmtpSecurity::None,
            other => {
                return Err(SettingsError(format!(
                    "mail.smtp.security «{other}»: dùng starttls, tls hoặc none / use starttls, tls or none"
                )));
            }
        };
        let ca_pem = match &self.ca_file {
            Some(path) => Some(std::fs::read(path).map_err(|e| {
                SettingsError(format!("mail.smtp.ca_file {}: {e}", path.display()))
            })?),
            None => None,
        };
        let credentials = match (&self.username, &self.password) {
            (Some(user), Some(password)) => Some((user.clone(), password.expose().to_owned())),
            _ => None,
        };
        Ok(SmtpTarget {
            host: self.host.clone(),
            port: self.port,
            security,
            credentials,
            ca_pem,
            from: from.to_owned(),
            timeout: Duration::from_secs(self.timeout_secs),
        })
    }
}

/// The delivery policy from `[worker]` and `[mail]`.
pub fn policy(worker: &WorkerSettings, mail: &MailSettings) -> DeliveryPolicy {
    DeliveryPolicy {
        max_attempts: worker.max_attempts.max(1),
        retry_base: Duration::from_secs_f64(worker.retry_base_secs.max(0.0)),
        retry_cap: Duration::from_secs(worker.retry_cap_secs),
        lease: Duration::from_secs_f64(worker.lease_secs.max(0.1)),
        batch: worker.batch.max(1),
        parallel: worker.parallel.max(1) as usize,
        console_url: mail.console_url.clone(),
        mail_domain: mail.message_id_domain.clone(),
    }
}

/// Message templates filled by `ansinh-documents`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct MarkdownComposer;

impl MessageComposer for MarkdownComposer {
    fn compose(
        &self,
        template: &str,
        fields: &BTreeMap<String, String>,
    ) -> Result<Composed, AppError> {
        let message = ansinh_documents::mail::compose(template, fields)
            .map_err(|e| AppError::invalid(ErrorCode::TemplateInvalid, e.to_string()))?;
        Ok(Composed {
            subject: message.subject,
            text: message.text,
            html: message.html,
        })
    }
}
