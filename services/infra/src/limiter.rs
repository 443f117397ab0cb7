//! Fixed-window rate limiting: in Redis so that every replica counts together, with an
//! in-process twin for the embedded mode and as the fallback while Redis is unreachable.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ansinh_app::identity::RateLimiter;
use async_trait::async_trait;
use redis::aio::MultiplexedConnection;

/// Counts in this process only.
#[derive(Debug, Clone, Default)]
pub struct LocalRateLimiter {
    windows: Arc<Mutex<HashMap<String, (Instant, u32)>>>,
}

#[async_trait]
impl RateLimiter for LocalRateLimiter {
    async fn hit(&self, key: &str, limit: u32, window: Duration) -> bool {
        let now = Instant::now();
        let Ok(mut windows) = self.windows.lock() else {
            return false;
        };
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= limit
    }
}

/// Counts in Redis (`INCR` + `EXPIRE` per window); falls back to the local twin on any error.
#[derive(Clone)]
pub struct RedisRateLimiter {
    client: redis::Client,
    prefix: String,
    connection: Arc<tokio::sync::Mutex<Option<MultiplexedConnection>>>,
    fallback: LocalRateLimiter,
}

impl std::fmt::Debug for RedisRateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisRateLimiter").finish_non_exhaustive()
    }
}

impl RedisRateLimiter {
    /// A limiter on the Redis at `url` (connecting lazily), its keys under `prefix`.
    pub fn new(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        Ok(Self {
            client: redis::Client::open(url)?,
            prefix: prefix.to_owned(),
            connection: Arc::default(),
            fallback: LocalRateLimiter::default(),
        })
    }

    async fn count(&self, key: &str, window: Duration) -> Result<u32, redis::RedisError> {
        let mut guard = self.connection.lock().await;
        let connection = match guard.as_mut() {
            Some(connection) => connection,
            None => {
                let fresh = tokio::time::timeout(
                    Duration::from_millis(500),
                    self.client.get_multiplexed_async_connection(),
                )
                .await
                .map_err(|_| {
                    redis::RedisError::from((redis::ErrorKind::IoError, "connect timeout"))
                })??;
                guard.insert(fresh)
            }
        };
        let seconds = window.as_secs().max(1);
        let bucket = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() / seconds)
            .unwrap_or_default();
        let key = format!("{}:rl:{key}:{bucket}", self.prefix);
        let mut pipeline = redis::pipe();
        pipeline
            .atomic()
            .incr(&key, 1)
            .expire(&key, i64::try_from(seconds).unwrap_or(i64::MAX))
            .ignore();
        let request = pipeline.query_async::<(u32,)>(connection);
        match tokio::time::timeout(Duration::from_millis(500), request).await {
            Ok(Ok((count,))) => Ok(count),
            Ok(Err(error)) => {
                *guard = None;
                Err(error)
            }
            Err(_) => {
                *guard = None;
                Err(redis::RedisError::from((
                    redis::ErrorKind::IoError,
                    "timeout",
                )))
            }
        }
    }
}

#[async_trait]
impl RateLimiter for RedisRateLimiter {
    async fn hit(&self, key: &str, limit: u32, window: Duration) -> bool {
        match self.count(key, window).await {
            Ok(count) => count <= limit,
            Err(error) => {
                tracing::warn!(%error, "Redis unavailable: rate limit counted in this process");
                self.fallback.hit(key, limit, window).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_limiter_counts_per_key_and_window() {
        let limiter = LocalRateLimiter::default();
        let minute = Duration::from_secs(60);
        for _ in 0..3 {
            assert!(limiter.hit("a", 3, minute).await);
        }
        assert!(!limiter.hit("a", 3, minute).await);
        assert!(limiter.hit("b", 3, minute).await);
        assert!(limiter.hit("c", 1, Duration::ZERO).await);
        assert!(
            limiter.hit("c", 1, Duration::ZERO).await,
            "an elapsed window starts afresh"
        );
    }

    #[tokio::test]
    async fn a_dead_redis_falls_back_to_counting_locally() {
        let limiter =
            RedisRateLimiter::new("redis://127.0.0.1:1", "test").unwrap_or_else(|e| panic!("{e}"));
        let minute = Duration::from_secs(60);
        assert!(limiter.hit("k", 2, minute).await);
        assert!(limiter.hit("k", 2, minute).await);
        assert!(!limiter.hit("k", 2, minute).await);
    }
}
