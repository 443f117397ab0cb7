//! Two processes on one PostgreSQL database and one Redis: a change made through one replica
//! holds on the very next request to the other, which had the officer's principal and the
//! policy cached (no waiting, no retry: the shared change counts are read per request).

use ansinh_testkit::{TestServer, require_postgres};
use serde_json::{Value, json};

const OFFICERS: &str = "{ officers { totalCount } }";
const GRANT: &str = "mutation($id: ID!) { grantRole(officerId: $id, grant: {role: COMMUNE_LEADER, unitId: \"01279@2025-07-01\"}) { role } }";
const REVOKE: &str = "mutation($id: ID!) { revokeRole(officerId: $id, grant: {role: COMMUNE_LEADER, unitId: \"01279@2025-07-01\"}) { role } }";

fn first_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("OK")
}

#[tokio::test]
#[ignore = "PostgreSQL + Redis: two processes share them"]
async fn a_role_change_or_logout_on_one_replica_holds_on_the_next_request_to_another() {
    require_postgres();
    assert!(
        std::env::var("ANSINH_TEST_REDIS_URL").is_ok(),
        "this test needs a shared Redis: set ANSINH_TEST_REDIS_URL (scripts/test.sh does)"
    );
    let server = TestServer::start().await;
    let replica = server.replica();
    let token = server.token("04", "vhxh.01279").await;
    let listed = |body: &Value| body["data"]["officers"]["totalCount"].clone();

    // Served by the replica twice: its principal and policy are cached from here on.
    for _ in 0..2 {
        let (_, body) = replica.graphql_with(&token, OFFICERS, json!({})).await;
        assert_eq!(
            listed(&body),
            json!(0),
            "a social officer lists nobody: {body}"
        );
    }

    let id = server.officer_id("04", "vhxh.01279").await;
    server.data("04", GRANT, json!({"id": id})).await;
    let (_, body) = replica.graphql_with(&token, OFFICERS, json!({})).await;
    // The commune's five officers and the two of each of the three communes merged into it.
    assert_eq!(
        listed(&body),
        json!(11),
        "granted on the first replica: {body}"
    );

    server.data("04", REVOKE, json!({"id": id})).await;
    let (_, body) = replica.graphql_with(&token, OFFICERS, json!({})).await;
    assert_eq!(
        listed(&body),
        json!(0),
        "revoked on the first replica: {body}"
    );

    let (_, body) = server
        .graphql_with(Some(&token), "mutation { logout }", json!({}))
        .await;
    assert_eq!(body["data"]["logout"], json!(true), "{body}");
    let (_, body) = replica.graphql_with(&token, OFFICERS, json!({})).await;
    assert_eq!(first_code(&body), "UNAUTHENTICATED", "logged out: {body}");
}
