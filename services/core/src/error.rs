//! The core's one error enum. Each variant has a stable code that clients may rely on.

use thiserror::Error;

use crate::ErrorCode;

/// A rule of the domain was broken by the input. Never carries internal detail.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// A tenant code is not a two-digit province code nor the national code.
    #[error("mã đơn vị thuê bao không hợp lệ: {0:?} (cần mã tỉnh 2 chữ số hoặc \"VN\")")]
    InvalidTenantCode(String),
    /// A unit identifier could not be parsed.
    #[error("mã định danh đơn vị hành chính không hợp lệ: {0:?}")]
    InvalidUnitId(String),
    /// A validity interval ends before it starts.
    #[error("khoảng hiệu lực không hợp lệ: ngày kết thúc {to} trước ngày bắt đầu {from}")]
    InvalidValidity {
        /// First day of validity.
        from: chrono::NaiveDate,
        /// Last day of validity.
        to: chrono::NaiveDate,
    },
    /// A dossier action refused by the flow rules; `code` is stable, the message says why.
    #[error("{message}")]
    Flow {
        /// Stable code, e.g. `NOT_HOLDER`.
        code: ErrorCode,
        /// Vietnamese explanation.
        message: String,
    },
    /// A file handed in (or a request about one) breaks a rule; `code` is stable.
    #[error("{message}")]
    File {
        /// Stable code, e.g. `FILE_TYPE_MISMATCH`.
        code: ErrorCode,
        /// Vietnamese explanation of what to fix.
        message: String,
    },
    /// An amount that must be positive (a decision's, a payment's) is zero or less.
    #[error("số tiền phải lớn hơn 0 đồng (nhận {0})")]
    InvalidAmount(crate::money::Vnd),
    /// A date outside the years the working calendar was built for.
    #[error(
        "ngày {} nằm ngoài lịch làm việc đã lập (lịch tính theo năm, từ 1900 đến 2100); hãy chọn mốc thời gian khác",
        .0.format("%d/%m/%Y")
    )]
    OutsideCalendar(chrono::NaiveDate),
}

impl DomainError {
    /// Stable machine-readable code, exposed to clients as `extensions.code`.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Self::InvalidTenantCode(_) => ErrorCode::InvalidTenant,
            Self::InvalidUnitId(_) => ErrorCode::InvalidUnitId,
            Self::InvalidValidity { .. } => ErrorCode::InvalidValidity,
            Self::OutsideCalendar(_) => ErrorCode::OutsideCalendar,
            Self::InvalidAmount(_) => ErrorCode::InvalidAmount,
            Self::Flow { code, .. } | Self::File { code, .. } => *code,
        }
    }

    /// The code as clients see it.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}
