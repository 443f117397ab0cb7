//! Working time: the Vietnamese lunar calendar, holiday rules, the layered working calendar
//! (national → province → office → dossier pauses) and the SLA clock.

mod astro;
pub mod explain;
pub mod layers;
pub mod local;
pub mod lunar;
pub mod rules;
pub mod sla;
pub mod working;

#[cfg(test)]
mod reference_tests;
#[cfg(test)]
pub(crate) mod tests;

pub use explain::{ExplainedDay, explain};
pub use layers::{
    BreakDay, CalendarLayers, DayInfo, DayKind, Layer, OfficialYear, Session, WeekPattern,
};
pub use sla::{Budget, ClockEvent, ClockState, SlaClock, SlaStatus, Stretch, receipt_start};
pub use working::WorkingCalendar;
