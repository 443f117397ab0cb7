//! One Redis pub/sub channel shared by this process: subscribed at start (waiting a second at
//! most), its messages handed to a `Relay` by a background task that reconnects after
//! failures, and one multiplexed connection for publishing and commands, opened on first use
//! and again after a failure.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use redis::aio::MultiplexedConnection;

/// What a channel's messages go to.
#[async_trait]
pub(crate) trait Relay: Send + Sync + 'static {
    /// One message's payload.
    async fn deliver(&self, payload: String);

    /// Subscribed again after a disconnection (messages sent meanwhile are lost).
    async fn reconnected(&self) {}
}

/// A channel of the Redis at one URL.
#[derive(Debug, Clone)]
pub(crate) struct Channel {
    client: redis::Client,
    name: String,
    connection: Arc<tokio::sync::Mutex<Option<MultiplexedConnection>>>,
}

impl Channel {
    /// Subscribes to `name` and relays its messages to `relay` in the background, retrying
    /// every `retry` while Redis is down (`what` names the channel in the log).
    pub(crate) async fn start(
        url: &str,
        name: String,
        what: &'static str,
        retry: Duration,
        relay: Arc<dyn Relay>,
    ) -> Result<Self, redis::RedisError> {
        let channel = Self {
            client: redis::Client::open(url)?,
            name,
            connection: Arc::default(),
        };
        let first = match tokio::time::timeout(Duration::from_secs(1), channel.subscribe()).await {
            Ok(Ok(pubsub)) => Some(pubsub),
            Ok(Err(error)) => {
                tracing::warn!(%error, what, "Redis pub/sub unavailable; retrying in the background");
                None
            }
            Err(_) => None,
        };
        let relaying = channel.clone();
        tokio::spawn(async move { relaying.relay(first, what, retry, relay).await });
        Ok(channel)
    }

    /// The channel's name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    async fn subscribe(&self) -> Result<redis::aio::PubSub, redis::RedisError> {
        let mut pubsub = self.client.get_async_pubsub().await?;
        pubsub.subscribe(&self.name).await?;
        Ok(pubsub)
    }

    async fn relay(
        &self,
        mut pubsub: Option<redis::aio::PubSub>,
        what: &'static str,
        retry: Duration,
        relay: Arc<dyn Relay>,
    ) {
        use futures_util::StreamExt;
        loop {
            if let Some(mut subscribed) = pubsub.take() {
                let mut messages = subscribed.on_message();
                while let Some(message) = messages.next().await {
                    relay
                        .deliver(message.get_payload().unwrap_or_default())
                        .await;
                }
                tracing::warn!(what, "Redis pub/sub connection closed; reconnecting");
            }
            tokio::time::sleep(retry).await;
            match self.subscribe().await {
                Ok(fresh) => {
                    pubsub = Some(fresh);
                    relay.reconnected().await;
                }
                Err(error) => tracing::warn!(%error, what, "Redis pub/sub unavailable; retrying"),
            }
        }
    }

    /// The shared connection.
    pub(crate) async fn connection(&self) -> Result<MultiplexedConnection, redis::RedisError> {
        let mut guard = self.connection.lock().await;
        if let Some(connection) = guard.as_ref() {
            return Ok(connection.clone());
        }
        let fresh = self.client.get_multiplexed_async_connection().await?;
        Ok(guard.insert(fresh).clone())
    }

    /// Drops the shared connection after a failure (the next use opens another).
    pub(crate) async fn forget_connection(&self) {
        *self.connection.lock().await = None;
    }
}
