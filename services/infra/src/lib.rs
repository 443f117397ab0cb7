//! Ansinh's infrastructure adapters.
//!
//! Owns the implementations of the app's technical ports: Argon2id password hashing (bounded
//! concurrency so logins cannot exhaust the CPU), login rate limiting in Redis with an in-process
//! twin used when Redis is absent or down, the change signal between replicas over Redis
//! pub/sub, live dossier changes over Redis pub/sub, object storage (S3-compatible servers, a
//! local folder, memory), and e-mail (SMTP with lettre, or a folder of `.eml` files) with a
//! logging twin for SMS and Zalo.
//!
//! Must not depend on sea-orm, poem or async-graphql.

mod blobs;
mod hasher;
mod limiter;
mod live;
mod mail;
mod pubsub;
mod signal;

pub use blobs::{ObjectBlobs, S3Target, install_tls_provider};
pub use hasher::Argon2Hasher;
pub use limiter::{LocalRateLimiter, RedisRateLimiter};
pub use live::RedisFeed;
pub use mail::{FolderMailer, LoggedTexts, SmtpMailer, SmtpSecurity, SmtpTarget};
pub use signal::RedisSignal;
