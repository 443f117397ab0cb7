//! The app's change signal between replicas over Redis pub/sub (the in-process twin,
//! `LocalSignal`, lives in the app).

use std::time::Duration;

use ansinh_app::{Change, ChangeSignal, LocalSignal};
use async_trait::async_trait;
use tokio::sync::broadcast;

/// Channel name for changes, under the key prefix; each message names its `Change`.
fn channel(prefix: &str) -> String {
    format!("{prefix}:changes")
}

/// Redis pub/sub signal; a background task relays messages to local subscribers and
/// reconnects after failures. Missing a message costs at most one periodic reload interval.
#[derive(Debug, Clone)]
pub struct RedisSignal {
    client: redis::Client,
    channel: String,
    local: LocalSignal,
}

impl RedisSignal {
    /// Subscribes to the prefix's channel on the Redis at `url` (so that no change published
    /// after this returns is missed) and relays messages; when Redis is down it keeps retrying
    /// in the background.
    pub async fn start(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        let signal = Self {
            client: redis::Client::open(url)?,
            channel: channel(prefix),
            local: LocalSignal::default(),
        };
        let first = tokio::time::timeout(Duration::from_secs(1), signal.subscribe_remote()).await;
        let first = match first {
            Ok(Ok(pubsub)) => Some(pubsub),
            Ok(Err(error)) => {
                tracing::warn!(%error, "Redis pub/sub unavailable; retrying in the background");
                None
            }
            Err(_) => None,
        };
        let relay = signal.clone();
        tokio::spawn(async move { relay.relay(first).await });
        Ok(signal)
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
                    let name: String = message.get_payload().unwrap_or_default();
                    self.local.publish(Change::parse(&name)).await;
                }
                tracing::warn!("Redis pub/sub connection closed; reconnecting");
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
            match self.subscribe_remote().await {
                Ok(fresh) => {
                    pubsub = Some(fresh);
                    // Changes made while disconnected: drop everything once to catch up.
                    self.local.publish(Change::Policy).await;
                }
                Err(error) => tracing::warn!(%error, "Redis pub/sub unavailable; retrying in 5 s"),
            }
        }
    }
}

#[async_trait]
impl ChangeSignal for RedisSignal {
    async fn publish(&self, change: Change) {
        let sent = async {
            let mut connection = self.client.get_multiplexed_async_connection().await?;
            redis::cmd("PUBLISH")
                .arg(&self.channel)
                .arg(change.as_str())
                .query_async::<i64>(&mut connection)
                .await
        };
        match tokio::time::timeout(Duration::from_millis(500), sent).await {
            Ok(Ok(_)) => {}
            _ => {
                tracing::warn!(
                    change = change.as_str(),
                    "Redis unavailable: change signalled in this process only"
                );
                self.local.publish(change).await;
            }
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.local.subscribe()
    }
}
