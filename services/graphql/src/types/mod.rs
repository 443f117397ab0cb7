//! Output types of the API, built from the app's read models.

pub(crate) mod calendar;
pub(crate) mod config;
pub(crate) mod paging;
pub(crate) mod tenant;
pub(crate) mod units;
