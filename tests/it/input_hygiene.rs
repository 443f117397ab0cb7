//! Everything stored is text people will print: lengths are bounded, control and bidirectional
//! override characters are refused naming the field (on PostgreSQL a NUL never reaches the
//! database), and every search matches `%` and `_` literally.

use ansinh_testkit::{Desk, TestServer};
use serde_json::{Value, json};

const UNIT: &str = "01290@2025-07-01";
const CREATE: &str = "mutation($u: ID!, $n: String!, $f: [DossierFieldInput!]) {
    createDossier(procedure: \"2.000286\", unitId: $u, applicantName: $n, fields: $f) { id applicantName } }";
const UPDATE: &str = "mutation($id: ID!, $input: DossierUpdateInput!, $note: String) {
    updateDossier(id: $id, input: $input, note: $note) { applicantName } }";

/// The first error's code, field and message.
fn error(body: &Value) -> (String, String, String) {
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let first = &body["errors"][0];
    (
        text(&first["extensions"]["code"]),
        text(&first["extensions"]["field"]),
        text(&first["message"]),
    )
}

async fn create(desk: &Desk, name: &str, fields: Value) -> Value {
    desk.server
        .body_as(
            "04",
            "tiepnhan.01290",
            CREATE,
            json!({"u": UNIT, "n": name, "f": fields}),
        )
        .await
}

#[tokio::test]
async fn names_and_free_texts_have_length_limits_on_create_and_update() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let longest = "Nông ".repeat(40);
    let created = create(&desk, &longest, json!([])).await;
    assert_eq!(
        created["data"]["createDossier"]["applicantName"],
        longest.trim()
    );
    let too_long = create(&desk, &"a".repeat(201), json!([])).await;
    assert_eq!(
        error(&too_long),
        (
            "TEXT_TOO_LONG".to_owned(),
            "applicantName".to_owned(),
            "họ tên người nộp hồ sơ dài quá 200 ký tự; hãy viết ngắn gọn hơn".to_owned()
        )
    );
    let field = create(
        &desk,
        "Nông Văn A",
        json!([{"name": "dia_chi", "value": "x".repeat(1001)}]),
    )
    .await;
    assert_eq!(
        (error(&field).0, error(&field).1),
        ("TEXT_TOO_LONG".to_owned(), "fields.dia_chi".to_owned())
    );
    let id = created["data"]["createDossier"]["id"].clone();
    let renamed = desk
        .server
        .body_as(
            "04",
            "tiepnhan.01290",
            UPDATE,
            json!({"id": id, "input": {"applicantName": "b".repeat(201)}}),
        )
        .await;
    assert_eq!(error(&renamed).1, "applicantName");
    assert_eq!(error(&renamed).0, "TEXT_TOO_LONG");
    let note = desk
        .server
        .body_as(
            "04",
            "tiepnhan.01290",
            UPDATE,
            json!({"id": id, "input": {"applicantName": "Nông Văn B"}, "note": "n".repeat(2001)}),
        )
        .await;
    assert_eq!(
        (error(&note).0, error(&note).1),
        ("TEXT_TOO_LONG".to_owned(), "note".to_owned())
    );
    // Nothing was changed by the refused updates.
    let read = "query($id: ID!) { dossier(id: $id) { applicantName timeline { action } } }";
    let dossier = desk.ok("tiepnhan.01290", read, json!({"id": id})).await;
    assert_eq!(dossier["dossier"]["applicantName"], longest.trim());
    assert_eq!(
        dossier["dossier"]["timeline"],
        json!([{"action": "create"}])
    );
}

#[tokio::test]
async fn control_and_bidi_characters_are_refused_naming_the_field() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    for (name, code_point) in [
        ("Nông\u{0}Văn", "U+0000"),
        ("Nông\u{7}Văn", "U+0007"),
        ("Nông\u{9b}Văn", "U+009B"),
        ("Nông\u{202e}Văn", "U+202E"),
        ("Nông\u{2067}Văn", "U+2067"),
    ] {
        let body = create(&desk, name, json!([])).await;
        let (code, field, message) = error(&body);
        assert_eq!(
            (code.as_str(), field.as_str()),
            ("INVALID_INPUT", "applicantName"),
            "{body}"
        );
        assert!(
            message.contains(code_point) && message.contains("vị trí 5"),
            "{message}"
        );
    }
    // A line break is refused in a name but kept in a multi-line field.
    let body = create(&desk, "Nông\nVăn", json!([])).await;
    assert_eq!(error(&body).0, "INVALID_INPUT");
    let body = create(
        &desk,
        "Nông Văn A",
        json!([{"name": "hoan_canh", "value": "Hộ nghèo.\nSống một mình."}]),
    )
    .await;
    assert!(body["errors"].is_null(), "{body}");
    // Literal arguments and nested inputs are checked alike; a NUL in an id or a search never
    // reaches the database as an internal error.
    let literal = "mutation { createDossier(procedure: \"2.000286\", unitId: \"01290@2025-07-01\",
        applicantName: \"A\", fields: [{name: \"dia_chi\", value: \"Th\\u0000\"}]) { id } }";
    let body = desk
        .server
        .body_as("04", "tiepnhan.01290", literal, json!({}))
        .await;
    assert_eq!(
        (error(&body).0, error(&body).1),
        ("INVALID_INPUT".to_owned(), "fields[0].value".to_owned())
    );
    for (query, variables, field) in [
        (
            "query($id: ID!) { dossier(id: $id) { id } }",
            json!({"id": "abc\u{0}"}),
            "id",
        ),
        (
            "query($s: String) { dossiers(filter: {search: $s}) { totalCount } }",
            json!({"s": "\u{0}"}),
            "filter.search",
        ),
        (
            "query($s: String) { officers(search: $s) { totalCount } }",
            json!({"s": "a\u{0}"}),
            "search",
        ),
        (
            "query($s: String) { units(search: $s) { totalCount } }",
            json!({"s": "a\u{202d}"}),
            "search",
        ),
    ] {
        let body = desk
            .server
            .body_as("04", "lanhdao.01290", query, variables)
            .await;
        assert_eq!(
            (error(&body).0.as_str(), error(&body).1.as_str()),
            ("INVALID_INPUT", field),
            "{body}"
        );
    }
    let login = desk
        .server
        .login("04", "tiepnhan.01290\u{0}", "Ansinh@2026\u{0}")
        .await;
    assert_eq!(error(&login).0, "INVALID_INPUT", "{login}");
}

#[tokio::test]
async fn the_officer_search_matches_wildcards_literally() {
    let server = TestServer::start().await;
    let count = |search: &'static str| {
        let server = &server;
        async move {
            let data = server
                .data(
                    "04",
                    "query($s: String) { officers(search: $s, first: 100) { totalCount } }",
                    json!({"s": search}),
                )
                .await;
            data["officers"]["totalCount"].as_u64().unwrap_or(u64::MAX)
        }
    };
    assert!(count("tiepnhan.0127").await > 0);
    assert_eq!(count("%").await, 0);
    assert_eq!(count("_").await, 0);
    assert_eq!(count("tiepnhan_01273").await, 0);
    assert_eq!(count("vhxh2.01273").await, 1);
}
