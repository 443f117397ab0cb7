//! Working time: the Vietnamese lunar calendar, holiday rules, the layered working calendar
//! (national → province → office → dossier pauses) and the SLA clock.

mod astro;
pub mod lunar;
