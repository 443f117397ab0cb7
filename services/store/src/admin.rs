//! Database administration: migrations, grants, and the row-level-security audit.

use ansinh_app::AppError;
use ansinh_migrations::{Migrator, TENANT_TABLES};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sea_orm_migration::MigratorTrait;

use crate::Classified;

/// Applies pending migrations (run as the owner of the tables).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), AppError> {
    Migrator::up(db, None).await.classified()
}

/// Rolls back every migration (for the reversibility test).
pub async fn migrate_down(db: &DatabaseConnection) -> Result<(), AppError> {
    Migrator::down(db, None).await.classified()
}

/// Grants the application role the row privileges it needs on Ansinh's tables, and nothing on
/// the migration bookkeeping. PostgreSQL only; a no-op on SQLite.
pub async fn grant_app_role(db: &DatabaseConnection, role: &str) -> Result<(), AppError> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    if !role.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(AppError::Internal(format!(
            "database.app_role {role:?} may hold letters, digits and underscores only"
        )));
    }
    let mut tables: Vec<&str> = TENANT_TABLES.to_vec();
    tables.push("tenants");
    for table in tables {
        db.execute_unprepared(&format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}"
        ))
        .await
        .classified()?;
    }
    Ok(())
}

/// Tables with a `tenant_id` column that lack ENABLE or FORCE row-level security or a policy.
/// Empty on SQLite, which has no row-level security.
pub async fn tenant_tables_without_rls(db: &DatabaseConnection) -> Result<Vec<String>, AppError> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(Vec::new());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT c.relname AS table_name
             FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
               AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
                    OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
             ORDER BY 1",
        ))
        .await
        .classified()?;
    rows.iter()
        .map(|row| row.try_get::<String>("", "table_name").classified())
        .collect()
}

/// Whether the connection's role escapes row-level security (a superuser, or `BYPASSRLS`):
/// every tenant's rows would then be visible to every query, silently. Always `false` on
/// SQLite, which has no row-level security.
pub async fn bypasses_row_security(db: &DatabaseConnection) -> Result<bool, AppError> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(false);
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT (rolsuper OR rolbypassrls) AS bypasses FROM pg_roles WHERE rolname = current_user",
        ))
        .await
        .classified()?;
    match row {
        Some(row) => row.try_get::<bool>("", "bypasses").classified(),
        None => Ok(false),
    }
}
