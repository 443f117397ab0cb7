//! The application error. Every variant maps to a stable client code; internal detail is kept
//! for the log and never shown.

use ansinh_core::{DomainError, ErrorCode};
use thiserror::Error;

/// What went wrong in a use case.
#[derive(Debug, Error)]
pub enum AppError {
    /// The thing does not exist, or lies outside the caller's tenant (same answer either way).
    #[error("không tìm thấy {what} {id}")]
    NotFound {
        /// Vietnamese name of the kind of thing, e.g. "đơn vị hành chính".
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// No valid login: no token, or a token refused; the message says what to do.
    #[error("{0}")]
    Unauthenticated(String),
    /// No role of the caller may do this (where a thing's existence is no secret); the
    /// message says which kind of thing.
    #[error("{0}")]
    Forbidden(String),
    /// Input broke a rule; the message says what to fix.
    #[error("{message}")]
    InvalidInput {
        /// Stable code.
        code: ErrorCode,
        /// Vietnamese explanation.
        message: String,
        /// The input at fault, as the API names it (`applicantName`, `fields.dia_chi`), when
        /// one field is.
        field: Option<String>,
    },
    /// Too many attempts; the message says when to try again.
    #[error("{message}")]
    RateLimited {
        /// Vietnamese explanation with the time to wait.
        message: String,
        /// How long until the next attempt is evaluated.
        retry_after: std::time::Duration,
    },
    /// A domain rule refused the input.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// Someone else changed the same thing first; reload and retry.
    #[error("dữ liệu vừa được người khác thay đổi; hãy tải lại và thử lại")]
    Conflict,
    /// A dependency (database, cache) is unreachable.
    #[error("hệ thống tạm thời không phục vụ được; hãy thử lại sau ít phút")]
    Unavailable(String),
    /// The object store is unreachable; the detail goes to the log only.
    #[error(
        "kho lưu trữ tệp tạm thời không truy cập được; tệp chưa được lưu, hãy thử lại sau ít phút"
    )]
    StorageUnavailable(String),
    /// A bug or an unexpected failure. The detail goes to the log only.
    #[error("lỗi hệ thống")]
    Internal(String),
}

impl AppError {
    /// Stable code for `extensions.code`.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::InvalidInput { code, .. } => *code,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Domain(error) => error.error_code(),
            Self::Conflict => ErrorCode::Conflict,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            Self::StorageUnavailable(_) => ErrorCode::StorageUnavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The code as clients see it.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// Whether the error is the system's fault (logged with detail, masked for clients).
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Self::Internal(_) | Self::Unavailable(_) | Self::StorageUnavailable(_)
        )
    }

    /// Shorthand for a not-found error. An id no id can be (longer than 64 characters, or
    /// holding characters never stored) is not echoed back.
    pub fn not_found(what: &'static str, id: impl ToString) -> Self {
        let id = id.to_string();
        let echoed =
            id.chars().count() <= 64 && ansinh_core::text::first_forbidden(&id, false).is_none();
        Self::NotFound {
            what,
            id: if echoed {
                id
            } else {
                "(mã đã gửi không hợp lệ)".to_owned()
            },
        }
    }

    /// Shorthand for a refusal by role.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(message.into())
    }

    /// Shorthand for an input error.
    pub fn invalid(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::InvalidInput {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// Shorthand for an input error about one field.
    pub fn invalid_field(
        code: ErrorCode,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::InvalidInput {
            code,
            message: message.into(),
            field: Some(field.into()),
        }
    }

    /// The input at fault, when the error concerns one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidInput { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}
