//! Gapless counters taken inside the caller's transaction: the row lock of the upsert
//! serialises concurrent takers, and a rollback gives the number back.

use ansinh_app::{AppError, TenantScope};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use crate::Classified;
use crate::unit::Txn;

/// Writes `sql` (with `$1`, `$2`, … placeholders) for the transaction's backend.
pub(crate) fn for_backend(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => sql.replace('$', "?"),
    }
}

async fn next(
    txn: &Txn,
    table: &str,
    key_columns: &str,
    values: Vec<Value>,
) -> Result<u32, AppError> {
    let backend = txn.get_database_backend();
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO {table} (tenant_id, {key_columns}, last_value) VALUES ({}, 1)
         ON CONFLICT (tenant_id, {key_columns}) DO UPDATE SET last_value = {table}.last_value + 1
         RETURNING last_value",
        placeholders.join(", ")
    );
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            for_backend(backend, &sql),
            values,
        ))
        .await
        .classified()?
        .ok_or_else(|| AppError::Internal(format!("{table} upsert returned nothing")))?;
    let value: i32 = row.try_get("", "last_value").classified()?;
    u32::try_from(value).map_err(|_| AppError::Internal(format!("negative value in {table}")))
}

/// The next dossier number of an agency's day.
pub(crate) async fn next_dossier_number(
    txn: &Txn,
    scope: &TenantScope,
    agency: &str,
    day: chrono::NaiveDate,
) -> Result<u32, AppError> {
    next(
        txn,
        "dossier_code_sequences",
        "agency, day",
        vec![scope.tenant().as_str().into(), agency.into(), day.into()],
    )
    .await
}

/// The next decision number of an issuing body's year.
pub(crate) async fn next_decision_number(
    txn: &Txn,
    scope: &TenantScope,
    issuer: &str,
    year: i32,
) -> Result<u32, AppError> {
    next(
        txn,
        "decision_number_sequences",
        "issuer, year",
        vec![scope.tenant().as_str().into(), issuer.into(), year.into()],
    )
    .await
}

/// The number the issuing body's year would give next, without taking it.
pub(crate) async fn peek_decision_number(
    txn: &Txn,
    scope: &TenantScope,
    issuer: &str,
    year: i32,
) -> Result<u32, AppError> {
    let backend = txn.get_database_backend();
    let sql = "SELECT last_value FROM decision_number_sequences
         WHERE tenant_id = $1 AND issuer = $2 AND year = $3";
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            for_backend(backend, sql),
            vec![scope.tenant().as_str().into(), issuer.into(), year.into()],
        ))
        .await
        .classified()?;
    let last: i32 = match row {
        Some(row) => row.try_get("", "last_value").classified()?,
        None => 0,
    };
    u32::try_from(last + 1).map_err(|_| AppError::Internal("negative decision number".to_owned()))
}
