//! Components handed in through the API: GraphQL multipart uploads (with the CSRF header),
//! content checks and caps, downloads through the gateway with short-lived tickets, isolation
//! between communes and provinces, a missing object, an object store that is down, and the
//! rule that a component received signed is never asked again on paper. On SQLite the files go
//! to a local folder; in the PostgreSQL pass to the S3-protocol test server (moto).

use ansinh_testkit::{Desk, JWT_SECRET, Options, TestClock, TestServer, TestStorage, UploadFile};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const UNIT: &str = "01290@2025-07-01";
const RECEPTION: &str = "tiepnhan.01290";
const DECLARATION: &str = "to-khai-mau-1";
const DISABILITY: &str = "giay-xac-nhan-khuyet-tat";
const ATTACH: &str = "mutation($d: ID!, $c: String!, $files: [Upload!]!, $o: UploadKind) {
    attachFiles(dossierId: $d, component: $c, files: $files, origin: $o) {
      id component provenance fileName mediaType sizeBytes sha256
      addedBy { username } download { url expiresAt } } }";
const ATTACHMENTS: &str = "query($id: ID!) { dossier(id: $id) { attachments { id component fileName download { url } } } }";

/// A one-page A4 PDF as a scanner writes one (with its cross-reference table).
pub(crate) fn pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        "<< /Title (To khai) >>",
    ];
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(bytes.len());
        bytes.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = bytes.len();
    bytes.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        bytes.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    bytes.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    bytes
}

fn pdf_file(name: &str) -> UploadFile {
    UploadFile::new(name, "application/pdf", pdf())
}

async fn received(server: &TestServer) -> Value {
    let created = server
        .data_as(
            "04",
            RECEPTION,
            "mutation($u: ID!) { createDossier(procedure: \"2.000286\", unitId: $u,
               applicantName: \"Nông Thị Mai\", applicantIdNumber: \"004190000123\") { id } }",
            json!({"u": UNIT}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    server
        .data_as(
            "04",
            RECEPTION,
            "mutation($id: ID!) { receiveDossier(id: $id) { status } }",
            json!({"id": id}),
        )
        .await;
    id
}

async fn upload(
    server: &TestServer,
    user: &str,
    dossier: &Value,
    component: &str,
    files: &[UploadFile],
) -> (u16, Value) {
    let token = server.token("04", user).await;
    let variables = json!({"d": dossier, "c": component});
    server.upload(&token, ATTACH, variables, files, true).await
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("OK")
}

async fn get(server: &TestServer, path: &str) -> (u16, Option<String>, Vec<u8>) {
    let response = server
        .client()
        .get(server.url(path))
        .send()
        .await
        .unwrap_or_else(|e| panic!("get {path}: {e}"));
    let status = response.status().as_u16();
    let media = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .bytes()
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    (status, media, bytes)
}

fn error_code_of(bytes: &[u8]) -> String {
    let body: Value = serde_json::from_slice(bytes).unwrap_or_default();
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_uploaded_pdf_comes_back_through_the_gateway_and_a_missing_object_is_not_found() {
    let server = TestServer::start().await;
    let dossier = received(&server).await;
    let (status, body) = upload(
        &server,
        RECEPTION,
        &dossier,
        DECLARATION,
        &[pdf_file("Tờ khai.pdf")],
    )
    .await;
    assert_eq!((status, code(&body)), (200, "OK"), "{body}");
    let added = &body["data"]["attachFiles"][0];
    assert_eq!(
        (
            &added["component"],
            &added["provenance"],
            &added["fileName"],
            &added["mediaType"]
        ),
        (
            &json!(DECLARATION),
            &json!("SCANNED"),
            &json!("Tờ khai.pdf"),
            &json!("application/pdf")
        )
    );
    assert_eq!(added["addedBy"]["username"], json!(RECEPTION));
    let keys = server.storage.object_keys().await;
    assert_eq!(keys.len(), 1);
    assert!(
        keys[0].starts_with("tenants/04/files/") && keys[0].len() == 49,
        "{keys:?}"
    );

    let listed = server
        .data_as("04", RECEPTION, ATTACHMENTS, json!({"id": dossier}))
        .await;
    let url = listed["dossier"]["attachments"][0]["download"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (status, media, bytes) = get(&server, &url).await;
    assert_eq!((status, media.as_deref()), (200, Some("application/pdf")));
    // The scan is kept signed by the reception officer: the upload, then the signature's
    // revision (Decision 1333/QĐ-BHXH).
    assert!(bytes.starts_with(&pdf()) && bytes.len() > pdf().len());
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        (&added["sizeBytes"], &added["sha256"]),
        (&json!(bytes.len()), &json!(sha256))
    );
    let anchors = server
        .data_as("04", RECEPTION, "{ signingAuthorities }", json!({}))
        .await;
    let anchors: Vec<String> =
        serde_json::from_value(anchors["signingAuthorities"].clone()).unwrap_or_default();
    let report = crate::signatures::pyhanko(&bytes, &anchors);
    assert_eq!(
        crate::signatures::verdicts(&report),
        ["tiep_nhan ENTIRE_FILE NONE"],
        "{report:?}"
    );
    assert_eq!(report[0]["signer"], "Cán bộ tiepnhan.01290");

    server.storage.delete_object(&keys[0]).await;
    let (status, _, bytes) = get(&server, &url).await;
    assert_eq!((status, error_code_of(&bytes).as_str()), (404, "NOT_FOUND"));
}

#[tokio::test]
async fn wrong_types_unsignable_scans_oversized_files_too_many_files_and_missing_csrf_are_refused_and_nothing_is_kept()
 {
    let server = TestServer::start().await;
    let dossier = received(&server).await;
    let zip = UploadFile::new(
        "giay.pdf",
        "application/pdf",
        b"PK\x03\x04\x14\0\0\0\x08\0zipped".to_vec(),
    );
    let (status, body) = upload(&server, RECEPTION, &dossier, DECLARATION, &[zip]).await;
    assert_eq!(
        (status, code(&body)),
        (200, "FILE_TYPE_NOT_ALLOWED"),
        "{body}"
    );
    let png_as_pdf = UploadFile::new(
        "anh.pdf",
        "application/pdf",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
    );
    let (_, body) = upload(&server, RECEPTION, &dossier, DECLARATION, &[png_as_pdf]).await;
    assert_eq!(code(&body), "FILE_TYPE_MISMATCH");
    // A scan the reception officer cannot sign: a PDF header and nothing behind it.
    let broken = UploadFile::new("hong.pdf", "application/pdf", b"%PDF-1.7\n%%EOF\n".to_vec());
    let (_, body) = upload(&server, RECEPTION, &dossier, DECLARATION, &[broken]).await;
    assert_eq!(code(&body), "FILE_NOT_SIGNABLE", "{body}");
    let mut big = pdf();
    big.resize(21 * 1024 * 1024, b' ');
    let (status, body) = upload(
        &server,
        RECEPTION,
        &dossier,
        DECLARATION,
        &[UploadFile::new("lon.pdf", "application/pdf", big)],
    )
    .await;
    assert_eq!((status, code(&body)), (413, "FILE_TOO_LARGE"), "{body}");
    let eleven: Vec<UploadFile> = (0..11).map(|i| pdf_file(&format!("{i}.pdf"))).collect();
    let (status, body) = upload(&server, RECEPTION, &dossier, DECLARATION, &eleven).await;
    assert_eq!((status, code(&body)), (400, "TOO_MANY_FILES"), "{body}");
    let token = server.token("04", RECEPTION).await;
    let variables = json!({"d": dossier, "c": DECLARATION});
    let (status, body) = server
        .upload(&token, ATTACH, variables, &[pdf_file("a.pdf")], false)
        .await;
    assert_eq!(
        (status, code(&body)),
        (400, "CSRF_HEADER_REQUIRED"),
        "{body}"
    );

    let listed = server
        .data_as("04", RECEPTION, ATTACHMENTS, json!({"id": dossier}))
        .await;
    assert_eq!(listed["dossier"]["attachments"], json!([]));
    assert_eq!(server.storage.object_keys().await, Vec::<String>::new());
}

/// The claims of an access token.
fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap_or_default();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap_or_default()).unwrap_or_default()
}

#[tokio::test]
async fn another_communes_or_provinces_officer_gets_not_found_by_id_and_by_url() {
    let server = TestServer::start().await;
    let dossier = received(&server).await;
    let (_, body) = upload(
        &server,
        RECEPTION,
        &dossier,
        DECLARATION,
        &[pdf_file("a.pdf")],
    )
    .await;
    let id = body["data"]["attachFiles"][0]["id"].clone();
    let url = body["data"]["attachFiles"][0]["download"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let by_id = "query($id: ID!) { attachment(id: $id) { fileName } }";
    let neighbour = server
        .body_as("04", "tiepnhan.01273", by_id, json!({"id": id}))
        .await;
    assert_eq!(code(&neighbour), "NOT_FOUND");
    let lai_chau = server
        .body_as("12", "quantri.12", by_id, json!({"id": id}))
        .await;
    assert_eq!(code(&lai_chau), "NOT_FOUND");
    let own = server
        .body_as("04", RECEPTION, by_id, json!({"id": id}))
        .await;
    assert_eq!(own["data"]["attachment"]["fileName"], json!("a.pdf"));

    // A ticket the neighbour's own session holds for this file (as if leaked or forged):
    // the gateway still asks whether they may read the dossier.
    let mut claims = claims_of(&server.token("04", "tiepnhan.01273").await);
    claims["aud"] = json!("ansinh-file");
    claims["att"] = id.clone();
    let ticket = encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let path = format!("/files/{}?ticket={ticket}", id.as_str().unwrap_or_default());
    let (status, _, bytes) = get(&server, &path).await;
    assert_eq!((status, error_code_of(&bytes).as_str()), (404, "NOT_FOUND"));
    let (status, _, bytes) = get(&server, &format!("{url}x")).await;
    assert_eq!(
        (status, error_code_of(&bytes).as_str()),
        (403, "LINK_EXPIRED")
    );
    let other_file = url.replacen(
        id.as_str().unwrap_or_default(),
        "0190f0f0-0000-7000-8000-000000000000",
        1,
    );
    let (status, _, bytes) = get(&server, &other_file).await;
    assert_eq!(
        (status, error_code_of(&bytes).as_str()),
        (403, "LINK_EXPIRED")
    );
}

#[tokio::test]
async fn a_download_link_stops_working_after_five_minutes() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let dossier = received(&desk.server).await;
    let (_, body) = upload(
        &desk.server,
        RECEPTION,
        &dossier,
        DECLARATION,
        &[pdf_file("a.pdf")],
    )
    .await;
    let link = &body["data"]["attachFiles"][0]["download"];
    assert_eq!(link["expiresAt"], json!("2026-03-02T01:05:00+00:00"));
    let url = link["url"].as_str().unwrap_or_default().to_owned();
    desk.at("2026-03-02T08:04:59").await;
    assert_eq!(get(&desk.server, &url).await.0, 200);
    desk.at("2026-03-02T08:05:00").await;
    let (status, _, bytes) = get(&desk.server, &url).await;
    assert_eq!(
        (status, error_code_of(&bytes).as_str()),
        (403, "LINK_EXPIRED")
    );
}

#[tokio::test]
async fn an_object_store_that_is_down_answers_storage_unavailable_and_nothing_is_recorded() {
    let server = TestServer::start_with(Options {
        storage: TestStorage::Down,
        clock: Some(TestClock::at_local("2026-03-02T08:00:00")),
        ..Options::default()
    })
    .await;
    let dossier = received(&server).await;
    let (status, body) = upload(
        &server,
        RECEPTION,
        &dossier,
        DECLARATION,
        &[pdf_file("a.pdf")],
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (200, "STORAGE_UNAVAILABLE"),
        "{body}"
    );
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("tệp chưa được lưu"), "{message}");
    let listed = server
        .data_as("04", RECEPTION, ATTACHMENTS, json!({"id": dossier}))
        .await;
    assert_eq!(listed["dossier"]["attachments"], json!([]));
}

#[tokio::test]
async fn a_component_received_signed_cannot_be_asked_again_on_paper() {
    let server = TestServer::start_with(Options {
        clock: Some(TestClock::at_local("2026-03-02T08:00:00")),
        ..Options::default()
    })
    .await;
    let dossier = received(&server).await;
    let token = server.token("04", RECEPTION).await;
    let variables = json!({"d": dossier, "c": DISABILITY, "o": "ELECTRONIC_SIGNED"});
    let (_, body) = server
        .upload(&token, ATTACH, variables, &[pdf_file("xac-nhan.pdf")], true)
        .await;
    assert_eq!(
        body["data"]["attachFiles"][0]["provenance"],
        json!("ELECTRONIC_SIGNED"),
        "{body}"
    );
    let ask =
        "mutation($id: ID!, $m: [String!]!) { requestSupplement(id: $id, missing: $m) { status } }";
    let refused = server
        .body_as(
            "04",
            RECEPTION,
            ask,
            json!({"id": dossier, "m": ["Bản sao giấy xác nhận khuyết tật"]}),
        )
        .await;
    assert_eq!(code(&refused), "SIGNED_COMPONENT_REQUESTED");
    let asked = server
        .body_as(
            "04",
            RECEPTION,
            ask,
            json!({"id": dossier, "m": ["Tờ khai có chữ ký của người đề nghị"]}),
        )
        .await;
    assert_eq!(
        asked["data"]["requestSupplement"]["status"],
        json!("AWAITING_SUPPLEMENT"),
        "{asked}"
    );
}
