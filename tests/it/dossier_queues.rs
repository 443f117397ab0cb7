//! Queues as officers use them: folder counts, filters (procedure, status, SLA state, unit,
//! received date), search (code, name without diacritics, ID number), listings across a
//! leader's or the province's units, and staff reassignment.

use std::sync::Arc;

use ansinh_testkit::{Options, PASSWORD, TestClock, TestServer, config_tenants_dir};
use serde_json::{Value, json};

const BAO_LAM: &str = "01290@2025-07-01";
const THUC_PHAN: &str = "01273@2025-07-01";
const CREATE: &str = "mutation($p: String!, $u: ID!, $n: String!, $i: String) {
    createDossier(procedure: $p, unitId: $u, applicantName: $n, applicantIdNumber: $i) { id code } }";
const RECEIVE: &str = "mutation($id: ID!) { receiveDossier(id: $id) { status } }";
const FORWARD: &str =
    "mutation($id: ID!, $to: String!) { forwardDossier(id: $id, toStep: $to) { holderId } }";
const MINE: &str = "query($f: DossierFolder!, $filter: DossierFilterInput) {
    myDossiers(folder: $f, filter: $filter) { totalCount edges { node { code stepSlaState } } } }";
const ALL: &str = "query($filter: DossierFilterInput) {
    dossiers(filter: $filter) { totalCount edges { node { code } } } }";

struct Office {
    server: TestServer,
    clock: Arc<TestClock>,
    codes: Vec<String>,
    ids: Vec<Value>,
}

impl Office {
    async fn ok(&self, user: &str, query: &str, variables: Value) -> Value {
        self.server.data_as("04", user, query, variables).await
    }

    async fn codes(&self, user: &str, query: &str, variables: Value) -> Vec<String> {
        let data = self.ok(user, query, variables).await;
        let list = data
            .as_object()
            .and_then(|o| o.values().next())
            .cloned()
            .unwrap_or_default();
        let mut codes: Vec<String> = list["edges"]
            .as_array()
            .map(|edges| {
                edges
                    .iter()
                    .filter_map(|e| e["node"]["code"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        codes.sort();
        assert_eq!(list["totalCount"], codes.len(), "{data}");
        codes
    }

    fn code(&self, i: usize) -> String {
        self.codes[i].clone()
    }

    /// Four dossiers on Monday 2 March 2026: at Xã Bảo Lâm an allowance (0) received at 08:00
    /// and held by reception, a burial support (1) received and forwarded to the social
    /// officer, a draft (2); at Phường Thục Phán an allowance (3) received on Tuesday.
    async fn open() -> Self {
        let clock = TestClock::at_local("2026-03-02T08:00:00");
        let server = TestServer::start_with(Options {
            clock: Some(clock.clone()),
            ..Options::default()
        })
        .await;
        let mut office = Self {
            server,
            clock,
            codes: Vec::new(),
            ids: Vec::new(),
        };
        let dossiers = [
            (
                "tiepnhan.01290",
                "2.000286",
                BAO_LAM,
                "Nông Thị Mai",
                Some("004123456789"),
            ),
            (
                "tiepnhan.01290",
                "2.000744",
                BAO_LAM,
                "Lò Văn Pọm",
                Some("004198700001"),
            ),
            ("tiepnhan.01290", "2.000286", BAO_LAM, "Đinh Thị Én", None),
            (
                "tiepnhan.01273",
                "2.000286",
                THUC_PHAN,
                "Nông Văn Mạnh",
                Some("004123450000"),
            ),
        ];
        for (i, (user, procedure, unit, name, id_number)) in dossiers.into_iter().enumerate() {
            if i == 3 {
                office.at("2026-03-03T08:00:00").await;
            }
            let created = office
                .ok(
                    user,
                    CREATE,
                    json!({"p": procedure, "u": unit, "n": name, "i": id_number}),
                )
                .await;
            let id = created["createDossier"]["id"].clone();
            office.codes.push(
                created["createDossier"]["code"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
            if i != 2 {
                office.ok(user, RECEIVE, json!({"id": id})).await;
            }
            if i == 1 {
                office
                    .ok(user, FORWARD, json!({"id": id, "to": "tham-dinh"}))
                    .await;
            }
            office.ids.push(id);
        }
        office
    }

    async fn at(&self, local: &str) {
        self.clock.set_local(local);
        self.server.forget_tokens().await;
    }
}

#[tokio::test]
async fn folders_count_and_filter_what_each_officer_holds() {
    let office = Office::open().await;
    let counts = office
        .ok(
            "tiepnhan.01290",
            "{ myQueueCounts { toReceive inProgress inProgressLate inProgressDueSoon supplement resultArrived notReturned ineligibleOrRejected } }",
            json!({}),
        )
        .await;
    assert_eq!(
        counts["myQueueCounts"],
        json!({"toReceive": 1, "inProgress": 1, "inProgressLate": 1, "inProgressDueSoon": 0,
               "supplement": 0, "resultArrived": 0, "notReturned": 2, "ineligibleOrRejected": 0})
    );
    let mine = |folder: &str, filter: Value| json!({"f": folder, "filter": filter});
    assert_eq!(
        office
            .codes("tiepnhan.01290", MINE, mine("TO_RECEIVE", json!(null)))
            .await,
        [office.code(2)]
    );
    assert_eq!(
        office
            .codes("tiepnhan.01290", MINE, mine("NOT_RETURNED", json!(null)))
            .await,
        [office.code(0), office.code(1)]
    );
    assert_eq!(
        office
            .codes(
                "tiepnhan.01290",
                MINE,
                mine("NOT_RETURNED", json!({"procedure": "2.000744"}))
            )
            .await,
        [office.code(1)]
    );
    // Most urgent first: the allowance's reception step is due Monday 14:00, the burial
    // support's review Tuesday 08:00; by default the most recently changed comes first.
    let ordered = "query($o: DossierOrder) { myDossiers(folder: NOT_RETURNED, orderBy: $o) {
        edges { node { code } } } }";
    let codes_in_order = |data: Value| -> Vec<String> {
        data["myDossiers"]["edges"]
            .as_array()
            .map(|edges| {
                edges
                    .iter()
                    .filter_map(|e| e["node"]["code"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let urgent = office
        .ok("tiepnhan.01290", ordered, json!({"o": "STEP_DUE_FIRST"}))
        .await;
    assert_eq!(codes_in_order(urgent), [office.code(0), office.code(1)]);
    let recent = office.ok("tiepnhan.01290", ordered, json!({})).await;
    assert_eq!(codes_in_order(recent), [office.code(1), office.code(0)]);
    // On Tuesday the allowance's reception step (due Monday 14:00) is late; the burial
    // support's review (1 day from Monday 08:00, warned 4 hours ahead) is due soon.
    office.at("2026-03-03T07:45:00").await;
    let late = office
        .ok(
            "tiepnhan.01290",
            MINE,
            mine("IN_PROGRESS", json!({"stepSlaState": "LATE"})),
        )
        .await;
    assert_eq!(
        late["myDossiers"]["edges"][0]["node"],
        json!({"code": office.code(0), "stepSlaState": "LATE"})
    );
    assert_eq!(
        office
            .codes(
                "vhxh.01290",
                MINE,
                mine("IN_PROGRESS", json!({"stepSlaState": "DUE_SOON"}))
            )
            .await,
        [office.code(1)]
    );
    assert_eq!(
        office
            .codes(
                "vhxh.01290",
                MINE,
                mine("IN_PROGRESS", json!({"stepSlaState": "LATE"}))
            )
            .await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn search_finds_by_code_name_without_diacritics_and_id_number() {
    let office = Office::open().await;
    let search = |text: &str| json!({"filter": {"search": text}});
    let leader = "lanhdao.01290";
    let province = "theodoi.04";
    assert_eq!(
        office.codes(leader, ALL, search("nong")).await,
        [office.code(0)]
    );
    assert_eq!(
        office.codes(leader, ALL, search("NÔNG THỊ")).await,
        [office.code(0)]
    );
    // Wildcards are searched for literally.
    assert_eq!(
        office.codes(leader, ALL, search("nong_")).await,
        Vec::<String>::new()
    );
    assert_eq!(
        office.codes(leader, ALL, search("%")).await,
        Vec::<String>::new()
    );
    assert_eq!(
        office.codes(leader, ALL, search("004198700001")).await,
        [office.code(1)]
    );
    // The province viewer may not read persons: a name or an ID number finds nothing (so a
    // search cannot tell whether someone has a dossier), a code still does, and rows show the
    // applicant's initials only.
    for personal in ["nong", "NÔNG THỊ", "004198700001"] {
        assert_eq!(
            office.codes(province, ALL, search(personal)).await,
            Vec::<String>::new(),
            "{personal}"
        );
    }
    assert_eq!(
        office.codes(province, ALL, search(&office.code(3))).await,
        [office.code(3)]
    );
    let prefix = &office.code(0)[..office.code(0).len() - 2];
    assert_eq!(
        office.codes(province, ALL, search(prefix)).await,
        [office.code(0), office.code(1), office.code(2)]
    );
    let rows = "query($filter: DossierFilterInput) { dossiers(filter: $filter) {
        edges { node { applicantName personalDataWithheld } } } }";
    let row = |user: &'static str| {
        let office = &office;
        let code = office.code(0);
        async move {
            office
                .ok(user, rows, json!({"filter": {"search": code}}))
                .await["dossiers"]["edges"][0]["node"]
                .clone()
        }
    };
    assert_eq!(
        row(province).await,
        json!({"applicantName": "N. T. M.", "personalDataWithheld": true})
    );
    assert_eq!(
        row(leader).await,
        json!({"applicantName": "Nông Thị Mai", "personalDataWithheld": false})
    );
    // Received dates and statuses narrow; a bad range is refused with a reason.
    let tuesday = json!({"filter": {"receivedFrom": "2026-03-03", "receivedTo": "2026-03-03"}});
    assert_eq!(office.codes(province, ALL, tuesday).await, [office.code(3)]);
    let drafts = json!({"filter": {"statuses": ["DRAFT"]}});
    assert_eq!(office.codes(province, ALL, drafts).await, [office.code(2)]);
    let reversed = json!({"filter": {"receivedFrom": "2026-03-04", "receivedTo": "2026-03-03"}});
    let body = office.server.body_as("04", province, ALL, reversed).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "INVALID_DATE_RANGE"
    );
}

#[tokio::test]
async fn leaders_see_their_commune_and_the_province_sees_all() {
    let office = Office::open().await;
    assert_eq!(
        office.codes("lanhdao.01290", ALL, json!({})).await,
        [office.code(0), office.code(1), office.code(2)]
    );
    assert_eq!(office.codes("theodoi.04", ALL, json!({})).await.len(), 4);
    let named = "query($filter: DossierFilterInput) { dossiers(filter: $filter) {
        edges { node { unitName holderName procedureName stepName } } } }";
    let thuc_phan = json!({"filter": {"unitId": THUC_PHAN}});
    let rows = office.ok("theodoi.04", named, thuc_phan.clone()).await;
    assert_eq!(
        rows["dossiers"]["edges"][0]["node"],
        json!({"unitName": "Phường Thục Phán", "holderName": "Cán bộ tiepnhan.01273",
               "procedureName": "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng",
               "stepName": "Tiếp nhận hồ sơ"})
    );
    // The same row as a graph: the objects it points to, with no personal data in the holder.
    let graph = "query($filter: DossierFilterInput) { dossiers(filter: $filter) {
        nodes { unit { fullName parent { name } } holder { username displayName phone idNumber
          personalDataWithheld roles { role unitId } }
          procedure { code name } step { code name role budgetHours } } } }";
    let rows = office.ok("theodoi.04", graph, thuc_phan.clone()).await;
    assert_eq!(
        rows["dossiers"]["nodes"][0],
        json!({"unit": {"fullName": "Phường Thục Phán", "parent": {"name": "Cao Bằng"}},
               "holder": {"username": "tiepnhan.01273", "displayName": "Cán bộ tiepnhan.01273",
                          "phone": null, "idNumber": null, "personalDataWithheld": true,
                          "roles": [{"role": "COMMUNE_RECEPTION", "unitId": THUC_PHAN}]},
               "procedure": {"code": "2.000286",
                             "name": "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng"},
               "step": {"code": "tiep-nhan", "name": "Tiếp nhận hồ sơ", "role": "commune_reception",
                        "budgetHours": 4}})
    );
    assert_eq!(
        office.codes("theodoi.04", ALL, thuc_phan.clone()).await,
        [office.code(3)]
    );
    // A unit outside the caller's reach finds nothing rather than an error that confirms it.
    assert_eq!(
        office.codes("lanhdao.01290", ALL, thuc_phan).await,
        Vec::<String>::new()
    );
    // The ministry sees aggregates only.
    let (_, body) = office
        .server
        .graphql_with(
            Some(&office.server.token("VN", "phantich.bo").await),
            ALL,
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["dossiers"]["totalCount"], 0, "{body}");
}

#[tokio::test]
async fn a_departing_officers_dossiers_move_to_their_successor() {
    let office = Office::open().await;
    // The province assigns a second social officer at Xã Bảo Lâm.
    let (set, problems) = ansinh_config::load_dir(&config_tenants_dir());
    assert!(problems.is_empty(), "{problems:?}");
    let mut set = set.unwrap_or_else(|| panic!("config-tenants does not load"));
    let province = set
        .provinces
        .values_mut()
        .find(|p| p.tenant.code == "04")
        .unwrap_or_else(|| panic!("no province 04"));
    province
        .assignments
        .assignments
        .iter_mut()
        .find(|a| a.unit == "01290" && a.role == ansinh_core::Role::CommuneSocial)
        .unwrap_or_else(|| panic!("no social officer assignment"))
        .officers
        .push("vhxh3.01290".to_owned());
    office
        .server
        .app
        .reference
        .publish_config(&set, "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    office
        .server
        .app
        .identity
        .seed_demo_accounts(&set, PASSWORD)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    let from = office.server.officer_id("04", "vhxh.01290").await;
    let deputy = office.server.officer_id("04", "vhxh2.01290").await;
    let successor = office.server.officer_id("04", "vhxh3.01290").await;
    let reassign =
        "mutation($f: ID!, $t: ID!) { reassignDossiers(fromOfficerId: $f, toOfficerId: $t,
        note: \"Cán bộ nghỉ hưu\") { moved skipped { code reason } } }";
    let body = office
        .server
        .body_as(
            "04",
            "vhxh.01290",
            reassign,
            json!({"f": from, "t": successor}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let to_deputy = office
        .ok("lanhdao.01290", reassign, json!({"f": from, "t": deputy}))
        .await;
    assert_eq!(to_deputy["reassignDossiers"]["moved"], json!([]));
    assert_eq!(
        to_deputy["reassignDossiers"]["skipped"][0]["code"],
        office.code(1)
    );
    let moved = office
        .ok(
            "lanhdao.01290",
            reassign,
            json!({"f": from, "t": successor}),
        )
        .await;
    assert_eq!(
        moved["reassignDossiers"],
        json!({"moved": [office.code(1)], "skipped": []})
    );
    let detail = "query($id: ID!) { dossier(id: $id) { holderId step { code } timeline { action note handlerId } } }";
    let dossier = office
        .ok("vhxh3.01290", detail, json!({"id": office.ids[1]}))
        .await["dossier"]
        .clone();
    assert_eq!(dossier["holderId"], successor);
    assert_eq!(dossier["step"]["code"], "tham-dinh");
    let last = dossier["timeline"]
        .as_array()
        .and_then(|t| t.last().cloned())
        .unwrap_or_default();
    assert_eq!(
        last,
        json!({"action": "reassign", "note": "Cán bộ nghỉ hưu", "handlerId": successor})
    );
    let queue = office
        .ok("vhxh3.01290", "{ myQueueCounts { inProgress } }", json!({}))
        .await;
    assert_eq!(queue["myQueueCounts"]["inProgress"], 1);
}
