//! Reference data in the API: the tenant, administrative units with their history, the
//! published configuration (offices, procedures, workflows, versions) and the working calendar.

mod calendar;
pub(crate) mod calendar_types;
pub(crate) mod config;
mod query;
pub(crate) mod tenant;
pub(crate) mod units;

pub use calendar::CalendarQuery;
pub use query::QueryRoot;
