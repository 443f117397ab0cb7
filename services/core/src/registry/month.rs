//! The month of the registry and of payments (kỳ), written `09/2026`: entitlements change from
//! a month, and each month has one amount.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::{DomainError, ErrorCode};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

impl Month {
    /// `month` (1–12) of `year` (1900–9999).
    pub fn new(year: i32, month: u32) -> Result<Self, DomainError> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DomainError::Flow {
                code: ErrorCode::InvalidMonth,
                message: format!("tháng {month}/{year} không hợp lệ: ghi tháng/năm, ví dụ 09/2026"),
            });
        }
        Ok(Self(year * 12 + month as i32 - 1))
    }

    /// The month `day` falls in.
    pub fn of(day: NaiveDate) -> Self {
        Self(day.year() * 12 + day.month0() as i32)
    }

    /// Reads `09/2026`, `9/2026` or `2026-09`.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let text = text.trim();
        let refused = || DomainError::Flow {
            code: ErrorCode::InvalidMonth,
            message: format!("{text:?} không phải tháng/năm: ghi ví dụ 09/2026"),
        };
        let (year, month) = match (text.split_once('/'), text.split_once('-')) {
            (Some((month, year)), None) => (year, month),
            (None, Some((year, month))) => (year, month),
            _ => return Err(refused()),
        };
        let number = |part: &str| {
            (!part.is_empty() && part.len() <= 4 && part.chars().all(|c| c.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        match (number(year), number(month)) {
            (Some(year), Some(month)) if year >= 1000 => {
                Self::new(year as i32, month).map_err(|_| refused())
            }
            _ => Err(refused()),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month of the year, 1–12.
    pub fn number(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// `months` later (earlier when negative).
    pub fn plus(self, months: i32) -> Self {
        Self(self.0 + months)
    }

    /// The month after.
    pub fn next(self) -> Self {
        self.plus(1)
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    pub fn until(self, later: Self) -> i32 {
        later.0 - self.0
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.number(), 1).unwrap_or_default()
    }
}

impl fmt::Display for Month {
    /// `09/2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{}", self.number(), self.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_write_and_count() {
        let september = Month::parse("9/2026").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(september.to_string(), "09/2026");
        assert_eq!(Month::parse("2026-09"), Ok(september));
        assert_eq!(september.plus(4).to_string(), "01/2027");
        assert_eq!(september.plus(-9).to_string(), "12/2025");
        assert_eq!(Month::parse("12/2025").map(|m| m.until(september)), Ok(9));
        let day = NaiveDate::from_ymd_opt(2024, 7, 31).unwrap_or_default();
        assert_eq!(Month::of(day).to_string(), "07/2024");
        assert_eq!(Month::of(day).first_day().to_string(), "2024-07-01");
        for bad in ["13/2026", "0/2026", "09-2026x", "2026", "09/26", "", "a/b"] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }
}
