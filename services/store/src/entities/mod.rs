//! Table rows. Private to the store: the rest of the system sees the app's read models.
#![allow(unreachable_pub)] // sea-orm derives generate public items.

pub(crate) mod access_log;
pub(crate) mod account;
pub(crate) mod admin_unit;
pub(crate) mod auth_session;
pub(crate) mod config_version;
pub(crate) mod dossier;
pub(crate) mod dossier_attachment;
pub(crate) mod dossier_document;
pub(crate) mod dossier_event;
pub(crate) mod role_grant;
pub(crate) mod tenant;
pub(crate) mod unit_merge;
