//! Ansinh's database migrations, for PostgreSQL (production) and SQLite (embedded default).
//!
//! Owns the schema: tables, indexes, and on PostgreSQL the row-level-security policies that
//! confine every tenant table to the tenant set with `SET LOCAL ansinh.tenant` in the current
//! transaction. Migrations are append-only: a released migration is never edited; a change is a
//! new migration with its own `down`. Each is proven reversible by the up-down-up test.
//!
//! Must not import the store's entities (migrations are frozen in time; entities move on).

use sea_orm_migration::prelude::*;

mod m20261125_000001_foundation;
mod m20261125_000002_identity;
mod m20261125_000003_dossiers;
mod m20261125_000004_dossier_work;
mod m20261202_000005_queue_indexes;
mod m20261202_000006_listing_indexes;
mod m20261202_000007_attachments;
mod m20261203_000008_documents;
mod m20261210_000009_background;
mod m20261212_000010_waiting;
mod sql;

pub use sql::TENANT_SETTING;

/// Runs Ansinh's migrations in order.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_identity::Migration),
            Box::new(m20261125_000003_dossiers::Migration),
            Box::new(m20261125_000004_dossier_work::Migration),
            Box::new(m20261202_000005_queue_indexes::Migration),
            Box::new(m20261202_000006_listing_indexes::Migration),
            Box::new(m20261202_000007_attachments::Migration),
            Box::new(m20261203_000008_documents::Migration),
            Box::new(m20261210_000009_background::Migration),
            Box::new(m20261212_000010_waiting::Migration),
        ]
    }
}

/// Tables that carry `tenant_id` and so must be under row-level security on PostgreSQL.
pub const TENANT_TABLES: &[&str] = &[
    "config_versions",
    "admin_units",
    "unit_merges",
    "accounts",
    "role_grants",
    "auth_sessions",
    "access_log",
    "dossiers",
    "dossier_events",
    "dossier_code_sequences",
    "outbox",
    "decision_number_sequences",
    "dossier_attachments",
    "dossier_documents",
    "job_ticks",
    "messages",
    "notification_opt_outs",
];
