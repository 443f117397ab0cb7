//! The app's live feed between replicas over Redis pub/sub: each change is published as JSON
//! on one channel under the key prefix, and a background task relays what arrives to this
//! process's subscribers (reconnecting after failures). When Redis cannot take a change, it
//! is announced in this process only.

use std::sync::Arc;
use std::time::Duration;

use ansinh_app::live::{LiveChange, LiveFeed, LocalFeed};
use async_trait::async_trait;
use tokio::sync::broadcast;

use crate::pubsub::{Channel, Relay};

/// Redis pub/sub feed.
#[derive(Debug, Clone)]
pub struct RedisFeed {
    channel: Channel,
    local: LocalFeed,
}

/// Changes that arrive from Redis, announced in this process.
struct FeedRelay(LocalFeed);

#[async_trait]
impl Relay for FeedRelay {
    async fn deliver(&self, payload: String) {
        match serde_json::from_str::<LiveChange>(&payload) {
            Ok(change) => self.0.publish(&change).await,
            Err(error) => tracing::warn!(%error, "a live change that does not parse"),
        }
    }
}

impl RedisFeed {
    /// Subscribes to the prefix's live channel on the Redis at `url` and relays what arrives;
    /// when Redis is down it keeps retrying in the background.
    pub async fn start(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        let local = LocalFeed::default();
        let relay = Arc::new(FeedRelay(local.clone()));
        let name = format!("{prefix}:live");
        let channel =
            Channel::start(url, name, "live changes", Duration::from_secs(2), relay).await?;
        Ok(Self { channel, local })
    }
}

#[async_trait]
impl LiveFeed for RedisFeed {
    async fn publish(&self, change: &LiveChange) {
        let payload = serde_json::to_string(change).unwrap_or_default();
        let sent = async {
            let mut connection = self.channel.connection().await?;
            redis::cmd("PUBLISH")
                .arg(self.channel.name())
                .arg(&payload)
                .query_async::<i64>(&mut connection)
                .await
        };
        match tokio::time::timeout(Duration::from_millis(500), sent).await {
            Ok(Ok(_)) => {}
            _ => {
                tracing::warn!("Redis unavailable: live change announced in this process only");
                self.channel.forget_connection().await;
                self.local.publish(change).await;
            }
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<LiveChange> {
        self.local.subscribe()
    }
}
