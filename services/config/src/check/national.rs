//! Checks of the national layer.

use std::collections::HashSet;

use super::declared_twice;
use crate::model::NationalConfig;
use crate::problem::Problems;

const CATALOGUE: &str = "national/catalogue.yaml";
const LEVELS: &str = "national/assistance-levels.yaml";

pub(super) fn check(national: &NationalConfig, problems: &mut Problems) {
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
