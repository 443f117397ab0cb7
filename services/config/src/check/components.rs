//! Checks of dossier components (thành phần hồ sơ): the national list of each procedure and
//! a province's additions together name each component once, and each accepts some file type.

use std::collections::HashSet;

use super::declared_twice;
use crate::model::{CatalogueProcedure, Component, EnabledProcedure};
use crate::problem::Problems;

/// Checks one catalogue procedure's components (`at` is its path in the catalogue).
pub(super) fn check_national(
    procedure: &CatalogueProcedure,
    (file, at): (&str, &str),
    problems: &mut Problems,
) {
    let mut seen = HashSet::new();
    check_list(
        &procedure.components,
        &mut seen,
        (file, at, "components"),
        problems,
    );
}

/// Checks a province's additional components of one procedure against the national ones.
pub(super) fn check_province(
    procedure: &EnabledProcedure,
    national: Option<&CatalogueProcedure>,
    (file, at): (&str, &str),
    problems: &mut Problems,
) {
    let mut seen: HashSet<&str> = national
        .map(|p| p.components.iter().map(|c| c.code.as_str()).collect())
        .unwrap_or_default();
    let list = (file, at, "extra_components");
    check_list(&procedure.extra_components, &mut seen, list, problems);
}

fn check_list<'a>(
    components: &'a [Component],
    seen: &mut HashSet<&'a str>,
    (file, at, field): (&str, &str, &str),
    problems: &mut Problems,
) {
    for (i, component) in components.iter().enumerate() {
        let path = format!("{at}.{field}[{i}]");
        if !seen.insert(component.code.as_str()) {
            let what = ("mã thành phần hồ sơ", "component code");
            let at = (file, format!("{path}.code"));
            declared_twice(problems, "DUPLICATE_COMPONENT", at, what, &component.code);
        }
        if component.accepts.is_empty() {
            problems.error(
                "NO_FILE_KIND",
                file,
                format!("{path}.accepts"),
                format!(
                    "thành phần {} không nhận loại tệp nào; ghi ít nhất một trong pdf, jpeg, png (hoặc bỏ dòng accepts để nhận cả ba)",
                    component.code
                ),
                format!(
                    "component {} accepts no file type; list at least one of pdf, jpeg, png (or drop accepts for all three)",
                    component.code
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::model::ConfigSet;

    fn shipped() -> ConfigSet {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config-tenants");
        let (set, problems) = crate::load_dir(&dir);
        assert!(problems.is_empty(), "{problems:?}");
        set.unwrap_or_else(|| panic!("config-tenants does not load"))
    }

    fn errors(set: &ConfigSet) -> Vec<(String, String)> {
        crate::check(set)
            .iter()
            .filter(|p| p.code == "DUPLICATE_COMPONENT" || p.code == "NO_FILE_KIND")
            .map(|p| (p.code.to_owned(), p.path.clone()))
            .collect()
    }

    #[test]
    fn the_shipped_procedures_list_their_components() {
        let set = shipped();
        assert_eq!(errors(&set), []);
        let burial = set
            .national
            .catalogue
            .procedures
            .iter()
            .find(|p| p.code == "2.000744")
            .unwrap_or_else(|| panic!("no burial support"));
        let required: Vec<&str> = burial
            .components
            .iter()
            .filter(|c| c.required)
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(required, ["to-khai-mau-04", "giay-bao-tu"]);
    }

    #[test]
    fn a_component_named_twice_or_accepting_nothing_is_reported() {
        let mut set = shipped();
        let national = &mut set.national.catalogue.procedures;
        let index = national
            .iter()
            .position(|p| p.code == "2.000744")
            .unwrap_or_default();
        let first = national[index].components[0].clone();
        national[index].components[1].accepts.clear();
        let province = set
            .provinces
            .get_mut("04-cao-bang")
            .unwrap_or_else(|| panic!("no 04"));
        let enabled = province
            .procedures
            .procedures
            .iter_mut()
            .find(|p| p.code == "2.000744")
            .unwrap_or_else(|| panic!("04 does not run burial support"));
        enabled.extra_components.push(first);
        let at = format!("procedures[{index}]");
        let province_at = "procedures[1]".to_owned();
        assert_eq!(
            errors(&set),
            [
                (
                    "NO_FILE_KIND".to_owned(),
                    format!("{at}.components[1].accepts")
                ),
                (
                    "DUPLICATE_COMPONENT".to_owned(),
                    format!("{province_at}.extra_components[1].code")
                ),
            ]
        );
    }
}
