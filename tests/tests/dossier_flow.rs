//! The monthly-allowance path through GraphQL, each officer with their own login: queues,
//! holders, the timeline, and isolation between communes.

use ansinh_testkit::TestServer;
use serde_json::{Value, json};

async fn as_user(server: &TestServer, user: &str, query: &str, variables: Value) -> Value {
    let token = server.token("04", user).await;
    let (status, body) = server.graphql_with(Some(&token), query, variables).await;
    assert_eq!(status, 200);
    body
}

async fn id_of(server: &TestServer, user: &str) -> Value {
    as_user(server, user, "{ me { id } }", json!({})).await["data"]["me"]["id"].clone()
}

fn ok<'a>(body: &'a Value, field: &str) -> &'a Value {
    assert!(body.get("errors").is_none(), "{body}");
    &body["data"][field]
}

#[tokio::test]
async fn monthly_allowance_from_reception_to_result() {
    let server = TestServer::start().await;
    let create = "mutation { createDossier(procedure: \"2.000286\", unitId: \"01273@2025-07-01\",
        applicantName: \"Nông Thị Mai\", applicantIdNumber: \"004123456789\") { id code status } }";
    let body = as_user(&server, "tiepnhan.01273", create, json!({})).await;
    let created = ok(&body, "createDossier").clone();
    assert_eq!(created["status"], "DRAFT");
    let id = created["id"].clone();

    let queue =
        "query($f: DossierFolder!) { myDossiers(folder: $f) { totalCount edges { node { id } } } }";
    let drafts = as_user(&server, "tiepnhan.01273", queue, json!({"f": "TO_RECEIVE"})).await;
    assert_eq!(ok(&drafts, "myDossiers")["totalCount"], 1);

    let receive = "mutation($id: ID!) { receiveDossier(id: $id) { status step } }";
    let body = as_user(&server, "tiepnhan.01273", receive, json!({"id": id})).await;
    assert_eq!(
        ok(&body, "receiveDossier"),
        &json!({"status": "IN_PROGRESS", "step": "tiep-nhan"})
    );

    let forward = "mutation($id: ID!, $to: String!, $h: ID!) {
        forwardDossier(id: $id, toStep: $to, handlerId: $h, note: \"Đủ thành phần\") { status step holderId } }";
    let social = id_of(&server, "vhxh.01273").await;
    let body = as_user(
        &server,
        "tiepnhan.01273",
        forward,
        json!({"id": id, "to": "tham-dinh", "h": social}),
    )
    .await;
    assert_eq!(ok(&body, "forwardDossier")["holderId"], social);

    // "The next officer cannot see it": it is in their queue, and the holder says where it is.
    let mine = as_user(&server, "vhxh.01273", queue, json!({"f": "IN_PROGRESS"})).await;
    assert_eq!(ok(&mine, "myDossiers")["edges"][0]["node"]["id"], id);
    let not_yours = as_user(&server, "tiepnhan.01273", receive, json!({"id": id})).await;
    assert_eq!(
        not_yours["errors"][0]["extensions"]["code"],
        "ACTION_NOT_ALLOWED"
    );
    // Another commune does not see it at all.
    let detail = "query($id: ID!) { dossier(id: $id) { code timeline { version action note } } }";
    let elsewhere = as_user(&server, "vhxh.01279", detail, json!({"id": id})).await;
    assert_eq!(elsewhere["errors"][0]["extensions"]["code"], "NOT_FOUND");

    let leader = id_of(&server, "lanhdao.01273").await;
    let body = as_user(
        &server,
        "vhxh.01273",
        forward,
        json!({"id": id, "to": "lanh-dao-quyet-dinh", "h": leader}),
    )
    .await;
    assert_eq!(ok(&body, "forwardDossier")["step"], "lanh-dao-quyet-dinh");
    let sign = "mutation($id: ID!, $h: ID!) { signDossier(id: $id, toStep: \"van-thu-phat-hanh\", handlerId: $h) { step } }";
    let clerk = id_of(&server, "vanthu.01273").await;
    let body = as_user(
        &server,
        "lanhdao.01273",
        sign,
        json!({"id": id, "h": clerk}),
    )
    .await;
    assert_eq!(ok(&body, "signDossier")["step"], "van-thu-phat-hanh");
    let issue = "mutation($id: ID!, $h: ID!) { issueDecision(id: $id, toStep: \"tra-ket-qua\", handlerId: $h, decisionNumber: \"15/QĐ-UBND\") { status } }";
    let reception = id_of(&server, "tiepnhan.01273").await;
    let body = as_user(
        &server,
        "vanthu.01273",
        issue,
        json!({"id": id, "h": reception}),
    )
    .await;
    assert_eq!(ok(&body, "issueDecision")["status"], "RESULT_ARRIVED");
    let arrived = as_user(
        &server,
        "tiepnhan.01273",
        queue,
        json!({"f": "RESULT_ARRIVED"}),
    )
    .await;
    assert_eq!(ok(&arrived, "myDossiers")["totalCount"], 1);
    let done = "mutation($id: ID!) { returnResult(id: $id) { status holderId } }";
    let body = as_user(&server, "tiepnhan.01273", done, json!({"id": id})).await;
    assert_eq!(
        ok(&body, "returnResult"),
        &json!({"status": "COMPLETED", "holderId": null})
    );

    let body = as_user(&server, "tiepnhan.01273", detail, json!({"id": id})).await;
    let timeline = ok(&body, "dossier")["timeline"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let actions: Vec<&str> = timeline
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        vec![
            "create",
            "receive",
            "forward",
            "forward",
            "sign",
            "issue",
            "return_result"
        ]
    );
    assert_eq!(timeline[2]["note"], "Đủ thành phần");
}
