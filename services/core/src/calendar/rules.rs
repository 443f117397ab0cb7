//! Statutory public holidays by rule (Labour Code 2019 Art. 112 and its predecessors), with the
//! Art. 111(3) shift of a holiday falling on a weekly rest day to the next working day.
//!
//! The rules only *propose* a year: each year the government fixes the civil-service schedule
//! (with swapped days and make-up Saturdays), and the national configuration holds it.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::lunar::{LunarDate, lunar_new_year, to_solar};

/// Whether a rule day is the holiday itself or the compensatory day after a weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// The statutory holiday date.
    Holiday,
    /// Compensatory day off for a holiday on a weekly rest day (Art. 111(3)).
    Observed,
}

/// One day off proposed by the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDay {
    /// The day.
    pub date: NaiveDate,
    /// Holiday or compensatory day.
    pub kind: RuleKind,
    /// Vietnamese name, e.g. "Tết Nguyên đán".
    pub name: String,
}

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The day National Day's second day is proposed on: the adjacent day that makes the longest
/// break with the weekend (the Prime Minister decides each year).
fn national_day_companion(year: i32) -> Option<NaiveDate> {
    let national_day = NaiveDate::from_ymd_opt(year, 9, 2)?;
    let offset = match national_day.weekday() {
        Weekday::Mon | Weekday::Thu | Weekday::Sun => 1,
        _ => -1,
    };
    add_days(national_day, offset)
}

/// The statutory holidays of `year` under the law then in force, before any shift:
/// Labour Code 2019 Art. 112 (and its predecessors' shorter lists before 2007, 2013 and 2021),
/// plus Vietnamese Culture Day from 2026.
fn statutory(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days = Vec::new();
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    days.extend(fixed(1, 1).map(|d| (d, "Tết Dương lịch")));
    if let Some(new_year) = lunar_new_year(year) {
        // Tết: the last day of the old year and the first days of the new one; 5 days in all
        // since the Labour Code 2012 (from 2013), 4 before.
        let after = if year >= 2013 { 4 } else { 3 };
        for offset in -1..after {
            days.extend(add_days(new_year, offset).map(|d| (d, "Tết Nguyên đán")));
        }
    }
    if year >= 2007 {
        let hung_kings = to_solar(LunarDate {
            year,
            month: 3,
            leap: false,
            day: 10,
        });
        days.extend(hung_kings.map(|d| (d, "Giỗ Tổ Hùng Vương (10/3 âm lịch)")));
    }
    days.extend(fixed(4, 30).map(|d| (d, "Ngày Chiến thắng (30/4)")));
    days.extend(fixed(5, 1).map(|d| (d, "Ngày Quốc tế Lao động (1/5)")));
    days.extend(fixed(9, 2).map(|d| (d, "Quốc khánh (2/9)")));
    if year >= 2021 {
        days.extend(national_day_companion(year).map(|d| (d, "Quốc khánh (ngày liền kề)")));
    }
    if year >= 2026 {
        // Resolution 28/2026/QH16, Art. 2 (in force 1 July 2026): a paid day off on 24 November.
        days.extend(fixed(11, 24).map(|d| (d, "Ngày Văn hóa Việt Nam")));
    }
    days.sort();
    days
}

/// Whether civil servants rest on this weekday (Saturday and Sunday).
pub fn is_weekly_rest(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The days off the rules propose for `year`: the statutory holidays, and for each that falls
/// on a weekly rest day, a compensatory day on the next working day not already off.
pub fn rule_days(year: i32) -> Vec<RuleDay> {
    let holidays = statutory(year);
    let mut days: Vec<RuleDay> = holidays
        .iter()
        .map(|(date, name)| RuleDay {
            date: *date,
            kind: RuleKind::Holiday,
            name: (*name).to_owned(),
        })
        .collect();
    for (date, name) in &holidays {
        if !is_weekly_rest(*date) {
            continue;
        }
        let mut candidate = *date;
        while let Some(next) = candidate.succ_opt() {
            candidate = next;
            let taken = days.iter().any(|day| day.date == candidate);
            if !is_weekly_rest(candidate) && !taken {
                days.push(RuleDay {
                    date: candidate,
                    kind: RuleKind::Observed,
                    name: format!("Nghỉ bù {name}"),
                });
                break;
            }
        }
    }
    days.sort_by_key(|day| day.date);
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn dates(year: i32, kind: RuleKind) -> Vec<NaiveDate> {
        rule_days(year)
            .into_iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.date)
            .collect()
    }

    #[test]
    fn twenty_twenty_five_by_rule() {
        assert_eq!(
            dates(2025, RuleKind::Holiday),
            vec![
                day(2025, 1, 1),
                day(2025, 1, 28),
                day(2025, 1, 29),
                day(2025, 1, 30),
                day(2025, 1, 31),
                day(2025, 2, 1),
                day(2025, 4, 7),
                day(2025, 4, 30),
                day(2025, 5, 1),
                day(2025, 9, 1),
                day(2025, 9, 2),
            ]
        );
        // Mùng 4 Tết fell on Saturday 1 Feb 2025: the next working day is compensatory.
        assert_eq!(dates(2025, RuleKind::Observed), vec![day(2025, 2, 3)]);
    }

    #[test]
    fn eras_of_the_law() {
        assert_eq!(
            rule_days(2006)
                .iter()
                .filter(|d| d.name.starts_with("Giỗ Tổ"))
                .count(),
            0
        );
        assert_eq!(
            rule_days(2012)
                .iter()
                .filter(|d| d.name == "Tết Nguyên đán")
                .count(),
            4
        );
        assert_eq!(
            rule_days(2013)
                .iter()
                .filter(|d| d.name == "Tết Nguyên đán")
                .count(),
            5
        );
        assert_eq!(
            rule_days(2020)
                .iter()
                .filter(|d| d.name.starts_with("Quốc khánh"))
                .count(),
            1
        );
        assert_eq!(
            rule_days(2021)
                .iter()
                .filter(|d| d.name.starts_with("Quốc khánh"))
                .count(),
            2
        );
    }

    #[test]
    fn weekend_holidays_move_past_other_holidays() {
        // 2023: 1 Jan a Sunday; Tết eve and mùng 1 on the weekend (21–22 Jan); Hùng Kings on
        // Saturday 29 Apr and 30 Apr a Sunday, with 1 May already off; 2 Sep a Saturday.
        assert_eq!(
            dates(2023, RuleKind::Observed),
            vec![
                day(2023, 1, 2),
                day(2023, 1, 26),
                day(2023, 1, 27),
                day(2023, 5, 2),
                day(2023, 5, 3),
                day(2023, 9, 4),
            ]
        );
    }
}
