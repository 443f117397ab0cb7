//! Password policy.

use crate::AppError;
use ansinh_core::ErrorCode;

/// Shortest password accepted.
const MIN_LENGTH: usize = 10;

/// Checks a new password: at least 10 characters with upper and lower case letters, a digit and
/// a symbol, and different from the old one.
pub fn check_password_policy(new: &str, old: Option<&str>) -> Result<(), AppError> {
    let mut missing = Vec::new();
    if new.chars().count() < MIN_LENGTH {
        missing.push(format!("ít nhất {MIN_LENGTH} ký tự"));
    }
    if !new.chars().any(char::is_uppercase) {
        missing.push("một chữ hoa".to_owned());
    }
    if !new.chars().any(char::is_lowercase) {
        missing.push("một chữ thường".to_owned());
    }
    if !new.chars().any(|c| c.is_ascii_digit()) {
        missing.push("một chữ số".to_owned());
    }
    if !new
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
    {
        missing.push("một ký hiệu (ví dụ @ # !)".to_owned());
    }
    if !missing.is_empty() {
        return Err(AppError::invalid(
            ErrorCode::WeakPassword,
            format!("mật khẩu mới cần có {}", missing.join(", ")),
        ));
    }
    if old == Some(new) {
        return Err(AppError::invalid(
            ErrorCode::PasswordReused,
            "mật khẩu mới phải khác mật khẩu cũ",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert!(check_password_policy("Ansinh@2026x", None).is_ok());
        let weak = check_password_policy("ansinh2026", None).map_err(|e| e.to_string());
        assert_eq!(
            weak,
            Err("mật khẩu mới cần có một chữ hoa, một ký hiệu (ví dụ @ # !)".to_owned())
        );
        let reused = check_password_policy("Ansinh@2026x", Some("Ansinh@2026x"));
        assert_eq!(reused.map_err(|e| e.code()), Err("PASSWORD_REUSED"));
        assert_eq!(
            check_password_policy("Aa1@", None).map_err(|e| e.code()),
            Err("WEAK_PASSWORD")
        );
    }
}
