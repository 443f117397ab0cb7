//! Prometheus metrics: the process's recorder (the `metrics` facade, rendered by
//! `metrics-exporter-prometheus`), the GraphQL figures the gateway records, and `/metrics`
//! served on its own listen address (`[metrics] listen`), never on the public one.
//!
//! Labels stay bounded: an operation name is kept only when it looks like one (letters,
//! digits, `_`, at most 64) and only for the first `MAX_OPERATIONS` names a process sees;
//! the rest count as `other`. Error codes come from the one catalogue.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use poem::http::StatusCode;
use poem::listener::TcpAcceptor;
use poem::{Response, Route, Server, get};
use serde::Deserialize;
use tokio::net::TcpListener;

/// `[metrics]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    /// Where `/metrics` listens (e.g. `127.0.0.1:9464`); none: not served.
    #[serde(default)]
    pub listen: Option<String>,
}

/// Distinct operation names labelled per process at most.
const MAX_OPERATIONS: usize = 200;

const REQUEST_SECONDS: &str = "ansinh_graphql_request_duration_seconds";
const JOB_SECONDS: &str = "ansinh_job_duration_seconds";
const REQUEST_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
const JOB_BUCKETS: &[f64] = &[0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
static OPERATIONS: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// The process's recorder, installed at the first call (`None` if another recorder was
/// installed first, as in a test binary that installs its own).
pub fn handle() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_owned()), REQUEST_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(Matcher::Full(JOB_SECONDS.to_owned()), JOB_BUCKETS)
                });
            let recorder = match builder {
                Ok(builder) => builder.build_recorder(),
                Err(error) => {
                    tracing::error!(%error, "metrics recorder not built");
                    return None;
                }
            };
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            Some(handle)
        })
        .clone()
}

/// The label of an operation name (see the module's note on bounds).
pub fn operation_label(name: Option<&str>) -> String {
    let Some(name) = name else {
        return "anonymous".to_owned();
    };
    let plausible = !name.is_empty()
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plausible {
        return "other".to_owned();
    }
    let mut known = OPERATIONS.lock().unwrap_or_else(|e| e.into_inner());
    if known.contains(name) || known.len() < MAX_OPERATIONS {
        known.insert(name.to_owned());
        name.to_owned()
    } else {
        "other".to_owned()
    }
}

/// One GraphQL request: its latency under each operation it ran, and its errors by code.
pub fn record_request(operations: &[String], elapsed: Duration, codes: &[&str]) {
    for operation in operations {
        metrics::histogram!(REQUEST_SECONDS, "operation" => operation.clone())
            .record(elapsed.as_secs_f64());
    }
    let operation = operations
        .first()
        .cloned()
        .unwrap_or_else(|| "anonymous".to_owned());
    for code in codes {
        metrics::counter!("ansinh_graphql_errors_total", "operation" => operation.clone(), "code" => (*code).to_owned())
            .increment(1);
    }
}

/// The `extensions.code` of every error of a response.
pub fn error_codes(response: &async_graphql::BatchResponse) -> Vec<&str> {
    let responses = match response {
        async_graphql::BatchResponse::Single(one) => std::slice::from_ref(one),
        async_graphql::BatchResponse::Batch(many) => many.as_slice(),
    };
    responses
        .iter()
        .flat_map(|r| &r.errors)
        .filter_map(|error| match error.extensions.as_ref()?.get("code")? {
            async_graphql::Value::String(code) => Some(code.as_str()),
            _ => None,
        })
        .collect()
}

/// What is read at each scrape: connections of the database pool (open, idle).
pub type PoolUse = std::sync::Arc<dyn Fn() -> (u32, u32) + Send + Sync>;

fn scrape(pool: &PoolUse) -> Response {
    let Some(handle) = handle() else {
        return Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body("metrics recorder unavailable");
    };
    let (open, idle) = (pool)();
    metrics::gauge!("ansinh_db_pool_connections", "state" => "idle").set(f64::from(idle));
    metrics::gauge!("ansinh_db_pool_connections", "state" => "in_use")
        .set(f64::from(open.saturating_sub(idle)));
    handle.run_upkeep();
    Response::builder()
        .status(StatusCode::OK)
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(handle.render())
}

/// Serves `/metrics` at `settings.listen` until `stop` fires (nothing when not configured).
pub async fn serve(
    settings: &MetricsSettings,
    pool: PoolUse,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<Option<tokio::task::JoinHandle<()>>> {
    let Some(listen) = &settings.listen else {
        return Ok(None);
    };
    handle();
    let listener = TcpListener::bind(listen).await?;
    tracing::info!(address = %listener.local_addr()?, "serving metrics at /metrics");
    let acceptor = TcpAcceptor::from_tokio(listener)?;
    let routes = Route::new().at(
        "/metrics",
        get(poem::endpoint::make_sync(move |_| scrape(&pool))),
    );
    Ok(Some(tokio::spawn(async move {
        if let Err(error) = Server::new_with_acceptor(acceptor)
            .run_with_graceful_shutdown(routes, stop, Some(Duration::from_secs(2)))
            .await
        {
            tracing::error!(%error, "metrics listener stopped");
        }
    })))
}

#[cfg(test)]
mod tests {
    use super::operation_label;

    #[test]
    fn operation_names_are_kept_only_when_they_look_like_names() {
        assert_eq!(operation_label(None), "anonymous");
        assert_eq!(operation_label(Some("DossierPage")), "DossierPage");
        assert_eq!(operation_label(Some("drop table; --")), "other");
        assert_eq!(operation_label(Some(&"x".repeat(65))), "other");
    }
}
