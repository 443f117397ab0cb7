//! `ansinh demo` seeds dossiers in every state of the flow, once per database.

use std::sync::Arc;

use ansinh_testkit::TestServer;
use serde_json::json;

#[tokio::test]
async fn demo_dossiers_cover_every_state_once() {
    let server = TestServer::start().await;
    let now = chrono::Utc::now();
    let clock = Arc::new(ansinh_app::ManualClock::new(now));
    let (seeder, _) = ansinh_server::open_app_with_clock(&server.settings, clock.clone())
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let created = seeder
        .dossiers
        .seed_demo_dossiers(&clock, 1, 14, now)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        created, 30,
        "one commune of each demo province, 14 dossiers each and one past its appointment"
    );
    let again = seeder
        .dossiers
        .seed_demo_dossiers(&clock, 1, 14, now)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again, 0, "a second start seeds nothing");
    let query = "query($s: DossierStatus!) { dossiers(filter: {statuses: [$s]}) { totalCount } }";
    for status in [
        "DRAFT",
        "IN_PROGRESS",
        "AWAITING_SUPPLEMENT",
        "REWORK_REQUESTED",
        "RESULT_ARRIVED",
        "COMPLETED",
        "RETURNED_INELIGIBLE",
        "REJECTED",
        "WITHDRAWN",
    ] {
        let data = server
            .data_as("04", "theodoi.04", query, json!({"s": status}))
            .await;
        let count = data["dossiers"]["totalCount"].as_u64().unwrap_or_default();
        assert!(count > 0, "no {status} dossier in the demo");
    }
}
