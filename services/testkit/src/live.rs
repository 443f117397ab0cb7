//! A `graphql-transport-ws` client for the subscription tests: connects to `/graphql/ws`,
//! authenticates in `connection_init`, subscribes, and reads what the server sends (answering
//! pings), with a time limit on every wait.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// What the server did with a connection or sent on it.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveEvent {
    /// A protocol message (`next`, `error`, `complete`, …) as JSON.
    Message(Value),
    /// The socket was closed with this code and reason.
    Closed(u16, String),
    /// Nothing within the time limit.
    Silent,
}

/// An open subscription socket.
#[derive(Debug)]
pub struct LiveSocket {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl LiveSocket {
    /// Opens `/graphql/ws` on `base_url` and sends `connection_init` with `token`: the socket
    /// once acknowledged, or how the server refused it.
    pub async fn connect(base_url: &str, token: &str) -> Result<Self, LiveEvent> {
        let url = format!("{}/graphql/ws", base_url.replacen("http", "ws", 1));
        let mut request = url
            .as_str()
            .into_client_request()
            .unwrap_or_else(|e| panic!("{e}"));
        request.headers_mut().insert(
            "sec-websocket-protocol",
            "graphql-transport-ws"
                .parse()
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let (socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .unwrap_or_else(|e| panic!("connect {url}: {e}"));
        let mut live = Self { socket };
        live.send(json!({"type": "connection_init", "payload": {"accessToken": token}}))
            .await;
        match live.next(Duration::from_secs(5)).await {
            LiveEvent::Message(message) if message["type"] == "connection_ack" => Ok(live),
            other => Err(other),
        }
    }

    async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::text(message.to_string()))
            .await
            .unwrap_or_else(|e| panic!("send: {e}"));
    }

    /// Starts subscription `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        let payload = json!({"query": query, "variables": variables});
        self.send(json!({"id": id, "type": "subscribe", "payload": payload}))
            .await;
    }

    /// The next protocol message other than ping / pong, waiting at most `within`.
    pub async fn next(&mut self, within: Duration) -> LiveEvent {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let Ok(received) = tokio::time::timeout_at(deadline, self.socket.next()).await else {
                return LiveEvent::Silent;
            };
            match received {
                Some(Ok(Message::Text(text))) => {
                    let message: Value =
                        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                    match message["type"].as_str() {
                        Some("ping") => self.send(json!({"type": "pong"})).await,
                        Some("pong") => {}
                        _ => return LiveEvent::Message(message),
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    let (code, reason) = frame
                        .map(|f| (u16::from(f.code), f.reason.to_string()))
                        .unwrap_or((1005, String::new()));
                    return LiveEvent::Closed(code, reason);
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return LiveEvent::Closed(1006, String::new()),
            }
        }
    }
}
