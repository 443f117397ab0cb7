//! Burial support before the 2025 reform: the three-tier path from the commune's desk up to
//! the district and back, as the legacy officers worked it (June 2025, Phường Hợp Giang 01273
//! under district 040), with the district's own decision numbering.

use ansinh_testkit::Desk;
use serde_json::{Value, json};

const RECEIVE: &str = "mutation($id: ID!) { receiveDossier(id: $id) { status } }";
const FORWARD: &str = "mutation($id: ID!, $to: String!) {
    forwardDossier(id: $id, toStep: $to) { holderId stepDueAt } }";

/// Forwards to `to`, to the only officer assigned there.
async fn forward(desk: &Desk, user: &str, id: &Value, to: &str) -> Value {
    desk.ok(user, FORWARD, json!({"id": id, "to": to})).await["forwardDossier"].clone()
}

fn actions(dossier: &Value) -> Vec<&str> {
    dossier["timeline"]
        .as_array()
        .map(|t| t.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn before_the_reform_burial_support_went_up_to_the_district_and_back() {
    // Monday 16 June 2025, Phường Hợp Giang (01273 before the reform), district 040.
    let desk = Desk::open("04", "2025-06-16T08:00:00").await;
    let create = "mutation { createDossier(procedure: \"2.000744\", unitId: \"01273@\",
        applicantName: \"Hoàng Văn Tằng\", applicantIdNumber: \"004055000123\") { id workflow } }";
    let created = desk.ok("tiepnhan.01273.cu", create, json!({})).await["createDossier"].clone();
    assert_eq!(created["workflow"], "mai-tang-3-cap");
    let id = created["id"].clone();
    desk.ok("tiepnhan.01273.cu", RECEIVE, json!({"id": id}))
        .await;
    desk.at("2025-06-16T09:00:00").await;
    // The commune has a day and a half: from 09:00 Monday, 12 working hours end at 15:30
    // Tuesday (sessions 07:30–11:30 and 13:30–17:00).
    let commune = forward(&desk, "tiepnhan.01273.cu", &id, "tham-dinh-xa").await;
    assert_eq!(commune["holderId"], desk.id_of("vhxh.01273.cu").await);
    assert_eq!(commune["stepDueAt"], "2025-06-17T08:30:00+00:00");
    desk.at("2025-06-17T09:00:00").await;
    let district = forward(&desk, "vhxh.01273.cu", &id, "tham-dinh-huyen").await;
    assert_eq!(district["holderId"], desk.id_of("chuyenvien.040").await);
    assert_eq!(district["stepDueAt"], "2025-06-18T02:00:00+00:00");
    // The district asks the commune for more; the commune accepts, supplements, sends it up.
    let back = "mutation($id: ID!) { sendBackDossier(id: $id, toStep: \"tham-dinh-xa\",
        reason: \"Thiếu trích lục khai tử\") { status holderId } }";
    let sent = desk.ok("chuyenvien.040", back, json!({"id": id})).await;
    assert_eq!(
        sent["sendBackDossier"],
        json!({"status": "REWORK_REQUESTED", "holderId": desk.id_of("vhxh.01273.cu").await})
    );
    let accept = "mutation($id: ID!) { acceptRework(id: $id) { status } }";
    desk.ok("vhxh.01273.cu", accept, json!({"id": id})).await;
    forward(&desk, "vhxh.01273.cu", &id, "tham-dinh-huyen").await;
    forward(&desk, "chuyenvien.040", &id, "truong-phong-duyet").await;
    forward(&desk, "truongphong.040", &id, "lanh-dao-huyen-quyet-dinh").await;
    let sign = "mutation($id: ID!) { signDossier(id: $id, toStep: \"van-thu-huyen-phat-hanh\") { holderId } }";
    let signed = desk.ok("lanhdao.040", sign, json!({"id": id})).await;
    assert_eq!(
        signed["signDossier"]["holderId"],
        desk.id_of("vanthu.040").await
    );
    // The district issues under its own numbering; the result goes back to the commune desk.
    let issue = "mutation($id: ID!) { issueDecision(id: $id, toStep: \"tra-ket-qua\") { status holderId decisionNumber } }";
    let issued = desk.ok("vanthu.040", issue, json!({"id": id})).await;
    assert_eq!(
        issued["issueDecision"],
        json!({"status": "RESULT_ARRIVED", "holderId": desk.id_of("tiepnhan.01273.cu").await,
               "decisionNumber": "1/QĐ-UBND"})
    );
    let done = "mutation($id: ID!) { returnResult(id: $id, handover: IN_PERSON) { status } }";
    let body = desk.ok("tiepnhan.01273.cu", done, json!({"id": id})).await;
    assert_eq!(body["returnResult"]["status"], "COMPLETED");
    let detail =
        "query($id: ID!) { dossier(id: $id) { sla { overall { status } } timeline { action } } }";
    let dossier = desk
        .ok("tiepnhan.01273.cu", detail, json!({"id": id}))
        .await["dossier"]
        .clone();
    assert_eq!(
        actions(&dossier),
        [
            "create",
            "receive",
            "forward",
            "forward",
            "send_back",
            "accept_rework",
            "forward",
            "forward",
            "forward",
            "sign",
            "issue",
            "return_result"
        ]
    );
    assert_eq!(dossier["sla"]["overall"]["status"], "EARLY");
}
