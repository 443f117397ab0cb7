//! E-mail with lettre: SMTP with STARTTLS (required) and credentials in production, or a
//! folder where every message is written as `<Message-ID>.eml` (the embedded default; a
//! redelivery overwrites its own file). Short texts (SMS, Zalo) go to a logging twin until a
//! provider's adapter is configured.

use std::path::PathBuf;
use std::time::Duration;

use ansinh_app::notices::{DeliveryError, Mailer, OutgoingMail, TextSender};
use ansinh_config::model::Channel;
use ansinh_core::Pii;
use async_trait::async_trait;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// STARTTLS, refused when the server does not offer it (production).
    StartTls,
    /// Implicit TLS (port 465).
    Tls,
    /// Plain text (a relay on the same host only).
    None,
}

/// Where and how to reach the mail server.
#[derive(Clone)]
pub struct SmtpTarget {
    /// Host name (also the name its certificate must carry).
    pub host: String,
    /// Port.
    pub port: u16,
    /// Security.
    pub security: SmtpSecurity,
    /// User name and password, when the server asks.
    pub credentials: Option<(String, String)>,
    /// Extra trusted CA certificate (PEM), for a server with a private CA.
    pub ca_pem: Option<Vec<u8>>,
    /// Sender (`Tên <dia-chi@mien>`).
    pub from: String,
    /// Time limit per message.
    pub timeout: Duration,
}

impl std::fmt::Debug for SmtpTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpTarget")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|(user, _)| (user, "***")),
            )
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// Builds the MIME message: plain text with an HTML alternative, the Message-ID given.
fn build(from: &Mailbox, mail: &OutgoingMail) -> Result<Message, DeliveryError> {
    let to: Mailbox =
        mail.to.expose().parse().map_err(|e| {
            DeliveryError::Permanent(format!("địa chỉ người nhận không hợp lệ: {e}"))
        })?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}>", mail.message_id)));
    let body = match &mail.html {
        Some(html) => MultiPart::alternative_plain_html(mail.text.clone(), html.clone()),
        None => MultiPart::mixed().singlepart(SinglePart::plain(mail.text.clone())),
    };
    builder
        .multipart(body)
        .map_err(|e| DeliveryError::Permanent(format!("không dựng được thư: {e}")))
}

/// SMTP delivery.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// A mailer for `target` (no connection is made until a message is sent).
    pub fn new(target: &SmtpTarget) -> Result<Self, String> {
        let from: Mailbox = target
            .from
            .parse()
            .map_err(|e| format!("mail.from «{}»: {e}", target.from))?;
        let mut tls = TlsParameters::builder(target.host.clone());
        if let Some(pem) = &target.ca_pem {
            let certificate =
                Certificate::from_pem(pem).map_err(|e| format!("mail.smtp.ca_file: {e}"))?;
            tls = tls.add_root_certificate(certificate);
        }
        let tls = tls.build().map_err(|e| format!("TLS: {e}"))?;
        let security = match target.security {
            SmtpSecurity::StartTls => Tls::Required(tls),
            SmtpSecurity::Tls => Tls::Wrapper(tls),
            SmtpSecurity::None => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&target.host)
            .port(target.port)
            .tls(security)
            .timeout(Some(target.timeout));
        if let Some((user, password)) = &target.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), DeliveryError> {
        let message = build(&self.from, mail)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(DeliveryError::Permanent(error.to_string())),
            Err(error) => Err(DeliveryError::Transient(error.to_string())),
        }
    }
}

/// The file mailbox: one `.eml` per message in a folder.
#[derive(Debug, Clone)]
pub struct FolderMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl FolderMailer {
    /// Writes messages into `dir` (created when missing).
    pub fn new(dir: PathBuf, from: &str) -> Result<Self, String> {
        let from = from
            .parse()
            .map_err(|e| format!("mail.from «{from}»: {e}"))?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Self { dir, from })
    }
}

#[async_trait]
impl Mailer for FolderMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), DeliveryError> {
        let bytes = build(&self.from, mail)?.formatted();
        let name: String = mail
            .message_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = self.dir.join(format!("{name}.eml"));
        let partial = self.dir.join(format!(".{name}.eml.partial"));
        let write = async {
            tokio::fs::write(&partial, &bytes).await?;
            tokio::fs::rename(&partial, &path).await
        };
        write
            .await
            .map_err(|e| DeliveryError::Transient(format!("{}: {e}", path.display())))
    }
}

/// SMS and Zalo without a provider: each text is logged (the number masked) and taken.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoggedTexts;

#[async_trait]
impl TextSender for LoggedTexts {
    async fn send(
        &self,
        channel: Channel,
        phone: &Pii<String>,
        text: &str,
        key: &str,
    ) -> Result<(), DeliveryError> {
        let digits = phone.expose();
        let tail: String = digits
            .chars()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        tracing::info!(channel = channel.as_str(), to = %format!("***{tail}"), key, chars = text.chars().count(), "text message (no provider configured: logged only)");
        Ok(())
    }
}
