//! Free-text inputs as the use cases take them: one rule per kind of text (core's `TextRule`),
//! and an error that names the field and says what to fix.

use ansinh_core::text::{self, TextProblem, TextRule};

use crate::AppError;
use ansinh_core::ErrorCode;

/// `value` cleaned by `rule` (trimmed, NFC, no control or bidirectional-override characters,
/// at most the rule's length). `field` is the input's name in the API, `label` its name for
/// the officer.
pub(crate) fn text(
    field: &str,
    label: &str,
    value: &str,
    rule: TextRule,
) -> Result<String, AppError> {
    text::clean(value, rule).map_err(|problem| match problem {
        TextProblem::TooLong { max_chars } => AppError::invalid_field(
            ErrorCode::TextTooLong,
            field,
            format!("{label} dài quá {max_chars} ký tự; hãy viết ngắn gọn hơn"),
        ),
        TextProblem::Forbidden { found, position } => AppError::invalid_field(
            ErrorCode::InvalidInput,
            field,
            format!(
                "{label} chứa ký tự không được phép ({}, U+{:04X}) ở vị trí {position}; hãy xóa ký tự đó rồi gửi lại",
                kind_of(found),
                u32::from(found)
            ),
        ),
    })
}

/// What an officer should call a forbidden character.
fn kind_of(c: char) -> &'static str {
    match c {
        '\n' | '\r' => "xuống dòng",
        '\t' => "tab",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "ký tự đảo chiều văn bản",
        _ => "ký tự điều khiển",
    }
}

/// A required one-line name (a person's or an officer's): cleaned, and not blank.
pub(crate) fn name(field: &str, label: &str, value: &str) -> Result<String, AppError> {
    let name = text(field, label, value, TextRule::NAME)?;
    if name.is_empty() {
        return Err(AppError::invalid_field(
            ErrorCode::InvalidName,
            field,
            format!("cần {label}"),
        ));
    }
    Ok(name)
}

/// An officer's name as colleagues see it.
pub(crate) fn display_name(value: &str) -> Result<String, AppError> {
    let name = text("displayName", "họ tên cán bộ", value, TextRule::line(120))?;
    if name.is_empty() {
        return Err(AppError::invalid_field(
            ErrorCode::InvalidName,
            "displayName",
            "cần họ tên cán bộ",
        ));
    }
    Ok(name)
}

/// An e-mail address: one `@`, a local part and a domain with a dot, no spaces, at most 254
/// characters; the domain lowercased.
pub(crate) fn email(value: &str) -> Result<String, AppError> {
    let value = value.trim();
    let refuse = || {
        AppError::invalid_field(
            ErrorCode::InvalidEmail,
            "email",
            format!(
                "«{}» không phải địa chỉ thư điện tử; viết dạng ten@donvi.gov.vn",
                value.chars().take(60).collect::<String>().escape_debug()
            ),
        )
    };
    let Some((local, domain)) = value.split_once('@') else {
        return Err(refuse());
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part.chars().all(|c| {
                c.is_ascii_graphic()
                    && !matches!(
                        c,
                        '@' | '<' | '>' | '(' | ')' | ',' | ';' | ':' | '"' | '[' | ']' | '\\'
                    )
            })
    };
    let domain_ok = plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if value.len() > 254 || !plain(local) || !domain_ok {
        return Err(refuse());
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

/// A search text (`None` when blank).
pub(crate) fn search(value: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let cleaned = text("search", "nội dung tìm kiếm", value, TextRule::SEARCH)?;
    Ok(Some(cleaned).filter(|s| !s.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field_and_the_character() {
        let error = text(
            "applicantName",
            "họ tên người nộp",
            "Nông\u{0}A",
            TextRule::NAME,
        )
        .err()
        .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(
            (error.code(), error.field()),
            ("INVALID_INPUT", Some("applicantName"))
        );
        assert_eq!(
            error.to_string(),
            "họ tên người nộp chứa ký tự không được phép (ký tự điều khiển, U+0000) ở vị trí 5; hãy xóa ký tự đó rồi gửi lại"
        );
        let error = name("applicantName", "họ tên người nộp", " ")
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(error.to_string(), "cần họ tên người nộp");
    }
}
