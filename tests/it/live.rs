//! Live queues over `graphql-transport-ws`: a forward made through one gateway reaches the
//! next handler's socket on another (Redis pub/sub between them) well within a second; one
//! process without Redis delivers too; a socket cannot authenticate with an expired or
//! forged token, is closed when its session ends, and a caller who lost the role is told so.

use std::time::Duration;

use ansinh_testkit::{Desk, LiveEvent, LiveSocket, Options, TestServer, require_postgres};
use serde_json::{Value, json};

const UNIT: &str = "01290@2025-07-01";
const QUEUE: &str = "subscription { queueChanged { dossierId action arrived resync } }";
const DOSSIER: &str =
    "subscription($id: ID!) { dossierChanged(id: $id) { dossierId version status action } }";

async fn received(server: &TestServer, user: &str) -> Value {
    let created = server
        .data_as(
            "04",
            user,
            "mutation($u: ID!) { createDossier(procedure: \"2.000286\", unitId: $u, applicantName: \"Nông Thị Mai\") { id } }",
            json!({"u": UNIT}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    server
        .data_as(
            "04",
            user,
            "mutation($id: ID!) { receiveDossier(id: $id) { status } }",
            json!({"id": id}),
        )
        .await;
    id
}

async fn forward(server: &TestServer, id: &Value) {
    server
        .data_as(
            "04",
            "tiepnhan.01290",
            "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"tham-dinh\", note: \"Đủ\") { status } }",
            json!({"id": id}),
        )
        .await;
}

async fn socket(base_url: &str, token: &str) -> LiveSocket {
    LiveSocket::connect(base_url, token)
        .await
        .unwrap_or_else(|refused| panic!("not connected: {refused:?}"))
}

fn next_payload(event: &LiveEvent) -> Value {
    match event {
        LiveEvent::Message(message) if message["type"] == "next" => message["payload"].clone(),
        other => panic!("expected a next message, got {other:?}"),
    }
}

/// The handler subscribes on `live_url`, the forward goes through `server`.
async fn forward_is_seen_live(server: &TestServer, live_url: &str) {
    let id = received(server, "tiepnhan.01290").await;
    let social = server.token("04", "vhxh.01290").await;
    let reception = server.token("04", "tiepnhan.01290").await;
    let mut queue = socket(live_url, &social).await;
    queue.subscribe("q", QUEUE, json!({})).await;
    let mut page = socket(live_url, &reception).await;
    page.subscribe("d", DOSSIER, json!({"id": id})).await;
    // Subscriptions start on the server's side asynchronously: give them a moment.
    tokio::time::sleep(Duration::from_millis(200)).await;
    forward(server, &id).await;
    let arrived = queue.next(Duration::from_secs(1)).await;
    assert_eq!(
        next_payload(&arrived),
        json!({"data": {"queueChanged": {"dossierId": id, "action": "forward", "arrived": true, "resync": false}}})
    );
    let changed = page.next(Duration::from_secs(1)).await;
    assert_eq!(
        next_payload(&changed),
        json!({"data": {"dossierChanged": {"dossierId": id, "version": 2, "status": "IN_PROGRESS", "action": "forward"}}})
    );
    // One change, one event.
    assert_eq!(
        queue.next(Duration::from_millis(300)).await,
        LiveEvent::Silent
    );
}

#[tokio::test]
#[ignore = "PostgreSQL + Redis only: run by scripts/test.sh with --include-ignored"]
async fn a_forward_through_one_gateway_reaches_the_handler_on_another() {
    require_postgres();
    let server = TestServer::start().await;
    assert!(server.settings.redis.url.is_some(), "needs Redis");
    let other = server.replica();
    forward_is_seen_live(&server, &other.base_url).await;
}

#[tokio::test]
async fn without_redis_one_process_delivers() {
    let server = TestServer::start_with(Options {
        redis_url: None,
        ..Options::default()
    })
    .await;
    forward_is_seen_live(&server, &server.base_url).await;
    // Over HTTP a subscription is refused (it is served on /graphql/ws).
    let token = server.token("04", "vhxh.01290").await;
    let (_, body) = server
        .post_with_token(Some(&token), &json!({ "query": QUEUE }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"],
        json!({"code": "GRAPHQL_VALIDATION_FAILED", "detail": "Subscriptions are not supported on this transport."})
    );
}

#[tokio::test]
async fn an_expired_or_forged_token_cannot_subscribe_and_an_ended_session_is_closed() {
    let desk = Desk::open_with(
        "04",
        "2026-03-02T08:00:00",
        Options {
            redis_url: None,
            ..Options::default()
        },
    )
    .await;
    let server = &desk.server;
    let early = server.token("04", "vhxh.01290").await;
    for token in ["not-a-token", "eyJhbGciOiJub25lIn0.e30."] {
        let refused = LiveSocket::connect(&server.base_url, token).await.err();
        assert_eq!(
            refused,
            Some(LiveEvent::Closed(
                4403,
                "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại".to_owned()
            ))
        );
    }
    desk.at("2026-03-02T08:16:00").await;
    let expired = LiveSocket::connect(&server.base_url, &early).await.err();
    assert!(
        matches!(expired, Some(LiveEvent::Closed(4403, _))),
        "{expired:?}"
    );

    // Logged out elsewhere: the open socket is closed within the next check (5 s).
    let token = server.token("04", "vhxh.01290").await;
    let mut open = socket(&server.base_url, &token).await;
    open.subscribe("q", QUEUE, json!({})).await;
    server
        .graphql_with(Some(&token), "mutation { logout }", json!({}))
        .await;
    let closed = open.next(Duration::from_secs(7)).await;
    assert_eq!(
        closed,
        LiveEvent::Closed(4401, "Phiên đăng nhập đã kết thúc".to_owned())
    );
}

#[tokio::test]
async fn a_caller_who_lost_the_role_is_told_and_hears_no_more() {
    let server = TestServer::start_with(Options {
        redis_url: None,
        ..Options::default()
    })
    .await;
    let id = received(&server, "tiepnhan.01290").await;
    let social = server.token("04", "vhxh.01290").await;
    let mut queue = socket(&server.base_url, &social).await;
    queue.subscribe("q", QUEUE, json!({})).await;
    let officer = server.officer_id("04", "vhxh.01290").await;
    let roles = server
        .data_as(
            "04",
            "quantri.04",
            "query($id: ID!) { officer(id: $id) { roles { role unitId } } }",
            json!({"id": officer}),
        )
        .await;
    for role in roles["officer"]["roles"].as_array().into_iter().flatten() {
        server
            .data_as(
                "04",
                "quantri.04",
                "mutation($id: ID!, $g: RoleGrantInput!) { revokeRole(officerId: $id, grant: $g) { role } }",
                json!({"id": officer, "g": {"role": role["role"], "unitId": role["unitId"]}}),
            )
            .await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    forward(&server, &id).await;
    let told = queue.next(Duration::from_secs(1)).await;
    let LiveEvent::Message(message) = &told else {
        panic!("{told:?}")
    };
    assert_eq!(
        message["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{told:?}"
    );
    let ended = queue.next(Duration::from_secs(1)).await;
    assert_eq!(
        ended,
        LiveEvent::Message(json!({"id": "q", "type": "complete"}))
    );
}
