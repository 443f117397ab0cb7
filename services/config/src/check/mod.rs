//! Cross-file checks of a loaded configuration set.
//!
//! Each check adds problems naming the file and the path inside it, and explains in Vietnamese
//! and English what to change.

mod national;
mod province;
pub(crate) mod units;
mod workflows;

use crate::model::ConfigSet;
use crate::problem::Problems;

/// Checks a whole configuration set: the national layer, then every province against it.
pub fn check(set: &ConfigSet) -> Problems {
    let mut problems = Problems::default();
    national::check(&set.national, &mut problems);
    for (folder, province) in &set.provinces {
        let mut found = Problems::default();
        let unit_index = units::check(folder, province, &mut found);
        province::check(folder, province, &set.national, &unit_index, &mut found);
        workflows::check(folder, province, &set.national, &unit_index, &mut found);
        problems.append(found);
    }
    problems
}

/// File path of a province file, relative to the configuration root.
fn file(folder: &str, name: &str) -> String {
    format!("{folder}/{name}")
}
