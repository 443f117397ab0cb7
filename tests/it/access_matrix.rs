//! The access matrix: every role × each action of every resource type × relation of the
//! target to the caller's unit (own, child, sibling, parent, other tenant), asked through the
//! GraphQL API (or, for actions with no operation yet, of the authorization port), against the
//! outcome the rules in `access_matrix/rules.rs` derive from `permissions.yaml`. "child" of a
//! commune is a commune merged into it (its legacy predecessor); "-" marks relations a level
//! does not have. Applicants have ID numbers and officers phones, so each personal-data cell
//! says whether they were shown or withheld.
//!
//! `tests/fixtures/access-matrix.csv` is the derived table, committed for review; the test
//! fails when it differs from the rules. `ANSINH_WRITE_ACCESS_MATRIX=1` rewrites it from the
//! rules (never from what the code answers).

mod rules;

use std::collections::BTreeMap;

use ansinh_app::TenantScope;
use ansinh_app::identity::{AccountRepo, Principal};
use ansinh_core::{Resource, TenantId, UnitId};
use ansinh_store::SeaStore;
use ansinh_testkit::{Options, PASSWORD, TestClock, TestServer};
use rules::{Cell, Probe, Subject, Target};
use serde_json::{Value, json};

use ansinh_core::Role;

/// Who plays each role: tenant, account, level of the unit the role is held at.
const SUBJECTS: [Subject; 12] = [
    subject(Role::CommuneReception, "04", "tiepnhan.01273", "commune"),
    subject(Role::CommuneSocial, "04", "vhxh.01273", "commune"),
    subject(Role::CommuneLeader, "04", "lanhdao.01273", "commune"),
    subject(Role::CommuneClerk, "04", "vanthu.01273", "commune"),
    subject(Role::DistrictOfficer, "04", "chuyenvien.040", "district"),
    subject(Role::DistrictHead, "04", "truongphong.040", "district"),
    subject(Role::DistrictLeader, "04", "lanhdao.040", "district"),
    subject(Role::DistrictClerk, "04", "vanthu.040", "district"),
    subject(Role::ProvinceAdmin, "04", "quantri.04", "province"),
    subject(Role::ProvinceViewer, "04", "theodoi.04", "province"),
    subject(Role::MinistryAnalyst, "VN", "phantich.bo", "national"),
    subject(Role::PlatformAdmin, "VN", "quantri.nentang", "national"),
];

const fn subject(
    role: Role,
    tenant: &'static str,
    username: &'static str,
    level: &'static str,
) -> Subject {
    Subject {
        role,
        tenant,
        username,
        level,
    }
}

/// The officer account in a relation to the subject's unit: (tenant, username).
fn target_account(subject: &Subject, relation: &str) -> Option<(&'static str, &'static str)> {
    let other = |a: &'static str, b: &'static str| if subject.username == a { b } else { a };
    match (subject.level, relation) {
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
fn target_unit(subject: &Subject, relation: &str) -> Option<&'static str> {
    match (subject.level, relation) {
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

/// The unit of the dossier in a relation to the subject's unit, when dossiers live there.
fn dossier_unit(subject: &Subject, relation: &str) -> Option<&'static str> {
    match (subject.level, relation) {
        // Every dossier of a province lies below the national root, in another tenant.
        ("national", "child") => Some("01273@2025-07-01"),
        _ => target_unit(subject, relation).filter(|unit| DOSSIERS.iter().any(|d| d.0 == *unit)),
    }
}

/// One received dossier at each commune unit the matrix uses: (unit, tenant, creator and
/// holder, procedure, local time of receipt). The legacy commune's dates from before the 2025
/// reform.
const DOSSIERS: [(&str, &str, &str, &str, &str); 4] = [
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

/// Every account the matrix names.
fn accounts() -> Vec<(&'static str, &'static str)> {
    let targets = [
        ("04", "vhxh2.01273"),
        ("04", "tiepnhan.01273.cu"),
        ("04", "tiepnhan.01279"),
        ("04", "chuyenvien.042"),
        ("12", "tiepnhan.03388"),
    ];
    SUBJECTS
        .iter()
        .map(|s| (s.tenant, s.username))
        .chain(targets)
        .collect()
}

/// The server with the matrix's dossiers and personal data in place.
struct World {
    server: TestServer,
    clock: std::sync::Arc<TestClock>,
    /// Account ids by login name.
    ids: BTreeMap<&'static str, String>,
    /// Dossier id and code by unit.
    dossiers: BTreeMap<&'static str, (String, String)>,
}

async fn principal_of(server: &TestServer, tenant: &str, username: &str) -> Principal {
    let token = server.token(tenant, username).await;
    server
        .app
        .identity
        .authenticate(&token)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
}

impl World {
    async fn open() -> Self {
        let clock = TestClock::at_local("2026-03-02T09:00:00");
        let server = TestServer::start_with(Options {
            clock: Some(clock.clone()),
            ..Options::default()
        })
        .await;
        let store = SeaStore::connect(&server.database.app_url, 2)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut ids = BTreeMap::new();
        for (n, (tenant, username)) in accounts().into_iter().enumerate() {
            let scope = TenantScope::new(TenantId::parse(tenant).unwrap_or_else(|e| panic!("{e}")));
            let account = store
                .account_by_username(&scope, username)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"))
                .unwrap_or_else(|| panic!("no account {username}"));
            let phone = format!("09{n:08}");
            store
                .set_profile(
                    &scope,
                    &account.id,
                    &ansinh_app::identity::Profile {
                        display_name: account.display_name.clone(),
                        phone: Some(phone),
                        id_number: None,
                        email: None,
                    },
                )
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            ids.insert(username, account.id.0);
        }
        let mut world = Self {
            server,
            clock,
            ids,
            dossiers: BTreeMap::new(),
        };
        world.create_dossiers().await;
        world
    }

    async fn create_dossiers(&mut self) {
        for (n, (unit, tenant, creator, procedure, at)) in DOSSIERS.into_iter().enumerate() {
            self.clock.set_local(at);
            self.server.forget_tokens().await;
            let principal = principal_of(&self.server, tenant, creator).await;
            let application = ansinh_app::dossier::Application {
                applicant_name: format!("Người nộp tại {unit}").into(),
                applicant_id_number: Some(format!("0041980000{n:02}").into()),
                ..Default::default()
            };
            let unit_id = UnitId::parse(unit).unwrap_or_else(|e| panic!("{e}"));
            let app = &self.server.app;
            let created = app
                .dossiers
                .create_dossier(&principal, procedure, &unit_id, &application)
                .await
                .unwrap_or_else(|e| panic!("{unit}: {e:?}"));
            app.dossiers
                .act(
                    &principal,
                    &created.id,
                    ansinh_core::dossier::Command::Receive,
                    "",
                )
                .await
                .unwrap_or_else(|e| panic!("{unit}: {e:?}"));
            self.dossiers
                .insert(unit, (created.id.to_string(), created.code));
        }
        self.clock.set_local("2026-03-02T09:00:00");
        self.server.forget_tokens().await;
    }
}

/// What a response says: `OK` only for HTTP 200 with no error and `data.<field>` not null.
fn outcome(status: u16, body: &Value, field: &str) -> String {
    if let Some(code) = body["errors"][0]["extensions"]["code"].as_str() {
        return code.to_owned();
    }
    match (status, &body["data"][field]) {
        (200, Value::Null) | (200, Value::Bool(false)) => "NULL_DATA".to_owned(),
        (200, _) => "OK".to_owned(),
        (other, _) => format!("HTTP_{other}"),
    }
}

/// Whether `items` of a connection hold an entry whose `key` is `value`.
fn lists(body: &Value, field: &str, key: &str, value: &str) -> String {
    let found = body["data"][field]["edges"]
        .as_array()
        .is_some_and(|edges| edges.iter().any(|e| e["node"][key] == value));
    match outcome(200, body, field).as_str() {
        "OK" if found => "listed".to_owned(),
        "OK" => "unlisted".to_owned(),
        other => other.to_owned(),
    }
}

/// Asks one cell of `subject` as the API (or the policy) answers it.
struct Asker<'a> {
    world: &'a World,
    subject: Subject,
    token: String,
    principal: Principal,
}

impl Asker<'_> {
    async fn ask(&self, query: &str, variables: Value) -> (u16, Value) {
        self.world
            .server
            .graphql_with(Some(&self.token), query, variables)
            .await
    }

    /// The target a cell points at in a relation, with its id (account or dossier) and unit.
    fn target(&self, cell: &Cell) -> (Target, Option<String>, Option<&'static str>) {
        let subject = &self.subject;
        let by_account =
            matches!(cell.resource, Resource::Account) || cell.probe == "officer.phone";
        if cell.relation == "tenant" {
            return (Target::Other, None, None);
        }
        if by_account {
            return match target_account(subject, cell.relation) {
                Some((_, username)) => {
                    (Target::Other, Some(self.world.ids[username].clone()), None)
                }
                None => (Target::None, None, None),
            };
        }
        let unit = match cell.resource {
            Resource::Unit => target_unit(subject, cell.relation),
            _ => dossier_unit(subject, cell.relation),
        };
        let Some(unit) = unit else {
            return (Target::None, None, None);
        };
        let dossier = self.world.dossiers.get(unit);
        let held = DOSSIERS
            .iter()
            .any(|d| d.0 == unit && d.2 == subject.username);
        let target = if held { Target::Held } else { Target::Other };
        (target, dossier.map(|d| d.0.clone()), Some(unit))
    }

    async fn observe(&self, cell: &Cell) -> String {
        let (target, id, unit) = self.target(cell);
        if target == Target::None {
            return "-".to_owned();
        }
        match cell.kind {
            Probe::Policy => self.policy(cell, unit).await,
            _ => {
                self.api(cell, id.unwrap_or_default(), unit.unwrap_or_default())
                    .await
            }
        }
    }

    async fn policy(&self, cell: &Cell, unit: Option<&str>) -> String {
        let unit = match unit {
            Some(unit) => UnitId::parse(unit).unwrap_or_else(|e| panic!("{e}")),
            None if self.subject.tenant == "VN" => ansinh_app::identity::national_root(),
            None => UnitId::parse("04@").unwrap_or_else(|e| panic!("{e}")),
        };
        let app = &self.world.server.app;
        match app
            .access
            .require(&self.principal, cell.resource, cell.action, &unit)
            .await
        {
            Ok(()) => "allowed".to_owned(),
            Err(_) => "denied".to_owned(),
        }
    }

    async fn api(&self, cell: &Cell, id: String, unit: &str) -> String {
        let code = self
            .world
            .dossiers
            .get(unit)
            .map(|d| d.1.clone())
            .unwrap_or_default();
        let username = target_account(&self.subject, cell.relation).map(|t| t.1);
        match cell.probe {
            "unit" => {
                let (s, b) = self
                    .ask(
                        "query($id: ID!) { unit(id: $id) { id } }",
                        json!({"id": unit}),
                    )
                    .await;
                outcome(s, &b, "unit")
            }
            "workflows" => {
                let (s, b) = self.ask("{ workflows { code } }", json!({})).await;
                outcome(s, &b, "workflows")
            }
            "officers" => {
                let q =
                    "query($s: String!) { officers(search: $s) { edges { node { username } } } }";
                let username = username.unwrap_or_default();
                lists(
                    &self.ask(q, json!({"s": username})).await.1,
                    "officers",
                    "username",
                    username,
                )
            }
            "officer" | "officer.phone" => {
                let q = "query($id: ID!) { officer(id: $id) { username phone } }";
                let (s, b) = self.ask(q, json!({"id": id})).await;
                personal(
                    cell,
                    outcome(s, &b, "officer"),
                    &b["data"]["officer"]["phone"],
                )
            }
            "lockAccount" => {
                let lock = "mutation($id: ID!) { lockAccount(officerId: $id) { locked } }";
                let (s, b) = self.ask(lock, json!({"id": id})).await;
                let answer = outcome(s, &b, "lockAccount");
                if answer == "OK" {
                    let unlock = "mutation($id: ID!) { unlockAccount(officerId: $id) { locked } }";
                    let (s, b) = self.ask(unlock, json!({"id": id})).await;
                    assert_eq!(
                        outcome(s, &b, "unlockAccount"),
                        "OK",
                        "unlock after lock: {b}"
                    );
                }
                answer
            }
            "dossiers" => {
                let q = "query($s: String!) { dossiers(filter: {search: $s}) { edges { node { code } } } }";
                lists(
                    &self.ask(q, json!({"s": code})).await.1,
                    "dossiers",
                    "code",
                    &code,
                )
            }
            "dossier" | "dossier.applicantIdNumber" => {
                let q = "query($id: ID!) { dossier(id: $id) { code applicantIdNumber } }";
                let (s, b) = self.ask(q, json!({"id": id})).await;
                personal(
                    cell,
                    outcome(s, &b, "dossier"),
                    &b["data"]["dossier"]["applicantIdNumber"],
                )
            }
            _ => self.dossier_action(cell, id, unit).await,
        }
    }

    async fn dossier_action(&self, cell: &Cell, id: String, unit: &str) -> String {
        let (query, variables, field) = match cell.probe {
            "createDossier" => (
                "mutation($u: ID!) { createDossier(procedure: \"2.000286\", unitId: $u, applicantName: \"Thử quyền\") { id } }",
                json!({"u": unit}),
                "createDossier",
            ),
            "updateDossier" => (
                "mutation($id: ID!, $v: String!) { updateDossier(id: $id, input: {fields: [{name: \"ghi_chu\", value: $v}]}) { id } }",
                json!({"id": id, "v": format!("{:?} {}", self.subject.role, cell.relation)}),
                "updateDossier",
            ),
            "receiveSupplement" => (
                "mutation($id: ID!) { receiveSupplement(id: $id) { status } }",
                json!({"id": id}),
                "receiveSupplement",
            ),
            "deleteDossier" => (
                "mutation($id: ID!) { deleteDossier(id: $id) { status } }",
                json!({"id": id}),
                "deleteDossier",
            ),
            "reassignDossiers" => {
                // From the dossier's holder to an officer not assigned to its step: nothing
                // moves, and the answer lists the dossier as left.
                let holder = DOSSIERS
                    .iter()
                    .find(|d| d.0 == unit)
                    .map(|d| self.world.ids[d.2].clone());
                (
                    "mutation($f: ID!, $t: ID!, $u: ID!) { reassignDossiers(fromOfficerId: $f, toOfficerId: $t, unitId: $u) { moved } }",
                    json!({"f": holder, "t": self.world.ids["vhxh2.01273"], "u": unit}),
                    "reassignDossiers",
                )
            }
            other => panic!("no probe {other}"),
        };
        let (s, b) = self.ask(query, variables).await;
        outcome(s, &b, field)
    }
}

/// A personal-data cell reads whether the value came back; a read cell only whether the read
/// succeeded.
fn personal(cell: &Cell, read: String, value: &Value) -> String {
    match (cell.kind, read.as_str()) {
        (Probe::Personal, "OK") if value.is_string() => "shown".to_owned(),
        (Probe::Personal, "OK") => "withheld".to_owned(),
        _ => read,
    }
}

fn line(subject: &Subject, cell: &Cell, outcome: &str) -> String {
    format!(
        "{},{},{},{},{},{outcome}",
        subject.role.as_str(),
        cell.resource.as_str(),
        cell.action.as_str(),
        cell.relation,
        cell.probe
    )
}

#[tokio::test]
async fn every_role_action_and_relation_answers_as_permissions_yaml_says() {
    let (set, problems) = ansinh_config::load_dir(&ansinh_testkit::config_tenants_dir());
    assert!(problems.is_empty(), "{problems:?}");
    let set = set.unwrap_or_else(|| panic!("config-tenants does not load"));
    let world = World::open().await;
    let header = "role,resource,action,relation,probe,outcome".to_owned();
    let (mut expected, mut observed) = (vec![header.clone()], vec![header]);
    for subject in SUBJECTS {
        let province = set
            .provinces
            .values()
            .find(|p| p.tenant.code == subject.tenant);
        let permissions =
            ansinh_config::permissions::effective_permissions(&set.national, province);
        let body = world
            .server
            .login(subject.tenant, subject.username, PASSWORD)
            .await;
        let token = body["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("login {}: {body}", subject.username))
            .to_owned();
        let principal = world
            .server
            .app
            .identity
            .authenticate(&token)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let asker = Asker {
            world: &world,
            subject,
            token,
            principal,
        };
        for cell in rules::cells() {
            let (target, _, _) = asker.target(&cell);
            expected.push(line(
                &subject,
                &cell,
                &rules::expected(&permissions, &subject, &cell, target),
            ));
            observed.push(line(&subject, &cell, &asker.observe(&cell).await));
        }
    }
    let expected = expected.join("\n") + "\n";
    let observed = observed.join("\n") + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/access-matrix.csv");
    if std::env::var("ANSINH_WRITE_ACCESS_MATRIX").is_ok() {
        std::fs::write(path, &expected).unwrap_or_else(|e| panic!("{e}"));
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        committed, expected,
        "tests/fixtures/access-matrix.csv is not what the rules derive from permissions.yaml"
    );
    let mismatches: Vec<String> = expected
        .lines()
        .zip(observed.lines())
        .filter(|(e, o)| e != o)
        .map(|(e, o)| format!("expected {e}\n   found {o}"))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} cells differ from the rules:\n{}",
        mismatches.len(),
        expected.lines().count() - 1,
        mismatches.join("\n")
    );
}
