//! Cross-file checks of a loaded configuration set.
//!
//! Each check adds problems naming the file and the path inside it, and explains in Vietnamese
//! and English what to change.

mod components;
mod national;
mod notices;
mod province;
pub(crate) mod units;
mod workflows;

use crate::model::ConfigSet;
use crate::problem::Problems;

/// Checks a whole configuration set: the national layer, then every province against it.
pub fn check(set: &ConfigSet) -> Problems {
    let mut problems = Problems::default();
    national::check(&set.national, &mut problems);
    crate::permissions::check_table(
        &set.national.permissions.permissions,
        "national/permissions.yaml",
        "permissions",
        &mut problems,
    );
    notices::check(
        "national/notifications.yaml",
        &notices_with_texts(&set.national),
        true,
        &mut problems,
    );
    for (folder, province) in &set.provinces {
        let mut found = Problems::default();
        let unit_index = units::check(folder, province, &mut found);
        province::check(folder, province, &set.national, &unit_index, &mut found);
        workflows::check(folder, province, &set.national, &unit_index, &mut found);
        crate::permissions::check_narrowing(&set.national, province, folder, &mut found);
        if let Some(overrides) = &province.notices {
            notices::check(
                &file(folder, "notifications.yaml"),
                overrides,
                false,
                &mut found,
            );
        }
        problems.append(found);
    }
    problems
}

/// `check`, plus what depends on the day it runs: from 1 October, a warning while next year's
/// official schedule is missing.
pub fn check_as_of(set: &ConfigSet, today: chrono::NaiveDate) -> Problems {
    let mut problems = check(set);
    national::check_next_year(&set.national, today, &mut problems);
    problems
}

/// The national notices file with its template texts, as a province's carries them.
fn notices_with_texts(national: &crate::model::NationalConfig) -> crate::model::NoticesFile {
    let mut file = national.notices.clone();
    file.texts = national.message_texts.clone();
    file
}

/// File path of a province file, relative to the configuration root.
fn file(folder: &str, name: &str) -> String {
    format!("{folder}/{name}")
}

/// Reports a code declared twice in one list.
fn declared_twice(
    problems: &mut Problems,
    code: &'static str,
    (file, path): (&str, String),
    (what_vi, what_en): (&str, &str),
    value: &str,
) {
    problems.error(
        code,
        file,
        path,
        format!("{what_vi} {value} bị khai báo hai lần"),
        format!("{what_en} {value} is declared twice"),
    );
}

/// Reports a procedure code missing from the national catalogue.
fn unknown_procedure(problems: &mut Problems, file: &str, path: String, procedure: &str) {
    problems.error(
        "UNKNOWN_PROCEDURE",
        file,
        path,
        format!("thủ tục {procedure} không có trong danh mục quốc gia (national/catalogue.yaml)"),
        format!("procedure {procedure} is not in the national catalogue (national/catalogue.yaml)"),
    );
}
