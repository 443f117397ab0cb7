//! Ansinh's end-to-end tests, one binary (one link of the whole server instead of one per
//! file): each module drives the GraphQL API of a real server on a fresh database per test,
//! as a client would (SQLite by default; PostgreSQL + Redis in the test command's second pass).

mod access_log_crash;
mod access_matrix;
mod background;
mod calendar;
mod config_versions;
mod console;
mod counts;
mod decisions;
mod delivery_crash;
mod demo_dossiers;
mod dossier_flow;
mod dossier_legacy;
mod dossier_queues;
mod dossiers;
mod files;
mod gateway_hardening;
mod identity;
mod input_hygiene;
mod isolation;
mod jobs;
mod live;
mod mail;
mod mergers;
mod messages;
mod metrics;
mod migrations;
mod permissions;
mod personal_data;
mod replicas;
mod results;
mod signatures;
mod statements;
mod store_errors;
mod support;
mod units;
mod waiting;
