//! The `ansinh` binary's library: settings, wiring of the adapters, the HTTP gateway and the
//! command-line commands.
//!
//! Owns no business rule: it reads settings, opens the database, builds the app facade and the
//! GraphQL schema, and serves them. The test kit starts servers through `start`.

pub mod account_cli;
pub mod background;
pub mod calendar_cli;
pub mod commands;
mod console;
pub mod documents;
mod files;
pub mod gateway;
mod graphiql;
mod live;
pub mod metrics;
mod public;
mod renderer;
mod session;
pub mod settings;
mod signing;
pub mod storage;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use ansinh_app::identity::RateLimiter;
use ansinh_app::{Ansinh, ChangeSignal, Clock, LocalSignal, Ports, SystemClock};
use ansinh_authz::CasbinAuthorizer;
use ansinh_infra::{Argon2Hasher, LocalRateLimiter, RedisRateLimiter, RedisSignal};
use ansinh_store::SeaStore;
use anyhow::Context as _;
use poem::Server;
use poem::listener::TcpAcceptor;
use tokio::net::TcpListener;

pub use ansinh_infra::install_tls_provider;

use crate::gateway::Gateway;
use crate::settings::Settings;

/// Refuses to serve (unless `database.allow_bypass_rls`) when the application's PostgreSQL role
/// escapes row-level security, which would otherwise go unnoticed: every tenant's rows would
/// answer every query.
pub async fn refuse_bypassing_role(settings: &Settings, store: &SeaStore) -> anyhow::Result<()> {
    let bypasses = ansinh_store::bypasses_row_security(store.connection())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    if !bypasses {
        return Ok(());
    }
    let url = settings.database.url.masked();
    if settings.database.allow_bypass_rls {
        tracing::warn!(
            %url,
            "THE APPLICATION'S DATABASE ROLE IS A SUPERUSER OR HAS BYPASSRLS: row-level security \
             does not isolate tenants (database.allow_bypass_rls = true)"
        );
        return Ok(());
    }
    anyhow::bail!(
        "vai trò cơ sở dữ liệu của ứng dụng ({url}) là superuser hoặc có BYPASSRLS: row-level \
         security sẽ không cách ly các tỉnh. Hãy kết nối bằng vai trò không sở hữu bảng, không \
         BYPASSRLS (scripts/pg-setup.sh tạo ansinh_app), hoặc đặt \
         ANSINH_DATABASE__ALLOW_BYPASS_RLS=true nếu thật sự muốn / the application's role is a \
         superuser or has BYPASSRLS: row-level security would not isolate tenants; connect as a \
         role without them, or set database.allow_bypass_rls = true"
    )
}

/// Migrates when configured, connects, and builds the app facade with its adapters: Redis
/// for rate limits and change signals when configured, in-process twins otherwise.
pub async fn open_app(settings: &Settings) -> anyhow::Result<(Ansinh, SeaStore)> {
    open_app_with_clock(settings, Arc::new(SystemClock)).await
}

/// `open_app` with another clock (tests that need exact due instants).
pub async fn open_app_with_clock(
    settings: &Settings,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<(Ansinh, SeaStore)> {
    if settings.database.auto_migrate {
        migrate(settings).await?;
    }
    let store = SeaStore::connect(
        settings.database.url.expose(),
        settings.database.max_connections,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))
    .with_context(|| format!("connecting to {}", settings.database.url.masked()))?;
    let (limiter, signal): (Arc<dyn RateLimiter>, Arc<dyn ChangeSignal>) = match &settings.redis.url
    {
        Some(url) => (
            Arc::new(
                RedisRateLimiter::new(url.expose(), &settings.redis.key_prefix)
                    .context("redis.url")?,
            ),
            Arc::new(
                RedisSignal::start(url.expose(), &settings.redis.key_prefix)
                    .await
                    .context("redis.url")?,
            ),
        ),
        None => (
            Arc::new(LocalRateLimiter::default()),
            Arc::new(LocalSignal::default()),
        ),
    };
    let live: Arc<dyn ansinh_app::live::LiveFeed> = match &settings.redis.url {
        Some(url) => Arc::new(
            ansinh_infra::RedisFeed::start(url.expose(), &settings.redis.key_prefix)
                .await
                .context("redis.url")?,
        ),
        None => Arc::new(ansinh_app::live::LocalFeed::default()),
    };
    let shared = Arc::new(store.clone());
    let authorizer = CasbinAuthorizer::start(shared.clone(), shared.clone(), signal.clone())
        .await
        .map_err(|e| anyhow::anyhow!("authorization policy: {e:?}"))?;
    let hasher = Argon2Hasher::new(settings.auth.hashing_concurrency)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let (signing, software_signer, certifier) = settings.signing.build()?;
    let app = Ansinh::new(Ports {
        store: shared.clone(),
        accounts: shared.clone(),
        sessions: shared.clone(),
        access_log: shared.clone(),
        clock,
        hasher: Arc::new(hasher),
        limiter,
        authorizer: Arc::new(authorizer),
        dossiers: shared.clone(),
        dossier_queries: shared.clone(),
        attachments: shared.clone(),
        blobs: settings.storage.blobs()?,
        file_limits: settings.storage.limits(),
        certifier,
        renderer: Arc::new(renderer::Decree30Renderer),
        signing,
        software_signer,
        documents: shared.clone(),
        auth: Arc::new(settings.auth()),
        signal,
        units: shared.clone(),
        config_probe: Duration::from_millis(settings.database.config_probe_ms),
        notices: ansinh_app::notices::NoticePorts {
            outbox: shared.clone(),
            messages: shared.clone(),
            ticks: shared.clone(),
            preferences: shared.clone(),
            watch: shared,
            mailer: settings.mail.mailer()?,
            texts: Arc::new(ansinh_infra::LoggedTexts),
            composer: Arc::new(background::MarkdownComposer),
            policy: background::policy(&settings.worker, &settings.mail),
        },
        live,
    });
    Ok((app, store))
}

/// Applies pending migrations as the owner, grants the application role, and verifies that
/// every tenant table is under row-level security (PostgreSQL).
pub async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let url = settings
        .database
        .migration_url
        .as_ref()
        .unwrap_or(&settings.database.url);
    let owner = ansinh_store::connect(url.expose(), 2)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .with_context(|| format!("connecting to {} to migrate", url.masked()))?;
    ansinh_store::migrate(&owner)
        .await
        .map_err(|e| anyhow::anyhow!("migration failed: {e:?}"))?;
    if let Some(role) = &settings.database.app_role {
        ansinh_store::grant_app_role(&owner, role)
            .await
            .map_err(|e| anyhow::anyhow!("granting {role}: {e:?}"))?;
    }
    let unprotected = ansinh_store::tenant_tables_without_rls(&owner)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    anyhow::ensure!(
        unprotected.is_empty(),
        "tenant tables without row-level security: {unprotected:?}"
    );
    owner.close().await.ok();
    Ok(())
}

/// The worker over `app`, paced by the settings.
pub fn worker(settings: &Settings, app: Ansinh) -> ansinh_jobs::Worker {
    let options = ansinh_jobs::WorkerOptions {
        poll: Duration::from_millis(settings.worker.poll_ms.max(10)),
        ..ansinh_jobs::WorkerOptions::default()
    };
    ansinh_jobs::Worker::new(app, options)
}

/// Serves the gateway on `listener` until `shutdown` completes.
pub async fn serve(
    settings: &Settings,
    app: Ansinh,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let gateway = Gateway {
        schema: ansinh_graphql::build_schema(app.clone(), &settings.limits()),
        app,
        max_body_bytes: settings.server.max_body_bytes,
        max_batch: settings.graphql.max_batch,
        timeout: Duration::from_secs(settings.server.request_timeout_secs),
        documents: documents::ParsedDocuments::default(),
        files: settings.storage.limits(),
    };
    let routes = gateway::routes(gateway, settings.graphql.graphiql);
    Server::new_with_acceptor(TcpAcceptor::from_tokio(listener)?)
        .run_with_graceful_shutdown(routes, shutdown, Some(Duration::from_secs(10)))
        .await?;
    Ok(())
}
