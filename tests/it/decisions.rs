//! Decision drafts through the API: a burial-support dossier taken from reception to the issued
//! decision, its draft fetched through its short-lived link and read back with poppler's
//! `pdftotext` (an independent reader of the text layer): the applicant's name with its
//! diacritics, the amount in figures and in words, the issuing body, the decision number once
//! issued, the deceased's ID number masked; and drafts are refused outside the commune.

use std::io::Write as _;
use std::process::{Command, Stdio};

use ansinh_testkit::Desk;
use serde_json::{Value, json};

const UNIT: &str = "01290@2025-07-01";
const DRAFT: &str = "query($id: ID!) { decisionDraft(dossierId: $id) {
    templateCode templateName pages sizeBytes missingFields download { url expiresAt } } }";

/// The text layer of a PDF, as `pdftotext -layout` reads it.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("pdftotext (poppler-utils; scripts/dev-services.sh installs it): {e}")
        });
    child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(pdf))
        .transpose()
        .unwrap_or_else(|e| panic!("{e}"));
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(output.stdout).unwrap_or_default()
}

pub(crate) async fn pdf_at(desk: &Desk, url: &str) -> (u16, Vec<u8>) {
    let response = desk
        .server
        .client()
        .get(desk.server.url(url))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    (
        status,
        response
            .bytes()
            .await
            .map(|b| b.to_vec())
            .unwrap_or_default(),
    )
}

/// The text layer of the PDF a draft answer links to (the link must answer 200 with a PDF).
async fn linked_text(desk: &Desk, draft: &Value) -> String {
    let url = draft["download"]["url"].as_str().unwrap_or_default();
    let (status, pdf) = pdf_at(desk, url).await;
    assert_eq!(status, 200, "{url} {}", String::from_utf8_lossy(&pdf));
    assert!(pdf.starts_with(b"%PDF-"));
    pdf_text(&pdf)
}

async fn draft_text(desk: &Desk, user: &str, id: &Value) -> (Value, String) {
    let draft = desk.ok(user, DRAFT, json!({"id": id})).await["decisionDraft"].clone();
    let text = linked_text(desk, &draft).await;
    (draft, text)
}

/// Receives a dossier at the commune's desk.
pub(crate) async fn receive(desk: &Desk, id: &Value) {
    let receive = "mutation($id: ID!) { receiveDossier(id: $id) { status } }";
    desk.ok("tiepnhan.01290", receive, json!({"id": id})).await;
}

/// Words of a text layer joined by single spaces (lines wrap where the layout put them).
pub(crate) fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_burial_support_decision_reads_back_with_the_name_the_amount_in_words_and_the_number() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let created = desk
        .ok(
            "tiepnhan.01290",
            "mutation($u: ID!) { createDossier(procedure: \"2.000744\", unitId: $u,
               applicantName: \"Nông Văn Dũng\", applicantIdNumber: \"004085001234\",
               fields: [{name: \"dia_chi\", value: \"Thôn Nà Pồng, xã Bảo Lâm\"},
                        {name: \"ho_ten_nguoi_mat\", value: \"Nông Thị Lả\"},
                        {name: \"so_dinh_danh_nguoi_mat\", value: \"004150009876\"},
                        {name: \"quan_he\", value: \"con trai\"},
                        {name: \"ngay_mat\", value: \"2026-02-20\"}]) { id } }",
            json!({"u": UNIT}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    receive(&desk, &id).await;
    let (draft, text) = draft_text(&desk, "tiepnhan.01290", &id).await;
    assert_eq!(draft["templateCode"], "qd-ho-tro-mai-tang");
    assert_eq!(draft["pages"], 1);
    assert_eq!(draft["download"]["expiresAt"], "2026-03-02T01:05:00+00:00");
    let missing: Vec<&str> = draft["missingFields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        missing.contains(&"so_quyet_dinh") && missing.contains(&"nguoi_ky"),
        "{missing:?}"
    );
    let words = flat(&text);
    for expected in [
        "ỦY BAN NHÂN DÂN XÃ BẢO LÂM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Bảo Lâm, ngày 02 tháng 3 năm 2026",
        "Ông/Bà: Nông Văn Dũng",
        "Nông Thị Lả",
        "số định danh cá nhân 004******876",
        "ngày 20/02/2026",
        "10.000.000 đồng (bằng chữ: Mười triệu đồng)",
    ] {
        assert!(words.contains(expected), "{expected:?} not in {words}");
    }
    assert!(
        !words.contains("004150009876"),
        "the deceased's ID number is masked"
    );

    for (user, step) in [
        ("tiepnhan.01290", "tham-dinh"),
        ("vhxh.01290", "lanh-dao-quyet-dinh"),
    ] {
        let forward =
            "mutation($id: ID!, $to: String!) { forwardDossier(id: $id, toStep: $to) { status } }";
        desk.ok(user, forward, json!({"id": id, "to": step})).await;
    }
    let sign =
        "mutation($id: ID!) { signDossier(id: $id, toStep: \"van-thu-phat-hanh\") { status } }";
    desk.ok("lanhdao.01290", sign, json!({"id": id})).await;
    let issue =
        "mutation($id: ID!) { issueDecision(id: $id, toStep: \"tra-ket-qua\") { decisionNumber } }";
    let issued = desk.ok("vanthu.01290", issue, json!({"id": id})).await;
    assert_eq!(issued["issueDecision"]["decisionNumber"], "1/QĐ-UBND");
    let (draft, text) = draft_text(&desk, "vanthu.01290", &id).await;
    let words = flat(&text);
    assert!(words.contains("Số: 1/QĐ-UBND"), "{words}");
    assert!(
        words.contains("Cán bộ lanhdao.01290"),
        "the signer: {words}"
    );
    let missing: Vec<&str> = draft["missingFields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        !missing.contains(&"so_quyet_dinh") && !missing.contains(&"nguoi_ky"),
        "{missing:?}"
    );

    assert_eq!(
        desk.code("tiepnhan.01273", DRAFT, json!({"id": id})).await,
        "NOT_FOUND"
    );
}

const LETTER: &str =
    "query($id: ID!, $k: DocumentKind!) { documentDraft(dossierId: $id, kind: $k) {
    templateCode missingFields download { url } } }";

async fn letter_text(desk: &Desk, user: &str, id: &Value, kind: &str) -> (Value, String) {
    let draft = desk.ok(user, LETTER, json!({"id": id, "k": kind})).await["documentDraft"].clone();
    let text = flat(&linked_text(desk, &draft).await);
    (draft, text)
}

async fn monthly_allowance(desk: &Desk, name: &str) -> Value {
    let created = desk
        .ok(
            "tiepnhan.01290",
            "mutation($u: ID!, $n: String!) { createDossier(procedure: \"2.000286\", unitId: $u,
               applicantName: $n, fields: [{name: \"dia_chi\", value: \"Thôn Nà Pồng\"}]) { id } }",
            json!({"u": UNIT, "n": name}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    receive(desk, &id).await;
    id
}

#[tokio::test]
async fn the_receipt_the_supplement_request_and_the_refusal_come_from_the_provinces_templates() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let id = monthly_allowance(&desk, "Đàm Thị Nhàn").await;
    let (receipt, text) = letter_text(&desk, "tiepnhan.01290", &id, "RECEIPT").await;
    assert_eq!(receipt["templateCode"], "giay-tiep-nhan");
    for expected in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Ông/Bà Đàm Thị Nhàn",
        "Thời gian giải quyết hồ sơ theo quy định: 10 ngày làm việc",
        "Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 02/03/2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 16/03/2026",
        "Cán bộ tiepnhan.01290",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }

    let ask =
        "mutation($id: ID!, $m: [String!]!) { requestSupplement(id: $id, missing: $m) { status } }";
    let missing = json!(["Giấy xác nhận khuyết tật (bản sao)", "Sổ hộ nghèo năm 2026"]);
    desk.ok("tiepnhan.01290", ask, json!({"id": id, "m": missing}))
        .await;
    let (_, text) = letter_text(&desk, "tiepnhan.01290", &id, "SUPPLEMENT_REQUEST").await;
    assert!(
        text.contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        "{text}"
    );
    assert!(
        text.contains("- Giấy xác nhận khuyết tật (bản sao) - Sổ hộ nghèo năm 2026"),
        "{text}"
    );

    let refused = monthly_allowance(&desk, "Mã Văn Sình").await;
    let reason =
        "Người đề nghị đang hưởng lương hưu, không thuộc đối tượng trợ cấp xã hội hàng tháng.";
    // The social officer returns it as ineligible after appraisal (reception may not).
    let forward =
        "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"tham-dinh\") { status } }";
    desk.ok("tiepnhan.01290", forward, json!({"id": refused}))
        .await;
    let ineligible =
        "mutation($id: ID!, $r: String!) { returnIneligible(id: $id, reason: $r) { status } }";
    desk.ok(
        "vhxh.01290",
        ineligible,
        json!({"id": refused, "r": reason}),
    )
    .await;
    let (_, text) = letter_text(&desk, "vhxh.01290", &refused, "REFUSAL").await;
    assert!(text.contains("PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ"), "{text}");
    assert!(
        text.contains(reason) && text.contains("Cán bộ vhxh.01290"),
        "{text}"
    );
}

#[tokio::test]
async fn a_province_changes_its_receipt_by_publishing_its_folder_and_new_dossiers_use_it() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let before = monthly_allowance(&desk, "Lục Văn Páo").await;
    let (set, problems) = ansinh_config::load_dir(&ansinh_testkit::config_tenants_dir());
    assert!(problems.is_empty(), "{problems:?}");
    let mut set = set.unwrap_or_else(|| panic!("config-tenants"));
    let province = set
        .provinces
        .get_mut("04-cao-bang")
        .unwrap_or_else(|| panic!("04"));
    let receipt = province
        .template_texts
        .get_mut("templates/giay-tiep-nhan.md")
        .unwrap_or_else(|| panic!("receipt template"));
    receipt.push_str("\nĐiện thoại hỗ trợ của Bộ phận một cửa: 0206 3852 000.\n");
    desk.server
        .app
        .reference
        .publish_config(&set, "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    let after = monthly_allowance(&desk, "Lục Thị Mỷ").await;
    let (_, text) = letter_text(&desk, "tiepnhan.01290", &after, "RECEIPT").await;
    assert!(
        text.contains("Điện thoại hỗ trợ của Bộ phận một cửa: 0206 3852 000."),
        "{text}"
    );
    // A dossier keeps the version it started under.
    let (_, text) = letter_text(&desk, "tiepnhan.01290", &before, "RECEIPT").await;
    assert!(!text.contains("Điện thoại hỗ trợ"), "{text}");
}
