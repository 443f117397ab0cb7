//! The Vietnamese lunisolar calendar, computed for Vietnam's time zone (UTC+7) from true new
//! moons and the Sun's longitude (see `astro`). Because it is reckoned at UTC+7 it differs from
//! the Chinese calendar (UTC+8) in some years.
//!
//! Rules: a month starts on the local day of a new moon; month 11 is the month containing the
//! winter solstice; when 13 months lie between two months 11, the first of them with no major
//! solar term (the Sun's longitude crossing a multiple of 30°) is the leap month and repeats the
//! number of the month before it.

use chrono::{Datelike, NaiveDate};

use super::astro::{SYNODIC_MONTH, decimal_year, delta_t_seconds, new_moon_jde, sun_longitude};

/// Vietnam's offset from UTC, in days.
const UTC_OFFSET_DAYS: f64 = 7.0 / 24.0;
/// Julian Day Number of 0001-01-01 (proleptic Gregorian), chrono's common-era day 1.
const JDN_OF_CE_DAY_ONE: i64 = 1_721_426;
/// Years the conversions are offered for.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A date of the lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LunarDate {
    /// Lunar year (the solar year in which its first month begins).
    pub year: i32,
    /// Month number 1–12.
    pub month: u32,
    /// Whether this is the leap (repeated) month of that number.
    pub leap: bool,
    /// Day 1–30.
    pub day: u32,
}

fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 1 + JDN_OF_CE_DAY_ONE
}

fn date_of(jdn: i64) -> Option<NaiveDate> {
    let days = i32::try_from(jdn - JDN_OF_CE_DAY_ONE + 1).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Local (UTC+7) day number of the new moon of lunation `k`.
fn new_moon_day(k: i64) -> i64 {
    let jde = new_moon_jde(k as f64);
    let ut = jde - delta_t_seconds(decimal_year(jde)) / 86_400.0;
    (ut + UTC_OFFSET_DAYS + 0.5).floor() as i64
}

/// Which 30° sector the Sun is in at the start (local midnight) of day `day`.
fn sun_sector_at_day_start(day: i64) -> i64 {
    let ut = day as f64 - 0.5 - UTC_OFFSET_DAYS;
    let jde = ut + delta_t_seconds(decimal_year(ut)) / 86_400.0;
    (sun_longitude(jde) / 30.0).floor() as i64
}

/// Lunation whose new moon is the last on or before local day `day`.
fn lunation_on_or_before(day: i64) -> i64 {
    let mut k = ((day as f64 - 2_451_550.1) / SYNODIC_MONTH).floor() as i64;
    while new_moon_day(k) > day {
        k -= 1;
    }
    while new_moon_day(k + 1) <= day {
        k += 1;
    }
    k
}

/// Lunation that starts month 11 of the lunar year ending in solar year `year` (the month
/// containing the December solstice of `year`).
fn month_eleven(year: i32) -> i64 {
    let december_31 = NaiveDate::from_ymd_opt(year, 12, 31).map_or(0, jdn);
    let mut k = lunation_on_or_before(december_31);
    // The solstice (longitude 270°, sector 9) must fall inside the month.
    while sun_sector_at_day_start(new_moon_day(k)) >= 9 {
        k -= 1;
    }
    k
}

/// One lunar month: its label and first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Month {
    year: i32,
    number: u32,
    leap: bool,
    first_day: i64,
}

/// The months from month 11 of lunar year `year - 1` up to (not including) month 11 of `year`.
fn months_ending_in(year: i32) -> Vec<Month> {
    let start = month_eleven(year - 1);
    let end = month_eleven(year);
    let count = end - start;
    let mut leap_index = None;
    if count == 13 {
        leap_index = (1..count).find(|&i| {
            sun_sector_at_day_start(new_moon_day(start + i))
                == sun_sector_at_day_start(new_moon_day(start + i + 1))
        });
    }
    let mut months = Vec::with_capacity(13);
    let mut number = 10;
    for i in 0..count {
        let leap = leap_index == Some(i);
        if !leap {
            number = number % 12 + 1;
        }
        months.push(Month {
            year: if number >= 11 { year - 1 } else { year },
            number,
            leap,
            first_day: new_moon_day(start + i),
        });
    }
    months
}

/// Converts a solar date to the lunar calendar; `None` outside 1900–2100.
pub fn to_lunar(date: NaiveDate) -> Option<LunarDate> {
    if !SUPPORTED_YEARS.contains(&date.year()) {
        return None;
    }
    let day = jdn(date);
    let year = date.year();
    let candidates = [months_ending_in(year), months_ending_in(year + 1)];
    let month = candidates
        .iter()
        .flatten()
        .filter(|m| m.first_day <= day)
        .max_by_key(|m| m.first_day)?;
    Some(LunarDate {
        year: month.year,
        month: month.number,
        leap: month.leap,
        day: u32::try_from(day - month.first_day + 1).ok()?,
    })
}

/// Converts a lunar date to the solar calendar; `None` when it does not exist (e.g. day 30 of
/// a 29-day month, a leap month the year lacks) or lies outside 1900–2100.
pub fn to_solar(lunar: LunarDate) -> Option<NaiveDate> {
    if !(1..=12).contains(&lunar.month) || !(1..=30).contains(&lunar.day) {
        return None;
    }
    let ends_in = if lunar.month >= 11 {
        lunar.year + 1
    } else {
        lunar.year
    };
    let months = months_ending_in(ends_in);
    let index = months
        .iter()
        .position(|m| m.number == lunar.month && m.leap == lunar.leap)?;
    let first = months[index].first_day;
    let next = months
        .get(index + 1)
        .map(|m| m.first_day)
        .unwrap_or_else(|| new_moon_day(month_eleven(ends_in) + 1).min(first + 30));
    let day = first + i64::from(lunar.day) - 1;
    let date = date_of(day).filter(|_| day < next)?;
    SUPPORTED_YEARS.contains(&date.year()).then_some(date)
}

/// First day of lunar year `year` (Tết Nguyên đán).
pub fn lunar_new_year(year: i32) -> Option<NaiveDate> {
    to_solar(LunarDate {
        year,
        month: 1,
        leap: false,
        day: 1,
    })
}

/// Last day of lunar year `year - 1` (the eve of Tết, 29 or 30 of the twelfth month).
pub fn lunar_new_years_eve(year: i32) -> Option<NaiveDate> {
    lunar_new_year(year)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn known_lunar_new_years() {
        // Published Vietnamese calendars (Tết dates).
        let known = [
            (1968, day(1968, 1, 29)), // Tết Mậu Thân: Vietnam (UTC+7) one day before China.
            (1985, day(1985, 1, 21)), // Vietnam one day before China (22 Jan).
            (2007, day(2007, 2, 17)),
            (2024, day(2024, 2, 10)),
            (2025, day(2025, 1, 29)),
            (2026, day(2026, 2, 17)),
            (2027, day(2027, 2, 6)),
        ];
        for (year, expected) in known {
            assert_eq!(lunar_new_year(year), Some(expected), "Tết {year}");
        }
    }

    #[test]
    fn known_hung_kings_days() {
        let hung = |year| {
            to_solar(LunarDate {
                year,
                month: 3,
                leap: false,
                day: 10,
            })
        };
        assert_eq!(hung(2024), Some(day(2024, 4, 18)));
        assert_eq!(hung(2025), Some(day(2025, 4, 7)));
        assert_eq!(hung(2026), Some(day(2026, 4, 26)));
    }

    #[test]
    fn leap_months() {
        // 2023 had a leap second month (nhuận tháng 2): 22 Mar – 19 Apr 2023.
        assert_eq!(
            to_lunar(day(2023, 3, 22)),
            Some(LunarDate {
                year: 2023,
                month: 2,
                leap: true,
                day: 1
            })
        );
        // 2025 had a leap sixth month: 25 Jul – 22 Aug 2025.
        assert_eq!(
            to_lunar(day(2025, 7, 25)),
            Some(LunarDate {
                year: 2025,
                month: 6,
                leap: true,
                day: 1
            })
        );
    }

    #[test]
    fn round_trips_every_day_of_a_century_slice() {
        let mut date = day(1999, 12, 1);
        while date < day(2031, 2, 1) {
            let lunar = to_lunar(date).unwrap_or_else(|| panic!("{date}"));
            assert_eq!(to_solar(lunar), Some(date), "{date} -> {lunar:?}");
            date = date.succ_opt().unwrap_or(date);
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(
            to_solar(LunarDate {
                year: 2024,
                month: 13,
                leap: false,
                day: 1
            }),
            None
        );
        assert_eq!(
            to_solar(LunarDate {
                year: 2024,
                month: 5,
                leap: true,
                day: 1
            }),
            None
        );
        assert_eq!(to_lunar(day(1899, 12, 31)), None);
    }
}
