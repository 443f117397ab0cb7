//! Merge fields: a province template is Markdown with Jinja-style fields (`{{ ho_ten }}`) and
//! conditional passages (`{% if nhom_doi_tuong == "…" %}…{% endif %}`), rendered with the
//! dossier's values. Filters say how a value is written: `tien` (1.500.000), `bang_chu` (the
//! amount in Vietnamese words, as core writes it) and `che` (an ID number masked). A field the
//! template names that has no value is drawn as a dotted blank and reported, so a draft shows
//! what is still missing.

use std::collections::{BTreeMap, BTreeSet};

use ansinh_core::money::Vnd;
use minijinja::{Environment, UndefinedBehavior, Value};

use crate::DocumentError;

/// What a blank field is drawn as.
pub const BLANK: &str = "……………";

fn amount(value: &str) -> Option<Vnd> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    digits.parse::<i64>().ok().map(Vnd)
}

/// `1500000` → `1.500.000` (a value that is no amount is left as it is).
fn tien(value: String) -> String {
    match amount(&value) {
        Some(vnd) => vnd.to_string().trim_end_matches(" ₫").to_owned(),
        None => value,
    }
}

/// `1500000` → `Một triệu năm trăm nghìn đồng`.
fn bang_chu(value: String) -> String {
    match amount(&value).map(|vnd| vnd.in_words()) {
        Some(Ok(words)) => words,
        _ => value,
    }
}

/// `004190000123` → `004******123`: the first and last three digits only.
fn che(value: String) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 6 {
        return value;
    }
    let hidden = chars.len() - 6;
    let mut masked: String = chars[..3].iter().collect();
    masked.push_str(&"*".repeat(hidden));
    masked.extend(&chars[chars.len() - 3..]);
    masked
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Markdown, not HTML: nothing is escaped.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_filter("tien", tien);
    env.add_filter("bang_chu", bang_chu);
    env.add_filter("che", che);
    env
}

/// A template filled in: its Markdown, and the fields it names that had no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Markdown with every field replaced.
    pub markdown: String,
    /// Names of the fields without a value (drawn as blanks), sorted.
    pub missing: Vec<String>,
}

/// Fills `template` with `fields`.
pub fn merge(template: &str, fields: &BTreeMap<String, String>) -> Result<Merged, DocumentError> {
    let env = environment();
    let compiled = env
        .template_from_str(template)
        .map_err(|e| DocumentError::Template(describe(&e)))?;
    let named: BTreeSet<String> = compiled.undeclared_variables(false).into_iter().collect();
    let missing: Vec<String> = named
        .iter()
        .filter(|n| !fields.contains_key(*n))
        .cloned()
        .collect();
    let mut context: BTreeMap<String, Value> = fields
        .iter()
        .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
        .collect();
    for name in &missing {
        context.insert(name.clone(), Value::from(BLANK));
    }
    let markdown = compiled
        .render(context)
        .map_err(|e| DocumentError::Template(describe(&e)))?;
    Ok(Merged { markdown, missing })
}

/// Checks that a template parses (for `config check` and publishing).
pub fn check(template: &str) -> Result<(), DocumentError> {
    environment()
        .template_from_str(template)
        .map(|_| ())
        .map_err(|e| DocumentError::Template(describe(&e)))
}

fn describe(error: &minijinja::Error) -> String {
    match error.line() {
        Some(line) => format!(
            "dòng {line}: {}",
            error.detail().unwrap_or("lỗi cú pháp mẫu")
        ),
        None => error.detail().unwrap_or("lỗi cú pháp mẫu").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn fields_filters_conditions_and_blanks() {
        let template = "Ông/Bà {{ ho_ten }}, số {{ so | che }}: **{{ tien_ht | tien }} đồng** \
                        ({{ tien_ht | bang_chu }}).{% if nhom == \"khuyet-tat\" %} Người khuyết tật.{% endif %} \
                        Số QĐ: {{ so_qd }}";
        let merged = merge(
            template,
            &fields(&[
                ("ho_ten", "Nông Thị Mai"),
                ("so", "004190000123"),
                ("tien_ht", "1500000"),
                ("nhom", "khuyet-tat"),
            ]),
        );
        let merged = merged.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            merged.markdown,
            "Ông/Bà Nông Thị Mai, số 004******123: **1.500.000 đồng** (Một triệu năm trăm nghìn đồng). \
             Người khuyết tật. Số QĐ: ……………"
        );
        assert_eq!(merged.missing, vec!["so_qd".to_owned()]);
    }

    #[test]
    fn a_broken_template_says_where() {
        let error =
            merge("Dòng 1\n{% if x %}không đóng", &BTreeMap::new()).map_err(|e| e.to_string());
        assert!(
            error.as_ref().is_err_and(|e| e.contains("dòng")),
            "{error:?}"
        );
    }
}
