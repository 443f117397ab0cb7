//! Ansinh's tenant configuration: the files under `config-tenants/`.
//!
//! Owns the typed model of the national catalogue and of each province's configuration (units,
//! offices, procedures and workflows, handler assignments, calendar overrides, templates,
//! payment settings, job schedules and message rules), loading it from YAML with unknown fields denied, and checking it: every
//! problem is reported with its file, its path inside the file, and a Vietnamese and English
//! explanation. Also writes a configuration back to the same file layout (`export`).
//!
//! Synchronous and free of I/O beyond reading and writing the given folder. Must not depend on
//! tokio, sea-orm, async-graphql or poem.

pub mod calendar;
mod check;
mod load;
pub mod model;
pub mod permissions;
mod problem;
mod resolve;
pub mod schedule;
pub mod workflow;
mod write;

pub use check::{check, check_as_of};
pub use load::{load_dir, load_province_dir};
pub use model::{ConfigSet, NationalConfig, ProvinceConfig};
pub use problem::{Problem, Problems, Severity};
pub use resolve::{ResolvedUnit, resolve_units};
pub use write::write_dir;

/// Content hash of a province's configuration, used to make publishing idempotent: the same
/// files give the same hash whatever their formatting or comments.
pub fn content_hash<T: serde::Serialize>(value: &T) -> String {
    use sha2::{Digest, Sha256};
    let canonical = serde_json::to_vec(value).unwrap_or_default();
    let digest = Sha256::digest(&canonical);
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}
