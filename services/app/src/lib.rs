//! Ansinh's application layer: use cases over ports.
//!
//! Owns the tenant scope every tenant-data call must carry, the read models the API shows, the
//! port traits the adapters implement (`Store`, `Clock`), the application error with its stable
//! codes, and the use cases: browsing units and configuration, publishing configuration versions,
//! identity and roles, the working calendar, and dossiers (creation, actions through the core
//! state machine, handler choice from the assignments, SLA, queues, reassignment, demo seed).
//!
//! Must not depend on sea-orm, poem or async-graphql: adapters depend on this crate, not the
//! reverse.

mod calendar;
mod config_diff;
pub mod dossier;
pub use config_diff::SectionChange;
mod error;
pub mod identity;
mod input;
pub mod model;
pub mod outbox;
pub mod ports;
mod publish;
mod reach;
mod service;

pub use calendar::OfficeCalendar;
pub use error::AppError;
pub use model::*;
pub use ports::{Clock, ManualClock, ReferenceStore, SystemClock};
pub use publish::{PublishOutcome, PublishStatus};
pub use reach::UnitReach;
pub use service::{Ansinh, Ports};
