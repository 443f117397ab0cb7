//! A commune merger as data: once the "merged into" edge is published, officers of the new
//! commune reach what belonged to the old one, and not the reverse. (Officer accounts stand in
//! for the old commune's records until dossiers arrive.)

use ansinh_testkit::{PASSWORD, TestServer, config_tenants_dir};
use serde_json::{Value, json};

const READ: &str = "query($s: String!) { officers(search: $s) { totalCount } }";

async fn visible(server: &TestServer, token: &str, username: &str) -> Value {
    let (_, body) = server
        .graphql_with(Some(token), READ, json!({"s": username}))
        .await;
    body["data"]["officers"]["totalCount"].clone()
}

#[tokio::test]
async fn officers_of_the_new_commune_reach_the_old_one_once_the_edge_exists() {
    let server = TestServer::start().await;
    let (set, problems) = ansinh_config::load_dir(&config_tenants_dir());
    assert!(problems.is_empty());
    let original = set.unwrap_or_else(|| panic!("no config"));
    // Before: publish the same data without the edge 01270 (old) → 01279 (new).
    let mut without = original.clone();
    let cao_bang = without
        .provinces
        .get_mut("04-cao-bang")
        .unwrap_or_else(|| panic!("04"));
    let history = cao_bang
        .units_history
        .as_mut()
        .unwrap_or_else(|| panic!("history"));
    let old = history
        .units
        .iter_mut()
        .find(|unit| unit.code == "01270")
        .unwrap_or_else(|| panic!("01270"));
    assert_eq!(old.merged_into, vec!["01279".to_owned()]);
    old.merged_into.clear();
    server
        .app
        .reference
        .publish_config(&without, "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    let leader = server.login("04", "lanhdao.01279", PASSWORD).await;
    let token = leader["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(visible(&server, &token, "tiepnhan.01270.cu").await, 0);

    // The edge is published: the same token now reaches the old commune's officers.
    server
        .app
        .reference
        .publish_config(&original, "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(visible(&server, &token, "tiepnhan.01270.cu").await, 1);
    assert_eq!(visible(&server, &token, ".01270.cu").await, 2);

    // Not the reverse: a leader of the old commune does not reach the new commune's officers.
    let create = "mutation { createOfficer(input: {username: \"lanhdao.01270.cu\", displayName: \"Lãnh đạo xã cũ\",
        temporaryPassword: \"Tam@thoi2026\", roles: [{role: COMMUNE_LEADER, unitId: \"01270@\"}]}) { username } }";
    server.data("04", create, json!({})).await;
    let old_leader = server.login("04", "lanhdao.01270.cu", "Tam@thoi2026").await;
    let old_token = old_leader["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(visible(&server, &old_token, "tiepnhan.01270.cu").await, 1);
    assert_eq!(visible(&server, &old_token, "tiepnhan.01279").await, 0);
    assert_eq!(visible(&server, &old_token, "lanhdao.01279").await, 0);
}
