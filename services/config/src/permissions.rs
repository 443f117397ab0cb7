//! Effective permissions: the national defaults less what a province takes away.

use std::collections::BTreeSet;

use ansinh_core::{Resource, Role};

use crate::model::{NationalConfig, PermissionTable, ProvinceConfig};
use crate::problem::Problems;

/// One permission: a role may do an action on a resource type.
pub type Permission = (Role, Resource, String);

fn flatten(table: &PermissionTable) -> BTreeSet<Permission> {
    table
        .iter()
        .flat_map(|(role, resources)| {
            resources.iter().flat_map(move |(resource, actions)| {
                actions
                    .iter()
                    .map(move |action| (*role, *resource, action.clone()))
            })
        })
        .collect()
}

/// The national defaults.
pub fn national_permissions(national: &NationalConfig) -> BTreeSet<Permission> {
    flatten(&national.permissions.permissions)
}

/// What roles may do in a province: the national defaults less the province's narrowing.
pub fn effective_permissions(
    national: &NationalConfig,
    province: Option<&ProvinceConfig>,
) -> BTreeSet<Permission> {
    let mut permissions = national_permissions(national);
    if let Some(narrowing) = province.and_then(|p| p.permissions.as_ref()) {
        for removed in flatten(&narrowing.remove) {
            permissions.remove(&removed);
        }
    }
    permissions
}

/// Reports actions that do not exist on their resource, and narrowings that remove nothing.
pub(crate) fn check_table(
    table: &PermissionTable,
    file: &str,
    root: &str,
    problems: &mut Problems,
) {
    for (role, resources) in table {
        for (resource, actions) in resources {
            for (i, action) in actions.iter().enumerate() {
                if !resource.has_action(action) {
                    problems.error(
                        "UNKNOWN_ACTION",
                        file,
                        format!("{root}.{}.{}[{i}]", role.as_str(), resource.as_str()),
                        format!(
                            "thao tác {action:?} không có với {}; các thao tác hợp lệ: {}",
                            resource.as_str(),
                            resource
                                .actions()
                                .iter()
                                .map(|a| a.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        format!(
                            "action {action:?} does not exist on {}; valid actions: {}",
                            resource.as_str(),
                            resource
                                .actions()
                                .iter()
                                .map(|a| a.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            }
        }
    }
}

/// A province may only narrow: each removed permission must be granted nationally.
pub(crate) fn check_narrowing(
    national: &NationalConfig,
    province: &ProvinceConfig,
    folder: &str,
    problems: &mut Problems,
) {
    let Some(narrowing) = &province.permissions else {
        return;
    };
    let file = format!("{folder}/permissions.yaml");
    check_table(&narrowing.remove, &file, "remove", problems);
    let granted = national_permissions(national);
    for (role, resource, action) in flatten(&narrowing.remove) {
        if !granted.contains(&(role, resource, action.clone())) && resource.has_action(&action) {
            problems.warning(
                "NARROWING_REMOVES_NOTHING",
                &file,
                format!("remove.{}.{}", role.as_str(), resource.as_str()),
                format!(
                    "vai trò {} vốn không có quyền {action} trên {}; dòng này không có tác dụng",
                    role.as_str(),
                    resource.as_str()
                ),
                format!(
                    "role {} has no national permission {action} on {}; the line does nothing",
                    role.as_str(),
                    resource.as_str()
                ),
            );
        }
    }
}
