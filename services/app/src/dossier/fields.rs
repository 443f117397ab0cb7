//! The applicant's data on a dossier: checks (ID numbers, dates, field names, NFC text) and
//! updates recorded with what changed.

use std::collections::BTreeMap;

use ansinh_core::dossier::Command;
use ansinh_core::text::TextRule;
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::Dossiers;
use super::ports::{DossierRecord, FieldValues};
use crate::AppError;
use crate::identity::Principal;
use ansinh_core::Action;
use ansinh_core::DossierId;
use ansinh_core::ErrorCode;
use ansinh_core::Pii;

const MAX_FIELDS: usize = 40;
const MAX_VALUE_CHARS: usize = 1000;

/// A 12- or 9-digit ID number, spaces removed; `None` when absent or blank.
pub(crate) fn check_optional_id_number(number: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(number) = number.map(|n| n.split_whitespace().collect::<String>()) else {
        return Ok(None);
    };
    if number.is_empty() {
        return Ok(None);
    }
    crate::identity::check_id_number(&number)?;
    Ok(Some(number))
}

/// Field names are short snake_case words (`dia_chi`, `ngay_sinh`); values are NFC text;
/// `ngay_*` fields are dates (YYYY-MM-DD) not after today. Blank values are dropped.
pub(crate) fn check_fields(
    fields: &BTreeMap<String, String>,
    today: NaiveDate,
) -> Result<BTreeMap<String, String>, AppError> {
    if fields.len() > MAX_FIELDS {
        return Err(AppError::invalid(
            ErrorCode::TooManyFields,
            format!("hồ sơ có tối đa {MAX_FIELDS} trường thông tin"),
        ));
    }
    let mut checked = BTreeMap::new();
    for (name, value) in fields {
        let valid_name = !name.is_empty()
            && name.len() <= 40
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid_name {
            return Err(AppError::invalid(
                ErrorCode::InvalidFieldName,
                format!(
                    "tên trường «{}» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới, tối đa 40 ký tự (ví dụ dia_chi)",
                    name.chars().take(40).collect::<String>().escape_debug()
                ),
            ));
        }
        let value = crate::input::text(
            &format!("fields.{name}"),
            &format!("trường {name}"),
            value,
            TextRule {
                max_chars: MAX_VALUE_CHARS,
                multiline: true,
            },
        )?;
        if value.is_empty() {
            continue;
        }
        let value = match name.as_str() {
            crate::notices::APPLICANT_EMAIL => crate::input::email(&value)
                .map_err(|_| AppError::invalid_field(ErrorCode::InvalidEmail, format!("fields.{name}"), format!("«{value}» không phải địa chỉ thư điện tử của người nộp; viết dạng ten@mien.vn hoặc để trống")))?,
            crate::notices::APPLICANT_PHONE => {
                crate::identity::check_phone(&value)?;
                value
            }
            _ => value,
        };
        if name.starts_with("ngay_") {
            let date = NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| {
                AppError::invalid(
                    ErrorCode::InvalidDate,
                    format!("trường {name} phải là ngày dạng NNNN-TT-NN (ví dụ 1950-03-02), nhận được «{value}»"),
                )
            })?;
            if date > today {
                return Err(AppError::invalid(
                    ErrorCode::DateInFuture,
                    format!("trường {name} ({value}) không được sau ngày hôm nay"),
                ));
            }
        }
        checked.insert(name.clone(), value);
    }
    Ok(checked)
}

/// Changes asked for: `None` leaves a value as it is; an empty field value removes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldChanges {
    /// New name.
    pub applicant_name: Option<String>,
    /// New ID number (empty to clear).
    pub applicant_id_number: Option<String>,
    /// Fields to set (empty value to remove).
    pub fields: BTreeMap<String, String>,
}

fn change(from: Option<&str>, to: Option<&str>) -> Value {
    json!({"from": from, "to": to})
}

/// The new values and the recorded changes (name → from/to); the ID number's digits are not
/// copied into the timeline, only that it changed.
pub(crate) fn apply_changes(
    record: &DossierRecord,
    changes: &FieldChanges,
    today: NaiveDate,
) -> Result<(FieldValues, Map<String, Value>), AppError> {
    let mut values = FieldValues {
        applicant_name: record.applicant_name.clone(),
        applicant_id_number: record.applicant_id_number.clone(),
        fields: record.fields.clone(),
    };
    let mut recorded = Map::new();
    if let Some(name) = &changes.applicant_name {
        let name = crate::input::name("applicantName", "họ tên người nộp hồ sơ", name)?;
        if name != *values.applicant_name.expose() {
            recorded.insert(
                "applicant_name".to_owned(),
                change(Some(values.applicant_name.expose()), Some(&name)),
            );
            values.applicant_name = Pii::new(name);
        }
    }
    if let Some(number) = &changes.applicant_id_number {
        let number = check_optional_id_number(Some(number))?.map(Pii::new);
        if number != values.applicant_id_number {
            recorded.insert("applicant_id_number".to_owned(), json!({"changed": true}));
            values.applicant_id_number = number;
        }
    }
    let mut merged = values.fields.expose().clone();
    for (name, value) in &changes.fields {
        merged.insert(name.clone(), value.clone());
    }
    let checked = check_fields(&merged, today)?;
    let before_fields = values.fields.expose();
    let names: std::collections::BTreeSet<&String> =
        checked.keys().chain(before_fields.keys()).collect();
    for name in names {
        let (before, after) = (before_fields.get(name), checked.get(name));
        if before != after {
            recorded.insert(
                name.clone(),
                change(before.map(String::as_str), after.map(String::as_str)),
            );
        }
    }
    values.fields = Pii::new(checked);
    Ok((values, recorded))
}

impl Dossiers {
    /// Changes the applicant's data (the holder, or the creator of a draft); the timeline
    /// records each changed field with its old and new value.
    pub async fn update_dossier(
        &self,
        principal: &Principal,
        id: &DossierId,
        changes: &FieldChanges,
        note: &str,
    ) -> Result<super::Acted, AppError> {
        let (_, record) = self.readable(principal, id).await?;
        self.access
            .require(
                principal,
                ansinh_core::Resource::Dossier,
                Action::Update,
                &record.unit,
            )
            .await?;
        let today = ansinh_core::calendar::local::local_day(&self.clock.now());
        let (values, recorded) = apply_changes(&record, changes, today)?;
        let command = Command::UpdateFields {
            fields: recorded.keys().cloned().collect(),
        };
        let mut details = Map::new();
        details.insert("changes".to_owned(), Value::Object(recorded));
        self.act_with(
            principal,
            record,
            command,
            note,
            super::act::ActExtras {
                details,
                values: Some(values),
                ..Default::default()
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn code<T>(result: Result<T, AppError>) -> &'static str {
        result.map_or_else(|e| e.code(), |_| "OK")
    }

    #[test]
    fn fields_are_nfc_named_in_snake_case_and_dated_no_later_than_today() {
        let today = day("2026-03-02");
        // "Nà Pồng" typed with combining marks comes out composed; blanks are dropped.
        let decomposed = "Tho\u{302}n Na\u{300} Po\u{302}\u{300}ng";
        let checked = check_fields(&fields(&[("dia_chi", decomposed), ("ghi_chu", " ")]), today)
            .unwrap_or_default();
        assert_eq!(checked, fields(&[("dia_chi", "Thôn Nà Pồng")]));
        let bad_name = check_fields(&fields(&[("Địa chỉ", "x")]), today);
        assert_eq!(code(bad_name), "INVALID_FIELD_NAME");
        let bad_date = check_fields(&fields(&[("ngay_sinh", "02/03/1950")]), today);
        assert_eq!(code(bad_date), "INVALID_DATE");
        let future = check_fields(&fields(&[("ngay_mat", "2026-03-03")]), today);
        assert_eq!(code(future), "DATE_IN_FUTURE");
        let on_the_day = check_fields(&fields(&[("ngay_mat", "2026-03-02")]), today);
        assert_eq!(code(on_the_day), "OK");
    }

    #[test]
    fn id_numbers_have_twelve_or_nine_digits() {
        assert_eq!(
            check_optional_id_number(Some(" 004 123 456 789 ")).ok(),
            Some(Some("004123456789".to_owned()))
        );
        assert_eq!(check_optional_id_number(Some("")).ok(), Some(None));
        assert_eq!(
            check_optional_id_number(Some("123456789")).ok(),
            Some(Some("123456789".to_owned()))
        );
        assert_eq!(
            code(check_optional_id_number(Some("0041234567"))),
            "INVALID_ID_NUMBER"
        );
    }
}
