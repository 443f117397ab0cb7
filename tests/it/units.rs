//! Administrative units through GraphQL: the real communes, the tree, history and search.

use ansinh_testkit::TestServer;
use serde_json::{Value, json};

fn codes(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .map(|edge| edge["node"]["code"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_province_lists_its_real_communes_after_the_2025_reform() {
    let server = TestServer::start().await;
    let query = "query($after: String) {
        units(level: COMMUNE, asOf: \"2026-01-01\", first: 100, after: $after) {
            totalCount
            pageInfo { hasNextPage }
            edges { node { code fullName kind validFrom validTo parent { code level } } }
        }
    }";
    let data = server.data("12", query, json!({})).await;
    let units = &data["units"];
    assert_eq!(units["totalCount"], 38);
    assert_eq!(units["pageInfo"]["hasNextPage"], false);
    let first = &units["edges"][0]["node"];
    assert_eq!(first["parent"], json!({"code": "12", "level": "PROVINCE"}));
    assert_eq!(first["validFrom"], "2025-07-01");
    assert_eq!(first["validTo"], Value::Null);
    let names: Vec<&str> = units["edges"]
        .as_array()
        .map(|edges| {
            edges
                .iter()
                .filter_map(|e| e["node"]["fullName"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert!(names.contains(&"Phường Đoàn Kết"), "{names:?}");

    let data = server.data("04", query, json!({})).await;
    assert_eq!(data["units"]["totalCount"], 56);
}

#[tokio::test]
async fn pages_follow_the_cursor_without_gaps() {
    let server = TestServer::start().await;
    let query = "query($after: String) {
        units(level: COMMUNE, asOf: \"2026-01-01\", first: 20, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { code } }
        }
    }";
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = server.data("04", query, json!({ "after": after })).await;
        seen.extend(codes(&data["units"]));
        if data["units"]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = data["units"]["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen.len(), 56);
    // No page repeats a unit of another: 56 distinct codes.
    let unique: std::collections::BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "{seen:?}");
    // Pages follow the listing's order (codes by length then value), so paging loses nothing.
    let mut ordered = seen.clone();
    ordered.sort_by_key(|code| (code.len(), code.clone()));
    assert_eq!(ordered, seen);
    let code = server
        .error_code(
            Some("04"),
            "{ units(first: 101) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "PAGE_SIZE_INVALID");
}

#[tokio::test]
async fn search_ignores_diacritics_and_case() {
    let server = TestServer::start().await;
    let query = "query($q: String) { units(search: $q, asOf: \"2026-01-01\") { edges { node { code fullName } } } }";
    for text in ["hoa an", "HÒA AN", "Hoà An", "xa hoa an"] {
        let data = server.data("04", query, json!({ "q": text })).await;
        assert_eq!(codes(&data["units"]), vec!["01654"], "{text}");
    }
    let data = server.data("04", query, json!({ "q": "100%_" })).await;
    assert_eq!(codes(&data["units"]), Vec::<String>::new());
}

#[tokio::test]
async fn the_legacy_three_tier_tree_and_its_merge_map_are_queryable() {
    let server = TestServer::start().await;
    let district = server
        .data(
            "04",
            "{ unit(id: \"040@\") { fullName level validTo parent { code }
                 descendants(first: 100) { totalCount edges { node { code level } } }
                 children { code } } }",
            json!({}),
        )
        .await;
    let unit = &district["unit"];
    assert_eq!(unit["fullName"], "Thành phố Cao Bằng");
    assert_eq!(unit["level"], "DISTRICT");
    assert_eq!(unit["validTo"], "2025-06-30");
    assert_eq!(unit["parent"]["code"], "04");
    assert_eq!(unit["descendants"]["totalCount"], 11);
    assert_eq!(unit["children"].as_array().map(Vec::len), Some(11));

    let old = server
        .data(
            "04",
            "{ unit(id: \"01273@\") { fullName ancestors { code } mergedInto { id fullName mergedFrom { code } } } }",
            json!({}),
        )
        .await;
    assert_eq!(old["unit"]["fullName"], "Phường Hợp Giang");
    assert_eq!(
        old["unit"]["ancestors"],
        json!([{"code": "04"}, {"code": "040"}])
    );
    let successor = &old["unit"]["mergedInto"][0];
    assert_eq!(successor["id"], "01273@2025-07-01");
    assert_eq!(successor["fullName"], "Phường Thục Phán");
    assert!(
        successor["mergedFrom"]
            .as_array()
            .is_some_and(|from| from.contains(&json!({"code": "01273"})))
    );

    let history = server
        .data(
            "04",
            "{ unitHistory(code: \"01273\") { id fullName validFrom validTo } }",
            json!({}),
        )
        .await;
    assert_eq!(
        history["unitHistory"],
        json!([
            {"id": "01273@", "fullName": "Phường Hợp Giang", "validFrom": null, "validTo": "2025-06-30"},
            {"id": "01273@2025-07-01", "fullName": "Phường Thục Phán", "validFrom": "2025-07-01", "validTo": null},
        ])
    );
}

#[tokio::test]
async fn the_province_on_a_day_before_the_reform_has_districts() {
    let server = TestServer::start().await;
    let query = "{ districts: units(level: DISTRICT, asOf: \"2025-06-30\") { totalCount }
                  communes: units(level: COMMUNE, asOf: \"2025-06-30\") { totalCount }
                  after: units(level: DISTRICT, asOf: \"2025-07-01\") { totalCount } }";
    let data = server.data("04", query, json!({})).await;
    assert_eq!(data["districts"]["totalCount"], 10);
    assert_eq!(data["communes"]["totalCount"], 161);
    assert_eq!(data["after"]["totalCount"], 0);
}

#[tokio::test]
async fn offices_procedures_and_workflows_come_from_the_published_configuration() {
    let server = TestServer::start().await;
    let data = server
        .data(
            "04",
            "{ offices { code servesLevel servesUnits sessions { weekday sessions } }
               procedures { code name statutoryTotals { validFrom workingHours } workflows
                 components { code required accepts addedByProvince } }
               workflows(procedure: \"2.000744\") { code validFrom validTo totalWorkingHours
                 steps { code level role budgetHours actions { action to } } } }",
            json!({}),
        )
        .await;
    let ward_office = &data["offices"][1];
    assert_eq!(
        ward_office["servesUnits"],
        json!(["01273", "01279", "01288"])
    );
    assert_eq!(
        ward_office["sessions"][5],
        json!({"weekday": "saturday", "sessions": ["07:30-11:30"]})
    );
    let burial = data["procedures"]
        .as_array()
        .and_then(|all| all.iter().find(|p| p["code"] == "2.000744"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        burial["name"],
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội"
    );
    assert_eq!(
        burial["statutoryTotals"],
        json!([{"validFrom": null, "workingHours": 40}, {"validFrom": "2025-07-01", "workingHours": 24}])
    );
    // The national components, then the one Cao Bằng adds (PDF only).
    let all = ["PDF", "JPEG", "PNG"];
    assert_eq!(
        burial["components"],
        json!([
            {"code": "to-khai-mau-04", "required": true, "accepts": all, "addedByProvince": false},
            {"code": "giay-bao-tu", "required": true, "accepts": all, "addedByProvince": false},
            {"code": "giay-to-theo-truong-hop", "required": false, "accepts": all, "addedByProvince": false},
            {"code": "giay-uy-quyen", "required": false, "accepts": ["PDF"], "addedByProvince": true},
        ])
    );
    let workflows = data["workflows"].as_array().cloned().unwrap_or_default();
    let totals: Vec<(Value, Value)> = workflows
        .iter()
        .map(|w| (w["code"].clone(), w["totalWorkingHours"].clone()))
        .collect();
    assert_eq!(
        totals,
        vec![
            (json!("mai-tang-2-cap"), json!(24)),
            (json!("mai-tang-3-cap"), json!(40))
        ]
    );
    let legacy = &workflows[1];
    assert!(
        legacy["steps"]
            .as_array()
            .is_some_and(|steps| steps.iter().any(|s| s["level"] == "DISTRICT"))
    );
}
