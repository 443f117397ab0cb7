//! Resolving unit references (parents, merge targets) to unit ids, for publishing.

use ansinh_core::UnitId;
use chrono::Days;

use crate::check::units::{UnitIndex, validity_of};
use crate::model::{ProvinceConfig, UnitEntry};

/// A unit entry with its references resolved to the eras they name.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedUnit<'a> {
    /// The entry as configured.
    pub entry: &'a UnitEntry,
    /// Its id.
    pub id: UnitId,
    /// The parent era in force when this unit starts.
    pub parent: Option<UnitId>,
    /// The units that took it over, valid the day after it ended.
    pub merged_into: Vec<UnitId>,
}

/// Resolves every unit of a province (current and history). References that do not resolve are
/// left out; `check` reports them.
pub fn resolve_units(province: &ProvinceConfig) -> Vec<ResolvedUnit<'_>> {
    let index = UnitIndex::build(province);
    let id_of = |unit: &UnitEntry| UnitId::new(unit.code.clone(), unit.valid_from);
    province
        .all_units()
        .map(|entry| {
            let parent = entry
                .parent
                .as_deref()
                .and_then(|code| index.resolve(code, validity_of(entry)))
                .map(id_of);
            let successor_day = entry
                .valid_to
                .and_then(|to| to.checked_add_days(Days::new(1)));
            let merged_into = successor_day
                .map(|day| {
                    entry
                        .merged_into
                        .iter()
                        .filter_map(|code| index.on(code, day))
                        .map(id_of)
                        .collect()
                })
                .unwrap_or_default();
            ResolvedUnit {
                entry,
                id: id_of(entry),
                parent,
                merged_into,
            }
        })
        .collect()
}
