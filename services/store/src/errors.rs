//! Database errors classified once into the app's errors.

use ansinh_app::AppError;
use sea_orm::{DbErr, SqlErr};

/// Maps a database error to what the app can act on: a conflict, an outage, or an internal
/// error whose detail stays in the log.
pub fn classify(error: DbErr) -> AppError {
    if let Some(SqlErr::UniqueConstraintViolation(_)) = error.sql_err() {
        return AppError::Conflict;
    }
    match error {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => AppError::Unavailable(error.to_string()),
        other => AppError::Internal(other.to_string()),
    }
}
