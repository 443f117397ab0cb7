//! Database errors classified once into the app's errors, and the extension that applies the
//! classification where a query is awaited (`.await.classified()?`).

use ansinh_app::AppError;
use ansinh_core::ErrorCode;
use sea_orm::sqlx::error::{DatabaseError, ErrorKind};
use sea_orm::{DbErr, RuntimeErr, sqlx};

/// PostgreSQL SQLSTATEs that mean "another transaction got there first": serialization
/// failure, deadlock detected.
const PG_RETRYABLE: [&str; 2] = ["40001", "40P01"];
/// PostgreSQL SQLSTATE classes and codes that mean the server cannot serve now: connection
/// exceptions, insufficient resources, operator intervention (shutdown, statement timeout).
const PG_UNAVAILABLE_CLASSES: [&str; 3] = ["08", "53", "57"];
/// SQLite (extended) result codes that mean the database is held by another writer:
/// SQLITE_BUSY, SQLITE_LOCKED and their variants.
const SQLITE_BUSY: [&str; 6] = ["5", "6", "261", "262", "517", "773"];

/// Maps a database error to what the app can act on: a conflict (a unique key taken, a row
/// referred to gone, another transaction first), input the schema refuses, an outage, or an
/// internal error whose detail stays in the log.
pub fn classify(error: DbErr) -> AppError {
    if let DbErr::ConnectionAcquire(_) | DbErr::Conn(_) = error {
        return AppError::Unavailable(error.to_string());
    }
    let sqlx_error = match &error {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            Some(&**e)
        }
        _ => None,
    };
    match sqlx_error {
        Some(sqlx::Error::Database(database)) => classify_database(database.as_ref(), &error),
        Some(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)) => {
            AppError::Unavailable(error.to_string())
        }
        _ => AppError::Internal(error.to_string()),
    }
}

fn classify_database(database: &dyn DatabaseError, error: &DbErr) -> AppError {
    match database.kind() {
        ErrorKind::UniqueViolation | ErrorKind::ForeignKeyViolation => return AppError::Conflict,
        ErrorKind::NotNullViolation | ErrorKind::CheckViolation | ErrorKind::ExclusionViolation => {
            // The application checks input first: this is a rule it missed. Nothing is stored.
            tracing::warn!(%error, "the schema refused a value the application let through");
            return AppError::invalid(
                ErrorCode::ValueRefused,
                "dữ liệu không được lưu vì có giá trị không hợp lệ; hãy kiểm tra lại các giá trị đã nhập",
            );
        }
        _ => {}
    }
    let code = database.code().unwrap_or_default();
    let code = code.as_ref();
    if PG_RETRYABLE.contains(&code) || SQLITE_BUSY.contains(&code) {
        return AppError::Conflict;
    }
    if code.len() == 5
        && PG_UNAVAILABLE_CLASSES
            .iter()
            .any(|class| code.starts_with(class))
    {
        return AppError::Unavailable(error.to_string());
    }
    AppError::Internal(error.to_string())
}

/// Classifies a database result's error (instead of `.classified()` at every call).
pub trait Classified<T> {
    /// The result with its error classified.
    fn classified(self) -> Result<T, AppError>;
}

impl<T> Classified<T> for Result<T, DbErr> {
    fn classified(self) -> Result<T, AppError> {
        self.map_err(classify)
    }
}
