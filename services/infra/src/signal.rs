//! A "something changed, reload" signal between replicas: Redis pub/sub, or in-process.

use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::broadcast;

/// Channel name for policy changes, under the key prefix.
fn channel(prefix: &str) -> String {
    format!("{prefix}:policy-changed")
}

/// Publishes and receives change notifications.
#[async_trait]
pub trait ChangeSignal: Send + Sync + std::fmt::Debug {
    /// Tells every replica (including this one) to reload.
    async fn publish(&self);
    /// Receives notifications (the receiver sees those published after subscribing).
    fn subscribe(&self) -> broadcast::Receiver<()>;
}

/// In-process signal (embedded mode, single replica).
#[derive(Debug, Clone)]
pub struct LocalSignal {
    sender: broadcast::Sender<()>,
}

impl Default for LocalSignal {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(16).0,
        }
    }
}

#[async_trait]
impl ChangeSignal for LocalSignal {
    async fn publish(&self) {
        self.sender.send(()).ok();
    }

    fn subscribe(&self) -> broadcast::Receiver<()> {
        self.sender.subscribe()
    }
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
                while messages.next().await.is_some() {
                    self.local.publish().await;
                }
                tracing::warn!("Redis pub/sub connection closed; reconnecting");
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
            match self.subscribe_remote().await {
                Ok(fresh) => {
                    pubsub = Some(fresh);
                    // Changes made while disconnected: reload once to catch up.
                    self.local.publish().await;
                }
                Err(error) => tracing::warn!(%error, "Redis pub/sub unavailable; retrying in 5 s"),
            }
        }
    }
}

#[async_trait]
impl ChangeSignal for RedisSignal {
    async fn publish(&self) {
        let sent = async {
            let mut connection = self.client.get_multiplexed_async_connection().await?;
            redis::cmd("PUBLISH")
                .arg(&self.channel)
                .arg("1")
                .query_async::<i64>(&mut connection)
                .await
        };
        match tokio::time::timeout(Duration::from_millis(500), sent).await {
            Ok(Ok(_)) => {}
            _ => {
                tracing::warn!("Redis unavailable: policy change signalled in this process only");
                self.local.publish().await;
            }
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<()> {
        self.local.subscribe()
    }
}
