//! Ansinh's worker: runs every tenant's scheduled jobs, reads the outbox back into messages
//! and delivers them.
//!
//! Owns the loop and the tick discipline. A job's schedule is a cron expression from the
//! tenant's configuration, read in Vietnam's time; each tick of each job of each tenant is
//! claimed by inserting its row (primary key job, tenant, tick), so any number of workers run
//! it once; at start, the latest tick each job missed while no worker ran is run once (not
//! every one it missed); a tick cut short by shutdown is released for the next start. The
//! jobs themselves are use cases of the app (`Notices::run_job`), functions of the tenant and
//! the tick, so tests call them with any clock.
//!
//! Must not depend on sea-orm, poem or async-graphql: the adapters come in through the app.

mod round;
mod worker;

pub use worker::{Worker, WorkerOptions};
