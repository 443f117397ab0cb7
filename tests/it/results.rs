//! Electronic results through the API: the lookup code printed on the reception receipt, the
//! citizen's download of the issued decision with it and the dossier's code (no account), its
//! refusals (not issued yet, a wrong code, too many tries), and the handover recorded when the
//! result is returned.

use ansinh_testkit::Desk;
use serde_json::{Value, json};

use crate::decisions::{flat, pdf_at, pdf_text};
use crate::signatures::{ISSUE, SIGN, at_the_leader, documents, downloaded};

const CODES: &str = "query($id: ID!) { dossier(id: $id) { code resultLookupCode } }";
const RECEIPT: &str =
    "query($id: ID!) { documentDraft(dossierId: $id, kind: RECEIPT) { download { url } } }";

/// What `POST /public/result` answers: status, error code, body.
async fn public_result(desk: &Desk, dossier: &str, code: &str) -> (u16, String, Vec<u8>) {
    let response = desk
        .server
        .client()
        .post(desk.server.url("/public/result"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("dossier={dossier}&code={}", code.replace(' ', "+")))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status().as_u16();
    let body = response
        .bytes()
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let code = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| {
            v["errors"][0]["extensions"]["code"]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    (status, code, body)
}

#[tokio::test]
async fn the_applicant_downloads_the_signed_decision_with_the_receipts_codes_and_nothing_else() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let id = at_the_leader(&desk).await;
    let codes = desk.ok("tiepnhan.01290", CODES, json!({"id": id})).await["dossier"].clone();
    let dossier = codes["code"].as_str().unwrap_or_default().to_owned();
    let lookup = codes["resultLookupCode"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(lookup.len(), 11, "{lookup}");
    assert_eq!(
        desk.code("tiepnhan.01273", CODES, json!({"id": id})).await,
        "NOT_FOUND",
        "another commune's officer gets nothing"
    );

    let receipt = desk.ok("tiepnhan.01290", RECEIPT, json!({"id": id})).await;
    let url = receipt["documentDraft"]["download"]["url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let words = flat(&pdf_text(&pdf_at(&desk, &url).await.1));
    assert!(words.contains(&format!("mã tra cứu {lookup}")), "{words}");

    desk.ok("lanhdao.01290", SIGN, json!({"id": id})).await;
    assert_eq!(
        public_result(&desk, &dossier, &lookup).await.1,
        "RESULT_NOT_READY",
        "signed is not issued"
    );
    desk.ok("vanthu.01290", ISSUE, json!({"id": id})).await;
    let issued = documents(&desk, &id).await.pop().unwrap_or_default();
    let (status, code, _) = public_result(&desk, &dossier, "7K3QX-M9D2A").await;
    assert_eq!((status, code.as_str()), (404, "NOT_FOUND"));
    let (status, code, _) = public_result(&desk, "99.00000-260302-0001", &lookup).await;
    assert_eq!((status, code.as_str()), (404, "NOT_FOUND"));

    // Typed in lower case with a space for the dash: the same code.
    let typed = lookup.to_lowercase().replace('-', " ");
    let (status, _, pdf) = public_result(&desk, &dossier, &typed).await;
    assert_eq!(status, 200);
    assert_eq!(
        pdf,
        downloaded(&desk, &issued).await,
        "the citizen gets the issued file"
    );

    // Ten tries per dossier an hour (and per address a minute): four so far, six more, then no.
    for _ in 0..6 {
        assert_eq!(public_result(&desk, &dossier, "0000000000").await.0, 404);
    }
    let (status, code, _) = public_result(&desk, &dossier, &lookup).await;
    assert_eq!((status, code.as_str()), (429, "RATE_LIMITED"));

    let returned = desk
        .ok(
            "tiepnhan.01290",
            "mutation($id: ID!) { returnResult(id: $id, handover: ELECTRONIC) {
                status timeline { action handover } } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(returned["returnResult"]["status"], "COMPLETED");
    let last = returned["returnResult"]["timeline"]
        .as_array()
        .and_then(|t| t.last().cloned())
        .unwrap_or_default();
    assert_eq!(
        last,
        json!({"action": "return_result", "handover": "electronic"})
    );
}
