//! Month-by-month amounts of an entitlement over a period, each at the standard level in force
//! that month (the national level, or the province's when higher), and the change a monthly-
//! allowance decision records: effective from the month its signer signed it (Decree 147/2025).

use chrono::NaiveDate;

use super::{Change, Group, Month, MonthAmount, Recorded, Scheme, Source, amount_in};
use crate::allowance::standard_level;
use crate::money::Vnd;
use crate::{DossierId, UnitId};

/// Standard levels by first day, national and the province's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    /// National levels (270.000, 360.000 from 07/2021, 500.000 from 07/2024).
    pub national: Vec<(NaiveDate, Vnd)>,
    /// The province's higher levels, if any.
    pub province: Vec<(NaiveDate, Vnd)>,
}

impl Levels {
    /// The level in force in `month` (on its first day).
    pub fn in_month(&self, month: Month) -> Option<Vnd> {
        standard_level(&self.national, &self.province, month.first_day())
    }
}

/// What each month from `from` to `until` (both included) pays; months that pay nothing are
/// left out.
pub fn monthly_amounts(
    changes: &[Recorded],
    (from, until): (Month, Month),
    levels: &Levels,
) -> Vec<MonthAmount> {
    let mut out = Vec::new();
    let mut month = from;
    while month <= until {
        if let Some(paid) = levels
            .in_month(month)
            .and_then(|level| amount_in(changes, month, level))
        {
            out.push(paid);
        }
        month = month.next();
    }
    out
}

/// The start a monthly-allowance decision records: the person's groups at the commune from
/// the month the decision was signed.
pub fn start_from_decision(
    seq: u32,
    (unit, groups): (UnitId, Vec<Group>),
    signed_on: NaiveDate,
    (dossier, number): (DossierId, String),
) -> Recorded {
    Recorded {
        seq,
        effective: Month::of(signed_on),
        change: Change::Start {
            scheme: Scheme::MonthlyAllowance,
            unit,
            groups,
            one_off: None,
        },
        source: Source::Decision { dossier, number },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allowance::Coefficient;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_decision_signed_mid_month_pays_from_that_month_at_each_months_level() {
        let levels = Levels {
            national: vec![
                (day(2021, 7, 1), Vnd(360_000)),
                (day(2024, 7, 1), Vnd(500_000)),
            ],
            province: vec![(day(2026, 1, 1), Vnd(550_000))],
        };
        let group = Group {
            code: "khuyet-tat-dac-biet-nang".to_owned(),
            name: "Người khuyết tật đặc biệt nặng".to_owned(),
            coefficient: Coefficient::parse("2").unwrap_or_else(|e| panic!("{e}")),
        };
        let unit = UnitId::parse("01290@2025-07-01").unwrap_or_else(|e| panic!("{e}"));
        let start = start_from_decision(
            1,
            (unit, vec![group]),
            day(2024, 5, 20),
            (DossierId::new("d-1"), "12/QĐ-UBND".to_owned()),
        );
        assert_eq!(start.effective.to_string(), "05/2024");
        let month = |text: &str| Month::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let paid: Vec<(String, Vnd)> =
            monthly_amounts(&[start], (month("04/2024"), month("02/2026")), &levels)
                .into_iter()
                .map(|a| (a.month.to_string(), a.amount))
                .collect();
        // Nothing in April; 2 × 360.000 from May; 2 × 500.000 from July 2024; the province's
        // 550.000 from January 2026.
        assert_eq!(paid.len(), 22);
        assert_eq!(paid[0], ("05/2024".to_owned(), Vnd(720_000)));
        assert_eq!(paid[1], ("06/2024".to_owned(), Vnd(720_000)));
        assert_eq!(paid[2], ("07/2024".to_owned(), Vnd(1_000_000)));
        assert_eq!(paid[19], ("12/2025".to_owned(), Vnd(1_000_000)));
        assert_eq!(paid[20], ("01/2026".to_owned(), Vnd(1_100_000)));
        assert_eq!(paid[21], ("02/2026".to_owned(), Vnd(1_100_000)));
    }
}
