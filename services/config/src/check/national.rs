//! Checks of the national layer.

use std::collections::HashSet;

use ansinh_core::calendar::BreakDay;
use chrono::{Datelike, NaiveDate, Weekday};

use super::declared_twice;
use crate::model::{NationalConfig, OfficialDayOff};
use crate::problem::Problems;

const CATALOGUE: &str = "national/catalogue.yaml";
const LEVELS: &str = "national/assistance-levels.yaml";
const CALENDAR: &str = "national/calendar.yaml";

pub(super) fn check(national: &NationalConfig, problems: &mut Problems) {
    check_calendar(national, problems);
    let mut seen = HashSet::new();
    for (i, procedure) in national.catalogue.procedures.iter().enumerate() {
        if !seen.insert(procedure.code.as_str()) {
            let at = (CATALOGUE, format!("procedures[{i}].code"));
            declared_twice(
                problems,
                "DUPLICATE_PROCEDURE",
                at,
                ("mã thủ tục", "procedure code"),
                &procedure.code,
            );
        }
        let at = format!("procedures[{i}]");
        super::components::check_national(procedure, (CATALOGUE, &at), problems);
        let mut totals: Vec<_> = procedure.statutory_totals.iter().enumerate().collect();
        totals.sort_by_key(|(_, total)| total.valid_from);
        for pair in totals.windows(2) {
            let ((_, earlier), (j, later)) = (pair[0], pair[1]);
            let overlaps = match (earlier.valid_to, later.valid_from) {
                (Some(to), Some(from)) => to >= from,
                _ => true,
            };
            if overlaps {
                problems.error(
                    "OVERLAPPING_STATUTORY_TOTALS",
                    CATALOGUE,
                    format!("procedures[{i}].statutory_totals[{j}]"),
                    format!(
                        "thủ tục {}: hai thời hạn luật định có hiệu lực chồng lên nhau; hãy đặt valid_to của thời hạn trước",
                        procedure.code
                    ),
                    format!(
                        "procedure {}: two statutory totals overlap in time; set valid_to on the earlier one",
                        procedure.code
                    ),
                );
            }
        }
    }
    let levels = &national.assistance_levels.standard_levels;
    for (i, level) in levels.iter().enumerate() {
        if level.monthly_vnd <= 0 {
            problems.error(
                "INVALID_AMOUNT",
                LEVELS,
                format!("standard_levels[{i}].monthly_vnd"),
                "mức chuẩn phải là số đồng dương",
                "the standard level must be a positive number of đồng",
            );
        }
        if i > 0 && levels[i - 1].valid_from >= level.valid_from {
            problems.error(
                "UNSORTED_LEVELS",
                LEVELS,
                format!("standard_levels[{i}].valid_from"),
                "các mức chuẩn phải xếp theo ngày hiệu lực tăng dần",
                "standard levels must be listed by increasing valid_from",
            );
        }
    }
}

fn check_calendar(national: &NationalConfig, problems: &mut Problems) {
    let mut years = HashSet::new();
    for (i, entry) in national.calendar.years.iter().enumerate() {
        if !years.insert(entry.year) {
            let at = (CALENDAR, format!("years[{i}].year"));
            declared_twice(
                problems,
                "DUPLICATE_YEAR",
                at,
                ("lịch năm", "the schedule of year"),
                &entry.year.to_string(),
            );
        }
        if entry.legal_basis.is_empty() {
            problems.error(
                "MISSING_LEGAL_BASIS",
                CALENDAR,
                format!("years[{i}].legal_basis"),
                format!(
                    "lịch nghỉ năm {} cần ghi văn bản quy định (legal_basis)",
                    entry.year
                ),
                format!(
                    "the {} schedule needs the instrument that fixes it (legal_basis)",
                    entry.year
                ),
            );
        }
        let dates = entry
            .days_off
            .iter()
            .map(|d| ("days_off", d.date))
            .enumerate()
            .chain(
                entry
                    .working_days
                    .iter()
                    .map(|d| ("working_days", d.date))
                    .enumerate(),
            );
        for (j, (list_name, date)) in dates {
            if date.year() != entry.year {
                problems.error(
                    "DATE_OUTSIDE_YEAR",
                    CALENDAR,
                    format!("years[{i}].{list_name}[{j}].date"),
                    format!("ngày {date} không thuộc năm {}", entry.year),
                    format!("{date} is not in {}", entry.year),
                );
            }
        }
        for (j, day) in entry.days_off.iter().enumerate() {
            check_break_day(day, (i, j), problems);
        }
        let off: HashSet<_> = entry.days_off.iter().map(|d| d.date).collect();
        for (j, day) in entry.working_days.iter().enumerate() {
            if off.contains(&day.date) {
                problems.error(
                    "CALENDAR_CONFLICT",
                    CALENDAR,
                    format!("years[{i}].working_days[{j}].date"),
                    format!("ngày {} vừa là ngày nghỉ vừa là ngày làm bù", day.date),
                    format!("{} is both a day off and a make-up working day", day.date),
                );
            }
        }
    }
}

/// A weekend inside a break falls on Saturday or Sunday; a compensatory or swapped day on a
/// weekday.
fn check_break_day(day: &OfficialDayOff, (i, j): (usize, usize), problems: &mut Problems) {
    let weekend = matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun);
    let fits = match day.kind {
        BreakDay::WeeklyRest => weekend,
        BreakDay::Observed | BreakDay::Swapped => !weekend,
        BreakDay::Holiday => true,
    };
    if !fits {
        let (kind_vi, kind_en) = match day.kind {
            BreakDay::WeeklyRest => ("ngày nghỉ hằng tuần (weekly_rest)", "weekly_rest"),
            BreakDay::Observed => ("ngày nghỉ bù (observed)", "observed"),
            _ => ("ngày nghỉ hoán đổi (swapped)", "swapped"),
        };
        problems.error(
            "BREAK_DAY_KIND",
            CALENDAR,
            format!("years[{i}].days_off[{j}].kind"),
            format!(
                "ngày {} ({}) không thể là {kind_vi}: ngày nghỉ hằng tuần là thứ Bảy hoặc Chủ nhật, ngày nghỉ bù và hoán đổi là ngày làm việc",
                day.date.format("%d/%m/%Y"),
                weekday_vi(day.date.weekday())
            ),
            format!(
                "{} ({}) cannot be {kind_en}: weekly rest days are Saturday or Sunday, observed and swapped days are weekdays",
                day.date,
                day.date.weekday()
            ),
        );
    }
}

fn weekday_vi(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "thứ Hai",
        Weekday::Tue => "thứ Ba",
        Weekday::Wed => "thứ Tư",
        Weekday::Thu => "thứ Năm",
        Weekday::Fri => "thứ Sáu",
        Weekday::Sat => "thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// After 1 October, the national layer should hold next year's official schedule: without it
/// the rules propose make-up days where the government usually places them differently.
pub(super) fn check_next_year(
    national: &NationalConfig,
    today: NaiveDate,
    problems: &mut Problems,
) {
    let next = today.year() + 1;
    let published = national
        .calendar
        .years
        .iter()
        .any(|entry| entry.year == next);
    if today.month() >= 10 && !published {
        problems.warning(
            "NEXT_YEAR_SCHEDULE_MISSING",
            CALENDAR,
            "years",
            format!(
                "chưa có lịch nghỉ chính thức năm {next}: từ 01/10 Bộ cần công bố lịch nghỉ Tết và các ngày làm bù của năm sau; đến khi đó hệ thống tính theo Bộ luật Lao động, có thể khác lịch Chính phủ quyết định"
            ),
            format!(
                "no official schedule for {next}: from 1 October the ministry should publish next year's breaks and make-up days; until then the Labour Code rules apply and may differ from the government's decision"
            ),
        );
    }
}
