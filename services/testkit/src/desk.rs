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
        Self::open_with(tenant, local, Options::default()).await
    }

    /// Like `open`, the server also trusting the authorities in `anchors` (PEM files).
    pub async fn open_trusting(
        tenant: &str,
        local: &str,
        anchors: Vec<std::path::PathBuf>,
    ) -> Self {
        let options = Options {
            trust_anchors: anchors,
            ..Options::default()
        };
        Self::open_with(tenant, local, options).await
    }

    /// Like `open`, with other server options (the clock is the desk's).
    pub async fn open_with(tenant: &str, local: &str, options: Options) -> Self {
        let clock = TestClock::at_local(local);
        let server = TestServer::start_with(Options {
            clock: Some(clock.clone()),
            ..options
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

/// A file sent in a multipart upload.
#[derive(Debug, Clone)]
pub struct UploadFile {
    /// File name.
    pub name: String,
    /// Declared media type.
    pub media_type: String,
    /// Bytes.
    pub bytes: Vec<u8>,
}

impl UploadFile {
    /// A file named `name` declared as `media_type`.
    pub fn new(name: &str, media_type: &str, bytes: Vec<u8>) -> Self {
        Self {
            name: name.to_owned(),
            media_type: media_type.to_owned(),
            bytes,
        }
    }
}

impl TestServer {
    /// Posts a GraphQL multipart request (operations, map, files) with an access token; the
    /// files go to the list variable `files`. `csrf` adds the `x-ansinh-csrf` header.
    pub async fn upload(
        &self,
        token: &str,
        query: &str,
        variables: Value,
        files: &[UploadFile],
        csrf: bool,
    ) -> (u16, Value) {
        let mut variables = variables;
        variables["files"] = Value::Array(files.iter().map(|_| Value::Null).collect());
        let operations = json!({ "query": query, "variables": variables });
        let map: serde_json::Map<String, Value> = (0..files.len())
            .map(|i| (i.to_string(), json!([format!("variables.files.{i}")])))
            .collect();
        let mut form = reqwest::multipart::Form::new()
            .text("operations", operations.to_string())
            .text("map", Value::Object(map).to_string());
        for (i, file) in files.iter().enumerate() {
            let part = reqwest::multipart::Part::bytes(file.bytes.clone())
                .file_name(file.name.clone())
                .mime_str(&file.media_type)
                .unwrap_or_else(|e| panic!("mime: {e}"));
            form = form.part(i.to_string(), part);
        }
        let mut request = self
            .client()
            .post(self.url("/graphql"))
            .bearer_auth(token)
            .multipart(form);
        if csrf {
            request = request.header("x-ansinh-csrf", "1");
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("upload: {e}"));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}
