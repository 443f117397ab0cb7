//! What changed between two configuration versions, counted per file.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Fields that identify an item of a configuration list, joined in this order.
const KEY_FIELDS: [&str; 5] = ["code", "valid_from", "unit", "role", "date"];

/// Changes to one configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionChange {
    /// File name, e.g. `units.yaml`.
    pub file: String,
    /// Items that are new.
    pub added: u32,
    /// Items that are gone.
    pub removed: u32,
    /// Items present in both with different content.
    pub changed: u32,
}

/// Counts added, removed and changed items per file between `old` (absent for a first version)
/// and `new`, both the canonical JSON of a configuration. Unchanged files are left out.
pub(crate) fn diff(old: Option<&Value>, new: &Value) -> Vec<SectionChange> {
    let empty = serde_json::Map::new();
    let old = old.and_then(Value::as_object).unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let sections: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    sections
        .into_iter()
        .filter_map(|section| {
            let before = items(old.get(section));
            let after = items(new.get(section));
            let added = after.keys().filter(|k| !before.contains_key(*k)).count();
            let removed = before.keys().filter(|k| !after.contains_key(*k)).count();
            let changed = after
                .iter()
                .filter(|(k, v)| before.get(*k).is_some_and(|old| old != *v))
                .count();
            (added + removed + changed > 0).then(|| SectionChange {
                file: format!("{}.yaml", section.replace('_', "-")),
                added: count(added),
                removed: count(removed),
                changed: count(changed),
            })
        })
        .collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The items of a section: the elements of its one list, keyed by their identifying fields, or
/// the whole section as one item.
fn items(section: Option<&Value>) -> BTreeMap<String, &Value> {
    let Some(section) = section.filter(|v| !v.is_null()) else {
        return BTreeMap::new();
    };
    let list = section.as_object().and_then(|fields| {
        let mut arrays = fields.values().filter_map(Value::as_array);
        match (arrays.next(), arrays.next(), fields.len()) {
            (Some(list), None, 1) => Some(list),
            _ => None,
        }
    });
    match list {
        Some(list) => list.iter().map(|item| (key_of(item), item)).collect(),
        None => BTreeMap::from([(String::new(), section)]),
    }
}

fn key_of(item: &Value) -> String {
    let parts: Vec<String> = KEY_FIELDS
        .iter()
        .filter_map(|field| item.get(field))
        .map(|value| value.to_string())
        .collect();
    if parts.is_empty() {
        item.to_string()
    } else {
        parts.join("|")
    }
}

/// One line for people: "units.yaml +3 −1 ~2; workflows.yaml ~1".
pub(crate) fn describe(changes: &[SectionChange]) -> String {
    if changes.is_empty() {
        return "không thay đổi".to_owned();
    }
    changes
        .iter()
        .map(|c| format!("{} +{} −{} ~{}", c.file, c.added, c.removed, c.changed))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_per_file() {
        let old = json!({
            "units": {"units": [{"code": "01", "name": "A"}, {"code": "02", "name": "B"}]},
            "calendar": {"receipt_cutoff": "16:00:00"},
        });
        let new = json!({
            "units": {"units": [{"code": "01", "name": "A2"}, {"code": "03", "name": "C"}]},
            "calendar": {"receipt_cutoff": "16:00:00"},
            "units_history": null,
        });
        assert_eq!(
            diff(Some(&old), &new),
            vec![SectionChange {
                file: "units.yaml".into(),
                added: 1,
                removed: 1,
                changed: 1
            }]
        );
        let first = diff(None, &new);
        assert_eq!(
            describe(&first),
            "calendar.yaml +1 −0 ~0; units.yaml +2 −0 ~0"
        );
    }

    #[test]
    fn eras_of_one_code_are_distinct_items() {
        let new = json!({"units": {"units": [
            {"code": "01273", "valid_to": "2025-06-30"},
            {"code": "01273", "valid_from": "2025-07-01"},
        ]}});
        assert_eq!(diff(None, &new)[0].added, 2);
    }
}
