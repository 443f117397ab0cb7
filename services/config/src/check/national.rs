//! Checks of the national layer.

use std::collections::HashSet;

use chrono::Datelike;

use super::declared_twice;
use crate::model::NationalConfig;
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
        let lists = [
            ("days_off", &entry.days_off),
            ("working_days", &entry.working_days),
        ];
        for (list_name, list) in lists {
            for (j, day) in list.iter().enumerate() {
                if day.date.year() != entry.year {
                    problems.error(
                        "DATE_OUTSIDE_YEAR",
                        CALENDAR,
                        format!("years[{i}].{list_name}[{j}].date"),
                        format!("ngày {} không thuộc năm {}", day.date, entry.year),
                        format!("{} is not in {}", day.date, entry.year),
                    );
                }
            }
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
