//! From configuration to the core's calendar layers: the national official schedules, the
//! province's additions and an office's weekly sessions.

use std::collections::BTreeMap;

use ansinh_core::calendar::{CalendarLayers, OfficialYear, Session, WeekPattern};

use crate::model::{NationalConfig, Office, ProvinceConfig};

/// The official schedules of the national layer, by year.
pub fn official_years(national: &NationalConfig) -> BTreeMap<i32, OfficialYear> {
    national
        .calendar
        .years
        .iter()
        .map(|entry| {
            let days = |list: &[crate::model::CalendarDay]| {
                list.iter()
                    .map(|day| (day.date, day.reason.clone()))
                    .collect()
            };
            (
                entry.year,
                OfficialYear {
                    legal_basis: entry.legal_basis.clone(),
                    days_off: days(&entry.days_off),
                    make_up: days(&entry.working_days),
                },
            )
        })
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
    let days = |list: &[crate::model::CalendarDay]| {
        list.iter()
            .map(|day| (day.date, day.reason.clone()))
            .collect()
    };
    CalendarLayers {
        official: official_years(national),
        province_days_off: days(&province.calendar.days_off),
        province_working_days: days(&province.calendar.working_days),
        week: week_pattern(office),
    }
}
