//! Problems found in configuration files, each with where and why, in Vietnamese and English.

use std::fmt;
use std::path::PathBuf;

/// How bad a problem is: errors stop `config apply`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed before publishing.
    Error,
    /// Published anyway, but worth a look (e.g. step budgets not adding up to the statutory total).
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `DUPLICATE_UNIT_CODE`.
    pub code: &'static str,
    /// File, relative to the configuration root.
    pub file: PathBuf,
    /// Path inside the file, e.g. `units[3].parent`.
    pub path: String,
    /// Explanation in Vietnamese, saying what to fix.
    pub message_vi: String,
    /// The same explanation in English.
    pub message_en: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "lỗi/error",
            Severity::Warning => "cảnh báo/warning",
        };
        write!(
            f,
            "{}: {} [{}] {}\n    vi: {}\n    en: {}",
            self.file.display(),
            self.path,
            self.code,
            label,
            self.message_vi,
            self.message_en
        )
    }
}

/// The problems found while loading and checking a configuration folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// Adds an error.
    pub fn error(
        &mut self,
        code: &'static str,
        file: impl Into<PathBuf>,
        path: impl Into<String>,
        message_vi: impl Into<String>,
        message_en: impl Into<String>,
    ) {
        self.push(Severity::Error, code, file, path, message_vi, message_en);
    }

    /// Adds a warning.
    pub(crate) fn warning(
        &mut self,
        code: &'static str,
        file: impl Into<PathBuf>,
        path: impl Into<String>,
        message_vi: impl Into<String>,
        message_en: impl Into<String>,
    ) {
        self.push(Severity::Warning, code, file, path, message_vi, message_en);
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        file: impl Into<PathBuf>,
        path: impl Into<String>,
        message_vi: impl Into<String>,
        message_en: impl Into<String>,
    ) {
        self.0.push(Problem {
            severity,
            code,
            file: file.into(),
            path: path.into(),
            message_vi: message_vi.into(),
            message_en: message_en.into(),
        });
    }

    /// All problems, errors first, then by file and path.
    pub fn sorted(&self) -> Vec<&Problem> {
        let mut all: Vec<&Problem> = self.0.iter().collect();
        all.sort_by(|a, b| (a.severity, &a.file, &a.path).cmp(&(b.severity, &b.file, &b.path)));
        all
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|p| p.severity == Severity::Error)
    }

    /// Number of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .0
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        (errors, self.0.len() - errors)
    }

    /// Whether there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    /// Adds all of `other`'s problems.
    pub fn append(&mut self, other: Problems) {
        self.0.extend(other.0);
    }
}
