//! Migrations are reversible: up, down, up on a fresh database of the selected backend.

use ansinh_testkit::TestDatabase;
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

async fn table_count(db: &sea_orm::DatabaseConnection) -> i64 {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'seaql_migrations'"
        }
        _ => {
            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT IN ('seaql_migrations', 'sqlite_sequence')"
        }
    };
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no row"));
    row.try_get::<i64>("", "n")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn up_down_up() {
    let database = TestDatabase::create().await;
    let db = Database::connect(&database.owner_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ansinh_store::migrate(&db)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(table_count(&db).await, 18);
    ansinh_store::migrate_down(&db)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(table_count(&db).await, 0);
    ansinh_store::migrate(&db)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(table_count(&db).await, 18);
    assert_eq!(
        ansinh_store::tenant_tables_without_rls(&db).await.ok(),
        Some(Vec::new())
    );
}
