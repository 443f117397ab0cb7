//! Dossier codes: `[prefix]<agency>-<yyMMdd>-<daily sequence>` by the tenant's pattern, e.g.
//! `{agency}-{yyMMdd}-{seq4}` gives `000.00.28.H17-200513-0001`.

use chrono::NaiveDate;

use crate::DomainError;
use crate::ErrorCode;

/// A part of a code pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Agency,
    Date,
    Sequence,
}

fn invalid(message: impl Into<String>) -> DomainError {
    DomainError::Flow {
        code: ErrorCode::InvalidCodePattern,
        message: message.into(),
    }
}

fn parse(pattern: &str) -> Result<Vec<Part>, DomainError> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(Part::Text(rest[..open].to_owned()));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| invalid(format!("mẫu mã hồ sơ {pattern:?} thiếu dấu }}")))?;
        let token = &rest[open + 1..open + close];
        parts.push(match token {
            "agency" => Part::Agency,
            "yyMMdd" => Part::Date,
            "seq4" => Part::Sequence,
            other => {
                return Err(invalid(format!(
                    "mẫu mã hồ sơ có thành phần không biết {{{other}}}; dùng {{agency}}, {{yyMMdd}}, {{seq4}}"
                )));
            }
        });
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_owned()));
    }
    for needed in [Part::Agency, Part::Date, Part::Sequence] {
        if !parts.contains(&needed) {
            return Err(invalid(format!(
                "mẫu mã hồ sơ {pattern:?} phải có {{agency}}, {{yyMMdd}} và {{seq4}} để mã là duy nhất"
            )));
        }
    }
    Ok(parts)
}

/// Checks a pattern.
pub fn check_code_pattern(pattern: &str) -> Result<(), DomainError> {
    parse(pattern).map(|_| ())
}

/// The code of the `sequence`-th dossier (from 1) received by `agency` on `day`.
pub fn dossier_code(
    pattern: &str,
    agency: &str,
    day: NaiveDate,
    sequence: u32,
) -> Result<String, DomainError> {
    if !(1..=9_999).contains(&sequence) {
        return Err(DomainError::Flow {
            code: ErrorCode::DailySequenceExhausted,
            message: format!(
                "đã hết số thứ tự trong ngày {day} của cơ quan {agency} (tối đa 9999)"
            ),
        });
    }
    let mut code = String::new();
    for part in parse(pattern)? {
        match part {
            Part::Text(text) => code.push_str(&text),
            Part::Agency => code.push_str(agency),
            Part::Date => code.push_str(&day.format("%y%m%d").to_string()),
            Part::Sequence => code.push_str(&format!("{sequence:04}")),
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_pattern() {
        let day = NaiveDate::from_ymd_opt(2020, 5, 13).unwrap_or_default();
        assert_eq!(
            dossier_code("NCOVI.{agency}-{yyMMdd}-{seq4}", "000.00.28.H17", day, 1),
            Ok("NCOVI.000.00.28.H17-200513-0001".to_owned())
        );
        let code = |pattern, seq| dossier_code(pattern, "A", day, seq).map_err(|e| e.code());
        assert_eq!(
            code("{agency}-{yyMMdd}-{seq4}", 10_000),
            Err("DAILY_SEQUENCE_EXHAUSTED")
        );
        assert_eq!(code("{agency}-{yyMMdd}", 1), Err("INVALID_CODE_PATTERN"));
        assert_eq!(
            code("{agency}-{ddMMyy}-{seq4}", 1),
            Err("INVALID_CODE_PATTERN")
        );
        assert_eq!(
            code("{agency-{yyMMdd}-{seq4}", 1),
            Err("INVALID_CODE_PATTERN")
        );
    }
}
