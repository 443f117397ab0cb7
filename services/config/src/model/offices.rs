//! `offices.yaml`: reception offices, the units they serve and their weekly sessions.

use std::collections::BTreeMap;
use std::fmt;

use ansinh_core::AdminLevel;
use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// `offices.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficesFile {
    /// Reception offices with their working hours.
    pub offices: Vec<Office>,
}

impl OfficesFile {
    /// An office by code.
    pub fn by_code(&self, code: &str) -> Option<&Office> {
        self.offices.iter().find(|office| office.code == code)
    }

    /// The office serving a unit: one listing its code, else one serving its whole level.
    pub fn serving(&self, unit_code: &str, level: AdminLevel) -> Option<&Office> {
        let listed = self
            .offices
            .iter()
            .find(|office| office.serves.units.iter().any(|code| code == unit_code));
        listed.or_else(|| {
            self.offices
                .iter()
                .find(|office| office.serves.level == Some(level))
        })
    }
}

/// A reception office (bộ phận một cửa) and the units it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Code unique within the province.
    pub code: String,
    /// Name shown to officers.
    pub name: String,
    /// Which units this office serves.
    pub serves: OfficeServes,
    /// Working sessions per weekday; a weekday not listed is a rest day.
    pub sessions: BTreeMap<WeekdayKey, Vec<Session>>,
}

/// Units an office serves: every current unit of a level, or the listed unit codes. A unit listed
/// by code takes precedence over a level-wide office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeServes {
    /// Every current unit of this level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<AdminLevel>,
    /// These unit codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
}

/// A weekday as written in configuration files (`monday` … `sunday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeekdayKey {
    /// Thứ hai.
    Monday,
    /// Thứ ba.
    Tuesday,
    /// Thứ tư.
    Wednesday,
    /// Thứ năm.
    Thursday,
    /// Thứ sáu.
    Friday,
    /// Thứ bảy.
    Saturday,
    /// Chủ nhật.
    Sunday,
}

impl From<WeekdayKey> for Weekday {
    fn from(key: WeekdayKey) -> Self {
        match key {
            WeekdayKey::Monday => Weekday::Mon,
            WeekdayKey::Tuesday => Weekday::Tue,
            WeekdayKey::Wednesday => Weekday::Wed,
            WeekdayKey::Thursday => Weekday::Thu,
            WeekdayKey::Friday => Weekday::Fri,
            WeekdayKey::Saturday => Weekday::Sat,
            WeekdayKey::Sunday => Weekday::Sun,
        }
    }
}

/// A working session, written `"07:30-11:30"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Session {
    /// Start of work.
    pub start: NaiveTime,
    /// End of work.
    pub end: NaiveTime,
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

impl std::str::FromStr for Session {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("phiên làm việc {text:?} phải có dạng \"07:30-11:30\"");
        let (start, end) = text.split_once('-').ok_or_else(bad)?;
        let parse = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
        let session = Self {
            start: parse(start)?,
            end: parse(end)?,
        };
        if session.end <= session.start {
            return Err(format!(
                "phiên làm việc {text:?} kết thúc trước khi bắt đầu"
            ));
        }
        Ok(session)
    }
}

impl Serialize for Session {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Session {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
