//! Publishing configuration: idempotent, versioned with a diff summary, and exported back to the
//! same layout.

use ansinh_app::PublishStatus;
use ansinh_testkit::{TestServer, config_tenants_dir};
use serde_json::json;

fn shipped() -> ansinh_config::ConfigSet {
    let (set, problems) = ansinh_config::load_dir(&config_tenants_dir());
    assert!(problems.is_empty(), "{problems:?}");
    set.unwrap_or_else(|| panic!("config-tenants does not load"))
}

#[tokio::test]
async fn re_applying_the_same_files_creates_no_version() {
    let server = TestServer::start().await;
    let outcomes = server
        .app
        .reference
        .publish_config(&shipped(), "again")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let summary: Vec<(String, PublishStatus, i32)> = outcomes
        .into_iter()
        .map(|o| (o.tenant.to_string(), o.status, o.version))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("VN".to_owned(), PublishStatus::Unchanged, 1),
            ("04".to_owned(), PublishStatus::Unchanged, 1),
            ("12".to_owned(), PublishStatus::Unchanged, 1),
        ]
    );
    let data = server
        .data("04", "{ configVersions { totalCount } }", json!({}))
        .await;
    assert_eq!(data["configVersions"]["totalCount"], 1);
}

#[tokio::test]
async fn export_round_trips_to_an_equal_configuration() {
    let server = TestServer::start().await;
    let exported = server
        .app
        .reference
        .export_config()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(exported, shipped());
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ansinh_config::write_dir(&exported, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let (reloaded, problems) = ansinh_config::load_dir(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(reloaded.as_ref(), Some(&shipped()));
    let outcomes = server
        .app
        .reference
        .publish_config(&reloaded.unwrap_or_else(|| panic!("no set")), "export")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        outcomes
            .iter()
            .all(|o| o.status == PublishStatus::Unchanged)
    );
}

#[tokio::test]
async fn a_change_becomes_a_new_version_with_who_when_and_what() {
    let server = TestServer::start().await;
    let mut set = shipped();
    let cao_bang = set
        .provinces
        .get_mut("04-cao-bang")
        .unwrap_or_else(|| panic!("no 04"));
    let hoa_an = cao_bang
        .units
        .units
        .iter_mut()
        .find(|unit| unit.code == "01654")
        .unwrap_or_else(|| panic!("no 01654"));
    hoa_an.full_name = "Xã Hòa An (đổi tên thử)".to_owned();
    cao_bang.calendar.receipt_cutoff =
        chrono::NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default();
    let outcomes = server
        .app
        .reference
        .publish_config(&set, "quantri.04")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let cao_bang_outcome = outcomes.iter().find(|o| o.tenant.as_str() == "04").cloned();
    assert_eq!(
        cao_bang_outcome.map(|o| (o.status, o.version, o.summary)),
        Some((
            PublishStatus::Published,
            2,
            "calendar.yaml +0 −0 ~1; units.yaml +0 −0 ~1".to_owned()
        ))
    );
    assert!(
        outcomes
            .iter()
            .filter(|o| o.tenant.as_str() != "04")
            .all(|o| o.status == PublishStatus::Unchanged)
    );

    let data = server
        .data(
            "04",
            "{ configVersions { totalCount edges { node { version publishedBy changes { file added removed changed } } } }
               unit(id: \"01654@2025-07-01\") { fullName } }",
            json!({}),
        )
        .await;
    assert_eq!(data["configVersions"]["totalCount"], 2);
    assert_eq!(
        data["configVersions"]["edges"][0]["node"],
        json!({"version": 2, "publishedBy": "quantri.04", "changes": [
            {"file": "calendar.yaml", "added": 0, "removed": 0, "changed": 1},
            {"file": "units.yaml", "added": 0, "removed": 0, "changed": 1},
        ]})
    );
    assert_eq!(data["unit"]["fullName"], "Xã Hòa An (đổi tên thử)");
    let first = server
        .data(
            "04",
            "{ configVersion(version: 1) { version publishedBy } }",
            json!({}),
        )
        .await;
    assert_eq!(
        first["configVersion"],
        json!({"version": 1, "publishedBy": "testkit"})
    );
    assert_eq!(
        server
            .error_code(
                Some("04"),
                "{ configVersion(version: 3) { version } }",
                json!({})
            )
            .await,
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn a_set_with_errors_is_refused_whole() {
    let server = TestServer::start().await;
    let mut set = shipped();
    let lai_chau = set
        .provinces
        .get_mut("12-lai-chau")
        .unwrap_or_else(|| panic!("no 12"));
    lai_chau.assignments.assignments.clear();
    let error = server
        .app
        .reference
        .publish_config(&set, "x")
        .await
        .map(|_| ())
        .map_err(|e| e.code());
    assert_eq!(error, Err("CONFIG_INVALID"));
    let data = server
        .data("12", "{ configVersions { totalCount } }", json!({}))
        .await;
    assert_eq!(data["configVersions"]["totalCount"], 1);
}
