//! In-memory fakes of every port, so the use cases' rules (handler choice, queues, SLA
//! snapshots) run in unit tests without a database or HTTP; the end-to-end suite keeps
//! testing the real adapters on both backends.

mod dossiers;
mod files;
mod identity;
mod notices;
mod reference;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ansinh_config::ConfigSet;
use chrono::{DateTime, Utc};

use crate::identity::{AuthSettings, Principal};
use crate::model::{Page, PageRequest};
use crate::{Ansinh, AppError, ManualClock, Ports};

pub(crate) use dossiers::FakeDossiers;
pub(crate) use files::{FakeAttachments, FakeBlobs};
pub(crate) use identity::FakeAccessLog;
pub(crate) use notices::FakeNotices;

/// The password of every seeded account.
pub(crate) const PASSWORD: &str = "Demo-Ansinh@2026";

/// A page of `items` as the stores answer it.
fn page<T>(items: Vec<T>, request: PageRequest) -> Page<T> {
    let total = items.len() as u64;
    let items = items
        .into_iter()
        .skip(usize::try_from(request.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(request.limit).unwrap_or(usize::MAX))
        .collect();
    Page { items, total }
}

/// The application on fakes, with the shipped configuration published and its officers'
/// accounts seeded, on a clock the test sets.
pub(crate) struct World {
    pub(crate) app: Ansinh,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) dossiers: Arc<FakeDossiers>,
    pub(crate) access_log: Arc<FakeAccessLog>,
    pub(crate) attachments: Arc<FakeAttachments>,
    pub(crate) blobs: Arc<FakeBlobs>,
    pub(crate) notices: Arc<FakeNotices>,
}

impl World {
    /// The shipped provinces at `now`.
    pub(crate) async fn shipped(now: DateTime<Utc>) -> Self {
        Self::shipped_with(now, |_| {}).await
    }

    /// The shipped provinces, changed by `edit` before publication, at `now`.
    pub(crate) async fn shipped_with(
        now: DateTime<Utc>,
        edit: impl FnOnce(&mut ConfigSet),
    ) -> Self {
        let reference = Arc::new(reference::FakeReference::default());
        let clock = Arc::new(ManualClock::new(now));
        let dossiers = Arc::new(FakeDossiers::default());
        let access_log = Arc::new(FakeAccessLog::default());
        let accounts = Arc::new(identity::FakeAccounts::new(reference.clone()));
        let attachments = Arc::new(FakeAttachments::default());
        let notices = Arc::new(FakeNotices::default());
        let blobs = Arc::new(FakeBlobs::default());
        let app = Ansinh::new(Ports {
            store: reference.clone(),
            accounts,
            sessions: Arc::new(identity::FakeSessions::default()),
            access_log: access_log.clone(),
            clock: clock.clone(),
            hasher: Arc::new(identity::PlainHasher),
            limiter: Arc::new(identity::CountingLimiter::default()),
            authorizer: Arc::new(identity::ReachAuthorizer(reference)),
            dossiers: dossiers.clone(),
            dossier_queries: dossiers.clone(),
            attachments: attachments.clone(),
            blobs: blobs.clone(),
            file_limits: crate::dossier::FileLimits::default(),
            certifier: Arc::new(crate::dossier::NoCertifier),
            renderer: Arc::new(files::FieldsAsText),
            signing: Arc::new(files::TextSigning),
            software_signer: Some(Arc::new(files::TextSigner)),
            documents: dossiers.clone(),
            auth: Arc::new(auth_settings()),
            signal: Arc::new(crate::LocalSignal::default()),
            units: Arc::new(crate::EachCallItsOwn),
            config_probe: Duration::ZERO,
            notices: crate::notices::NoticePorts {
                outbox: Arc::new(notices::FakeOutbox(dossiers.clone(), notices.clone())),
                messages: notices.clone(),
                ticks: notices.clone(),
                preferences: notices.clone(),
                watch: dossiers.clone(),
                mailer: notices.clone(),
                texts: notices.clone(),
                composer: Arc::new(notices::PlainComposer),
                policy: crate::notices::DeliveryPolicy::default(),
            },
            live: Arc::new(crate::live::LocalFeed::default()),
        });
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config-tenants");
        let (set, problems) = ansinh_config::load_dir(&root);
        let mut set = set.unwrap_or_else(|| panic!("shipped configuration: {problems:?}"));
        edit(&mut set);
        let published = app.reference.publish_config(&set, "test").await;
        published.unwrap_or_else(|e| panic!("publish: {e:?}"));
        let seeded = app.identity.seed_demo_accounts(&set, PASSWORD).await;
        seeded.unwrap_or_else(|e| panic!("seed: {e:?}"));
        Self {
            app,
            clock,
            dossiers,
            access_log,
            attachments,
            blobs,
            notices,
        }
    }

    /// An officer as a logged-in principal.
    pub(crate) async fn officer(&self, tenant: &str, username: &str) -> Principal {
        self.try_officer(tenant, username)
            .await
            .unwrap_or_else(|e| panic!("{username}: {e:?}"))
    }

    async fn try_officer(&self, tenant: &str, username: &str) -> Result<Principal, AppError> {
        let tokens = self
            .app
            .identity
            .login(tenant, username, PASSWORD, "127.0.0.1")
            .await?;
        self.app.identity.authenticate(&tokens.access_token).await
    }

    /// Moves the clock.
    pub(crate) fn at(&self, now: DateTime<Utc>) {
        self.clock.set(now);
    }
}

fn auth_settings() -> AuthSettings {
    AuthSettings {
        jwt_secret: b"fake-world-secret-of-at-least-32-bytes".to_vec(),
        access_ttl: Duration::from_secs(3_600),
        refresh_ttl: Duration::from_secs(86_400),
        max_failures: 5,
        lock_for: Duration::from_secs(900),
        attempts_per_account_per_hour: 1_000,
        attempts_per_address_per_minute: 1_000,
        file_link_ttl: Duration::from_secs(300),
    }
}
