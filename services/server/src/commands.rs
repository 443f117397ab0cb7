//! The command line: `serve`, `migrate`, `config check|apply|export`, `export-schema`, `demo`.

use std::io::Write;
use std::path::{Path, PathBuf};

use ansinh_app::PublishStatus;
use anyhow::Context as _;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::settings::{SecretUrl, Settings};

/// Ansinh: social-protection public services for Vietnam's provinces.
#[derive(Debug, Parser)]
#[command(name = "ansinh", version)]
pub struct Cli {
    /// Settings file (TOML), applied over the embedded defaults.
    #[arg(long, global = true, env = "ANSINH_CONFIG")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the GraphQL API (and the worker too when `worker.in_process`).
    Serve,
    /// Run the background worker: scheduled jobs, the outbox, message delivery. Stops on
    /// SIGTERM or Ctrl-C after the job in progress.
    Worker {
        /// Instead of running on: run every tick after this instant (RFC 3339) that no worker
        /// ran yet, up to `--until`, then exit.
        #[arg(long, requires = "until")]
        replay_after: Option<chrono::DateTime<chrono::FixedOffset>>,
        /// End of the replayed window (RFC 3339, inclusive).
        #[arg(long, requires = "replay_after")]
        until: Option<chrono::DateTime<chrono::FixedOffset>>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Check, publish or export tenant configuration (config-tenants/).
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Create accounts from the command line (the first administrator of a deployment).
    #[command(subcommand)]
    Account(crate::account_cli::AccountCommand),
    /// Calendar answers as JSON lines (lunar dates, holidays).
    #[command(subcommand)]
    Calendar(crate::calendar_cli::CalendarCommand),
    /// Write the GraphQL schema (SDL).
    ExportSchema {
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the catalogue of error codes (Markdown).
    ExportErrorCodes {
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run the embedded demo: SQLite, demo provinces loaded, GraphiQL on localhost.
    Demo {
        /// Folder for the demo database and its files.
        #[arg(long, default_value = ".ansinh-demo")]
        data_dir: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Configuration folder to load.
        #[arg(long, default_value = "config-tenants")]
        tenants: PathBuf,
        /// Password of every demo account.
        #[arg(long, default_value = DEMO_PASSWORD)]
        password: String,
    },
}

/// Configuration commands.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Report every problem in the configuration folder; non-zero exit on errors.
    Check {
        /// Configuration folder.
        #[arg(default_value = "config-tenants")]
        dir: PathBuf,
        /// Check as of this day (YYYY-MM-DD; today in Vietnam by default): from 1 October it
        /// warns while next year's official schedule is missing.
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Publish the folder as new versions (only tenants whose files changed).
    Apply {
        /// Configuration folder.
        #[arg(default_value = "config-tenants")]
        dir: PathBuf,
        /// Who publishes (recorded with the version).
        #[arg(long, env = "USER", default_value = "ansinh")]
        by: String,
    },
    /// Write the latest published configuration to a folder in the same layout.
    Export {
        /// Output folder.
        out: PathBuf,
    },
}

/// Password of the demo accounts unless `--password` says otherwise.
pub const DEMO_PASSWORD: &str = "Ansinh@2026";

/// Runs the parsed command; returns the process exit code.
pub async fn run(cli: Cli) -> anyhow::Result<i32> {
    let settings = || Settings::load(cli.config.as_deref()).map_err(anyhow::Error::from);
    match cli.command {
        Command::Serve => {
            let settings = settings()?;
            let (app, store) = crate::open_app(&settings).await?;
            crate::refuse_bypassing_role(&settings, &store).await?;
            let listener = TcpListener::bind(settings.server.listen).await?;
            tracing::info!(address = %listener.local_addr()?, "serving GraphQL at /graphql");
            let metrics = serve_metrics(&settings, &store).await?;
            serve_with_worker(&settings, app, listener).await?;
            if let Some(metrics) = metrics {
                metrics.await.ok();
            }
            Ok(0)
        }
        Command::Worker {
            replay_after,
            until,
        } => {
            let settings = settings()?;
            let (app, store) = crate::open_app(&settings).await?;
            crate::refuse_bypassing_role(&settings, &store).await?;
            let worker = crate::worker(&settings, app);
            let cancel = cancel_on_signal();
            let metrics = serve_metrics(&settings, &store).await?;
            match (replay_after, until) {
                (Some(after), Some(until)) => {
                    let ran = worker
                        .replay(after.to_utc(), until.to_utc(), &cancel)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}: {e:?}"))?;
                    say(&format!("{{\"ticks_run\":{ran}}}"))?;
                }
                _ => worker.run(cancel).await,
            }
            if let Some(metrics) = metrics {
                metrics.abort();
            }
            Ok(0)
        }
        Command::Migrate => {
            crate::migrate(&settings()?).await?;
            say("Đã áp dụng migration / migrations applied")?;
            Ok(0)
        }
        Command::Config(ConfigCommand::Check { dir, as_of }) => check(&dir, as_of),
        Command::Config(ConfigCommand::Apply { dir, by }) => {
            let mut settings = settings()?;
            settings.database.auto_migrate = true;
            apply(&settings, &dir, &by).await
        }
        Command::Config(ConfigCommand::Export { out }) => export(&settings()?, &out).await,
        Command::Calendar(command) => crate::calendar_cli::run(command),
        Command::Account(command) => crate::account_cli::run(settings()?, command).await,
        Command::ExportSchema { out } => write_out(out, &ansinh_graphql::sdl()),
        Command::ExportErrorCodes { out } => {
            write_out(out, &ansinh_core::codes::catalogue_markdown())
        }
        Command::Demo {
            data_dir,
            listen,
            tenants,
            password,
        } => demo(settings()?, &data_dir, listen, &tenants, &password).await,
    }
}

/// Writes `text` to the file, or to standard output.
fn write_out(out: Option<PathBuf>, text: &str) -> anyhow::Result<i32> {
    match out {
        Some(path) => {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(0)
}

fn say(line: &str) -> anyhow::Result<()> {
    writeln!(std::io::stdout().lock(), "{line}")?;
    Ok(())
}

/// `config check`: prints every problem, errors first; exit 1 when any error.
fn check(dir: &Path, as_of: Option<chrono::NaiveDate>) -> anyhow::Result<i32> {
    let (set, mut problems) = ansinh_config::load_dir(dir);
    if let Some(set) = &set {
        let today =
            as_of.unwrap_or_else(|| ansinh_core::calendar::local::local_day(&chrono::Utc::now()));
        let found = ansinh_config::check_as_of(set, today);
        problems = merge(problems, found);
        problems = merge(problems, template_problems(set));
    }
    for problem in problems.sorted() {
        say(&problem.to_string())?;
    }
    let (errors, warnings) = problems.counts();
    say(&format!(
        "{}: {errors} lỗi/errors, {warnings} cảnh báo/warnings",
        dir.display()
    ))?;
    Ok(i32::from(errors > 0))
}

/// Templates whose merge fields or conditions do not parse (the layout library checks them,
/// which the configuration crate does not build).
fn template_problems(set: &ansinh_config::ConfigSet) -> ansinh_config::Problems {
    let mut problems = ansinh_config::Problems::default();
    for (folder, province) in &set.provinces {
        for (file, text) in &province.template_texts {
            if let Err(error) = ansinh_documents::check(text) {
                problems.error(
                    "TEMPLATE_INVALID",
                    Path::new(folder).join(file),
                    "",
                    error.to_string(),
                    format!("the template does not parse: {error}"),
                );
            }
        }
    }
    problems
}

fn merge(
    mut first: ansinh_config::Problems,
    second: ansinh_config::Problems,
) -> ansinh_config::Problems {
    first.append(second);
    first
}

async fn apply(settings: &Settings, dir: &Path, by: &str) -> anyhow::Result<i32> {
    if check(dir, None)? != 0 {
        return Ok(1);
    }
    let (set, problems) = ansinh_config::load_dir(dir);
    anyhow::ensure!(
        problems.is_empty(),
        "configuration has problems: run `ansinh config check`"
    );
    let set = set.context("configuration did not load")?;
    let (app, _) = crate::open_app(settings).await?;
    let outcomes = app
        .reference
        .publish_config(&set, by)
        .await
        .map_err(|e| anyhow::anyhow!("{e}: {e:?}"))?;
    for outcome in outcomes {
        let status = match outcome.status {
            PublishStatus::Published => "công bố phiên bản mới / published",
            PublishStatus::Unchanged => "không đổi / unchanged",
        };
        say(&format!(
            "{}: v{} {status} ({})",
            outcome.tenant, outcome.version, outcome.summary
        ))?;
    }
    Ok(0)
}

async fn export(settings: &Settings, out: &Path) -> anyhow::Result<i32> {
    let (app, _) = crate::open_app(settings).await?;
    let set = app
        .reference
        .export_config()
        .await
        .map_err(|e| anyhow::anyhow!("{e}: {e:?}"))?;
    ansinh_config::write_dir(&set, out).with_context(|| format!("writing {}", out.display()))?;
    say(&format!("Đã xuất cấu hình / exported to {}", out.display()))?;
    Ok(0)
}

async fn demo(
    mut settings: Settings,
    data_dir: &Path,
    listen: std::net::SocketAddr,
    tenants: &Path,
    password: &str,
) -> anyhow::Result<i32> {
    std::fs::create_dir_all(data_dir)?;
    let db = data_dir.join("ansinh.db");
    settings.database.url = SecretUrl::new(format!("sqlite://{}?mode=rwc", db.display()));
    settings.database.migration_url = None;
    settings.database.auto_migrate = true;
    settings.graphql.introspection = true;
    settings.graphql.graphiql = true;
    // The demo signs with keys of its own: no officer has a token here.
    settings.signing.software_keys = true;
    settings.server.listen = listen;
    // The demo runs its worker itself and keeps its mail beside its database.
    settings.worker.in_process = true;
    if settings.mail.transport == crate::background::Transport::Folder {
        settings.mail.dir = data_dir.join("mail");
    }
    settings.mail.console_url = format!("http://{listen}");
    if settings.storage.backend == crate::storage::Backend::Local {
        settings.storage.local_dir = data_dir.join("files");
    }
    if apply(&settings, tenants, "demo").await? != 0 {
        return Ok(1);
    }
    let (app, _) = crate::open_app(&settings).await?;
    let (set, _) = ansinh_config::load_dir(tenants);
    let set = set.context("configuration did not load")?;
    let created = app
        .identity
        .seed_demo_accounts_with_mail(&set, password)
        .await
        .map_err(|e| anyhow::anyhow!("{e}: {e:?}"))?;
    let dossiers = seed_dossiers(&settings).await?;
    let listener = TcpListener::bind(listen).await?;
    say(&format!(
        "Ansinh demo: bảng điều khiển (console) http://{listen}/ — GraphiQL http://{listen}/graphiql — GraphQL POST http://{listen}/graphql\n\
         {created} tài khoản mới, {dossiers} hồ sơ mẫu; đăng nhập bằng mutation login(tenant: \"04\", username: \"quantri.04\", password: \"{password}\")\n\
         (cán bộ xã: tiepnhan.<mã xã>, vhxh.<mã xã>, lanhdao.<mã xã>, vanthu.<mã xã>; cấp bộ: tenant \"VN\", phantich.bo)"
    ))?;
    serve_with_worker(&settings, app, listener).await?;
    Ok(0)
}

/// Serves until SIGTERM or Ctrl-C, with the worker alongside when `worker.in_process`.
async fn serve_with_worker(
    settings: &Settings,
    app: ansinh_app::Ansinh,
    listener: TcpListener,
) -> anyhow::Result<()> {
    let cancel = cancel_on_signal();
    let worker = settings.worker.in_process.then(|| {
        let worker = crate::worker(settings, app.clone());
        let cancel = cancel.clone();
        tokio::spawn(async move { worker.run(cancel).await })
    });
    crate::serve(settings, app, listener, cancel.clone().cancelled_owned()).await?;
    cancel.cancel();
    if let Some(worker) = worker {
        worker.await.ok();
    }
    Ok(())
}

/// `/metrics` on its own address when `[metrics] listen` is set, until SIGTERM or Ctrl-C.
async fn serve_metrics(
    settings: &Settings,
    store: &ansinh_store::SeaStore,
) -> anyhow::Result<Option<tokio::task::JoinHandle<()>>> {
    let store = store.clone();
    let pool: crate::metrics::PoolUse = std::sync::Arc::new(move || store.pool_use());
    crate::metrics::serve(&settings.metrics, pool, shutdown_signal()).await
}

/// A token cancelled at the first SIGTERM or Ctrl-C.
fn cancel_on_signal() -> CancellationToken {
    let cancel = CancellationToken::new();
    let fired = cancel.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("stopping: finishing the work in progress");
        fired.cancel();
    });
    cancel
}

/// Demo dossiers in every state, created on a clock set back to each action's instant (a
/// second app instance used only for this), once per database.
async fn seed_dossiers(settings: &Settings) -> anyhow::Result<usize> {
    const COMMUNES_PER_PROVINCE: usize = 6;
    const DOSSIERS_PER_COMMUNE: usize = 25;
    let now = chrono::Utc::now();
    let clock = std::sync::Arc::new(ansinh_app::ManualClock::new(now));
    let (seeder, _) = crate::open_app_with_clock(settings, clock.clone()).await?;
    seeder
        .dossiers
        .seed_demo_dossiers(&clock, COMMUNES_PER_PROVINCE, DOSSIERS_PER_COMMUNE, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}: {e:?}"))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
