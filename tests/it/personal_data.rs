//! Personal data of applicants reaches only the roles that may read persons (reception, the
//! social officer, the leader, the clerk), each read of a detail logged; the province viewer
//! follows the dossier's progress without it, in the detail, the timeline and searches alike.

use ansinh_app::TenantScope;
use ansinh_app::identity::AccessLog;
use ansinh_core::TenantId;
use ansinh_store::SeaStore;
use ansinh_testkit::Desk;
use serde_json::{Value, json};

const UNIT: &str = "01290@2025-07-01";
const DETAIL: &str = "query($id: ID!) { dossier(id: $id) { applicantName applicantIdNumber
    personalDataWithheld fields { name value } timeline { action changes { name from to } } } }";

async fn access_log(desk: &Desk, dossier: &str) -> Vec<(String, Vec<String>)> {
    let store = SeaStore::connect(&desk.server.database.app_url, 1)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let scope = TenantScope::new(TenantId::parse("04").unwrap_or_else(|e| panic!("{e}")));
    store
        .access_log(&scope, "dossier", dossier)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .into_iter()
        .map(|entry| (entry.account.0, entry.fields))
        .collect()
}

#[tokio::test]
async fn the_province_viewer_follows_a_dossier_without_the_applicants_personal_data() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let created = desk
        .ok(
            "tiepnhan.01290",
            "mutation($u: ID!) { createDossier(procedure: \"2.000286\", unitId: $u,
              applicantName: \"Nông Thị Mai\", applicantIdNumber: \"004123456789\",
              fields: [{name: \"dia_chi\", value: \"Thôn Nà Pồng\"}]) { id } }",
            json!({"u": UNIT}),
        )
        .await;
    let id = created["createDossier"]["id"].clone();
    desk.ok(
        "tiepnhan.01290",
        "mutation($id: ID!) { updateDossier(id: $id, input: {fields: [{name: \"dia_chi\", value: \"Bản Khuổi\"}]}) { id } }",
        json!({"id": id}),
    )
    .await;

    let viewer = desk.ok("theodoi.04", DETAIL, json!({"id": id})).await["dossier"].clone();
    assert_eq!(
        viewer,
        json!({"applicantName": "N. T. M.", "applicantIdNumber": null, "personalDataWithheld": true,
               "fields": [], "timeline": [
                   {"action": "create", "changes": []},
                   {"action": "update_fields", "changes": [{"name": "dia_chi", "from": null, "to": null}]}]})
    );
    let dossier = id.as_str().unwrap_or_default();
    let viewer_id = desk.id_of("theodoi.04").await;
    let before = access_log(&desk, dossier).await;
    assert!(
        before.iter().all(|(reader, _)| *reader != viewer_id),
        "a withheld read is no read: {before:?}"
    );

    // Reception reads it all, and the read is logged with the fields read.
    desk.at("2026-03-02T08:05:00").await;
    let reception = desk.ok("tiepnhan.01290", DETAIL, json!({"id": id})).await["dossier"].clone();
    assert_eq!(
        (
            &reception["applicantName"],
            &reception["applicantIdNumber"],
            &reception["fields"]
        ),
        (
            &json!("Nông Thị Mai"),
            &json!("004123456789"),
            &json!([{"name": "dia_chi", "value": "Bản Khuổi"}])
        )
    );
    assert_eq!(
        reception["timeline"][1]["changes"],
        json!([{"name": "dia_chi", "from": "Thôn Nà Pồng", "to": "Bản Khuổi"}])
    );
    let reader: Value = desk.id_of("tiepnhan.01290").await;
    let after = access_log(&desk, dossier).await;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        after[0],
        (
            reader.as_str().unwrap_or_default().to_owned(),
            vec![
                "applicant_id_number".to_owned(),
                "fields.dia_chi".to_owned()
            ]
        ),
        "newest first"
    );
    // The clerk who prints the decision may read persons too.
    let clerk = desk.ok("vanthu.01290", DETAIL, json!({"id": id})).await;
    assert_eq!(
        clerk["dossier"]["personalDataWithheld"],
        json!(false),
        "{clerk}"
    );
}
