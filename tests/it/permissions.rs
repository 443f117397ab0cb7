//! Provinces narrow the national default permissions; they cannot widen them.

use std::collections::BTreeMap;

use ansinh_config::model::PermissionNarrowing;
use ansinh_core::{Resource, Role};
use ansinh_testkit::{PASSWORD, TestServer, config_tenants_dir};
use serde_json::json;

#[tokio::test]
async fn a_province_narrowing_removes_a_permission_for_its_officers_only() {
    let server = TestServer::start().await;
    let officers = "{ officers { totalCount } }";
    let count = |tenant: &'static str, user: &'static str| {
        let server = &server;
        async move {
            let body = server.login(tenant, user, PASSWORD).await;
            let token = body["data"]["login"]["accessToken"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let (_, body) = server.graphql_with(Some(&token), officers, json!({})).await;
            body["data"]["officers"]["totalCount"].as_u64()
        }
    };
    assert_eq!(count("12", "lanhdao.03388").await, Some(5));

    let (set, problems) = ansinh_config::load_dir(&config_tenants_dir());
    assert!(problems.is_empty());
    let mut set = set.unwrap_or_else(|| panic!("no config"));
    let lai_chau = set
        .provinces
        .get_mut("12-lai-chau")
        .unwrap_or_else(|| panic!("12"));
    lai_chau.permissions = Some(PermissionNarrowing {
        remove: BTreeMap::from([(
            Role::CommuneLeader,
            BTreeMap::from([(
                Resource::Account,
                vec!["list".to_owned(), "read".to_owned()],
            )]),
        )]),
    });
    let problems = ansinh_config::check(&set);
    assert!(problems.is_empty(), "{problems:?}");
    server
        .app
        .reference
        .publish_config(&set, "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    assert_eq!(count("12", "lanhdao.03408").await, Some(0));
    // Cao Bằng keeps the national defaults.
    assert_eq!(
        count("04", "lanhdao.01288").await.map(|n| n > 0),
        Some(true)
    );
}

#[test]
fn a_narrowing_that_widens_or_names_unknown_actions_is_reported() {
    let (set, _) = ansinh_config::load_dir(&config_tenants_dir());
    let mut set = set.unwrap_or_else(|| panic!("no config"));
    let lai_chau = set
        .provinces
        .get_mut("12-lai-chau")
        .unwrap_or_else(|| panic!("12"));
    lai_chau.permissions = Some(PermissionNarrowing {
        remove: BTreeMap::from([(
            Role::CommuneClerk,
            BTreeMap::from([(
                Resource::Account,
                vec!["manage".to_owned(), "fly".to_owned()],
            )]),
        )]),
    });
    let problems = ansinh_config::check(&set);
    let codes: Vec<(&str, String)> = problems.iter().map(|p| (p.code, p.path.clone())).collect();
    assert_eq!(
        codes,
        vec![
            (
                "UNKNOWN_ACTION",
                "remove.commune_clerk.account[1]".to_owned()
            ),
            (
                "NARROWING_REMOVES_NOTHING",
                "remove.commune_clerk.account".to_owned()
            ),
        ]
    );
}
