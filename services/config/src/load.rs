//! Reading a configuration folder into the typed model, collecting every parse problem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::model::{ConfigSet, NationalConfig, NoticesFile, ProvinceConfig};
use crate::problem::Problems;

/// Loads `config-tenants/`-style folder `root`: `national/` plus every other sub-folder as a
/// province. Returns what loaded (no set when `national/` fails; provinces with a file that does
/// not parse are left out) and every problem found. Publish only when there are no problems.
pub fn load_dir(root: &Path) -> (Option<ConfigSet>, Problems) {
    let mut problems = Problems::default();
    let mut reader = Reader {
        root,
        problems: &mut problems,
    };
    let national = reader.national();
    let mut provinces = BTreeMap::new();
    for folder in province_folders(root, reader.problems) {
        let path = root.join(&folder);
        if let Some(province) = load_province_at(root, &path, reader.problems) {
            provinces.insert(folder, province);
        }
    }
    let set = national.map(|national| ConfigSet {
        national,
        provinces,
    });
    (set, problems)
}

/// Loads one province folder on its own (paths in problems are relative to its parent).
pub fn load_province_dir(dir: &Path) -> (Option<ProvinceConfig>, Problems) {
    let mut problems = Problems::default();
    let root = dir.parent().unwrap_or(dir);
    let province = load_province_at(root, dir, &mut problems);
    (province, problems)
}

fn province_folders(root: &Path, problems: &mut Problems) -> Vec<String> {
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(err) => {
            problems.error(
                "UNREADABLE",
                root,
                "",
                format!("không đọc được thư mục cấu hình: {err}"),
                format!("cannot read the configuration folder: {err}"),
            );
            return Vec::new();
        }
    };
    let mut folders: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name != "national" && !name.starts_with('.'))
        .collect();
    folders.sort();
    folders
}

fn load_province_at(root: &Path, dir: &Path, problems: &mut Problems) -> Option<ProvinceConfig> {
    let mut reader = Reader { root, problems };
    let tenant = reader.required(dir, "tenant.yaml");
    let units = reader.required(dir, "units.yaml");
    let units_history = reader.optional(dir, "units-history.yaml");
    let offices = reader.required(dir, "offices.yaml");
    let procedures = reader.required(dir, "procedures.yaml");
    let workflows = reader.required(dir, "workflows.yaml");
    let assignments = reader.required(dir, "assignments.yaml");
    let calendar = reader.required(dir, "calendar.yaml");
    let templates = reader.required(dir, "templates.yaml");
    let payments = reader.required(dir, "payments.yaml");
    let permissions = reader.optional(dir, "permissions.yaml");
    let notices = reader
        .optional::<NoticesFile>(dir, "notifications.yaml")
        .map(|file| file.and_then(|file| reader.with_texts(dir, file)));
    let template_texts = match &templates {
        Some(file) => reader.template_texts(dir, file)?,
        None => Default::default(),
    };
    Some(ProvinceConfig {
        tenant: tenant?,
        units: units?,
        units_history: units_history?,
        offices: offices?,
        procedures: procedures?,
        workflows: workflows?,
        assignments: assignments?,
        calendar: calendar?,
        templates: templates?,
        payments: payments?,
        permissions: permissions?,
        notices: notices?,
        template_texts,
    })
}

struct Reader<'a> {
    root: &'a Path,
    problems: &'a mut Problems,
}

impl Reader<'_> {
    fn national(&mut self) -> Option<NationalConfig> {
        let dir = self.root.join("national");
        let catalogue = self.required(&dir, "catalogue.yaml");
        let assistance_levels = self.required(&dir, "assistance-levels.yaml");
        let calendar = self.required(&dir, "calendar.yaml");
        let permissions = self.required(&dir, "permissions.yaml");
        let notices: Option<NoticesFile> = self.required(&dir, "notifications.yaml");
        let notices = notices.and_then(|file| self.with_texts(&dir, file));
        let (notices, message_texts) = notices.map(|mut file| {
            let texts = std::mem::take(&mut file.texts);
            (file, texts)
        })?;
        Some(NationalConfig {
            catalogue: catalogue?,
            assistance_levels: assistance_levels?,
            calendar: calendar?,
            permissions: permissions?,
            notices,
            message_texts,
        })
    }

    fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(self.root).unwrap_or(path).to_path_buf()
    }

    fn required<T: DeserializeOwned>(&mut self, dir: &Path, name: &str) -> Option<T> {
        let path = dir.join(name);
        if !path.exists() {
            self.problems.error(
                "MISSING_FILE",
                self.relative(&path),
                "",
                format!("thiếu tệp {name}; hãy tạo tệp này theo mẫu trong README"),
                format!("{name} is missing; create it as the README shows"),
            );
            return None;
        }
        self.parse(&path)
    }

    /// The text of every template file `templates.yaml` names; `None` when one is missing.
    fn template_texts(
        &mut self,
        dir: &Path,
        file: &crate::model::TemplatesFile,
    ) -> Option<std::collections::BTreeMap<String, String>> {
        let mut texts = std::collections::BTreeMap::new();
        let mut complete = true;
        for (i, template) in file.templates.iter().enumerate() {
            let path = dir.join(&template.file);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    texts.insert(template.file.clone(), text);
                }
                Err(err) => {
                    complete = false;
                    self.problems.error(
                        "TEMPLATE_FILE_MISSING",
                        self.relative(&dir.join("templates.yaml")),
                        format!("templates[{i}].file"),
                        format!("không đọc được tệp mẫu {}: {err}", template.file),
                        format!("cannot read the template file {}: {err}", template.file),
                    );
                }
            }
        }
        complete.then_some(texts)
    }

    /// The file with the text of every message template it names; `None` when one is missing.
    fn with_texts(&mut self, dir: &Path, mut file: NoticesFile) -> Option<NoticesFile> {
        let mut complete = true;
        for (kind, rule) in &file.messages {
            match std::fs::read_to_string(dir.join(&rule.template)) {
                Ok(text) => {
                    file.texts.insert(rule.template.clone(), text);
                }
                Err(err) => {
                    complete = false;
                    self.problems.error(
                        "TEMPLATE_FILE_MISSING",
                        self.relative(&dir.join("notifications.yaml")),
                        format!("messages.{kind}.template"),
                        format!("không đọc được tệp mẫu {}: {err}", rule.template),
                        format!("cannot read the template file {}: {err}", rule.template),
                    );
                }
            }
        }
        complete.then_some(file)
    }

    /// `Some(None)` when the file is absent, `None` when it failed to parse.
    fn optional<T: DeserializeOwned>(&mut self, dir: &Path, name: &str) -> Option<Option<T>> {
        let path = dir.join(name);
        if path.exists() {
            self.parse(&path).map(Some)
        } else {
            Some(None)
        }
    }

    fn parse<T: DeserializeOwned>(&mut self, path: &Path) -> Option<T> {
        let file = self.relative(path);
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) => {
                self.problems.error(
                    "UNREADABLE",
                    file,
                    "",
                    format!("không đọc được tệp: {err}"),
                    format!("cannot read the file: {err}"),
                );
                return None;
            }
        };
        let deserializer = serde_yaml_ng::Deserializer::from_str(&text);
        match serde_path_to_error::deserialize::<_, T>(deserializer) {
            Ok(value) => Some(value),
            Err(err) => {
                let path = err.path().to_string();
                let inner = err.into_inner();
                let (line_vi, line_en) = inner
                    .location()
                    .map(|at| {
                        (
                            format!(" (dòng {}, cột {})", at.line(), at.column()),
                            format!(" (line {}, column {})", at.line(), at.column()),
                        )
                    })
                    .unwrap_or_default();
                let full = inner.to_string();
                let detail = full.split(" at line ").next().unwrap_or(&full);
                let (code, vi) = explain_parse_error(detail);
                self.problems.error(
                    code,
                    file,
                    if path == "." { String::new() } else { path },
                    format!("{vi}{line_vi}"),
                    format!("{detail}{line_en}"),
                );
                None
            }
        }
    }
}

/// Turns serde's English message into a stable code and a Vietnamese explanation.
fn explain_parse_error(detail: &str) -> (&'static str, String) {
    let quoted = |text: &str| text.split('`').nth(1).unwrap_or_default().to_owned();
    if detail.starts_with("unknown field") {
        let field = quoted(detail);
        let expected = detail
            .split("expected")
            .nth(1)
            .unwrap_or_default()
            .trim()
            .trim_start_matches("one of ");
        (
            "UNKNOWN_FIELD",
            format!(
                "trường `{field}` không được phép ở đây; hãy xóa hoặc sửa chính tả (các trường hợp lệ: {expected})"
            ),
        )
    } else if detail.starts_with("missing field") {
        (
            "MISSING_FIELD",
            format!("thiếu trường bắt buộc `{}`", quoted(detail)),
        )
    } else if detail.starts_with("unknown variant") {
        let expected = detail.split("expected").nth(1).unwrap_or_default().trim();
        (
            "UNKNOWN_VALUE",
            format!(
                "giá trị `{}` không hợp lệ; các giá trị được phép: {expected}",
                quoted(detail)
            ),
        )
    } else if detail.starts_with("invalid type") {
        ("INVALID_TYPE", format!("kiểu dữ liệu không đúng: {detail}"))
    } else {
        ("INVALID_VALUE", format!("giá trị không hợp lệ: {detail}"))
    }
}
