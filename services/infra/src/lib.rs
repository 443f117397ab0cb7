//! Ansinh's infrastructure adapters.
//!
//! Owns the implementations of the app's technical ports: Argon2id password hashing (bounded
//! concurrency so logins cannot exhaust the CPU), login rate limiting in Redis with an in-process
//! twin used when Redis is absent or down, the change signal between replicas over Redis
//! pub/sub, and object storage (S3-compatible servers, a local folder, memory).
//!
//! Must not depend on sea-orm, poem or async-graphql.

mod blobs;
mod hasher;
mod limiter;
mod signal;

pub use blobs::{ObjectBlobs, S3Target, install_tls_provider};
pub use hasher::Argon2Hasher;
pub use limiter::{LocalRateLimiter, RedisRateLimiter};
pub use signal::RedisSignal;
