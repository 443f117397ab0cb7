//! What several flow tests do first: a dossier created and received at the one-stop desk of
//! Xã Bảo Lâm (01290, Cao Bằng), optionally handed to its social officer.

use ansinh_testkit::Desk;
use serde_json::{Value, json};

/// The commune the flow tests work at.
const UNIT: &str = "01290@2025-07-01";
/// Its reception officer.
const RECEPTION: &str = "tiepnhan.01290";

/// A monthly-allowance dossier of `applicant` with `fields` (`[{name, value}]`), created and
/// received by the reception officer at the desk's current time: its `id`, `code` and
/// `procedure { name }`.
pub(crate) async fn received(desk: &Desk, applicant: &str, fields: Value) -> Value {
    let created = desk
        .ok(
            RECEPTION,
            "mutation($u: ID!, $n: String!, $f: [DossierFieldInput!]) { createDossier(procedure: \"2.000286\", unitId: $u, applicantName: $n, fields: $f) { id code procedure { name } } }",
            json!({"u": UNIT, "n": applicant, "f": fields}),
        )
        .await;
    let dossier = created["createDossier"].clone();
    desk.ok(
        RECEPTION,
        "mutation($id: ID!) { receiveDossier(id: $id) { status } }",
        json!({"id": dossier["id"]}),
    )
    .await;
    dossier
}

/// Forwards the dossier `id` to the social officer's step (tham-dinh) at `local` time.
pub(crate) async fn forward_to_social(desk: &Desk, id: &Value, local: &str) {
    desk.at(local).await;
    desk.ok(
        RECEPTION,
        "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"tham-dinh\", note: \"Đủ\") { status } }",
        json!({"id": id}),
    )
    .await;
}
