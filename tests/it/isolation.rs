//! Tenant isolation: through every query on both backends, and by row-level security itself on
//! PostgreSQL.

use ansinh_testkit::{APP_ROLE, TestServer, require_postgres};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement, TransactionTrait};
use serde_json::json;

/// A unit of Cao Bằng (04) asked for from every query, under Lai Châu (12).
const FOREIGN_UNIT: &str = "01654@2025-07-01";

#[tokio::test]
async fn another_tenants_unit_is_not_found_through_every_query() {
    let server = TestServer::start().await;
    let by_id = format!("{{ unit(id: \"{FOREIGN_UNIT}\") {{ id }} }}");
    assert_eq!(
        server.error_code(Some("12"), &by_id, json!({})).await,
        "NOT_FOUND"
    );
    // The same id answers in its own tenant, so NOT_FOUND above is isolation, not a typo.
    let own = server.data("04", &by_id, json!({})).await;
    assert_eq!(own["unit"]["id"], FOREIGN_UNIT);

    for anchor in ["parentId", "withinId"] {
        let query = format!("{{ units({anchor}: \"{FOREIGN_UNIT}\") {{ totalCount }} }}");
        assert_eq!(
            server.error_code(Some("12"), &query, json!({})).await,
            "NOT_FOUND",
            "{anchor}"
        );
    }
    let searches = [
        "{ units(code: \"01654\") { totalCount } }",
        "{ units(search: \"hoa an\") { totalCount } }",
        "{ unitHistory(code: \"01654\") { id } }",
    ];
    for query in searches {
        let data = server.data("12", query, json!({})).await;
        let found = data["units"]["totalCount"]
            .as_u64()
            .or(data["unitHistory"].as_array().map(|a| a.len() as u64));
        assert_eq!(found, Some(0), "{query}");
    }
    let everything = server
        .data(
            "12",
            "{ units(first: 100) { totalCount edges { node { code } } } }",
            json!({}),
        )
        .await;
    assert_eq!(everything["units"]["totalCount"], 39);
    let leaked = everything["units"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|edge| {
            !edge["node"]["code"]
                .as_str()
                .is_some_and(|c| c == "12" || c.starts_with("03"))
        })
        .count();
    assert_eq!(leaked, 0);
}

#[tokio::test]
async fn configuration_is_per_tenant() {
    let server = TestServer::start().await;
    let query = "{ tenant { code } offices { servesUnits } workflows { code } configVersions { totalCount } }";
    let lai_chau = server.data("12", query, json!({})).await;
    assert_eq!(lai_chau["tenant"]["code"], "12");
    assert_eq!(
        lai_chau["offices"][1]["servesUnits"],
        json!(["03388", "03408"])
    );
    let codes: Vec<&str> = lai_chau["workflows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(!codes.contains(&"mai-tang-3-cap"), "{codes:?}");
    assert_eq!(lai_chau["configVersions"]["totalCount"], 1);
}

#[tokio::test]
async fn requests_without_a_valid_login_are_refused() {
    let server = TestServer::start().await;
    let query = "{ units { totalCount } }";
    assert_eq!(
        server.error_code(None, query, json!({})).await,
        "UNAUTHENTICATED"
    );
    let (_, body) = server
        .graphql_with(Some("not-a-token"), query, json!({}))
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(
        server
            .error_code(Some("VN"), "{ offices { code } }", json!({}))
            .await,
        "NOT_A_PROVINCE"
    );
    // The ministry reads aggregates only: no units, no configuration of a province.
    assert_eq!(
        server
            .outcome_as("VN", "phantich.bo", query, json!({}))
            .await,
        "FORBIDDEN"
    );
    assert_eq!(
        server
            .error_code(Some("04"), "{ unit(id: \"nonsense\") { id } }", json!({}))
            .await,
        "INVALID_UNIT_ID"
    );
    // The catalogue of tenants is public.
    let (_, body) = server
        .graphql(None, "{ tenants { code } }", json!({}))
        .await;
    assert_eq!(body["data"]["tenants"][0]["code"], "04");
}

/// Rows of a table the application role sees with the tenant set to `tenant` (or unset), using
/// raw SQL with no tenant filter: only row-level security stands between tenants here.
async fn visible_rows(url: &str, table: &str, tenant: Option<&str>) -> i64 {
    let db = Database::connect(url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let txn = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    if let Some(tenant) = tenant {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('ansinh.tenant', $1, true)",
            [tenant.into()],
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let row = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT count(*) AS n FROM {table}"),
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no row"));
    txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    row.try_get::<i64>("", "n")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
#[ignore = "PostgreSQL: runs in the PostgreSQL pass (SQLite has no row-level security)"]
async fn row_level_security_confines_the_application_role() {
    require_postgres();
    let server = TestServer::start().await;
    let url = &server.database.app_url;
    assert_eq!(visible_rows(url, "admin_units", None).await, 0);
    assert_eq!(visible_rows(url, "admin_units", Some("12")).await, 39);
    assert_eq!(visible_rows(url, "admin_units", Some("04")).await, 57 + 171);
    assert_eq!(visible_rows(url, "unit_merges", Some("12")).await, 0);
    assert_eq!(visible_rows(url, "config_versions", Some("99")).await, 0);

    // The setting was SET LOCAL: a later transaction on the same connection sees nothing.
    let db = Database::connect(url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let writes = db
        .execute_unprepared("INSERT INTO admin_units (tenant_id, id, code, level, name, full_name, name_folded, path) VALUES ('12', '99999@', '99999', 'commune', 'x', 'x', 'x', '/')")
        .await;
    assert!(
        writes.is_err(),
        "a write without tenant context must be refused"
    );

    let owner = Database::connect(&server.database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let role = owner
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = '{APP_ROLE}'"),
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no role"));
    assert_eq!(role.try_get::<bool>("", "rolsuper").ok(), Some(false));
    assert_eq!(role.try_get::<bool>("", "rolbypassrls").ok(), Some(false));
}

#[tokio::test]
#[ignore = "PostgreSQL: runs in the PostgreSQL pass (SQLite has no row-level security)"]
async fn every_tenant_table_is_under_row_level_security() {
    require_postgres();
    let server = TestServer::start().await;
    let owner = Database::connect(&server.database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ansinh_store::tenant_tables_without_rls(&owner).await.ok(),
        Some(Vec::new())
    );
    // The audit does catch a table that forgets it.
    owner
        .execute_unprepared("CREATE TABLE forgotten (tenant_id TEXT NOT NULL, x INT)")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ansinh_store::tenant_tables_without_rls(&owner).await.ok(),
        Some(vec!["forgotten".to_owned()])
    );
    owner
        .execute_unprepared("ALTER TABLE forgotten ENABLE ROW LEVEL SECURITY")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        ansinh_store::tenant_tables_without_rls(&owner).await.ok(),
        Some(vec!["forgotten".to_owned()]),
        "ENABLE without FORCE still lets the owner through"
    );
}

#[tokio::test]
#[ignore = "PostgreSQL: runs in the PostgreSQL pass"]
async fn serve_refuses_a_role_that_bypasses_row_level_security() {
    require_postgres();
    let server = TestServer::start().await;
    let admin_url = std::env::var("ANSINH_TEST_PG_ADMIN_URL").unwrap_or_default();
    let database = server
        .database
        .app_url
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let superuser = format!(
        "{}/{database}",
        admin_url.rsplit_once('/').map_or("", |(base, _)| base)
    );
    let check = |url: &str, allow: bool| {
        let url = url.to_owned();
        let mut settings = server.settings.clone();
        settings.database.url = ansinh_server::settings::SecretUrl::new(url.clone());
        settings.database.allow_bypass_rls = allow;
        async move {
            let store = ansinh_store::SeaStore::connect(&url, 1)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"));
            ansinh_server::refuse_bypassing_role(&settings, &store)
                .await
                .map_err(|e| e.to_string())
        }
    };
    assert_eq!(check(&server.database.app_url, false).await, Ok(()));
    let refused = check(&superuser, false).await;
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.contains("là superuser hoặc có BYPASSRLS")),
        "{refused:?}"
    );
    assert_eq!(
        check(&superuser, true).await,
        Ok(()),
        "allowed when told so"
    );
}
