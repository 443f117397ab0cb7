//! Signed decisions through the API, checked by pyHanko (an independent PAdES verifier, PyPI,
//! installed by `scripts/dev-services.sh`): the leader's signature and the clerk's seal on a
//! burial-support decision, both intact, valid and trusted, the first revision's later change
//! allowed (form filling), a byte changed afterwards detected; and the remote hand-off with
//! an officer's token, its wrong answers refused with their codes.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use ansinh_documents::{SoftwareSigner, Subject};
use ansinh_testkit::Desk;
use base64::Engine as _;
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::decisions::{flat, pdf_at, pdf_text, receive};

const UNIT: &str = "01290@2025-07-01";
const LEADER_NAME: &str = "Cán bộ lanhdao.01290";
const DOCUMENTS: &str =
    "query($id: ID!) { dossier(id: $id) { decisionNumber step { code } documents {
    stage revision sha256 sizeBytes download { url }
    signatures { field signer organization seal } } } }";
pub(crate) const SIGN: &str = "mutation($id: ID!, $sig: SignatureInput) {
    signDossier(id: $id, toStep: \"van-thu-phat-hanh\", signature: $sig) { step { code } } }";
const PREPARE: &str = "mutation($id: ID!) {
    prepareSignature(id: $id, toStep: \"van-thu-phat-hanh\") { request digest digestBase64 expiresAt } }";
pub(crate) const ISSUE: &str =
    "mutation($id: ID!) { issueDecision(id: $id, toStep: \"tra-ket-qua\") { decisionNumber } }";

/// A burial-support dossier received and forwarded to the commune leader.
pub(crate) async fn at_the_leader(desk: &Desk) -> Value {
    let created = desk
        .ok(
            "tiepnhan.01290",
            "mutation($u: ID!) { createDossier(procedure: \"2.000744\", unitId: $u,
               applicantName: \"Nông Văn Dũng\", applicantIdNumber: \"004085001234\",
               fields: [{name: \"dia_chi\", value: \"Thôn Nà Pồng, xã Bảo Lâm\"},
                        {name: \"ho_ten_nguoi_mat\", value: \"Nông Thị Lả\"},
                        {name: \"quan_he\", value: \"con trai\"},
                        {name: \"ngay_mat\", value: \"2026-02-20\"}]) { id } }",
            json!({"u": UNIT}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    receive(desk, &id).await;
    for (user, step) in [
        ("tiepnhan.01290", "tham-dinh"),
        ("vhxh.01290", "lanh-dao-quyet-dinh"),
    ] {
        let forward =
            "mutation($id: ID!, $to: String!) { forwardDossier(id: $id, toStep: $to) { status } }";
        desk.ok(user, forward, json!({"id": id, "to": step})).await;
    }
    id
}

/// pyHanko's report on every signature of `pdf`, trusting `anchors` (PEM).
pub(crate) fn pyhanko(pdf: &[u8], anchors: &[String]) -> Vec<Value> {
    let python = std::env::var("ANSINH_TEST_PYHANKO").unwrap_or_else(|_| {
        panic!("ANSINH_TEST_PYHANKO is unset: run scripts/dev-services.sh (it installs pyHanko)")
    });
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = folder.path().join("decision.pdf");
    std::fs::write(&file, pdf).unwrap_or_else(|e| panic!("{e}"));
    let mut args = vec![script().display().to_string(), file.display().to_string()];
    for (i, anchor) in anchors.iter().enumerate() {
        let path = folder.path().join(format!("anchor-{i}.pem"));
        std::fs::write(&path, anchor).unwrap_or_else(|e| panic!("{e}"));
        args.push(path.display().to_string());
    }
    let output = Command::new(python)
        .args(&args)
        .output()
        .unwrap_or_else(|e| panic!("pyHanko: {e}"));
    assert!(
        output.status.success(),
        "pyHanko: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("pyHanko's report: {e}"))
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("oracles/pyhanko_validate.py")
}

/// The dossier's documents.
pub(crate) async fn documents(desk: &Desk, id: &Value) -> Vec<Value> {
    let dossier = desk.ok("vanthu.01290", DOCUMENTS, json!({"id": id})).await;
    dossier["dossier"]["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn authorities(desk: &Desk) -> Vec<String> {
    let answer = desk
        .ok("vanthu.01290", "{ signingAuthorities }", json!({}))
        .await;
    serde_json::from_value(answer["signingAuthorities"].clone()).unwrap_or_default()
}

pub(crate) async fn downloaded(desk: &Desk, document: &Value) -> Vec<u8> {
    let url = document["download"]["url"].as_str().unwrap_or_default();
    let (status, pdf) = pdf_at(desk, url).await;
    assert_eq!(status, 200, "{url}");
    let sha256: String = sha2::Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(document["sha256"], sha256, "the listed hash is the file's");
    pdf
}

pub(crate) fn verdicts(report: &[Value]) -> Vec<String> {
    report
        .iter()
        .map(|s| {
            let text = |key: &str| s[key].as_str().unwrap_or_default().to_owned();
            if s["intact"] == true && s["valid"] == true && s["trusted"] == true {
                format!(
                    "{} {} {}",
                    text("field"),
                    text("coverage"),
                    text("modification_level")
                )
            } else {
                format!("{} refused", text("field"))
            }
        })
        .collect()
}

/// pyHanko's word on an issued decision: the leader's signature, then the seal.
const ISSUED: [&str; 2] = [
    "lanh_dao ENTIRE_REVISION FORM_FILLING",
    "con_dau ENTIRE_FILE NONE",
];

#[tokio::test]
async fn the_leader_signs_and_the_clerk_issues_a_decision_pyhanko_finds_two_valid_signatures() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let id = at_the_leader(&desk).await;
    desk.ok("lanhdao.01290", SIGN, json!({"id": id})).await;
    let signed = documents(&desk, &id).await;
    assert_eq!(signed.len(), 1);
    assert_eq!(signed[0]["stage"], "SIGNED");
    let issued = desk.ok("vanthu.01290", ISSUE, json!({"id": id})).await;
    assert_eq!(issued["issueDecision"]["decisionNumber"], "1/QĐ-UBND");

    let listed = documents(&desk, &id).await;
    let stages: Vec<(&Value, &Value)> = listed
        .iter()
        .map(|d| (&d["stage"], &d["revision"]))
        .collect();
    assert_eq!(
        stages,
        [(&json!("SIGNED"), &json!(1)), (&json!("ISSUED"), &json!(2))]
    );
    assert_eq!(
        listed[1]["signatures"],
        json!([
            {"field": "lanh_dao", "signer": LEADER_NAME, "organization": "Ủy ban nhân dân xã Bảo Lâm", "seal": false},
            {"field": "con_dau", "signer": "Ủy ban nhân dân xã Bảo Lâm", "organization": "Ủy ban nhân dân xã Bảo Lâm", "seal": true},
        ])
    );
    let first = downloaded(&desk, &listed[0]).await;
    let pdf = downloaded(&desk, &listed[1]).await;
    assert!(
        pdf.starts_with(&first),
        "the issue appends a revision: the signed bytes stay"
    );

    let anchors = authorities(&desk).await;
    assert_eq!(anchors.len(), 1);
    let report = pyhanko(&pdf, &anchors);
    assert_eq!(verdicts(&report), ISSUED, "{report:?}");
    assert!(
        report
            .iter()
            .all(|s| s["docmdp_ok"] == true && s["bottom_line"] == true)
    );
    assert!(
        report
            .iter()
            .all(|s| s["subfilter"] == "/ETSI.CAdES.detached")
    );
    assert_eq!(report[0]["signer"], LEADER_NAME);

    let words = flat(&pdf_text(&pdf));
    for expected in [
        "Số: 1/QĐ-UBND",
        "Bảo Lâm, ngày 02 tháng 3 năm 2026",
        "Nông Văn Dũng",
        "Mười triệu đồng",
    ] {
        assert!(words.contains(expected), "{expected:?} not in {words}");
    }

    // One byte of the leader's revision changed (the creator in the document information).
    let at = pdf
        .windows(6)
        .position(|w| w == b"Ansinh")
        .unwrap_or_else(|| panic!("no creator"));
    let mut tampered = pdf.clone();
    tampered[at + 5] = b'x';
    let report = pyhanko(&tampered, &anchors);
    assert_eq!(report.len(), 2);
    assert!(report.iter().all(|s| s["intact"] == false), "{report:?}");

    assert_eq!(
        desk.code("tiepnhan.01273", DOCUMENTS, json!({"id": id}))
            .await,
        "NOT_FOUND"
    );
}

/// An officer's token: a certification authority of its own and the officer's certificate.
struct Token {
    authority: SoftwareSigner,
    pem: PathBuf,
    _folder: tempfile::TempDir,
}

impl Token {
    fn new(name: &str) -> Self {
        let authority = SoftwareSigner::new(name).unwrap_or_else(|e| panic!("{e}"));
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let pem = folder.path().join("token-ca.pem");
        let der = authority.authority_der().unwrap_or_else(|e| panic!("{e}"));
        let mut file = std::fs::File::create(&pem).unwrap_or_else(|e| panic!("{e}"));
        file.write_all(ansinh_documents::pem(&der).as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        Self {
            authority,
            pem,
            _folder: folder,
        }
    }

    /// The CMS of `digest` by `common_name`, base64.
    fn sign(&self, common_name: &str, digest: &[u8; 32]) -> String {
        let subject = Subject {
            id: common_name.to_owned(),
            common_name: common_name.to_owned(),
            organization: "Ban Cơ yếu Chính phủ (thử nghiệm)".to_owned(),
        };
        let cms = self
            .authority
            .sign(&subject, digest)
            .unwrap_or_else(|e| panic!("{e}"));
        base64::engine::general_purpose::STANDARD.encode(cms)
    }
}

fn digest_of(hand_off: &Value) -> [u8; 32] {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(hand_off["digestBase64"].as_str().unwrap_or_default())
        .unwrap_or_default();
    bytes
        .try_into()
        .unwrap_or_else(|_| panic!("a 32-byte digest"))
}

#[tokio::test]
async fn a_leaders_token_signs_through_the_hand_off_and_wrong_signatures_are_refused() {
    let token = Token::new("CA token thử nghiệm");
    let desk = Desk::open_trusting("04", "2026-03-02T08:00:00", vec![token.pem.clone()]).await;
    let id = at_the_leader(&desk).await;
    let hand_off =
        desk.ok("lanhdao.01290", PREPARE, json!({"id": id})).await["prepareSignature"].clone();
    assert_eq!(hand_off["expiresAt"], "2026-03-02T01:15:00+00:00");
    let digest = digest_of(&hand_off);
    let request = hand_off["request"].clone();
    let with = |cms: String| json!({"id": id, "sig": {"request": request, "cms": cms}});

    let stranger = Token::new("CA không được tin cậy");
    for (cms, code) in [
        (stranger.sign(LEADER_NAME, &digest), "SIGNER_UNTRUSTED"),
        (token.sign(LEADER_NAME, &[0; 32]), "SIGNATURE_INVALID"),
        (token.sign("Nguyễn Văn Khác", &digest), "SIGNER_MISMATCH"),
        ("không phải base64".to_owned(), "SIGNATURE_INVALID"),
    ] {
        assert_eq!(desk.code("lanhdao.01290", SIGN, with(cms)).await, code);
    }
    assert_eq!(
        desk.code("vhxh.01290", SIGN, with(token.sign(LEADER_NAME, &digest)))
            .await,
        "NOT_HOLDER",
        "another officer may not use the leader's request"
    );
    desk.at("2026-03-02T08:16:00").await;
    assert_eq!(
        desk.code(
            "lanhdao.01290",
            SIGN,
            with(token.sign(LEADER_NAME, &digest))
        )
        .await,
        "SIGNING_REQUEST_UNKNOWN",
        "15 minutes later the request is gone"
    );

    let hand_off =
        desk.ok("lanhdao.01290", PREPARE, json!({"id": id})).await["prepareSignature"].clone();
    let fresh = json!({"id": id, "sig": {"request": hand_off["request"], "cms": token.sign(LEADER_NAME, &digest_of(&hand_off))}});
    let moved = desk.ok("lanhdao.01290", SIGN, fresh).await;
    assert_eq!(moved["signDossier"]["step"]["code"], "van-thu-phat-hanh");
    desk.ok("vanthu.01290", ISSUE, json!({"id": id})).await;
    let listed = documents(&desk, &id).await;
    assert_eq!(listed.len(), 2, "prepared requests are not listed");
    assert_eq!(
        listed[1]["signatures"][0]["organization"],
        "Ban Cơ yếu Chính phủ (thử nghiệm)"
    );
    let pdf = downloaded(&desk, &listed[1]).await;
    let anchors = authorities(&desk).await;
    assert_eq!(
        anchors.len(),
        2,
        "the token's authority and the server's own"
    );
    let report = pyhanko(&pdf, &anchors);
    assert_eq!(verdicts(&report), ISSUED, "{report:?}");
}

#[tokio::test]
async fn a_monthly_allowance_decision_is_issued_signed_and_a_reissue_adds_a_revision_with_its_reason()
 {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let created = desk
        .ok(
            "tiepnhan.01290",
            "mutation($u: ID!) { createDossier(procedure: \"2.000286\", unitId: $u,
               applicantName: \"Đàm Thị Nhàn\", fields: [{name: \"he_so\", value: \"1,5\"}]) { id } }",
            json!({"u": UNIT}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    receive(&desk, &id).await;
    for (user, step) in [
        ("tiepnhan.01290", "tham-dinh"),
        ("vhxh.01290", "lanh-dao-quyet-dinh"),
    ] {
        let forward =
            "mutation($id: ID!, $to: String!) { forwardDossier(id: $id, toStep: $to) { status } }";
        desk.ok(user, forward, json!({"id": id, "to": step})).await;
    }
    desk.ok("lanhdao.01290", SIGN, json!({"id": id})).await;
    desk.ok("vanthu.01290", ISSUE, json!({"id": id})).await;

    let reissue = "mutation($id: ID!, $r: String!) { reissueDecision(id: $id, reason: $r) {
        documents { stage revision reason signatures { field seal } } } }";
    assert_eq!(
        desk.code("vanthu.01290", reissue, json!({"id": id, "r": "  "}))
            .await,
        "REASON_REQUIRED"
    );
    assert_eq!(
        desk.code(
            "lanhdao.01290",
            reissue,
            json!({"id": id, "r": "Thay chứng thư số"})
        )
        .await,
        "FORBIDDEN",
        "only a clerk re-issues"
    );
    assert_eq!(
        desk.code(
            "vanthu.01273",
            reissue,
            json!({"id": id, "r": "Thay chứng thư số"})
        )
        .await,
        "NOT_FOUND"
    );
    let answer = desk
        .ok(
            "vanthu.01290",
            reissue,
            json!({"id": id, "r": "Thay chứng thư số của cơ quan"}),
        )
        .await;
    let listed = answer["reissueDecision"]["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let summary: Vec<(&Value, &Value, &Value)> = listed
        .iter()
        .map(|d| (&d["stage"], &d["revision"], &d["reason"]))
        .collect();
    assert_eq!(
        summary,
        [
            (&json!("SIGNED"), &json!(1), &Value::Null),
            (&json!("ISSUED"), &json!(2), &Value::Null),
            (
                &json!("ISSUED"),
                &json!(3),
                &json!("Thay chứng thư số của cơ quan")
            ),
        ]
    );
    let all = documents(&desk, &id).await;
    let first_issue = downloaded(&desk, &all[1]).await;
    let reissued = downloaded(&desk, &all[2]).await;
    assert!(
        reissued.starts_with(&first_issue),
        "the earlier issue is kept byte for byte"
    );
    let report = pyhanko(&reissued, &authorities(&desk).await);
    assert_eq!(
        verdicts(&report),
        [
            "lanh_dao ENTIRE_REVISION FORM_FILLING",
            // Adding a signature after it is a form-filling change: allowed.
            "con_dau ENTIRE_REVISION FORM_FILLING",
            "con_dau_2 ENTIRE_FILE NONE",
        ],
        "{report:?}"
    );
    let words = flat(&pdf_text(&reissued));
    assert!(
        words.contains("Đàm Thị Nhàn") && words.contains("Số: 1/QĐ-UBND"),
        "{words}"
    );
}
