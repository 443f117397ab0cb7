//! Prometheus metrics of a running `ansinh serve` with its worker in process, on their own
//! address: request latency per GraphQL operation, errors by operation and code, job runs,
//! the queue gauges and the database pool.

use std::time::Duration;

use ansinh_testkit::{TestServer, require_postgres};
use serde_json::json;

/// The address the process announced for `/metrics`.
async fn metrics_address(replica: &ansinh_testkit::Replica) -> String {
    for _ in 0..100 {
        let announced = replica.log().iter().find_map(|line| {
            let rest = line.split("serving metrics").nth(1)?;
            let address = rest.split("address=").nth(1)?;
            Some(address.split_whitespace().next()?.to_owned())
        });
        if let Some(address) = announced {
            return address;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no metrics address in the log: {:?}", replica.log());
}

/// The value of the sample of `name` whose labels include all of `labels`.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    text.lines()
        .filter(|line| line.starts_with(&format!("{name}{{")))
        .find(|line| {
            labels
                .iter()
                .all(|(key, value)| line.contains(&format!("{key}=\"{value}\"")))
        })
        .and_then(|line| line.rsplit(' ').next()?.parse().ok())
}

#[tokio::test]
#[ignore = "PostgreSQL only: run by scripts/test.sh with --include-ignored"]
async fn metrics_show_operations_errors_jobs_queues_and_the_pool_on_their_own_address() {
    require_postgres();
    let server = TestServer::start().await;
    let replica = server.replica_with(&[
        ("ANSINH_METRICS__LISTEN", "127.0.0.1:0"),
        ("ANSINH_WORKER__IN_PROCESS", "true"),
    ]);
    let address = metrics_address(&replica).await;
    let token = server.token("04", "tiepnhan.01290").await;
    for _ in 0..3 {
        let (status, _) = replica
            .graphql_with(&token, "query MetricsProbe { me { id } }", json!({}))
            .await;
        assert_eq!(status, 200);
    }
    let (_, broken) = replica
        .graphql_with(
            &token,
            "query MetricsBroken { me { noSuchField } }",
            json!({}),
        )
        .await;
    assert_eq!(
        broken["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    let client = server.client();
    let public = client
        .get(format!("{}/metrics", replica.base_url))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let public = public.text().await.unwrap_or_default();
    assert!(
        !public.contains("ansinh_"),
        "the public address serves metrics"
    );
    // The worker's first round runs each job's latest tick of every province, then reads the
    // queues province by province: every province's gauges mean the round is over.
    let round_over = |text: &str| {
        ["04", "12"].iter().all(|tenant| {
            let dead = [("tenant", *tenant), ("status", "dead")];
            sample(text, "ansinh_messages", &dead).is_some()
        })
    };
    let mut text = String::new();
    for _ in 0..100 {
        let scraped = client
            .get(format!("http://{address}/metrics"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(scraped.status().as_u16(), 200);
        text = scraped.text().await.unwrap_or_default();
        if round_over(&text) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let probe = [("operation", "MetricsProbe")];
    let count = "ansinh_graphql_request_duration_seconds_count";
    assert_eq!(sample(&text, count, &probe), Some(3.0), "{text}");
    let errors = [
        ("operation", "MetricsBroken"),
        ("code", "GRAPHQL_VALIDATION_FAILED"),
    ];
    assert_eq!(
        sample(&text, "ansinh_graphql_errors_total", &errors),
        Some(1.0)
    );
    assert_eq!(sample(&text, "ansinh_graphql_errors_total", &probe), None);
    // The daily digest's latest tick, once per province.
    let digest = [("job", "late_digest"), ("outcome", "done")];
    assert_eq!(sample(&text, "ansinh_job_runs_total", &digest), Some(2.0));
    for tenant in ["04", "12"] {
        let depth = sample(&text, "ansinh_outbox_depth", &[("tenant", tenant)]);
        assert!(depth.is_some_and(|d| d >= 0.0), "{tenant}: {text}");
        let dead = sample(
            &text,
            "ansinh_messages",
            &[("tenant", tenant), ("status", "dead")],
        );
        assert_eq!(dead, Some(0.0));
    }
    let idle = sample(&text, "ansinh_db_pool_connections", &[("state", "idle")]);
    let busy = sample(&text, "ansinh_db_pool_connections", &[("state", "in_use")]);
    assert!(idle.is_some() && busy.is_some(), "{text}");
    assert!(text.contains("ansinh_job_duration_seconds_bucket{job=\"sla_warnings\""));
}
