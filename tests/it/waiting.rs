//! Waiting and lateness through the API on the real stores (SQLite, and PostgreSQL when
//! configured): the supplement-wait job at the instants that matter reminds the citizen once
//! and returns the dossier as the system; the apology letter through `extendAppointment`
//! with its refusals, the appointment moved, the letter drafted and its message sent.

use ansinh_app::TenantScope;
use ansinh_config::model::JobName;
use ansinh_core::TenantId;
use ansinh_testkit::Desk;
use serde_json::{Value, json};

use crate::support::{forward_to_social, received};

const APPLICANT: &str = "nong.thi.mai@example.vn";

fn scope() -> TenantScope {
    TenantScope::new(TenantId::parse("04").unwrap_or_else(|e| panic!("{e:?}")))
}

fn utc(local: &str) -> chrono::DateTime<chrono::Utc> {
    let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S")
        .unwrap_or_else(|e| panic!("{local}: {e}"));
    ansinh_core::calendar::local::from_local(naive).with_timezone(&chrono::Utc)
}

/// Received at 08:00 on `day` with the applicant's e-mail, forwarded at 09:00.
async fn forwarded(desk: &Desk, day: &str) -> Value {
    desk.at(&format!("{day}T08:00:00")).await;
    let fields = json!([{"name": "thu_dien_tu", "value": APPLICANT}]);
    let id = received(desk, "Nông Thị Mai", fields).await["id"].clone();
    forward_to_social(desk, &id, &format!("{day}T09:00:00")).await;
    id
}

/// Runs the job once at `local`, the clock there.
async fn tick(desk: &Desk, job: JobName, local: &str) -> String {
    desk.at(local).await;
    let run = desk
        .server
        .app
        .notices
        .run_job(&scope(), job, utc(local))
        .await
        .unwrap_or_else(|e| panic!("{local}: {e:?}"));
    run.detail
}

/// The subjects of the messages of `kind` waiting for delivery (the outbox expanded first),
/// as platform administrators list them.
async fn subjects(desk: &Desk, kind: &str) -> Vec<String> {
    let notices = &desk.server.app.notices;
    while notices
        .expand_outbox(&scope())
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .events
        > 0
    {}
    let listed = desk
        .server
        .data_as(
            "VN",
            "quantri.nentang",
            "{ outgoingMessages(tenant: \"04\", status: PENDING) { kind channel subject } }",
            json!({}),
        )
        .await;
    let mut found: Vec<String> = listed["outgoingMessages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["kind"] == kind && m["channel"] == "EMAIL")
        .filter_map(|m| m["subject"].as_str().map(str::to_owned))
        .collect();
    found.sort();
    found
}

const DOSSIER: &str = "query($id: ID!) { dossier(id: $id) { code status holder { username } supplementRemindAt supplementLapseAt dueAt timeline { action actorId actorName waitedDays newAppointment previousAppointment reason } } }";

#[tokio::test]
async fn the_system_reminds_once_then_returns_an_unsupplemented_dossier() {
    let desk = Desk::open("04", "2026-04-20T08:00:00").await;
    let id = forwarded(&desk, "2026-04-20").await;
    desk.at("2026-04-20T10:00:00").await;
    desk.ok(
        "vhxh.01290",
        "mutation($id: ID!) { requestSupplement(id: $id, missing: [\"Giấy xác nhận khuyết tật\"]) { status } }",
        json!({"id": id}),
    )
    .await;
    let waiting = desk.ok("vhxh.01290", DOSSIER, json!({"id": id})).await;
    // Five working days past the weekend and 27/4 (observed); thirty past 30/4 and 1/5 too.
    assert_eq!(
        (
            &waiting["dossier"]["supplementRemindAt"],
            &waiting["dossier"]["supplementLapseAt"]
        ),
        (
            &json!("2026-04-28T03:00:00+00:00"),
            &json!("2026-06-04T03:00:00+00:00")
        )
    );
    let code = waiting["dossier"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let job = JobName::SupplementWait;
    let quiet = "0 hồ sơ đến hạn nhắc (0 thông báo mới), 0 hồ sơ trả lại do quá hạn bổ sung";
    assert_eq!(tick(&desk, job, "2026-04-28T09:45:00").await, quiet);
    assert_eq!(
        tick(&desk, job, "2026-04-28T10:00:00").await,
        "1 hồ sơ đến hạn nhắc (1 thông báo mới), 0 hồ sơ trả lại do quá hạn bổ sung"
    );
    // The same tick again (a second worker, a restart) adds nothing.
    assert_eq!(
        tick(&desk, job, "2026-04-28T10:00:00").await,
        "1 hồ sơ đến hạn nhắc (0 thông báo mới), 0 hồ sơ trả lại do quá hạn bổ sung"
    );
    assert_eq!(tick(&desk, job, "2026-06-04T09:45:00").await, quiet);
    assert_eq!(
        tick(&desk, job, "2026-06-04T10:00:00").await,
        "0 hồ sơ đến hạn nhắc (0 thông báo mới), 1 hồ sơ trả lại do quá hạn bổ sung"
    );
    assert_eq!(tick(&desk, job, "2026-06-04T10:15:00").await, quiet);
    let returned = desk.ok("vhxh.01290", DOSSIER, json!({"id": id})).await;
    assert_eq!(returned["dossier"]["status"], "SUPPLEMENT_LAPSED");
    assert_eq!(returned["dossier"]["holder"], Value::Null);
    assert_eq!(returned["dossier"]["supplementLapseAt"], Value::Null);
    let timeline = returned["dossier"]["timeline"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let last = timeline.last().cloned().unwrap_or_default();
    assert_eq!(
        (
            &last["action"],
            &last["actorId"],
            &last["actorName"],
            &last["waitedDays"]
        ),
        (
            &json!("close_unsupplemented"),
            &json!("system"),
            &json!("Hệ thống (tác vụ tự động)"),
            &json!(30)
        )
    );
    assert_eq!(
        subjects(&desk, "SUPPLEMENT_REMINDER").await,
        [format!("Nhắc bổ sung hồ sơ {code}")]
    );
    assert_eq!(
        subjects(&desk, "SUPPLEMENT_LAPSED").await,
        [format!("Hồ sơ {code} được trả lại do quá hạn bổ sung")]
    );
    // The reception desk can start over from it.
    let copy = desk
        .ok(
            "tiepnhan.01290",
            "mutation($id: ID!) { copyDossier(id: $id) { status sourceDossierId } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        copy["copyDossier"],
        json!({"status": "DRAFT", "sourceDossierId": id})
    );
}

#[tokio::test]
async fn an_apology_letter_moves_a_late_appointment_and_reaches_the_citizen() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    desk.ok(
        "vhxh.01290",
        "mutation { updateProfile(displayName: \"Lò Thị Hoa\", email: \"vhxh.01290@caobang.gov.vn\") { id } }",
        json!({}),
    )
    .await;
    let id = forwarded(&desk, "2026-03-02").await;
    let extend = "mutation($id: ID!, $until: NaiveDate!, $reason: String!) { extendAppointment(id: $id, until: $until, reason: $reason) { status dueAt } }";
    let vars = |until: &str, reason: &str| json!({"id": id, "until": until, "reason": reason});
    desk.at("2026-03-12T10:00:00").await;
    assert_eq!(
        desk.code("vhxh.01290", extend, vars("2026-03-20", "Chờ xác minh"))
            .await,
        "APPOINTMENT_NOT_DUE"
    );
    // Due Monday 16 March 08:00; its holder is asked for the letter as it passes.
    tick(&desk, JobName::SlaWarnings, "2026-03-16T08:00:00").await;
    desk.at("2026-03-16T09:00:00").await;
    for (until, reason, code) in [
        ("2026-03-16", "Chờ xác minh", "APPOINTMENT_NOT_LATER"),
        ("2026-03-21", "Chờ xác minh", "NOT_A_WORKING_DAY"),
        ("2026-03-20", "", "REASON_REQUIRED"),
    ] {
        assert_eq!(
            desk.code("vhxh.01290", extend, vars(until, reason)).await,
            code,
            "{until}"
        );
    }
    assert_eq!(
        desk.code("tiepnhan.01290", extend, vars("2026-03-20", "Chờ xác minh"))
            .await,
        "NOT_HOLDER"
    );
    let reason = "Cần xác minh thêm tại thôn Nà Pồng";
    let moved = desk
        .ok("vhxh.01290", extend, vars("2026-03-20", reason))
        .await;
    assert_eq!(
        moved["extendAppointment"],
        json!({"status": "IN_PROGRESS", "dueAt": "2026-03-20T10:00:00+00:00"})
    );
    let dossier = desk.ok("vhxh.01290", DOSSIER, json!({"id": id})).await;
    let code = dossier["dossier"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let timeline = dossier["dossier"]["timeline"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let last = timeline.last().cloned().unwrap_or_default();
    assert_eq!(
        (
            &last["action"],
            &last["newAppointment"],
            &last["previousAppointment"],
            &last["reason"]
        ),
        (
            &json!("extend_appointment"),
            &json!("2026-03-20"),
            &json!("2026-03-16T01:00:00+00:00"),
            &json!(reason)
        )
    );
    let draft = desk
        .ok(
            "vhxh.01290",
            "query($id: ID!) { documentDraft(dossierId: $id, kind: APOLOGY) { templateName pages missingFields } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(
        draft["documentDraft"],
        json!({"templateName": "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "pages": 1, "missingFields": ["noi_cu_tru"]})
    );
    assert_eq!(
        subjects(&desk, "APOLOGY_LETTER").await,
        [format!("Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {code}")]
    );
    assert_eq!(
        subjects(&desk, "APPOINTMENT_PASSED").await,
        [format!(
            "[{code}] Quá hẹn trả kết quả: lập Phiếu xin lỗi và hẹn lại"
        )]
    );
}
