//! Amounts of social assistance (Decree 20/2021/NĐ-CP as amended by Decree 76/2024/NĐ-CP): the
//! standard level in force on a day (a province may pay a higher level from its own budget), a
//! monthly allowance as the standard level times the beneficiary's coefficient (hệ số), and the
//! burial support as twenty times the standard level (Art. 11(2)).

use chrono::NaiveDate;

use crate::money::Vnd;
use crate::{DomainError, ErrorCode};

/// A coefficient of the standard level, in hundredths (1,5 is 150).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Coefficient(u32);

impl Coefficient {
    /// Reads "1,5", "1.5", "2" or "2,50" (at most two decimals, more than 0 and at most 10).
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let refused = || DomainError::Flow {
            code: ErrorCode::InvalidCoefficient,
            message: format!(
                "hệ số {text:?} không hợp lệ: ghi số dương có tối đa hai chữ số thập phân, ví dụ 1,5"
            ),
        };
        let text = text.trim().replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        if whole.is_empty()
            || fraction.len() > 2
            || !(whole
                .chars()
                .chain(fraction.chars())
                .all(|c| c.is_ascii_digit()))
        {
            return Err(refused());
        }
        let whole: u32 = whole.parse().map_err(|_| refused())?;
        let fraction: u32 = format!("{fraction:0<2}").parse().map_err(|_| refused())?;
        let hundredths = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(fraction))
            .ok_or_else(refused)?;
        if hundredths == 0 || hundredths > 1_000 {
            return Err(refused());
        }
        Ok(Self(hundredths))
    }

    /// As decisions write it: "1,5", "2", "2,25".
    pub fn written(self) -> String {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole},{}", f / 10),
            f => format!("{whole},{f:02}"),
        }
    }
}

/// The standard level in force on `day`: the highest of the national level and the province's
/// own level then in force (each list ordered by its first day).
pub fn standard_level(
    national: &[(NaiveDate, Vnd)],
    province: &[(NaiveDate, Vnd)],
    day: NaiveDate,
) -> Option<Vnd> {
    let in_force = |levels: &[(NaiveDate, Vnd)]| {
        levels
            .iter()
            .filter(|(from, _)| *from <= day)
            .max_by_key(|(from, _)| *from)
            .map(|(_, v)| *v)
    };
    match (in_force(national), in_force(province)) {
        (Some(n), Some(p)) => Some(Vnd(n.0.max(p.0))),
        (n, p) => n.or(p),
    }
}

/// The monthly allowance: the standard level times the coefficient, in whole đồng (rounded
/// half up; with levels in thousands it is exact).
pub fn monthly_allowance(standard: Vnd, coefficient: Coefficient) -> Vnd {
    Vnd((standard.0 * i64::from(coefficient.0) + 50) / 100)
}

/// The burial support: twenty times the standard level.
pub fn burial_support(standard: Vnd) -> Vnd {
    Vnd(standard.0 * 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn amounts_follow_the_level_in_force() {
        let national = [
            (day("2021-07-01"), Vnd(360_000)),
            (day("2024-07-01"), Vnd(500_000)),
        ];
        assert_eq!(
            standard_level(&national, &[], day("2024-06-30")),
            Some(Vnd(360_000))
        );
        assert_eq!(
            standard_level(&national, &[], day("2026-03-02")),
            Some(Vnd(500_000))
        );
        let higher = [(day("2025-01-01"), Vnd(600_000))];
        assert_eq!(
            standard_level(&national, &higher, day("2026-03-02")),
            Some(Vnd(600_000))
        );
        let one_and_half = Coefficient::parse("1,5").unwrap_or(Coefficient(0));
        assert_eq!(monthly_allowance(Vnd(500_000), one_and_half), Vnd(750_000));
        assert_eq!(one_and_half.written(), "1,5");
        assert_eq!(
            Coefficient::parse("2.25").map(Coefficient::written),
            Ok("2,25".to_owned())
        );
        assert_eq!(burial_support(Vnd(500_000)), Vnd(10_000_000));
        for bad in ["", "0", "1,555", "a", "-1", "11"] {
            assert!(Coefficient::parse(bad).is_err(), "{bad}");
        }
    }
}
