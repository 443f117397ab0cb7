//! The application: one service per area, each holding only the ports it uses. The API and
//! the binary reach use cases through `Ansinh::<area>`.

use std::sync::Arc;

use crate::AppError;
use crate::access::Access;
use crate::dossier::{DossierQueries, DossierRepo, Dossiers};
use crate::identity::{
    AccessLog, AccountRepo, AuthSettings, Authorizer, Identity, PasswordHasher, RateLimiter,
    SessionStore,
};
use crate::ports::{Clock, ReferenceStore};
use crate::reference::Reference;
use crate::signal::{ChangeSignal, UnitMode, UnitOfWork, UnitWork};

/// The adapters the use cases run on.
#[derive(Debug, Clone)]
pub struct Ports {
    /// Units, configuration, tenants.
    pub store: Arc<dyn ReferenceStore>,
    /// Accounts and grants.
    pub accounts: Arc<dyn AccountRepo>,
    /// Refresh sessions.
    pub sessions: Arc<dyn SessionStore>,
    /// The personal-data access log.
    pub access_log: Arc<dyn AccessLog>,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Password hashing.
    pub hasher: Arc<dyn PasswordHasher>,
    /// Login rate limits.
    pub limiter: Arc<dyn RateLimiter>,
    /// Authorization decisions.
    pub authorizer: Arc<dyn Authorizer>,
    /// Dossiers, events, code sequences.
    pub dossiers: Arc<dyn DossierRepo>,
    /// Dossier listings and counts.
    pub dossier_queries: Arc<dyn DossierQueries>,
    /// Attachments of dossiers.
    pub attachments: Arc<dyn crate::dossier::AttachmentRepo>,
    /// Object storage for files.
    pub blobs: Arc<dyn crate::ports::BlobStore>,
    /// Caps on uploaded files.
    pub file_limits: crate::dossier::FileLimits,
    /// Signs scans at reception.
    pub certifier: Arc<dyn crate::dossier::ScanCertifier>,
    /// Templates to PDF.
    pub renderer: Arc<dyn crate::documents::DocumentRenderer>,
    /// Signing revisions of PDFs and checking signatures.
    pub signing: Arc<dyn crate::documents::PdfSigning>,
    /// The server's own signing keys (demo and tests); `None` where officers use tokens.
    pub software_signer: Option<Arc<dyn crate::documents::SoftwareSigner>>,
    /// Document revisions of dossiers.
    pub documents: Arc<dyn crate::documents::DocumentRepo>,
    /// Identity settings.
    pub auth: Arc<AuthSettings>,
    /// Changes told to every replica.
    pub signal: Arc<dyn ChangeSignal>,
    /// The request's unit of work.
    pub units: Arc<dyn UnitOfWork>,
    /// How long a tenant's latest configuration version is trusted before it is read again.
    pub config_probe: std::time::Duration,
    /// Background work: outbox, messages, ticks, channels.
    pub notices: crate::notices::NoticePorts,
    /// Dossier changes announced to open screens on every replica.
    pub live: Arc<dyn crate::live::LiveFeed>,
}

/// Ansinh's use cases, by area, shared by every request.
#[derive(Debug, Clone)]
pub struct Ansinh {
    /// Tenants, units, configuration, calendars.
    pub reference: Reference,
    /// Logins, sessions, officers and their roles.
    pub identity: Identity,
    /// Dossiers: creation, the workflow, queues.
    pub dossiers: Dossiers,
    /// Decisions drafted from the province's templates.
    pub documents: crate::documents::Documents,
    /// Messages: the outbox read back, scheduled warnings, delivery.
    pub notices: crate::notices::Notices,
    /// The authorization questions.
    pub access: Access,
    /// Dossier changes announced to open screens.
    pub live: Arc<dyn crate::live::LiveFeed>,
    clock: Arc<dyn Clock>,
    units: Arc<dyn UnitOfWork>,
}

impl Ansinh {
    /// Builds every area over its ports.
    pub fn new(ports: Ports) -> Self {
        let access = Access::new(ports.authorizer);
        let reference = Reference::new(ports.store, ports.clock.clone(), access.clone())
            .probing_config_every(ports.config_probe);
        let identity = Identity {
            accounts: ports.accounts.clone(),
            sessions: ports.sessions,
            access_log: ports.access_log.clone(),
            hasher: ports.hasher,
            limiter: ports.limiter.clone(),
            auth: ports.auth.clone(),
            clock: ports.clock.clone(),
            access: access.clone(),
            reference: reference.clone(),
            principals: Arc::new(crate::identity::PrincipalCache::new(ports.signal.as_ref())),
            followed: Arc::default(),
            signal: ports.signal,
        };
        let dossiers = Dossiers {
            repo: ports.dossiers,
            queries: ports.dossier_queries,
            accounts: ports.accounts,
            access_log: ports.access_log,
            files: ports.attachments,
            blobs: ports.blobs,
            file_limits: ports.file_limits,
            certifier: ports.certifier,
            clock: ports.clock.clone(),
            access: access.clone(),
            reference: reference.clone(),
            names: crate::dossier::name_cache(),
            live: ports.live.clone(),
        };
        let documents = crate::documents::Documents {
            dossiers: dossiers.clone(),
            renderer: ports.renderer,
            signing: ports.signing,
            software: ports.software_signer,
            repo: ports.documents,
            limiter: ports.limiter.clone(),
            result_secret: Arc::new(ports.auth.jwt_secret.clone()),
            reference: reference.clone(),
            clock: ports.clock.clone(),
        };
        let notices = crate::notices::Notices {
            outbox: ports.notices.outbox,
            messages: ports.notices.messages,
            ticks: ports.notices.ticks,
            preferences: ports.notices.preferences,
            watch: ports.notices.watch,
            mailer: ports.notices.mailer,
            texts: ports.notices.texts,
            composer: ports.notices.composer,
            documents: documents.clone(),
            policy: ports.notices.policy,
            clock: ports.clock.clone(),
        };
        Self {
            reference,
            identity,
            dossiers,
            documents,
            notices,
            access,
            live: ports.live,
            clock: ports.clock,
            units: ports.units,
        }
    }

    /// The current instant by the application's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Runs one request's work in one unit of work (one database transaction where the store
    /// can); an error means it could not be committed and nothing it did may be reported done.
    pub async fn within_request(&self, mode: UnitMode, work: UnitWork<'_>) -> Result<(), AppError> {
        let ((outcome, changes), live) =
            crate::live::collecting(crate::signal::collecting(self.units.run(mode, work))).await;
        for change in changes {
            if let Err(error) = self.identity.announce(change).await {
                tracing::error!(?error, ?change, "a committed change could not be announced");
            }
        }
        if outcome.is_ok() {
            for change in &live {
                self.live.publish(change).await;
            }
        }
        outcome
    }

    /// Whether the database answers.
    pub async fn ready(&self) -> Result<(), AppError> {
        self.reference.ready().await
    }
}
