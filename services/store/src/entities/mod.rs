//! Table rows. Private to the store: the rest of the system sees the app's read models.
#![allow(unreachable_pub)] // sea-orm derives generate public items.

pub(crate) mod admin_unit;
pub(crate) mod config_version;
pub(crate) mod tenant;
pub(crate) mod unit_merge;
