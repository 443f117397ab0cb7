//! Ansinh's pure domain core.
//!
//! Owns the vocabulary every other crate speaks: typed identifiers, administrative units with
//! their validity intervals, roles and permissions' resources, the text rules (NFC, diacritic
//! folding) applied to Vietnamese input, the working calendar and SLA clock, and the dossier
//! state machine with its codes and clocks, amounts of money in đồng (figures and words), the
//! beneficiary registry's months and entitlement changes, and the rules for files handed in
//! (kinds read from their bytes, provenance). Everything here is
//! synchronous and deterministic: time and ids are passed in.
//!
//! Must not depend on tokio, sea-orm, async-graphql, poem or any I/O crate; CI checks this with
//! `cargo tree -i`.

pub mod access;
pub mod allowance;
pub mod calendar;
pub mod codes;
pub mod dossier;
pub mod error;
pub mod file;
pub mod ids;
pub mod letter;
pub mod money;
pub mod pii;
pub mod registry;
pub mod role;
pub mod text;
pub mod unit;

pub use access::{Action, Resource};
pub use codes::ErrorCode;
pub use error::DomainError;
pub use ids::{DossierId, TenantId, UnitId};
pub use pii::Pii;
pub use role::Role;
pub use unit::{AdminLevel, Validity};
