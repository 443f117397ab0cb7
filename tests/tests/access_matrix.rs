//! The access matrix: every role × resource type × action × relation of the target to the
//! caller's unit (own, child, sibling, parent, other tenant), through the GraphQL API, against
//! the committed table `tests/fixtures/access-matrix.csv`. "child" of a commune is a commune
//! merged into it (its legacy predecessor); "-" marks relations a level does not have.
//!
//! Set `ANSINH_RECORD_ACCESS_MATRIX=1` to print the observed table instead of comparing, then
//! review every changed line before committing it.

use std::collections::BTreeMap;

use ansinh_app::TenantScope;
use ansinh_app::identity::AccountStore;
use ansinh_core::TenantId;
use ansinh_store::SeaStore;
use ansinh_testkit::{Options, PASSWORD, TestClock, TestServer};
use serde_json::{Value, json};

/// Who plays each role: tenant, account, level of the unit the role is held at.
const SUBJECTS: [(&str, &str, &str, &str); 12] = [
    ("commune_reception", "04", "tiepnhan.01273", "commune"),
    ("commune_social", "04", "vhxh.01273", "commune"),
    ("commune_leader", "04", "lanhdao.01273", "commune"),
    ("commune_clerk", "04", "vanthu.01273", "commune"),
    ("district_officer", "04", "chuyenvien.040", "district"),
    ("district_head", "04", "truongphong.040", "district"),
    ("district_leader", "04", "lanhdao.040", "district"),
    ("district_clerk", "04", "vanthu.040", "district"),
    ("province_admin", "04", "quantri.04", "province"),
    ("province_viewer", "04", "theodoi.04", "province"),
    ("ministry_analyst", "VN", "phantich.bo", "national"),
    ("platform_admin", "VN", "quantri.nentang", "national"),
];

const RELATIONS: [&str; 5] = ["own", "child", "sibling", "parent", "other_tenant"];

/// The officer account in a relation to the subject's unit: (tenant, username).
fn target_account(
    level: &str,
    subject: &str,
    relation: &str,
) -> Option<(&'static str, &'static str)> {
    let other = |a: &'static str, b: &'static str| if subject == a { b } else { a };
    match (level, relation) {
        ("commune", "own") => Some(("04", "vhxh2.01273")),
        ("commune" | "district", "child") => Some(("04", "tiepnhan.01273.cu")),
        ("commune", "sibling") => Some(("04", "tiepnhan.01279")),
        ("commune" | "district", "parent") => Some(("04", "theodoi.04")),
        ("district", "own") => Some(("04", other("vanthu.040", "truongphong.040"))),
        ("district", "sibling") => Some(("04", "chuyenvien.042")),
        ("province", "own") => Some(("04", other("theodoi.04", "quantri.04"))),
        ("province" | "national", "child") => Some(("04", "vhxh2.01273")),
        ("national", "own") => Some(("VN", other("phantich.bo", "quantri.nentang"))),
        ("commune" | "district" | "province", "other_tenant") => Some(("12", "tiepnhan.03388")),
        _ => None,
    }
}

/// The unit in a relation to the subject's unit.
fn target_unit(level: &str, relation: &str) -> Option<&'static str> {
    match (level, relation) {
        ("commune", "own") => Some("01273@2025-07-01"),
        ("commune" | "district", "child") => Some("01273@"),
        ("commune", "sibling") => Some("01279@2025-07-01"),
        ("commune" | "district", "parent") | ("province", "own") | ("national", "child") => {
            Some("04@")
        }
        ("district", "own") => Some("040@"),
        ("district", "sibling") => Some("042@"),
        ("province", "child") => Some("01273@2025-07-01"),
        ("commune" | "district" | "province", "other_tenant") => Some("03388@2025-07-01"),
        _ => None,
    }
}

/// The dossier at the unit in a relation to the subject's unit, when dossiers live there.
fn target_dossier<'a>(
    level: &str,
    relation: &str,
    dossiers: &'a BTreeMap<&'static str, (String, String)>,
) -> Option<&'a (String, String)> {
    // Every dossier of a province lies below the national root.
    let unit = match (level, relation) {
        ("national", "child") => "01273@2025-07-01",
        _ => target_unit(level, relation)?,
    };
    dossiers.get(unit)
}

/// One received dossier at each commune unit the matrix uses: (unit, tenant, creator,
/// procedure, local time of receipt). The legacy commune's dates from before the 2025 reform.
const DOSSIER_UNITS: [(&str, &str, &str, &str, &str); 4] = [
    (
        "01273@",
        "04",
        "tiepnhan.01273.cu",
        "2.000744",
        "2025-06-16T09:00:00",
    ),
    (
        "01273@2025-07-01",
        "04",
        "tiepnhan.01273",
        "2.000286",
        "2026-03-02T09:00:00",
    ),
    (
        "01279@2025-07-01",
        "04",
        "tiepnhan.01279",
        "2.000286",
        "2026-03-02T09:00:00",
    ),
    (
        "03388@2025-07-01",
        "12",
        "tiepnhan.03388",
        "2.000286",
        "2026-03-02T09:00:00",
    ),
];

/// Creates and receives the matrix's dossiers: unit → (id, code).
async fn matrix_dossiers(
    server: &TestServer,
    clock: &TestClock,
) -> BTreeMap<&'static str, (String, String)> {
    let mut dossiers = BTreeMap::new();
    for (unit, tenant, creator, procedure, at) in DOSSIER_UNITS {
        clock.set_local(at);
        server.forget_tokens().await;
        let token = server.token(tenant, creator).await;
        let principal = server
            .app
            .authenticate(&token)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let application = ansinh_app::dossier::Application {
            applicant_name: format!("Người nộp tại {unit}"),
            ..Default::default()
        };
        let unit_id = ansinh_core::UnitId::parse(unit).unwrap_or_else(|e| panic!("{e}"));
        let created = server
            .app
            .create_dossier(&principal, procedure, &unit_id, &application)
            .await
            .unwrap_or_else(|e| panic!("{unit}: {e:?}"));
        server
            .app
            .act(
                &principal,
                &created.id,
                ansinh_core::dossier::Command::Receive,
                "",
            )
            .await
            .unwrap_or_else(|e| panic!("{unit}: {e:?}"));
        dossiers.insert(unit, (created.id, created.code));
    }
    dossiers
}

fn outcome(body: &Value) -> String {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("OK")
        .to_owned()
}

#[tokio::test]
async fn every_role_resource_action_and_relation_matches_the_committed_table() {
    let clock = TestClock::at_local("2026-03-02T09:00:00");
    let server = TestServer::start_with(Options {
        clock: Some(clock.clone()),
        ..Options::default()
    })
    .await;
    let store = SeaStore::connect(&server.database.app_url, 2)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    for (_, tenant, username, _) in SUBJECTS.iter().copied().chain(
        [
            "vhxh2.01273",
            "tiepnhan.01273.cu",
            "tiepnhan.01279",
            "chuyenvien.042",
            "tiepnhan.03388",
        ]
        .into_iter()
        .map(|u| ("", if u.ends_with("03388") { "12" } else { "04" }, u, "")),
    ) {
        let scope = TenantScope::new(TenantId::parse(tenant).unwrap_or_else(|e| panic!("{e}")));
        let account = store
            .account_by_username(&scope, username)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"))
            .unwrap_or_else(|| panic!("no account {username}"));
        ids.insert(username, account.id.0);
    }

    let dossiers = matrix_dossiers(&server, &clock).await;
    let mut observed = vec!["role,resource,action,relation,outcome".to_owned()];
    for (role, tenant, username, level) in SUBJECTS {
        let body = server.login(tenant, username, PASSWORD).await;
        let token = body["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("login {username}: {body}"))
            .to_owned();
        let ask = |query: &'static str, variables: Value| {
            let token = token.clone();
            let server = &server;
            async move { server.graphql_with(Some(&token), query, variables).await.1 }
        };
        let mut row = |resource: &str, action: &str, relation: &str, result: String| {
            observed.push(format!("{role},{resource},{action},{relation},{result}"));
        };
        let workflows = ask("{ workflows { code } }", json!({})).await;
        row("config", "read", "tenant", outcome(&workflows));
        for relation in RELATIONS {
            let unit = match target_unit(level, relation) {
                Some(unit) => outcome(
                    &ask(
                        "query($id: ID!) { unit(id: $id) { id } }",
                        json!({"id": unit}),
                    )
                    .await,
                ),
                None => "-".to_owned(),
            };
            row("unit", "read", relation, unit);
            match target_dossier(level, relation, &dossiers) {
                Some((id, code)) => {
                    let list = ask(
                        "query($s: String!) { dossiers(filter: {search: $s}) { edges { node { code } } } }",
                        json!({"s": code}),
                    )
                    .await;
                    let listed = list["data"]["dossiers"]["edges"]
                        .as_array()
                        .is_some_and(|edges| edges.iter().any(|e| e["node"]["code"] == *code));
                    let list_outcome = match outcome(&list).as_str() {
                        "OK" if listed => "listed".to_owned(),
                        "OK" => "unlisted".to_owned(),
                        other => other.to_owned(),
                    };
                    row("dossier", "list", relation, list_outcome);
                    let read = ask(
                        "query($id: ID!) { dossier(id: $id) { code applicantIdNumber } }",
                        json!({"id": id}),
                    )
                    .await;
                    row("dossier", "read", relation, outcome(&read));
                    let create = ask(
                        "mutation($u: ID!) { createDossier(procedure: \"2.000286\", unitId: $u, applicantName: \"Thử quyền\") { id } }",
                        json!({"u": target_unit(level, relation)}),
                    )
                    .await;
                    row("dossier", "create", relation, outcome(&create));
                    // A supplement while none was asked for: the state machine refuses it, so
                    // ACTION_NOT_ALLOWED means the caller got past the permission checks.
                    let transition = ask(
                        "mutation($id: ID!) { receiveSupplement(id: $id) { status } }",
                        json!({"id": id}),
                    )
                    .await;
                    row("dossier", "transition", relation, outcome(&transition));
                }
                None => {
                    for action in ["list", "read", "create", "transition"] {
                        row("dossier", action, relation, "-".to_owned());
                    }
                }
            }
            let Some((_, target)) = target_account(level, username, relation) else {
                for action in ["list", "read", "manage"] {
                    row("account", action, relation, "-".to_owned());
                }
                continue;
            };
            let id = ids[target].clone();
            let list = ask(
                "query($s: String!) { officers(search: $s) { edges { node { username } } } }",
                json!({"s": target}),
            )
            .await;
            let listed = list["data"]["officers"]["edges"]
                .as_array()
                .is_some_and(|edges| edges.iter().any(|e| e["node"]["username"] == target));
            let list_outcome = match outcome(&list).as_str() {
                "OK" if listed => "listed".to_owned(),
                "OK" => "unlisted".to_owned(),
                other => other.to_owned(),
            };
            row("account", "list", relation, list_outcome);
            let read = ask(
                "query($id: ID!) { officer(id: $id) { username idNumber } }",
                json!({"id": id}),
            )
            .await;
            row("account", "read", relation, outcome(&read));
            let lock = ask(
                "mutation($id: ID!) { lockAccount(officerId: $id) { locked } }",
                json!({"id": id}),
            )
            .await;
            let manage = outcome(&lock);
            if manage == "OK" {
                ask(
                    "mutation($id: ID!) { unlockAccount(officerId: $id) { locked } }",
                    json!({"id": id}),
                )
                .await;
            }
            row("account", "manage", relation, manage);
        }
    }
    let observed = observed.join("\n") + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/access-matrix.csv");
    if std::env::var("ANSINH_RECORD_ACCESS_MATRIX").is_ok() {
        std::fs::write(path, &observed).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    let mismatches: Vec<String> = expected
        .lines()
        .zip(observed.lines())
        .filter(|(e, o)| e != o)
        .map(|(e, o)| format!("expected {e}\n   found {o}"))
        .collect();
    assert!(
        mismatches.is_empty() && expected.lines().count() == observed.lines().count(),
        "{} cells differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
