//! Rules of administrative documents (Decree 30/2020/NĐ-CP, Appendix I) that are not layout:
//! how the date line writes its day and month.

use chrono::{Datelike, NaiveDate};

/// Day, month and year as the date line writes them: a day below 10 and the months 1 and 2
/// with a leading zero ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026").
pub fn date_parts(day: NaiveDate) -> [String; 3] {
    let d = if day.day() < 10 {
        format!("0{}", day.day())
    } else {
        day.day().to_string()
    };
    let m = if day.month() < 3 {
        format!("0{}", day.month())
    } else {
        day.month().to_string()
    };
    [d, m, day.year().to_string()]
}

#[cfg(test)]
mod tests {
    use super::date_parts;
    use chrono::NaiveDate;

    #[test]
    fn small_days_and_the_first_two_months_take_a_zero() {
        let parts = |y, m, d| date_parts(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default());
        assert_eq!(parts(2026, 2, 5), ["05", "02", "2026"]);
        assert_eq!(parts(2026, 3, 15), ["15", "3", "2026"]);
        assert_eq!(parts(2026, 12, 2), ["02", "12", "2026"]);
    }
}
