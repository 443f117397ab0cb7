//! `/graphql/ws`: GraphQL subscriptions over WebSocket with the `graphql-transport-ws`
//! protocol. The connection authenticates in `connection_init` with the access token
//! (`{"accessToken": "…"}`, or `{"Authorization": "Bearer …"}`); cookies are not looked at, so
//! a page on another site cannot open an authenticated socket. The session is checked again
//! every few seconds: when it ends (logout, lock, expiry of the token) the socket is closed
//! with 4401 and the client reconnects with a fresh token. A socket that has not
//! authenticated within 10 seconds is closed with 4408.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ansinh_app::{Ansinh, AppError, UnitMode};
use ansinh_graphql::{Caller, LiveSession, RequestContext};
use async_graphql::Data;
use async_graphql::http::{WebSocket as GraphQLWebSocket, WebSocketProtocols, WsMessage};
use futures_util::{SinkExt, StreamExt};
use poem::web::Data as PoemData;
use poem::web::websocket::{Message, WebSocket};
use poem::{IntoResponse, Request, handler};

use crate::gateway::{Gateway, bearer_token, client_address};

/// How often an open socket's session is checked.
const SESSION_CHECK: Duration = Duration::from_secs(5);
/// How long a socket may stay without `connection_init`.
const INIT_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a `connection_init` is refused.
const REFUSED: &str = "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại";

/// The token a `connection_init` payload carries.
fn token_of(payload: &serde_json::Value) -> Option<String> {
    if let Some(token) = payload["accessToken"].as_str() {
        return Some(token.to_owned());
    }
    let header = payload["Authorization"]
        .as_str()
        .or_else(|| payload["authorization"].as_str())?;
    bearer_token(header).map(str::to_owned)
}

async fn authenticate(
    app: &Ansinh,
    token: &str,
) -> Result<ansinh_app::identity::Principal, AppError> {
    let mut principal = None;
    let work = async {
        principal = Some(app.identity.authenticate(token).await);
    };
    app.within_request(UnitMode::Read, Box::pin(work)).await?;
    principal.unwrap_or_else(|| Err(AppError::Internal("no principal".to_owned())))
}

/// Upgrades to a WebSocket and serves subscriptions on it.
#[handler]
pub(crate) fn subscriptions(
    req: &Request,
    socket: WebSocket,
    gateway: PoemData<&Gateway>,
) -> impl IntoResponse {
    let schema = gateway.schema.clone();
    let app = gateway.app.clone();
    let address = client_address(req);
    socket
        .protocols(["graphql-transport-ws"])
        .on_upgrade(move |stream| async move {
            let (mut sink, incoming) = stream.split();
            let incoming = incoming
                .take_while(|message| futures_util::future::ready(message.is_ok()))
                .filter_map(|message| {
                    futures_util::future::ready(match message {
                        Ok(message) if message.is_text() || message.is_binary() => {
                            Some(message.into_bytes())
                        }
                        _ => None,
                    })
                });
            let token: Arc<Mutex<Option<String>>> = Arc::default();
            let kept = token.clone();
            // async-graphql closes a refused `connection_init` with 1002; the protocol says 4403.
            let refused = Arc::new(AtomicBool::new(false));
            let refusing = refused.clone();
            let init_app = app.clone();
            let protocol = GraphQLWebSocket::new(schema, incoming, WebSocketProtocols::GraphQLWS)
                .on_connection_init(move |payload| async move {
                    let refuse = || {
                        refusing.store(true, Ordering::Relaxed);
                        async_graphql::Error::new(REFUSED)
                    };
                    let token = token_of(&payload).ok_or_else(refuse)?;
                    let principal = authenticate(&init_app, &token)
                        .await
                        .map_err(|_| refuse())?;
                    let mut data = Data::default();
                    data.insert(RequestContext {
                        caller: Caller::Authenticated(Box::new(principal)),
                        client_address: address,
                        trace_id: uuid::Uuid::now_v7().simple().to_string(),
                    });
                    data.insert(LiveSession {
                        token: token.clone(),
                    });
                    *kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(token);
                    Ok(data)
                });
            let mut outgoing = protocol.map(|message| match message {
                WsMessage::Text(text) => Message::text(text),
                WsMessage::Close(1002, reason) if refused.load(Ordering::Relaxed) => {
                    Message::close_with(4403u16, reason)
                }
                WsMessage::Close(code, reason) => Message::close_with(code, reason),
            });
            let opened = tokio::time::Instant::now();
            let mut check = tokio::time::interval(SESSION_CHECK);
            loop {
                tokio::select! {
                    next = outgoing.next() => match next {
                        Some(message) => {
                            if sink.send(message).await.is_err() {
                                break;
                            }
                        }
                        None => break,
                    },
                    _ = check.tick() => {
                        let current = token.lock().unwrap_or_else(|e| e.into_inner()).clone();
                        let close = match current {
                            Some(token) => authenticate(&app, &token)
                                .await
                                .is_err()
                                .then_some((4401u16, "Phiên đăng nhập đã kết thúc")),
                            None if opened.elapsed() >= INIT_TIMEOUT => {
                                Some((4408u16, "Connection initialisation timeout"))
                            }
                            None => None,
                        };
                        if let Some((code, reason)) = close {
                            sink.send(Message::close_with(code, reason)).await.ok();
                            break;
                        }
                    }
                }
            }
        })
}
