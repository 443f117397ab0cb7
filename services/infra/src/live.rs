//! The app's live feed between replicas over Redis pub/sub: each change is published as JSON
//! on one channel under the key prefix, and a background task relays what arrives to this
//! process's subscribers (reconnecting after failures). When Redis cannot take a change, it
//! is announced in this process only.

use std::sync::Arc;
use std::time::Duration;

use ansinh_app::live::{LiveChange, LiveFeed, LocalFeed};
use async_trait::async_trait;
use redis::aio::MultiplexedConnection;
use tokio::sync::broadcast;

/// Redis pub/sub feed.
#[derive(Debug, Clone)]
pub struct RedisFeed {
    client: redis::Client,
    channel: String,
    local: LocalFeed,
    connection: Arc<tokio::sync::Mutex<Option<MultiplexedConnection>>>,
}

impl RedisFeed {
    /// Subscribes to the prefix's live channel on the Redis at `url` and relays what arrives;
    /// when Redis is down it keeps retrying in the background.
    pub async fn start(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        let feed = Self {
            client: redis::Client::open(url)?,
            channel: format!("{prefix}:live"),
            local: LocalFeed::default(),
            connection: Arc::default(),
        };
        let first = tokio::time::timeout(Duration::from_secs(1), feed.subscribe_remote()).await;
        let first = match first {
            Ok(Ok(pubsub)) => Some(pubsub),
            Ok(Err(error)) => {
                tracing::warn!(%error, "Redis pub/sub unavailable for live changes; retrying");
                None
            }
            Err(_) => None,
        };
        let relay = feed.clone();
        tokio::spawn(async move { relay.relay(first).await });
        Ok(feed)
    }

    async fn subscribe_remote(&self) -> Result<redis::aio::PubSub, redis::RedisError> {
        let mut pubsub = self.client.get_async_pubsub().await?;
        pubsub.subscribe(&self.channel).await?;
        Ok(pubsub)
    }

    async fn relay(&self, mut pubsub: Option<redis::aio::PubSub>) {
        use futures_util::StreamExt;
        loop {
            if let Some(mut subscribed) = pubsub.take() {
                let mut messages = subscribed.on_message();
                while let Some(message) = messages.next().await {
                    let payload: String = message.get_payload().unwrap_or_default();
                    match serde_json::from_str::<LiveChange>(&payload) {
                        Ok(change) => self.local.publish(&change).await,
                        Err(error) => tracing::warn!(%error, "a live change that does not parse"),
                    }
                }
                tracing::warn!("Redis pub/sub connection for live changes closed; reconnecting");
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
            match self.subscribe_remote().await {
                Ok(fresh) => pubsub = Some(fresh),
                Err(error) => tracing::warn!(%error, "Redis pub/sub unavailable; retrying in 2 s"),
            }
        }
    }

    async fn connection(&self) -> Result<MultiplexedConnection, redis::RedisError> {
        let mut guard = self.connection.lock().await;
        if let Some(connection) = guard.as_ref() {
            return Ok(connection.clone());
        }
        let fresh = self.client.get_multiplexed_async_connection().await?;
        Ok(guard.insert(fresh).clone())
    }
}

#[async_trait]
impl LiveFeed for RedisFeed {
    async fn publish(&self, change: &LiveChange) {
        let payload = serde_json::to_string(change).unwrap_or_default();
        let sent = async {
            let mut connection = self.connection().await?;
            redis::cmd("PUBLISH")
                .arg(&self.channel)
                .arg(&payload)
                .query_async::<i64>(&mut connection)
                .await
        };
        match tokio::time::timeout(Duration::from_millis(500), sent).await {
            Ok(Ok(_)) => {}
            _ => {
                tracing::warn!("Redis unavailable: live change announced in this process only");
                *self.connection.lock().await = None;
                self.local.publish(change).await;
            }
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<LiveChange> {
        self.local.subscribe()
    }
}
