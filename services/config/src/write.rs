//! Writing a configuration set back to the `config-tenants/` file layout (`config export`).

use std::io;
use std::path::Path;

use serde::Serialize;

use crate::model::ConfigSet;

/// Writes `set` under `root` with the same folders and file names `load_dir` reads, so that
/// loading the result gives back an equal set.
pub fn write_dir(set: &ConfigSet, root: &Path) -> io::Result<()> {
    let national = root.join("national");
    write_yaml(&national, "catalogue.yaml", &set.national.catalogue)?;
    write_yaml(
        &national,
        "assistance-levels.yaml",
        &set.national.assistance_levels,
    )?;
    write_yaml(&national, "calendar.yaml", &set.national.calendar)?;
    write_yaml(&national, "permissions.yaml", &set.national.permissions)?;
    write_yaml(&national, "notifications.yaml", &set.national.notices)?;
    write_texts(&national, &set.national.message_texts)?;
    for (folder, province) in &set.provinces {
        let dir = root.join(folder);
        write_yaml(&dir, "tenant.yaml", &province.tenant)?;
        write_yaml(&dir, "units.yaml", &province.units)?;
        if let Some(history) = &province.units_history {
            write_yaml(&dir, "units-history.yaml", history)?;
        }
        write_yaml(&dir, "offices.yaml", &province.offices)?;
        write_yaml(&dir, "procedures.yaml", &province.procedures)?;
        write_yaml(&dir, "workflows.yaml", &province.workflows)?;
        write_yaml(&dir, "assignments.yaml", &province.assignments)?;
        write_yaml(&dir, "calendar.yaml", &province.calendar)?;
        write_yaml(&dir, "templates.yaml", &province.templates)?;
        write_texts(&dir, &province.template_texts)?;
        write_yaml(&dir, "payments.yaml", &province.payments)?;
        if let Some(permissions) = &province.permissions {
            write_yaml(&dir, "permissions.yaml", permissions)?;
        }
        if let Some(notices) = &province.notices {
            let mut file = notices.clone();
            let texts = std::mem::take(&mut file.texts);
            write_yaml(&dir, "notifications.yaml", &file)?;
            write_texts(&dir, &texts)?;
        }
    }
    Ok(())
}

/// Writes template texts at their paths under `dir`.
fn write_texts(dir: &Path, texts: &std::collections::BTreeMap<String, String>) -> io::Result<()> {
    for (file, text) in texts {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}

fn write_yaml<T: Serialize>(dir: &Path, name: &str, value: &T) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let body = serde_yaml_ng::to_string(value).map_err(io::Error::other)?;
    let text = format!("# Exported by `ansinh config export`.\n{body}");
    std::fs::write(dir.join(name), text)
}
