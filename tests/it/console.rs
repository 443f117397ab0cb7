//! The console as the gateway serves it: security headers on every file, the single-page
//! fallback, and the cookie sessions of `/auth` (login, rotation on refresh, logout).

use ansinh_testkit::{PASSWORD, TestServer, admin_of};
use serde_json::{Value, json};

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The `ansinh_refresh` cookie set by a response, as `name=value`, with its attributes.
fn refresh_cookie(response: &reqwest::Response) -> (String, String) {
    let set = header(response, "set-cookie").to_owned();
    let (pair, attributes) = set.split_once(';').unwrap_or((&set, ""));
    (pair.to_owned(), attributes.trim().to_owned())
}

async fn post(
    server: &TestServer,
    path: &str,
    cookie: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut request = server.client().post(server.url(path)).json(&body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn the_console_comes_with_a_strict_policy_and_its_routes_fall_back_to_the_page() {
    let server = TestServer::bare().await;
    for path in ["/", "/ho-so/04.01273-261202-0001", "/quan-tri/can-bo"] {
        let response = server
            .client()
            .get(server.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            header(&response, "content-type"),
            "text/html; charset=utf-8"
        );
        assert_eq!(header(&response, "cache-control"), "no-cache");
        assert_eq!(header(&response, "x-frame-options"), "DENY");
        let policy = header(&response, "content-security-policy");
        assert!(policy.contains("script-src 'self';"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let page = response.text().await.unwrap_or_default();
        assert!(page.contains(r#"<div id="root"></div>"#), "{page}");
        assert!(!page.contains("<script>"), "no inline script: {page}");
    }
    let missing = server
        .client()
        .get(server.url("/assets/index-old.js"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn a_console_session_lives_in_an_http_only_cookie_that_rotates_and_ends() {
    let server = TestServer::start().await;
    let username = admin_of("04");
    let login = post(
        &server,
        "/auth/login",
        None,
        json!({ "tenant": "04", "username": username, "password": PASSWORD }),
    )
    .await;
    assert_eq!(login.status(), 200);
    let (first, attributes) = refresh_cookie(&login);
    assert!(first.starts_with("ansinh_refresh=04."), "{first}");
    assert!(
        attributes.contains("HttpOnly")
            && attributes.contains("SameSite=Strict")
            && attributes.contains("Path=/auth"),
        "{attributes}"
    );
    let body: Value = login.json().await.unwrap_or_default();
    assert!(body["accessToken"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(
        body.get("refreshToken"),
        None,
        "the page never sees the refresh token"
    );

    let renewed = post(&server, "/auth/refresh", Some(&first), json!({})).await;
    assert_eq!(renewed.status(), 200);
    let (second, _) = refresh_cookie(&renewed);
    assert_ne!(first, second);
    let token = renewed.json::<Value>().await.unwrap_or_default()["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (_, me) = server
        .post_with_token(Some(&token), &json!({ "query": "{ me { username } }" }))
        .await;
    assert_eq!(me["data"]["me"]["username"], json!(username));

    // The rotated-out cookie is refused (and, replayed, ends the session).
    let replay = post(&server, "/auth/refresh", Some(&first), json!({})).await;
    assert_eq!(replay.status(), 401);
    let replayed: Value = replay.json().await.unwrap_or_default();
    assert_eq!(
        replayed["errors"][0]["extensions"]["code"],
        json!("UNAUTHENTICATED")
    );

    let again = post(
        &server,
        "/auth/login",
        None,
        json!({ "tenant": "04", "username": username, "password": PASSWORD }),
    )
    .await;
    let (cookie, _) = refresh_cookie(&again);
    let logout = post(&server, "/auth/logout", Some(&cookie), json!({})).await;
    assert_eq!(logout.status(), 200);
    assert!(header(&logout, "set-cookie").starts_with("ansinh_refresh=; Path=/auth; Max-Age=0"));
    let after = post(&server, "/auth/refresh", Some(&cookie), json!({})).await;
    assert_eq!(after.status(), 401);
}

#[tokio::test]
async fn a_wrong_password_and_a_form_that_is_not_json_get_their_codes() {
    let server = TestServer::start().await;
    let wrong = post(
        &server,
        "/auth/login",
        None,
        json!({ "tenant": "04", "username": admin_of("04"), "password": "sai" }),
    )
    .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(header(&wrong, "set-cookie"), "");
    let body: Value = wrong.json().await.unwrap_or_default();
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        json!("INVALID_CREDENTIALS")
    );

    let form = server
        .client()
        .post(server.url("/auth/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("tenant=04")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(form.status(), 415);
}

/// Every operation the console sends (the documents graphql-codegen collected from `web/src`).
fn console_operations() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../web/src/gql/gql.ts");
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (_, table) = source
        .split_once("const documents: Documents = {")
        .unwrap_or_else(|| panic!("no documents table in {path}"));
    let (table, _) = table.split_once("\n};").unwrap_or_default();
    table
        .lines()
        .filter_map(|line| line.trim().rsplit_once(": types."))
        .map(|(literal, _)| {
            serde_json::from_str::<String>(literal).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

/// The limit codes a document is refused with, sent as the console sends it (no variables here:
/// depth and complexity are judged before variables are, so nothing runs).
async fn limits_refusing(server: &TestServer, query: &str) -> Vec<String> {
    let (_, body) = server
        .post_with_token(None, &json!({ "query": query }))
        .await;
    let limits = [
        "QUERY_TOO_DEEP",
        "QUERY_TOO_COMPLEX",
        "TOO_MANY_DIRECTIVES",
        "PAYLOAD_TOO_LARGE",
    ];
    body["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|error| error["extensions"]["code"].as_str())
        .filter(|code| limits.contains(code))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn no_console_operation_is_refused_by_the_gateway_limits() {
    let server = TestServer::start().await;
    let operations = console_operations();
    assert!(
        operations.len() >= 25,
        "{} operations found",
        operations.len()
    );
    for operation in &operations {
        assert_eq!(
            limits_refusing(&server, operation).await,
            Vec::<String>::new(),
            "{operation}"
        );
    }
    // The same check refuses what is over the limits: a page of 200 dossiers with their SLA.
    let heavy = "{ myDossiers(folder: IN_PROGRESS, first: 200) { nodes { code
        sla { steps { step dueAt status explanation { date kind counted } } } } } }";
    assert_eq!(limits_refusing(&server, heavy).await, ["QUERY_TOO_COMPLEX"]);
}
