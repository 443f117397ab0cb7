//! Who a beneficiary is, as the registry keys and describes them: the personal identification
//! number (12-digit CCCD; a legacy 9-digit CMND is kept and linked), a birth date as records
//! have it (the day, or only the month, or only the year), and sex; and what a CCCD's digits
//! say of its holder (Decree 137/2015, Art. 7: century and sex in the fourth digit, the year
//! of birth in the fifth and sixth), so that a record contradicting its own number is flagged.

use chrono::{Datelike, NaiveDate};

use super::Month;
use crate::{DomainError, ErrorCode};

/// A personal identification number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdNumber {
    /// Số định danh cá nhân / CCCD: 12 digits.
    Cccd(String),
    /// A legacy CMND: 9 digits.
    Cmnd(String),
}

impl IdNumber {
    /// Reads 12 or 9 digits; nothing else is an ID number (callers that accept spaces in
    /// what people type remove them first).
    pub fn parse(digits: &str) -> Result<Self, DomainError> {
        let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        match digits.len() {
            12 if all_digits => Ok(Self::Cccd(digits.to_owned())),
            9 if all_digits => Ok(Self::Cmnd(digits.to_owned())),
            _ => Err(DomainError::Flow {
                code: ErrorCode::InvalidIdNumber,
                message: "số định danh cá nhân phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ)"
                    .to_owned(),
            }),
        }
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Cccd(digits) | Self::Cmnd(digits) => digits,
        }
    }

    /// What a CCCD says of its holder: sex and year of birth (none for a CMND).
    pub fn implied(&self) -> Option<(Sex, i32)> {
        let Self::Cccd(digits) = self else {
            return None;
        };
        let code = i32::from(digits.as_bytes()[3] - b'0');
        let year: i32 = digits[4..6].parse().ok()?;
        let century = 1900 + 100 * (code / 2);
        let sex = if code % 2 == 0 {
            Sex::Male
        } else {
            Sex::Female
        };
        Some((sex, century + year))
    }
}

/// Sex, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

impl Sex {
    /// "Nam" or "Nữ".
    pub fn title_vi(self) -> &'static str {
        match self {
            Self::Male => "Nam",
            Self::Female => "Nữ",
        }
    }
}

/// A birth date as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BirthDate {
    /// The day.
    Day(NaiveDate),
    /// Only the month.
    Month(Month),
    /// Only the year.
    Year(i32),
}

impl BirthDate {
    /// Reads `12/03/1948`, `1948-03-12`, `03/1948` or `1948`; not after `today`.
    pub fn parse(text: &str, today: NaiveDate) -> Result<Self, DomainError> {
        let text = text.trim();
        let refused = || DomainError::Flow {
            code: ErrorCode::InvalidDate,
            message: format!(
                "ngày sinh {text:?} không hợp lệ: ghi ngày/tháng/năm (12/03/1948), tháng/năm (03/1948) hoặc năm (1948)"
            ),
        };
        let parts: Vec<&str> = text.split(['/', '-']).collect();
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !parts.iter().all(|p| digits(p)) {
            return Err(refused());
        }
        let born = match parts.as_slice() {
            [year] if year.len() == 4 => Self::Year(year.parse().map_err(|_| refused())?),
            [month, year] if year.len() == 4 => {
                Self::Month(Month::parse(&format!("{month}/{year}")).map_err(|_| refused())?)
            }
            [year, month, day] if year.len() == 4 => {
                Self::Day(day_of(year, month, day).ok_or_else(refused)?)
            }
            [day, month, year] if year.len() == 4 => {
                Self::Day(day_of(year, month, day).ok_or_else(refused)?)
            }
            _ => return Err(refused()),
        };
        if born.year() < 1900 || born.earliest() > today {
            return Err(DomainError::Flow {
                code: ErrorCode::DateInFuture,
                message: format!("ngày sinh {text} không hợp lệ: sau hôm nay hoặc trước năm 1900"),
            });
        }
        Ok(born)
    }

    /// The year of birth.
    pub fn year(self) -> i32 {
        match self {
            Self::Day(day) => day.year(),
            Self::Month(month) => month.year(),
            Self::Year(year) => year,
        }
    }

    /// The first day it may be.
    fn earliest(self) -> NaiveDate {
        match self {
            Self::Day(day) => day,
            Self::Month(month) => month.first_day(),
            Self::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        }
    }

    /// As records write it: `12/03/1948`, `03/1948`, `1948`.
    pub fn written(self) -> String {
        match self {
            Self::Day(day) => day.format("%d/%m/%Y").to_string(),
            Self::Month(month) => month.to_string(),
            Self::Year(year) => year.to_string(),
        }
    }

    /// The age in whole years surely reached by the end of `month` (a record with only the
    /// year counts its birthday in December: the age it gives is never too high, so a
    /// threshold such as 80 is met only once it surely is).
    pub fn age_by(self, month: Month) -> i32 {
        let born_month = match self {
            Self::Day(day) => day.month(),
            Self::Month(born) => born.number(),
            Self::Year(_) => 12,
        };
        let years = month.year() - self.year();
        if month.number() >= born_month {
            years
        } else {
            years - 1
        }
    }
}

fn day_of(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// What in a record contradicts its CCCD (sex, year of birth), in Vietnamese; empty when
/// nothing does or the number is a CMND.
pub fn contradictions(id: &IdNumber, sex: Option<Sex>, born: Option<BirthDate>) -> Vec<String> {
    let Some((implied_sex, implied_year)) = id.implied() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if let Some(sex) = sex.filter(|s| *s != implied_sex) {
        found.push(format!(
            "giới tính {} khác với số CCCD (chữ số thứ 4 cho biết {})",
            sex.title_vi(),
            implied_sex.title_vi()
        ));
    }
    if let Some(born) = born.filter(|b| b.year() != implied_year) {
        found.push(format!(
            "năm sinh {} khác với số CCCD (chữ số thứ 4–6 cho biết {implied_year})",
            born.year()
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default()
    }

    #[test]
    fn id_numbers_are_twelve_or_nine_digits_and_a_cccd_tells_sex_and_year() {
        let cccd = IdNumber::parse("004148012345").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cccd.as_str(), "004148012345");
        assert_eq!(cccd.implied(), Some((Sex::Female, 1948)));
        assert_eq!(
            IdNumber::parse("004205012345").map(|id| id.implied()),
            Ok(Some((Sex::Male, 2005)))
        );
        assert_eq!(
            IdNumber::parse("085123456").map(|id| id.implied()),
            Ok(None)
        );
        for bad in [
            "",
            "12345678",
            "1234567890",
            "00414801234a",
            "0041480123456",
            "004 148 012345",
        ] {
            assert!(IdNumber::parse(bad).is_err(), "{bad}");
        }
        let born = BirthDate::parse("1950", today()).ok();
        assert_eq!(
            contradictions(&cccd, Some(Sex::Male), born),
            [
                "giới tính Nam khác với số CCCD (chữ số thứ 4 cho biết Nữ)",
                "năm sinh 1950 khác với số CCCD (chữ số thứ 4–6 cho biết 1948)"
            ]
        );
        let right = BirthDate::parse("03/1948", today()).ok();
        assert!(contradictions(&cccd, Some(Sex::Female), right).is_empty());
    }

    #[test]
    fn birth_dates_as_records_have_them() {
        let read = |text: &str| BirthDate::parse(text, today());
        let day = NaiveDate::from_ymd_opt(1948, 3, 12).unwrap_or_default();
        assert_eq!(read("12/03/1948"), Ok(BirthDate::Day(day)));
        assert_eq!(read("1948-03-12"), Ok(BirthDate::Day(day)));
        assert_eq!(
            read("3/1948").map(BirthDate::written),
            Ok("03/1948".to_owned())
        );
        assert_eq!(read("1948").map(BirthDate::written), Ok("1948".to_owned()));
        for bad in ["31/02/1948", "1948/13", "48", "12.03.1948", "", "abc"] {
            assert!(read(bad).is_err(), "{bad}");
        }
        assert!(read("01/01/2027").is_err());
        assert!(read("1899").is_err());
        // Eighty in March 2028 when born on 12/03/1948, in February not yet.
        let month = |text: &str| Month::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let born = BirthDate::Day(day);
        assert_eq!(born.age_by(month("03/2028")), 80);
        assert_eq!(born.age_by(month("02/2028")), 79);
        // A year alone: surely eighty only from December.
        assert_eq!(BirthDate::Year(1948).age_by(month("11/2028")), 79);
        assert_eq!(BirthDate::Year(1948).age_by(month("12/2028")), 80);
    }
}
