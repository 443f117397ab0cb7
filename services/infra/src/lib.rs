//! Ansinh's infrastructure adapters.
//!
//! Owns the implementations of the app's technical ports: Argon2id password hashing (bounded
//! concurrency so logins cannot exhaust the CPU), login rate limiting in Redis with an in-process
//! twin used when Redis is absent or down, and the policy-change signal (Redis pub/sub, in-process
//! when embedded).
//!
//! Must not depend on sea-orm, poem or async-graphql.

mod hasher;
mod limiter;
mod signal;

pub use hasher::Argon2Hasher;
pub use limiter::{LocalRateLimiter, RedisRateLimiter};
pub use signal::{ChangeSignal, LocalSignal, RedisSignal};
