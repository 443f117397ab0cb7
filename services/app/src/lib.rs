//! Ansinh's application layer: use cases over ports, one service per area.
//!
//! Owns the tenant scope every tenant-data call must carry, the read models the API shows, the
//! port traits the adapters implement, the application error with its stable codes, and the
//! areas: `Reference` (tenants, units, configuration versions, calendars), `Identity` (logins,
//! sessions, officers and roles, lockout), `Dossiers` (creation, actions through the core
//! state machine, handler choice from the assignments, SLA, queues, reassignment, demo seed),
//! `Documents` (decisions, signatures, results) and `Notices` (the outbox read back into
//! messages, scheduled warnings, delivery with retries),
//! with `Access` (the authorization questions) shared by all.
//!
//! How an area is laid out, for the ones to come (registry, payments, documents, reports,
//! jobs): a folder `src/<area>/` with `mod.rs` defining the service struct, which holds only
//! the ports it uses (`Arc<dyn …>`), the shared `Access`, and the other areas it reads through
//! (usually `Reference`); `ports.rs` with one trait per aggregate, reads apart from writes
//! (`DossierRepo` / `DossierQueries`); one file per use case or group of use cases (`impl
//! <Area>` blocks), each rule of the business written once in core and called from here; the
//! area is added as a field of `Ansinh` and wired in `Ansinh::new`. Nothing outside the area
//! reaches its ports.
//!
//! Must not depend on sea-orm, poem or async-graphql: adapters depend on this crate, not the
//! reverse.

mod access;
mod calendar;
mod config_diff;
pub mod config_index;
pub mod documents;
pub mod dossier;
#[cfg(test)]
mod fakes;
pub use config_diff::SectionChange;
mod error;
pub mod identity;
mod input;
pub mod live;
pub mod model;
pub mod notices;
pub mod outbox;
pub mod ports;
mod publish;
mod reach;
mod reference;
mod service;
mod signal;

pub use access::Access;
pub use calendar::OfficeCalendar;
pub use error::AppError;
pub use model::*;
pub use ports::{Clock, ManualClock, ReferenceStore, SystemClock};
pub use publish::{PublishOutcome, PublishStatus};
pub use reach::UnitReach;
pub use reference::Reference;
pub use service::{Ansinh, Ports};
pub use signal::{
    Announced, Change, ChangeSignal, EachCallItsOwn, LocalSignal, UnitMode, UnitOfWork, UnitWork,
};
