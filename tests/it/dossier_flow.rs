//! The paths of DOMAIN.md through GraphQL, each officer with their own login, on a clock set
//! to Monday 2 March 2026 at Xã Bảo Lâm (01290, sessions 07:30–11:30 and 13:30–17:00,
//! Monday to Friday): states, holders, timeline entries, due instants and error codes.

use ansinh_testkit::Desk;
use serde_json::{Value, json};

const UNIT: &str = "01290@2025-07-01";

/// A monthly-allowance dossier created by the commune's reception and received by it.
async fn received(desk: &Desk, name: &str, id_number: &str) -> Value {
    let created = desk
        .ok(
            "tiepnhan.01290",
            "mutation($u: ID!, $n: String!, $i: String) { createDossier(procedure: \"2.000286\",
              unitId: $u, applicantName: $n, applicantIdNumber: $i,
              fields: [{name: \"dia_chi\", value: \"Thôn Nà Pồng\"}]) { id status } }",
            json!({"u": UNIT, "n": name, "i": id_number}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    desk.ok("tiepnhan.01290", RECEIVE, json!({"id": id})).await;
    id
}

/// Forwards to `to`, to the only officer assigned there.
async fn forward(desk: &Desk, user: &str, id: &Value, to: &str) -> Value {
    desk.ok(user, FORWARD, json!({"id": id, "to": to})).await["forwardDossier"].clone()
}

async fn open() -> Desk {
    Desk::open("04", "2026-03-02T08:00:00").await
}

const RECEIVE: &str =
    "mutation($id: ID!) { receiveDossier(id: $id) { status step { code } holderId } }";
const FORWARD: &str = "mutation($id: ID!, $to: String!, $h: ID) {
    forwardDossier(id: $id, toStep: $to, handlerId: $h, note: \"Đủ thành phần\") {
      status step { code } holderId stepDueAt dueAt } }";
const DETAIL: &str = "query($id: ID!) { dossier(id: $id) { code status step { code } holderId
    decisionNumber applicantIdNumber sourceDossierId stepDueAt dueAt stepSlaState
    fields { name value } nextActions { action toStep }
    sla { overall { budget dueAt status paused finishedAt } steps { step budget dueAt warnAt status finishedAt } }
    timeline { version action actorId actingForId note reason missing handlerName decisionNumber
      changes { name from to } stepSla { step budget dueAt status } } } }";

fn actions(dossier: &Value) -> Vec<String> {
    dossier["timeline"]
        .as_array()
        .map(|t| {
            t.iter()
                .filter_map(|e| e["action"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn monthly_allowance_from_reception_to_result_with_due_instants_and_decision_numbers() {
    let desk = open().await;
    let id = received(&desk, "Nông Thị Mai", "004123456789").await;
    let dossier = desk.ok("tiepnhan.01290", DETAIL, json!({"id": id})).await["dossier"].clone();
    // Reception at 08:00: 4 working hours end at 14:00 (lunch 11:30–13:30 does not count);
    // the appointment is 10 working days later at the same time of day.
    assert_eq!(dossier["step"]["code"], "tiep-nhan");
    assert_eq!(dossier["stepDueAt"], "2026-03-02T07:00:00+00:00");
    assert_eq!(dossier["dueAt"], "2026-03-16T01:00:00+00:00");
    assert_eq!(dossier["sla"]["overall"]["budget"], "10d");
    assert_eq!(
        dossier["sla"]["steps"][0]["warnAt"],
        "2026-03-02T03:00:00+00:00"
    );
    assert_eq!(dossier["stepSlaState"], "NOT_DUE");
    assert_eq!(
        dossier["nextActions"],
        json!([
            {"action": "update_fields", "toStep": null},
            {"action": "request_supplement", "toStep": null},
            {"action": "forward", "toStep": "tham-dinh"},
            {"action": "withdraw", "toStep": null}
        ])
    );
    assert_eq!(
        dossier["fields"],
        json!([{"name": "dia_chi", "value": "Thôn Nà Pồng"}])
    );

    // The only officer of the next step is chosen when none is named.
    desk.at("2026-03-02T09:00:00").await;
    let social = desk.id_of("vhxh.01290").await;
    let moved = forward(&desk, "tiepnhan.01290", &id, "tham-dinh").await;
    assert_eq!(moved["holderId"], social);
    assert_eq!(moved["stepDueAt"], "2026-03-10T02:00:00+00:00");

    // "The next officer cannot see it": it is in their queue and the detail names the holder.
    let queue = "query { myDossiers(folder: IN_PROGRESS) { totalCount edges { node { id holderId step { code } } } } }";
    let mine = desk.ok("vhxh.01290", queue, json!({})).await;
    assert_eq!(mine["myDossiers"]["edges"][0]["node"]["id"], id);
    assert_eq!(
        desk.code("vhxh.01273", DETAIL, json!({"id": id})).await,
        "NOT_FOUND"
    );
    // The sender sees where it went, by name, without the right to list accounts.
    let sent =
        "query($id: ID!) { dossier(id: $id) { step { code } holderName timeline { actorName } } }";
    let sent = desk.ok("tiepnhan.01290", sent, json!({"id": id})).await["dossier"].clone();
    assert_eq!(
        (
            &sent["step"]["code"],
            &sent["holderName"],
            &sent["timeline"][2]["actorName"]
        ),
        (
            &json!("tham-dinh"),
            &json!("Cán bộ vhxh.01290"),
            &json!("Cán bộ tiepnhan.01290")
        )
    );

    let leader = forward(&desk, "vhxh.01290", &id, "lanh-dao-quyet-dinh").await;
    assert_eq!(leader["holderId"], desk.id_of("lanhdao.01290").await);
    let sign = "mutation($id: ID!) { signDossier(id: $id, toStep: \"van-thu-phat-hanh\") { step { code } holderId } }";
    desk.ok("lanhdao.01290", sign, json!({"id": id})).await;
    let issue = "mutation($id: ID!) { issueDecision(id: $id, toStep: \"tra-ket-qua\") { status decisionNumber } }";
    let issued = desk.ok("vanthu.01290", issue, json!({"id": id})).await;
    assert_eq!(
        issued["issueDecision"],
        json!({"status": "RESULT_ARRIVED", "decisionNumber": "1/QĐ-UBND"})
    );
    let arrived = desk
        .ok(
            "tiepnhan.01290",
            "{ myQueueCounts { resultArrived notReturned inProgress } }",
            json!({}),
        )
        .await;
    assert_eq!(
        arrived["myQueueCounts"],
        json!({"resultArrived": 1, "notReturned": 1, "inProgress": 0})
    );
    let done =
        "mutation($id: ID!) { returnResult(id: $id, handover: IN_PERSON) { status holderId } }";
    let body = desk.ok("tiepnhan.01290", done, json!({"id": id})).await;
    assert_eq!(
        body["returnResult"],
        json!({"status": "COMPLETED", "holderId": null})
    );

    let dossier = desk.ok("tiepnhan.01290", DETAIL, json!({"id": id})).await["dossier"].clone();
    assert_eq!(
        actions(&dossier),
        [
            "create",
            "receive",
            "forward",
            "forward",
            "sign",
            "issue",
            "return_result"
        ]
    );
    assert_eq!(dossier["timeline"][2]["note"], "Đủ thành phần");
    assert_eq!(dossier["timeline"][5]["decisionNumber"], "1/QĐ-UBND");
    // The whole path took an hour: early for the appointment two weeks on; the reception
    // step finished on its due day, so on time.
    assert_eq!(dossier["sla"]["overall"]["status"], "EARLY");
    assert_eq!(dossier["timeline"][2]["stepSla"]["step"], "tiep-nhan");
    assert_eq!(dossier["timeline"][2]["stepSla"]["status"], "ON_TIME");
    assert_eq!(dossier["nextActions"], json!([]));

    // The next decision of the commune that year takes the next number.
    let second = received(&desk, "Lò Văn Pọm", "004987654321").await;
    forward(&desk, "tiepnhan.01290", &second, "tham-dinh").await;
    forward(&desk, "vhxh.01290", &second, "lanh-dao-quyet-dinh").await;
    desk.ok("lanhdao.01290", sign, json!({"id": second})).await;
    let issued = desk.ok("vanthu.01290", issue, json!({"id": second})).await;
    assert_eq!(issued["issueDecision"]["decisionNumber"], "2/QĐ-UBND");
}

#[tokio::test]
async fn a_supplement_request_pauses_both_clocks_and_the_supplement_resumes_them() {
    let desk = open().await;
    let id = received(&desk, "Hoàng Văn Sình", "004123456780").await;
    desk.at("2026-03-02T09:00:00").await;
    forward(&desk, "tiepnhan.01290", &id, "tham-dinh").await;
    desk.at("2026-03-03T09:00:00").await;
    let ask = "mutation($id: ID!, $m: [String!]!) { requestSupplement(id: $id, missing: $m) { status stepDueAt dueAt stepSlaState } }";
    let empty = desk
        .code("vhxh.01290", ask, json!({"id": id, "m": ["  "]}))
        .await;
    assert_eq!(empty, "MISSING_LIST_REQUIRED");
    let paused = desk
        .ok(
            "vhxh.01290",
            ask,
            json!({"id": id, "m": ["Giấy xác nhận khuyết tật", "Bản sao sổ hộ nghèo"]}),
        )
        .await;
    assert_eq!(
        paused["requestSupplement"],
        json!({"status": "AWAITING_SUPPLEMENT", "stepDueAt": null, "dueAt": null, "stepSlaState": "PAUSED"})
    );
    let counts = desk
        .ok(
            "vhxh.01290",
            "{ myQueueCounts { supplement inProgress } }",
            json!({}),
        )
        .await;
    assert_eq!(
        counts["myQueueCounts"],
        json!({"supplement": 1, "inProgress": 0})
    );

    // Two working days later the citizen brings everything: both clocks go on where they
    // stopped (the step had used one day of six; the dossier 1 day and 1 hour of ten).
    desk.at("2026-03-05T09:00:00").await;
    let resume = "mutation($id: ID!) { receiveSupplement(id: $id) { status stepDueAt dueAt } }";
    let resumed = desk.ok("vhxh.01290", resume, json!({"id": id})).await;
    assert_eq!(
        resumed["receiveSupplement"],
        json!({"status": "IN_PROGRESS", "stepDueAt": "2026-03-12T02:00:00+00:00", "dueAt": "2026-03-18T01:00:00+00:00"})
    );
    let dossier = desk.ok("vhxh.01290", DETAIL, json!({"id": id})).await["dossier"].clone();
    // The appointment explains itself: the pause shows on the day it began.
    let why =
        "query($id: ID!) { dossier(id: $id) { sla { overall { explanation { date notes } } } } }";
    let why = desk.ok("vhxh.01290", why, json!({"id": id})).await;
    let days = why["dossier"]["sla"]["overall"]["explanation"].clone();
    let tuesday = days
        .as_array()
        .and_then(|d| d.iter().find(|day| day["date"] == "2026-03-03"))
        .cloned()
        .unwrap_or_default();
    assert!(
        tuesday["notes"].as_array().is_some_and(|n| n
            .iter()
            .any(|note| note == "tạm dừng: chờ công dân bổ sung hồ sơ")),
        "{days}"
    );
    assert_eq!(days[0]["notes"][0], "tiếp nhận lúc 08:00");
    let asked = &dossier["timeline"][3];
    assert_eq!(asked["action"], "request_supplement");
    assert_eq!(
        asked["missing"],
        json!(["Giấy xác nhận khuyết tật", "Bản sao sổ hộ nghèo"])
    );
}

#[tokio::test]
async fn the_leader_sends_it_back_and_the_officer_accepts_reworks_and_returns_it() {
    let desk = open().await;
    let id = received(&desk, "Nông Văn Dền", "004123456781").await;
    forward(&desk, "tiepnhan.01290", &id, "tham-dinh").await;
    forward(&desk, "vhxh.01290", &id, "lanh-dao-quyet-dinh").await;
    let back = "mutation($id: ID!, $r: String!) { sendBackDossier(id: $id, toStep: \"tham-dinh\", reason: $r) { status step { code } holderId } }";
    assert_eq!(
        desk.code("lanhdao.01290", back, json!({"id": id, "r": " "}))
            .await,
        "REASON_REQUIRED"
    );
    let sent = desk
        .ok(
            "lanhdao.01290",
            back,
            json!({"id": id, "r": "Bổ sung biên bản họp thôn"}),
        )
        .await;
    assert_eq!(sent["sendBackDossier"]["status"], "REWORK_REQUESTED");
    assert_eq!(
        sent["sendBackDossier"]["holderId"],
        desk.id_of("vhxh.01290").await
    );
    // Before accepting, the officer cannot forward it.
    let early = desk
        .code(
            "vhxh.01290",
            FORWARD,
            json!({"id": id, "to": "lanh-dao-quyet-dinh"}),
        )
        .await;
    assert_eq!(early, "ACTION_NOT_ALLOWED");
    let accept = "mutation($id: ID!) { acceptRework(id: $id) { status } }";
    let accepted = desk.ok("vhxh.01290", accept, json!({"id": id})).await;
    assert_eq!(accepted["acceptRework"]["status"], "IN_PROGRESS");
    let again = forward(&desk, "vhxh.01290", &id, "lanh-dao-quyet-dinh").await;
    assert_eq!(again["step"]["code"], "lanh-dao-quyet-dinh");
    let dossier = desk.ok("lanhdao.01290", DETAIL, json!({"id": id})).await["dossier"].clone();
    assert_eq!(
        actions(&dossier)[3..],
        ["forward", "send_back", "accept_rework", "forward"]
    );
    assert_eq!(
        dossier["timeline"][4]["reason"],
        "Bổ sung biên bản họp thôn"
    );
    // Three visits of the review step's clock and the leader's: each visit its own.
    let steps: Vec<&str> = dossier["sla"]["steps"]
        .as_array()
        .map(|s| s.iter().filter_map(|c| c["step"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        steps,
        [
            "tiep-nhan",
            "tham-dinh",
            "lanh-dao-quyet-dinh",
            "tham-dinh",
            "lanh-dao-quyet-dinh"
        ]
    );
}

#[tokio::test]
async fn ineligible_rejected_withdrawn_and_deleted_dossiers_end_there() {
    let desk = open().await;
    // Returned as ineligible, with the reason the citizen reads.
    let ineligible = received(&desk, "Lục Thị Nhàn", "004123456782").await;
    forward(&desk, "tiepnhan.01290", &ineligible, "tham-dinh").await;
    let ret = "mutation($id: ID!, $r: String!) { returnIneligible(id: $id, reason: $r) { status holderId } }";
    let body = desk
        .ok(
            "vhxh.01290",
            ret,
            json!({"id": ineligible, "r": "Chưa đủ 80 tuổi"}),
        )
        .await;
    assert_eq!(
        body["returnIneligible"],
        json!({"status": "RETURNED_INELIGIBLE", "holderId": null})
    );

    // Rejected by the leader: final; "new dossier from this one" copies the application.
    let rejected = received(&desk, "Bế Văn Đàn", "004123456783").await;
    forward(&desk, "tiepnhan.01290", &rejected, "tham-dinh").await;
    forward(&desk, "vhxh.01290", &rejected, "lanh-dao-quyet-dinh").await;
    let reject = "mutation($id: ID!) { rejectDossier(id: $id, reason: \"Đã hưởng trợ cấp khác\") { status } }";
    let body = desk
        .ok("lanhdao.01290", reject, json!({"id": rejected}))
        .await;
    assert_eq!(body["rejectDossier"]["status"], "REJECTED");
    assert_eq!(
        desk.code("lanhdao.01290", reject, json!({"id": rejected}))
            .await,
        "DOSSIER_CLOSED"
    );
    let counts = desk
        .ok(
            "tiepnhan.01290",
            "{ myQueueCounts { ineligibleOrRejected notReturned } }",
            json!({}),
        )
        .await;
    assert_eq!(
        counts["myQueueCounts"],
        json!({"ineligibleOrRejected": 2, "notReturned": 0})
    );
    let copy = "mutation($id: ID!) { copyDossier(id: $id) { id status applicantName sourceDossierId code } }";
    let copied = desk
        .ok("tiepnhan.01290", copy, json!({"id": rejected}))
        .await["copyDossier"]
        .clone();
    assert_eq!(copied["status"], "DRAFT");
    assert_eq!(copied["applicantName"], "Bế Văn Đàn");
    assert_eq!(copied["sourceDossierId"], rejected);
    let detail = desk
        .ok("tiepnhan.01290", DETAIL, json!({"id": copied["id"]}))
        .await;
    assert_eq!(detail["dossier"]["applicantIdNumber"], "004123456783");
    assert_eq!(
        desk.code("tiepnhan.01290", copy, json!({"id": copied["id"]}))
            .await,
        "SOURCE_NOT_ENDED"
    );

    // Withdrawn by the citizen while in progress.
    let withdrawn = received(&desk, "Đàm Thị Lan", "004123456784").await;
    let withdraw = "mutation($id: ID!) { withdrawDossier(id: $id, reason: \"Gia đình tự lo được\") { status holderId } }";
    // The citizen withdraws at the desk: not through the clerk, and not with a novel.
    assert_eq!(
        desk.code("vanthu.01290", withdraw, json!({"id": withdrawn}))
            .await,
        "NOT_HOLDER"
    );
    let novel =
        "mutation($id: ID!, $r: String!) { withdrawDossier(id: $id, reason: $r) { status } }";
    assert_eq!(
        desk.code(
            "tiepnhan.01290",
            novel,
            json!({"id": withdrawn, "r": "x".repeat(2001)})
        )
        .await,
        "TEXT_TOO_LONG"
    );
    let body = desk
        .ok("tiepnhan.01290", withdraw, json!({"id": withdrawn}))
        .await;
    assert_eq!(
        body["withdrawDossier"],
        json!({"status": "WITHDRAWN", "holderId": null})
    );

    // A draft is deleted by its creator only, and only by a role that may delete.
    let create = "mutation($u: ID!) { createDossier(procedure: \"2.000286\", unitId: $u, applicantName: \"Nhầm\") { id } }";
    let delete = "mutation($id: ID!) { deleteDossier(id: $id) { status } }";
    let draft =
        desk.ok("tiepnhan.01290", create, json!({"u": UNIT})).await["createDossier"]["id"].clone();
    // The social officer may create dossiers but not delete them (permissions.yaml).
    assert_eq!(
        desk.code("vhxh.01290", delete, json!({"id": draft})).await,
        "FORBIDDEN"
    );
    let theirs =
        desk.ok("vhxh.01290", create, json!({"u": UNIT})).await["createDossier"]["id"].clone();
    assert_eq!(
        desk.code("tiepnhan.01290", delete, json!({"id": theirs}))
            .await,
        "NOT_CREATOR"
    );
    let body = desk
        .ok("tiepnhan.01290", delete, json!({"id": draft}))
        .await;
    assert_eq!(body["deleteDossier"]["status"], "DELETED");
}

#[tokio::test]
async fn forwarding_to_a_step_nobody_holds_names_the_position_and_the_unit() {
    let desk = open().await;
    let id = received(&desk, "Hà Văn Quý", "004123456785").await;
    forward(&desk, "tiepnhan.01290", &id, "tham-dinh").await;
    // The commune leader has left: the province administrator disables the account.
    let leader = desk.server.officer_id("04", "lanhdao.01290").await;
    desk.server
        .data(
            "04",
            "mutation($id: ID!) { lockAccount(officerId: $id) { username } }",
            json!({"id": leader}),
        )
        .await;
    let preview = "query($id: ID!) { stepHandlers(dossierId: $id, step: \"lanh-dao-quyet-dinh\") {
        positionTitle unitName officers { username } problem } }";
    let handlers = desk.ok("vhxh.01290", preview, json!({"id": id})).await["stepHandlers"].clone();
    assert_eq!(handlers["officers"], json!([]));
    assert_eq!(handlers["unitName"], "Xã Bảo Lâm");
    let (code, message) = desk
        .error(
            "vhxh.01290",
            FORWARD,
            json!({"id": id, "to": "lanh-dao-quyet-dinh"}),
        )
        .await;
    assert_eq!(code, "NO_HANDLER");
    // The position is staffed, but its only officer's account is locked: the message says so.
    assert_eq!(
        message,
        "không có cán bộ thụ lý bước «Lãnh đạo UBND xã xem xét, ký quyết định»: cán bộ được \
         phân công vị trí lãnh đạo UBND cấp xã tại Xã Bảo Lâm (mã 01290) không nhận được hồ sơ \
         (Cán bộ lanhdao.01290 (lanhdao.01290): tài khoản đang bị khóa); đề nghị quản trị tỉnh \
         mở khóa tài khoản hoặc phân công cán bộ khác"
    );
    assert_eq!(handlers["problem"], message);
    // Nothing moved.
    let dossier = desk.ok("vhxh.01290", DETAIL, json!({"id": id})).await["dossier"].clone();
    assert_eq!(dossier["step"]["code"], "tham-dinh");
}

#[tokio::test]
async fn handlers_are_chosen_among_the_assigned_and_deputies_act_for_the_holder() {
    let desk = open().await;
    let id = received(&desk, "Mã Thị Hoa", "004123456786").await;
    let preview = "query($id: ID!) { stepHandlers(dossierId: $id, step: \"tham-dinh\") {
        position unitId officers { username } deputies { username } problem } }";
    let handlers = desk.ok("tiepnhan.01290", preview, json!({"id": id})).await;
    assert_eq!(
        handlers["stepHandlers"],
        json!({"position": "COMMUNE_SOCIAL", "unitId": UNIT,
               "officers": [{"username": "vhxh.01290"}], "deputies": [{"username": "vhxh2.01290"}],
               "problem": null})
    );
    // An officer of another commune cannot be chosen.
    let elsewhere = desk.id_of("vhxh.01273").await;
    let wrong = desk
        .code(
            "tiepnhan.01290",
            FORWARD,
            json!({"id": id, "to": "tham-dinh", "h": elsewhere}),
        )
        .await;
    assert_eq!(wrong, "HANDLER_NOT_ASSIGNED");
    forward(&desk, "tiepnhan.01290", &id, "tham-dinh").await;
    // The deputy acts for the holder; the timeline says so. Someone else may not.
    assert_eq!(
        desk.code(
            "vhxh.01279",
            FORWARD,
            json!({"id": id, "to": "lanh-dao-quyet-dinh"})
        )
        .await,
        "NOT_FOUND"
    );
    // The holder corrects the application; the timeline keeps old and new values.
    let update = "mutation($id: ID!) { updateDossier(id: $id, input: {applicantName: \"Mã Thị Hoa\",
        fields: [{name: \"dia_chi\", value: \"Thôn Khuổi Khon\"}, {name: \"ngay_sinh\", value: \"1944-05-01\"}]}) {
        fields { name value } timeline { action changes { name from to } } } }";
    let updated = desk.ok("vhxh.01290", update, json!({"id": id})).await;
    assert_eq!(
        updated["updateDossier"]["timeline"][3],
        json!({"action": "update_fields", "changes": [
            {"name": "dia_chi", "from": "Thôn Nà Pồng", "to": "Thôn Khuổi Khon"},
            {"name": "ngay_sinh", "from": null, "to": "1944-05-01"}]})
    );
    let future = "mutation($id: ID!) { updateDossier(id: $id, input: {fields: [{name: \"ngay_sinh\", value: \"2030-01-01\"}]}) { id } }";
    assert_eq!(
        desk.code("vhxh.01290", future, json!({"id": id})).await,
        "DATE_IN_FUTURE"
    );
    let bad_id = "mutation($id: ID!) { updateDossier(id: $id, input: {applicantIdNumber: \"12345\"}) { id } }";
    assert_eq!(
        desk.code("vhxh.01290", bad_id, json!({"id": id})).await,
        "INVALID_ID_NUMBER"
    );
    let moved = forward(&desk, "vhxh2.01290", &id, "lanh-dao-quyet-dinh").await;
    assert_eq!(moved["step"]["code"], "lanh-dao-quyet-dinh");
    let dossier = desk.ok("lanhdao.01290", DETAIL, json!({"id": id})).await["dossier"].clone();
    let entry = &dossier["timeline"][4];
    assert_eq!(entry["actorId"], desk.id_of("vhxh2.01290").await);
    assert_eq!(entry["actingForId"], desk.id_of("vhxh.01290").await);
    let names = "query($id: ID!) { dossier(id: $id) { timeline { actorName actingForName } } }";
    let names = desk.ok("lanhdao.01290", names, json!({"id": id})).await;
    assert_eq!(
        names["dossier"]["timeline"][4],
        json!({"actorName": "Cán bộ vhxh2.01290", "actingForName": "Cán bộ vhxh.01290"})
    );
}
