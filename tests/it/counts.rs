//! Listing totals are counted up to 10,000: a folder or a province-wide listing with more
//! matches answers 10,001 with `totalCountExact: false` (the count stops there instead of
//! scanning the province); a narrower filter gets the exact figure.

use ansinh_testkit::{TestServer, require_postgres};
use sea_orm::{ConnectionTrait, Database, TransactionTrait};
use serde_json::{Value, json};

const DOSSIERS: u32 = 10_005;
const MINE: &str = "query($filter: DossierFilterInput) { myDossiers(folder: IN_PROGRESS,
    filter: $filter, first: 2) { totalCount totalCountExact pageInfo { hasNextPage } } }";
const ALL: &str = "query($filter: DossierFilterInput) { dossiers(filter: $filter, first: 2) {
    totalCount totalCountExact } }";

/// Inserts dossiers in progress at reception, held by `holder`, straight into the table (the
/// use cases would take minutes for ten thousand).
async fn load(owner_url: &str, holder: &str) {
    let owner = Database::connect(owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let txn = owner.begin().await.unwrap_or_else(|e| panic!("{e}"));
    txn.execute_unprepared("SELECT set_config('ansinh.tenant', '04', true)")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let insert = format!(
        "INSERT INTO dossiers (tenant_id, id, code, procedure_code, workflow_code, config_version,
           unit_id, agency, status, step, holder, created_by, version, applicant_name,
           applicant_name_folded, applicant_id_number, created_at, updated_at, received_by,
           received_at, step_started_at, step_warn_at, step_due_at, due_at, fields)
         SELECT '04', 'many-' || g, '04.01273-M-' || lpad(g::text, 6, '0'), '2.000286',
           'tro-cap-hang-thang-2-cap', (SELECT max(version) FROM config_versions WHERE tenant_id = '04'),
           '01273@2025-07-01', '04.01273', 'in_progress', 'tiep-nhan', '{holder}', '{holder}', 1,
           'Người nộp ' || g, 'nguoi nop ' || g, lpad(g::text, 12, '0'), now(), now(), '{holder}',
           now(), now(), now() + interval '2 hours', now() + interval '4 hours',
           now() + interval '14 days', '{{}}'
         FROM generate_series(1, {DOSSIERS}) AS g"
    );
    txn.execute_unprepared(&insert)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
}

fn totals(body: &Value, field: &str) -> (Value, Value) {
    let connection = &body["data"][field];
    (
        connection["totalCount"].clone(),
        connection["totalCountExact"].clone(),
    )
}

#[tokio::test]
#[ignore = "PostgreSQL only: run by scripts/test.sh with --include-ignored"]
async fn totals_stop_at_ten_thousand_and_say_so() {
    require_postgres();
    let server = TestServer::start().await;
    let holder = server.officer_id("04", "tiepnhan.01273").await;
    load(
        &server.database.owner_url,
        holder.as_str().unwrap_or_default(),
    )
    .await;

    let reception = server.token("04", "tiepnhan.01273").await;
    let (_, body) = server.graphql_with(Some(&reception), MINE, json!({})).await;
    assert_eq!(
        totals(&body, "myDossiers"),
        (json!(10_001), json!(false)),
        "{body}"
    );
    assert_eq!(
        body["data"]["myDossiers"]["pageInfo"]["hasNextPage"],
        json!(true)
    );
    // A code prefix narrows it to 000120–000129: ten, exactly.
    let narrow = json!({"filter": {"search": "04.01273-M-00012"}});
    let (_, body) = server.graphql_with(Some(&reception), MINE, narrow).await;
    assert_eq!(
        totals(&body, "myDossiers"),
        (json!(10), json!(true)),
        "{body}"
    );

    let viewer = server.token("04", "theodoi.04").await;
    let (_, body) = server.graphql_with(Some(&viewer), ALL, json!({})).await;
    assert_eq!(
        totals(&body, "dossiers"),
        (json!(10_001), json!(false)),
        "{body}"
    );
}
