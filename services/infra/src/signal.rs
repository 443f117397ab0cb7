//! The app's change signal between replicas over Redis: a count per kind of change that every
//! request reads (so a change holds on the next request anywhere), and pub/sub so idle replicas
//! rebuild early (the in-process twin, `LocalSignal`, lives in the app).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ansinh_app::{Announced, Change, ChangeSignal, LocalSignal};
use async_trait::async_trait;
use tokio::sync::broadcast;

use crate::pubsub::{Channel, Relay};

/// Channel name for changes, under the key prefix; each message names its `Change`.
fn channel(prefix: &str) -> String {
    format!("{prefix}:changes")
}

/// The key counting the changes of one kind, under the key prefix.
fn counter(prefix: &str, change: Change) -> String {
    format!("{prefix}:changes:{}", change.as_str())
}

/// How long a request waits for the counts before going on without them.
const READ_BOUND: Duration = Duration::from_millis(100);
/// How long the counts are not asked for after Redis failed to answer (requests are not
/// slowed by a Redis that is down; the caches' time limits bound staleness meanwhile).
const PAUSE_AFTER_FAILURE: Duration = Duration::from_secs(5);

fn now_ms() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

/// Redis pub/sub signal; a background task relays messages to local subscribers and
/// reconnects after failures. Missing a message costs at most one periodic reload interval.
#[derive(Debug, Clone)]
pub struct RedisSignal {
    channel: Channel,
    counters: [String; 2],
    local: LocalSignal,
    paused_until_ms: Arc<AtomicI64>,
}

/// Changes announced by other replicas, signalled in this process.
struct SignalRelay(LocalSignal);

#[async_trait]
impl Relay for SignalRelay {
    async fn deliver(&self, payload: String) {
        self.0.publish(Change::parse(&payload)).await;
    }

    async fn reconnected(&self) {
        // Changes made while disconnected: drop everything once to catch up.
        self.0.publish(Change::Policy).await;
    }
}

impl RedisSignal {
    /// Subscribes to the prefix's channel on the Redis at `url` (so that no change published
    /// after this returns is missed) and relays messages; when Redis is down it keeps retrying
    /// in the background.
    pub async fn start(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        let local = LocalSignal::default();
        let relay = Arc::new(SignalRelay(local.clone()));
        let channel = Channel::start(
            url,
            channel(prefix),
            "changes",
            Duration::from_secs(5),
            relay,
        )
        .await?;
        Ok(Self {
            channel,
            counters: [
                counter(prefix, Change::Policy),
                counter(prefix, Change::Identity),
            ],
            local,
            paused_until_ms: Arc::default(),
        })
    }

    fn counter_of(&self, change: Change) -> &str {
        match change {
            Change::Policy => &self.counters[0],
            Change::Identity => &self.counters[1],
        }
    }

    async fn read_counts(&self) -> Result<Announced, redis::RedisError> {
        let mut connection = self.channel.connection().await?;
        let (policy, identity): (Option<u64>, Option<u64>) = redis::cmd("MGET")
            .arg(&self.counters[..])
            .query_async(&mut connection)
            .await?;
        Ok(Announced {
            policy: policy.unwrap_or_default(),
            identity: identity.unwrap_or_default(),
        })
    }
}

#[async_trait]
impl ChangeSignal for RedisSignal {
    async fn publish(&self, change: Change) {
        let sent = async {
            let mut connection = self.channel.connection().await?;
            redis::pipe()
                .atomic()
                .incr(self.counter_of(change), 1)
                .ignore()
                .publish(self.channel.name(), change.as_str())
                .query_async::<(i64,)>(&mut connection)
                .await
        };
        match tokio::time::timeout(Duration::from_millis(500), sent).await {
            Ok(Ok(_)) => {}
            _ => {
                tracing::warn!(
                    change = change.as_str(),
                    "Redis unavailable: change signalled in this process only"
                );
                self.channel.forget_connection().await;
                self.local.publish(change).await;
            }
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.local.subscribe()
    }

    async fn announced(&self) -> Option<Announced> {
        if now_ms() < self.paused_until_ms.load(Ordering::Relaxed) {
            return None;
        }
        match tokio::time::timeout(READ_BOUND, self.read_counts()).await {
            Ok(Ok(counts)) => Some(counts),
            failed => {
                if let Ok(Err(error)) = failed {
                    tracing::warn!(%error, "Redis unavailable: changes of other replicas noticed by message or cache expiry only");
                }
                let pause = i64::try_from(PAUSE_AFTER_FAILURE.as_millis()).unwrap_or(i64::MAX);
                self.paused_until_ms
                    .store(now_ms() + pause, Ordering::Relaxed);
                self.channel.forget_connection().await;
                None
            }
        }
    }
}
