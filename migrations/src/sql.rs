//! Helpers shared by migrations: running per-backend SQL and putting a table under RLS.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

/// Name of the PostgreSQL setting holding the current transaction's tenant.
pub const TENANT_SETTING: &str = "ansinh.tenant";

/// Runs each statement in order.
pub(crate) async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let connection = manager.get_connection();
    for statement in statements {
        connection.execute_unprepared(statement).await?;
    }
    Ok(())
}

/// Enables and forces row-level security on `table`, with one policy limiting reads and writes
/// to rows of the tenant set by `SET LOCAL ansinh.tenant`. A missing setting yields no rows.
pub(crate) async fn enable_tenant_rls(
    manager: &SchemaManager<'_>,
    table: &str,
) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let predicate = format!("tenant_id = current_setting('{TENANT_SETTING}', true)");
    run(
        manager,
        &[
            &format!("ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"),
            &format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY"),
            &format!(
                "CREATE POLICY tenant_isolation ON {table} USING ({predicate}) WITH CHECK ({predicate})"
            ),
        ],
    )
    .await
}
