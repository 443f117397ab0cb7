//! From configuration to the core's calendar layers: the national official schedules, the
//! province's additions and an office's weekly sessions.

use std::collections::BTreeMap;

use ansinh_core::calendar::{CalendarLayers, OfficialYear, Session, WeekPattern};

use chrono::NaiveDate;

use crate::model::{CalendarDay, NationalConfig, Office, ProvinceConfig};

/// The official schedules of the national layer, by year.
pub fn official_years(national: &NationalConfig) -> BTreeMap<i32, OfficialYear> {
    national
        .calendar
        .years
        .iter()
        .map(|entry| {
            (
                entry.year,
                OfficialYear {
                    legal_basis: entry.legal_basis.clone(),
                    days_off: entry
                        .days_off
                        .iter()
                        .map(|day| (day.date, (day.kind, day.reason.clone())))
                        .collect(),
                    make_up: reasons(&entry.working_days),
                },
            )
        })
        .collect()
}

/// Dated reasons by day.
fn reasons(list: &[CalendarDay]) -> BTreeMap<NaiveDate, String> {
    list.iter()
        .map(|day| (day.date, day.reason.clone()))
        .collect()
}

/// An office's weekly pattern.
pub fn week_pattern(office: &Office) -> WeekPattern {
    WeekPattern::new(office.sessions.iter().map(|(day, sessions)| {
        let sessions = sessions
            .iter()
            .map(|s| Session {
                start: s.start,
                end: s.end,
            })
            .collect();
        ((*day).into(), sessions)
    }))
}

/// Every layer for one office of a province.
pub fn calendar_layers(
    national: &NationalConfig,
    province: &ProvinceConfig,
    office: &Office,
) -> CalendarLayers {
    CalendarLayers {
        official: official_years(national),
        province_days_off: reasons(&province.calendar.days_off),
        province_working_days: reasons(&province.calendar.working_days),
        week: week_pattern(office),
    }
}
