//! One round of the worker: the due tick of each job of each province, then the outbox read
//! back and messages delivered, a few batches per tenant so no tenant waits for another.

use std::collections::HashMap;
use std::time::Instant;

use ansinh_app::{AppError, TenantScope};
use ansinh_config::model::JobName;
use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

use crate::Worker;

impl Worker {
    /// Runs what is due now; `seen` keeps the latest tick handled per tenant and job, so a
    /// tick is tried once per worker, and at start the latest missed tick is tried.
    pub(crate) async fn round(
        &self,
        seen: &mut HashMap<(String, JobName), DateTime<Utc>>,
        cancel: &CancellationToken,
    ) {
        let schedules = match self.schedules().await {
            Ok(schedules) => schedules,
            Err(error) => {
                tracing::warn!(?error, "tenants unavailable; next round");
                return;
            }
        };
        let now = self.app.now();
        for (scope, jobs) in &schedules {
            for (job, schedule) in jobs {
                if cancel.is_cancelled() {
                    return;
                }
                let Some(tick) = schedule.latest(now, self.options.catch_up) else {
                    continue;
                };
                let key = (scope.tenant().as_str().to_owned(), *job);
                if seen.get(&key).is_some_and(|last| *last >= tick) {
                    continue;
                }
                match self.run_tick(scope, *job, tick, cancel).await {
                    Ok(_) => {
                        seen.insert(key, tick);
                    }
                    Err(error) => {
                        tracing::warn!(tenant = %scope.tenant(), %job, %tick, ?error, "tick not claimed; tried again next round")
                    }
                }
            }
        }
        for (scope, _) in &schedules {
            if cancel.is_cancelled() {
                return;
            }
            self.drain(scope, cancel).await;
        }
    }

    /// The outbox read back, then due messages delivered.
    async fn drain(&self, scope: &TenantScope, cancel: &CancellationToken) {
        let notices = &self.app.notices;
        for _ in 0..self.options.batches_per_round {
            match notices.expand_outbox(scope).await {
                Ok(done) if done.events + done.failed == 0 => break,
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(tenant = %scope.tenant(), ?error, "outbox unavailable");
                    break;
                }
            }
            if cancel.is_cancelled() {
                return;
            }
        }
        for _ in 0..self.options.batches_per_round {
            match notices.deliver_due(scope).await {
                Ok(done) if done.attempted() == 0 => break,
                Ok(done) => {
                    tracing::info!(tenant = %scope.tenant(), sent = done.sent, retried = done.retried, dead = done.dead, "messages delivered");
                }
                Err(error) => {
                    tracing::warn!(tenant = %scope.tenant(), ?error, "messages unavailable");
                    break;
                }
            }
            if cancel.is_cancelled() {
                return;
            }
        }
    }

    /// Claims and runs one tick: true when this worker ran it, false when another had it.
    /// Cut short by `cancel`, the tick is recorded cancelled and may be claimed again.
    pub(crate) async fn run_tick(
        &self,
        scope: &TenantScope,
        job: JobName,
        tick: DateTime<Utc>,
        cancel: &CancellationToken,
    ) -> Result<bool, AppError> {
        let ticks = &self.app.notices;
        let started = Instant::now();
        if !ticks
            .claim_tick(scope, job, tick, &self.options.name)
            .await?
        {
            return Ok(false);
        }
        let outcome = tokio::select! {
            result = ticks.run_job(scope, job, tick) => match result {
                Ok(run) => ("done", run.detail),
                Err(error) => ("failed", format!("{error}")),
            },
            () = cancel.cancelled() => ("cancelled", "dừng theo yêu cầu (SIGTERM)".to_owned()),
        };
        let elapsed = started.elapsed();
        let millis = elapsed.as_millis() as u64;
        metrics::counter!("ansinh_job_runs_total", "job" => job.as_str(), "outcome" => outcome.0)
            .increment(1);
        metrics::histogram!("ansinh_job_duration_seconds", "job" => job.as_str())
            .record(elapsed.as_secs_f64());
        tracing::info!(
            worker = %self.options.name,
            tenant = %scope.tenant(),
            job = job.as_str(),
            tick = %tick.to_rfc3339(),
            outcome = outcome.0,
            millis,
            detail = %outcome.1,
            "job run"
        );
        ticks
            .finish_tick(scope, job, tick, outcome.0, &outcome.1)
            .await?;
        Ok(true)
    }
}
