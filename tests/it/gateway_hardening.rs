//! Hardening probes against a running server: each asserts the exact status and error code.

use ansinh_testkit::{Options, TestServer};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const JSON: &str = "application/json";

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn get_with_a_mutation_is_refused_with_405() {
    let server = TestServer::bare().await;
    let path = "/graphql?query=mutation%20%7B%20anything%20%7D";
    let (status, allow, body) = server.send_raw(Method::GET, path, JSON, "").await;
    assert_eq!((status, allow.as_deref()), (405, Some("POST")));
    assert_eq!(code(&body), "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn non_json_content_types_are_refused_with_415_and_multipart_needs_the_csrf_header() {
    let server = TestServer::bare().await;
    let query = json!({ "query": "mutation { anything }" }).to_string();
    for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
        let (status, _, body) = server
            .send_raw(Method::POST, "/graphql", content_type, query.clone())
            .await;
        assert_eq!(status, 415, "{content_type}");
        assert_eq!(code(&body), "UNSUPPORTED_MEDIA_TYPE");
    }
    // A form can post multipart cross-site; only a request with the custom header (which needs
    // a preflight this server never grants) is read as an upload.
    let (status, _, body) = server
        .send_raw(
            Method::POST,
            "/graphql",
            "multipart/form-data; boundary=x",
            query,
        )
        .await;
    assert_eq!((status, code(&body)), (400, "CSRF_HEADER_REQUIRED"));
}

#[tokio::test]
async fn a_batch_of_500_operations_is_refused_and_10_are_served() {
    let server = TestServer::start().await;
    let batch: Vec<Value> = (0..500)
        .map(|_| json!({ "query": "{ tenants { code } }" }))
        .collect();
    let (status, body) = server.post_json(Some("04"), &Value::Array(batch)).await;
    assert_eq!(status, 400);
    assert_eq!(code(&body), "BATCH_TOO_LARGE");

    let batch: Vec<Value> = (0..10)
        .map(|_| json!({ "query": "{ tenants { code } }" }))
        .collect();
    let (status, body) = server.post_json(Some("04"), &Value::Array(batch)).await;
    assert_eq!(status, 200);
    assert_eq!(body.as_array().map(Vec::len), Some(10));
    assert_eq!(
        body[9]["data"]["tenants"],
        json!([{"code": "04"}, {"code": "12"}, {"code": "VN"}])
    );
}

#[tokio::test]
async fn a_query_nested_too_deep_is_refused() {
    let server = TestServer::start().await;
    let mut selection = String::from("id");
    for _ in 0..12 {
        selection = format!("parent {{ {selection} }}");
    }
    let query = format!("{{ unit(id: \"01654@2025-07-01\") {{ {selection} }} }}");
    assert_eq!(
        server.error_code(Some("04"), &query, json!({})).await,
        "QUERY_TOO_DEEP"
    );
}

#[tokio::test]
async fn an_overly_complex_query_is_refused() {
    let server = TestServer::start().await;
    let query = "{ units(first: 100) { edges { node { descendants(first: 100) { edges { node { children { id } } } } } } } }";
    assert_eq!(
        server.error_code(Some("04"), query, json!({})).await,
        "QUERY_TOO_COMPLEX"
    );
}

#[tokio::test]
async fn too_many_directives_on_a_field_are_refused() {
    let server = TestServer::start().await;
    let directives = " @skip(if: false)".repeat(6);
    let query = format!("{{ tenants {{ code{directives} }} }}");
    assert_eq!(
        server.error_code(Some("04"), &query, json!({})).await,
        "TOO_MANY_DIRECTIVES"
    );
}

#[tokio::test]
async fn introspection_is_off_by_default_and_on_when_enabled() {
    let server = TestServer::bare().await;
    for query in [
        "{ __schema { types { name } } }",
        "{ __type(name: \"AdminUnit\") { name } }",
        "query { ...q } fragment q on Query { __schema { queryType { name } } }",
    ] {
        assert_eq!(
            server.error_code(None, query, json!({})).await,
            "INTROSPECTION_DISABLED",
            "{query}"
        );
    }
    let (status, body) = server.graphql(None, "{ __typename }", json!({})).await;
    assert_eq!(
        (status, &body["data"]["__typename"]),
        (200, &json!("Query"))
    );

    let open = TestServer::start_with(Options {
        load_config: false,
        introspection: true,
        ..Options::default()
    })
    .await;
    let (status, body) = open
        .graphql(None, "{ __type(name: \"AdminUnit\") { name } }", json!({}))
        .await;
    assert_eq!(
        (status, &body["data"]["__type"]["name"]),
        (200, &json!("AdminUnit"))
    );
    // GraphiQL's own introspection query (nine `ofType` deep) passes where introspection is
    // on, so its explorer and autocompletion work; and is refused, not answered, where it is off.
    let graphiql = include_str!("../fixtures/graphiql-introspection.graphql");
    let (status, body) = open.graphql(None, graphiql, json!({})).await;
    assert_eq!(status, 200);
    assert!(body["errors"].is_null(), "{body}");
    let types = body["data"]["__schema"]["types"].as_array().map(Vec::len);
    assert!(types.unwrap_or_default() > 50, "{types:?}");
    assert_eq!(
        server.error_code(None, graphiql, json!({})).await,
        "INTROSPECTION_DISABLED"
    );
    // Ordinary fields keep the depth limit there too.
    let mut selection = String::from("code");
    for _ in 0..12 {
        selection = format!("parent {{ {selection} }}");
    }
    let deep = format!("{{ unit(id: \"01654@2025-07-01\") {{ {selection} }} }}");
    let (_, body) = open.graphql(None, &deep, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TOO_DEEP");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let server = TestServer::bare().await;
    let padding = " ".repeat(server.settings.server.max_body_bytes + 1);
    let body = format!("{{\"query\": \"{{ tenants {{ code }} }}\"{padding}}}");
    let (status, _, body) = server.send_raw(Method::POST, "/graphql", JSON, body).await;
    assert_eq!(status, 413);
    assert_eq!(code(&body), "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn malformed_json_and_syntax_errors_get_codes() {
    let server = TestServer::bare().await;
    let (status, _, body) = server
        .send_raw(Method::POST, "/graphql", JSON, "{\"query\": ")
        .await;
    assert_eq!(status, 400);
    assert_eq!(code(&body), "BAD_REQUEST_BODY");
    assert_eq!(
        server
            .error_code(None, "{ tenants { code }", json!({}))
            .await,
        "GRAPHQL_PARSE_FAILED"
    );
    assert_eq!(
        server.error_code(None, "{ nothing }", json!({})).await,
        "GRAPHQL_VALIDATION_FAILED"
    );
}

#[tokio::test]
async fn an_internal_error_is_masked_with_a_trace_id() {
    let server = TestServer::start().await;
    // Break the database under the running server: the next unit query fails inside the driver.
    let owner = Database::connect(&server.database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    owner
        .execute_unprepared("ALTER TABLE admin_units RENAME COLUMN name_folded TO gone")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, body) = server
        .graphql(
            Some("04"),
            "{ units(search: \"hoa\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(code(&body), "INTERNAL");
    let trace_id = body["errors"][0]["extensions"]["traceId"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(trace_id.len(), 32, "{body}");
    let text = body.to_string().to_lowercase();
    for leak in [
        "name_folded",
        "admin_units",
        "no such column",
        "does not exist",
        "sqlite",
        "postgres",
        "relation",
        "select",
    ] {
        assert!(!text.contains(leak), "{leak} leaked in {body}");
    }
    assert_eq!(
        body["errors"][0]["message"],
        format!("lỗi hệ thống; hãy báo cho quản trị kèm mã truy vết {trace_id}")
    );
}

#[tokio::test]
async fn health_ready_and_graphiql_are_served() {
    let server = TestServer::bare().await;
    for (path, needle) in [
        ("/health", "\"ok\""),
        ("/ready", "\"ready\""),
        ("/graphiql", "graphiql.min.js"),
        ("/graphiql/graphiql.min.css", ".graphiql-container"),
    ] {
        let response = server
            .client()
            .get(server.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let text = response.text().await.unwrap_or_default();
        assert!(text.contains(needle), "{path} lacks {needle}");
        assert!(!text.contains("cdn."), "{path} refers to a CDN");
    }
}
