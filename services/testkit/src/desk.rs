//! A desk for flow tests: a server on a clock the test moves, answering calls made as named
//! officers of one province.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::{Options, TestClock, TestServer};

/// A server on a test clock, and calls as officers of `tenant`.
#[derive(Debug)]
pub struct Desk {
    /// The server.
    pub server: TestServer,
    /// Its clock.
    pub clock: Arc<TestClock>,
    tenant: String,
}

impl Desk {
    /// A server with the demo configuration, its clock at `local` Vietnam time.
    pub async fn open(tenant: &str, local: &str) -> Self {
        let clock = TestClock::at_local(local);
        let server = TestServer::start_with(Options {
            clock: Some(clock.clone()),
            ..Options::default()
        })
        .await;
        Self {
            server,
            clock,
            tenant: tenant.to_owned(),
        }
    }

    /// Moves the clock (tokens are fetched again: they live 15 minutes).
    pub async fn at(&self, local: &str) {
        self.clock.set_local(local);
        self.server.forget_tokens().await;
    }

    /// `data` of a query as `user`, failing on any error.
    pub async fn ok(&self, user: &str, query: &str, variables: Value) -> Value {
        self.server
            .data_as(&self.tenant, user, query, variables)
            .await
    }

    /// The first error of a query as `user`: its `extensions.code` and message.
    pub async fn error(&self, user: &str, query: &str, variables: Value) -> (String, String) {
        let body = self
            .server
            .body_as(&self.tenant, user, query, variables)
            .await;
        let text = |field: &Value| {
            field
                .as_str()
                .unwrap_or_else(|| panic!("expected an error: {body}"))
                .to_owned()
        };
        (
            text(&body["errors"][0]["extensions"]["code"]),
            text(&body["errors"][0]["message"]),
        )
    }

    /// The `extensions.code` of the first error of a query as `user`.
    pub async fn code(&self, user: &str, query: &str, variables: Value) -> String {
        self.error(user, query, variables).await.0
    }

    /// The account id of `user`.
    pub async fn id_of(&self, user: &str) -> Value {
        self.ok(user, "{ me { id } }", json!({})).await["me"]["id"].clone()
    }
}
