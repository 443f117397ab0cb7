//! The worker: rounds at a steady pace until cancelled; a replay mode that runs every tick of
//! a past window in order (catching up deliberately, and the exactly-once tests).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ansinh_app::{Ansinh, TenantScope};
use ansinh_config::model::JobName;
use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

/// How often the queue gauges are read (two queries per province).
const GAUGE_EVERY: Duration = Duration::from_secs(15);

/// How the worker paces itself.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Name recorded with each tick it claims.
    pub name: String,
    /// Pause between rounds.
    pub poll: Duration,
    /// How far back a missed tick is still run at start.
    pub catch_up: chrono::Duration,
    /// Outbox and delivery batches per tenant and round at most.
    pub batches_per_round: u32,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        Self {
            name: format!(
                "worker-{}-{}",
                std::process::id(),
                &uuid::Uuid::new_v4().simple().to_string()[..8]
            ),
            poll: Duration::from_secs(1),
            catch_up: chrono::Duration::days(7),
            batches_per_round: 50,
        }
    }
}

/// Runs background work for every province.
#[derive(Debug, Clone)]
pub struct Worker {
    pub(crate) app: Ansinh,
    pub(crate) options: WorkerOptions,
}

impl Worker {
    /// A worker over the app.
    pub fn new(app: Ansinh, options: WorkerOptions) -> Self {
        Self { app, options }
    }

    /// Rounds until `cancel` fires; the round in progress is cut short at its next job.
    pub async fn run(&self, cancel: CancellationToken) {
        tracing::info!(worker = %self.options.name, "worker started");
        let mut seen: HashMap<(String, JobName), DateTime<Utc>> = HashMap::new();
        let mut gauged: Option<Instant> = None;
        while !cancel.is_cancelled() {
            self.round(&mut seen, &cancel).await;
            if gauged.is_none_or(|at| at.elapsed() >= GAUGE_EVERY) {
                self.record_queues().await;
                gauged = Some(Instant::now());
            }
            tokio::select! {
                () = tokio::time::sleep(self.options.poll) => {}
                () = cancel.cancelled() => {}
            }
        }
        tracing::info!(worker = %self.options.name, "worker stopped");
    }

    /// Sets the queue gauges of every province: outbox rows waiting and the age of the oldest,
    /// messages pending and dead.
    async fn record_queues(&self) {
        let Ok(tenants) = self.app.reference.tenants().await else {
            return;
        };
        let now = self.app.now();
        for tenant in tenants.into_iter().filter(|t| !t.id.is_national()) {
            let scope = TenantScope::new(tenant.id.clone());
            let figures = match self.app.notices.queue_figures(&scope).await {
                Ok(figures) => figures,
                Err(error) => {
                    tracing::warn!(tenant = %tenant.id, ?error, "queue figures unavailable");
                    continue;
                }
            };
            let code = tenant.id.as_str().to_owned();
            let age = figures.outbox_oldest.map_or(0.0, |at| {
                (now - at).num_milliseconds().max(0) as f64 / 1000.0
            });
            metrics::gauge!("ansinh_outbox_depth", "tenant" => code.clone())
                .set(figures.outbox_depth as f64);
            metrics::gauge!("ansinh_outbox_oldest_age_seconds", "tenant" => code.clone()).set(age);
            for (status, count) in [
                ("pending", figures.messages.pending),
                ("dead", figures.messages.dead),
            ] {
                metrics::gauge!("ansinh_messages", "tenant" => code.clone(), "status" => status)
                    .set(count as f64);
            }
        }
    }

    /// Runs every tick of every job of every province in `(after, until]`, in order of time,
    /// that no worker ran yet. Answers the ticks this worker ran.
    pub async fn replay(
        &self,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        cancel: &CancellationToken,
    ) -> Result<u64, ansinh_app::AppError> {
        let mut due = Vec::new();
        for (scope, schedules) in self.schedules().await? {
            for (job, schedule) in schedules {
                for tick in schedule.between(after, until) {
                    due.push((tick, scope.clone(), job));
                }
            }
        }
        due.sort_by(|a, b| {
            (a.0, a.1.tenant().as_str(), a.2).cmp(&(b.0, b.1.tenant().as_str(), b.2))
        });
        let mut ran = 0;
        for (tick, scope, job) in due {
            if cancel.is_cancelled() {
                break;
            }
            if self.run_tick(&scope, job, tick, cancel).await? {
                ran += 1;
            }
        }
        Ok(ran)
    }

    /// The provinces with their parsed schedules (a schedule that does not parse is logged
    /// and skipped: `config check` refuses it before publishing).
    pub(crate) async fn schedules(
        &self,
    ) -> Result<
        Vec<(
            TenantScope,
            Vec<(JobName, ansinh_config::schedule::JobSchedule)>,
        )>,
        ansinh_app::AppError,
    > {
        let mut out = Vec::new();
        for tenant in self.app.reference.tenants().await? {
            if tenant.id.is_national() {
                continue;
            }
            let scope = TenantScope::new(tenant.id.clone());
            let rules = match self.app.notices.effective(&scope).await {
                Ok(rules) => rules,
                Err(error) => {
                    tracing::warn!(tenant = %tenant.id, ?error, "no configuration: no jobs");
                    continue;
                }
            };
            let mut schedules = Vec::new();
            for (job, expression) in &rules.schedules {
                match ansinh_config::schedule::JobSchedule::parse(expression) {
                    Ok(schedule) => schedules.push((*job, schedule)),
                    Err(error) => {
                        tracing::error!(tenant = %tenant.id, %job, expression, error, "schedule does not parse")
                    }
                }
            }
            out.push((scope, schedules));
        }
        Ok(out)
    }
}
