//! Fixed-window rate limiting: in Redis so that every replica counts together, with an
//! in-process twin for the embedded mode and as the fallback while Redis is unreachable.
//!
//! A window starts at a key's first hit and lasts its given length; the count and the time
//! left are what `Limit` reports, so a refusal can say truthfully when to try again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ansinh_app::identity::{Limit, RateLimiter};
use async_trait::async_trait;
use redis::aio::MultiplexedConnection;

/// One key's window in the process.
#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    length: Duration,
    count: u32,
}

impl Window {
    fn left(&self, now: Instant) -> Duration {
        self.length.saturating_sub(now.duration_since(self.started))
    }
}

fn limit(count: u32, limit: u32, retry_after: Duration) -> Limit {
    Limit {
        count,
        allowed: count <= limit,
        retry_after,
    }
}

/// Counts in this process only.
#[derive(Debug, Clone, Default)]
pub struct LocalRateLimiter {
    windows: Arc<Mutex<HashMap<String, Window>>>,
}

impl LocalRateLimiter {
    /// Runs `f` on the key's live window (`None` when it has none or it ended).
    fn with_window<T>(&self, key: &str, f: impl FnOnce(&mut Option<Window>, Instant) -> T) -> T {
        let now = Instant::now();
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() > 100_000 {
            windows.retain(|_, window| !window.left(now).is_zero());
        }
        let mut window = windows.get(key).copied().filter(|w| !w.left(now).is_zero());
        let answer = f(&mut window, now);
        match window {
            Some(window) => windows.insert(key.to_owned(), window),
            None => windows.remove(key),
        };
        answer
    }
}

#[async_trait]
impl RateLimiter for LocalRateLimiter {
    async fn hit(&self, key: &str, max: u32, length: Duration) -> Limit {
        self.with_window(key, |window, now| {
            let current = window.get_or_insert(Window {
                started: now,
                length,
                count: 0,
            });
            current.count += 1;
            limit(current.count, max, current.left(now))
        })
    }

    async fn peek(&self, key: &str, max: u32) -> Limit {
        self.with_window(key, |window, now| match window {
            Some(current) => limit(current.count, max, current.left(now)),
            None => limit(0, max, Duration::ZERO),
        })
    }

    async fn forgive(&self, key: &str) {
        self.with_window(key, |window, _| {
            if let Some(current) = window {
                current.count = current.count.saturating_sub(1);
            }
        });
    }

    async fn reset(&self, key: &str) {
        self.with_window(key, |window, _| *window = None);
    }
}

/// Takes one hit back, never below zero and never creating a key.
const FORGIVE: &str = "if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 \
     then return redis.call('DECR', KEYS[1]) end return 0";

/// Counts in Redis (a counter per key expiring at the end of its window); falls back to the
/// local twin on any error.
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

fn timeout_error() -> redis::RedisError {
    redis::RedisError::from((redis::ErrorKind::IoError, "timeout"))
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

    fn key(&self, key: &str) -> String {
        format!("{}:rl:{key}", self.prefix)
    }

    /// Runs a pipeline on the shared connection, reconnecting after a failure; every step is
    /// bounded to 500 ms so a hung Redis falls back quickly.
    async fn run<T: redis::FromRedisValue>(
        &self,
        pipeline: &redis::Pipeline,
    ) -> Result<T, redis::RedisError> {
        let bound = Duration::from_millis(500);
        let mut guard = self.connection.lock().await;
        let connection = match guard.as_mut() {
            Some(connection) => connection,
            None => {
                let fresh =
                    tokio::time::timeout(bound, self.client.get_multiplexed_async_connection())
                        .await
                        .map_err(|_| timeout_error())??;
                guard.insert(fresh)
            }
        };
        match tokio::time::timeout(bound, pipeline.query_async::<T>(connection)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => {
                *guard = None;
                Err(error)
            }
            Err(_) => {
                *guard = None;
                Err(timeout_error())
            }
        }
    }
}

fn seconds(ttl: i64) -> Duration {
    Duration::from_secs(u64::try_from(ttl).unwrap_or_default())
}

fn warn(error: &redis::RedisError) {
    tracing::warn!(%error, "Redis unavailable: rate limit counted in this process");
}

#[async_trait]
impl RateLimiter for RedisRateLimiter {
    async fn hit(&self, key: &str, max: u32, length: Duration) -> Limit {
        let redis_key = self.key(key);
        let mut pipeline = redis::pipe();
        pipeline
            .atomic()
            .cmd("SET")
            .arg(&redis_key)
            .arg(0)
            .arg("EX")
            .arg(length.as_secs().max(1))
            .arg("NX")
            .ignore()
            .incr(&redis_key, 1)
            .ttl(&redis_key);
        match self.run::<(u32, i64)>(&pipeline).await {
            Ok((count, ttl)) => limit(count, max, seconds(ttl)),
            Err(error) => {
                warn(&error);
                self.fallback.hit(key, max, length).await
            }
        }
    }

    async fn peek(&self, key: &str, max: u32) -> Limit {
        let redis_key = self.key(key);
        let mut pipeline = redis::pipe();
        pipeline.get(&redis_key).ttl(&redis_key);
        match self.run::<(Option<u32>, i64)>(&pipeline).await {
            Ok((count, ttl)) => limit(count.unwrap_or_default(), max, seconds(ttl)),
            Err(error) => {
                warn(&error);
                self.fallback.peek(key, max).await
            }
        }
    }

    async fn forgive(&self, key: &str) {
        let mut pipeline = redis::pipe();
        pipeline
            .cmd("EVAL")
            .arg(FORGIVE)
            .arg(1)
            .arg(self.key(key))
            .ignore();
        if let Err(error) = self.run::<()>(&pipeline).await {
            warn(&error);
            self.fallback.forgive(key).await;
        }
    }

    async fn reset(&self, key: &str) {
        let mut pipeline = redis::pipe();
        pipeline.del(self.key(key)).ignore();
        if let Err(error) = self.run::<()>(&pipeline).await {
            warn(&error);
        }
        // Counts taken while Redis was down live here.
        self.fallback.reset(key).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    async fn counts(limiter: &dyn RateLimiter) {
        for n in 1..=3 {
            let hit = limiter.hit("a", 3, MINUTE).await;
            assert_eq!((hit.count, hit.allowed), (n, true));
            assert!(hit.retry_after <= MINUTE && hit.retry_after >= MINUTE / 2);
        }
        assert!(!limiter.hit("a", 3, MINUTE).await.allowed);
        assert!(limiter.hit("b", 3, MINUTE).await.allowed);
        assert_eq!(limiter.peek("a", 3).await.count, 4);
        limiter.forgive("a").await;
        let peek = limiter.peek("a", 3).await;
        assert_eq!((peek.count, peek.allowed), (3, true));
        limiter.reset("a").await;
        assert_eq!(limiter.peek("a", 3).await.count, 0);
        limiter.forgive("never-hit").await;
        assert_eq!(limiter.peek("never-hit", 3).await.count, 0);
    }

    #[tokio::test]
    async fn local_limiter_counts_forgives_and_resets() {
        counts(&LocalRateLimiter::default()).await;
        let limiter = LocalRateLimiter::default();
        assert!(limiter.hit("c", 1, Duration::ZERO).await.allowed);
        assert!(
            limiter.hit("c", 1, Duration::ZERO).await.allowed,
            "an elapsed window starts afresh"
        );
    }

    #[tokio::test]
    #[ignore = "needs Redis: runs in the PostgreSQL + Redis pass"]
    async fn redis_limiter_counts_forgives_and_resets() {
        let url = std::env::var("ANSINH_TEST_REDIS_URL")
            .unwrap_or_else(|_| panic!("ANSINH_TEST_REDIS_URL is not set"));
        let prefix = format!("test-{}", uuid::Uuid::new_v4().simple());
        let limiter = RedisRateLimiter::new(&url, &prefix).unwrap_or_else(|e| panic!("{e}"));
        counts(&limiter).await;
    }

    #[tokio::test]
    async fn a_dead_redis_falls_back_to_counting_locally() {
        let limiter =
            RedisRateLimiter::new("redis://127.0.0.1:1", "test").unwrap_or_else(|e| panic!("{e}"));
        assert!(limiter.hit("k", 2, MINUTE).await.allowed);
        assert!(limiter.hit("k", 2, MINUTE).await.allowed);
        assert!(!limiter.hit("k", 2, MINUTE).await.allowed);
        limiter.reset("k").await;
        assert!(limiter.hit("k", 2, MINUTE).await.allowed);
    }
}
