//! Test support for Ansinh.
//!
//! Owns `TestServer`: a real Ansinh server on a free localhost port over a fresh database per
//! test (a SQLite file by default; a new PostgreSQL database when `ANSINH_TEST_PG_ADMIN_URL` is
//! set, migrated by an owner role and served through a separate application role so that
//! row-level security applies), loaded with the repository's `config-tenants/`. Tests talk to it
//! over HTTP like any client.
//!
//! Used only as a dev-dependency.

mod database;
mod desk;
mod live;
mod mail;
mod process;
mod storage;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use ansinh_server::settings::{Secret, SecretUrl, Settings};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use database::{APP_ROLE, Backend, OWNER_ROLE, TestDatabase, require_postgres};
pub use desk::{Desk, UploadFile};
pub use live::{LiveEvent, LiveSocket};
pub use mail::{SmtpSink, SunkMail};
pub use process::{Replica, ansinh_binary};
pub use storage::TestStorage;

/// Key signing access tokens in tests (so that tests can forge tokens).
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";

/// Password of every seeded account.
pub const PASSWORD: &str = "Ansinh@2026";

/// The account tests act as for a tenant: its province administrator, or the platform
/// administrator for `VN`.
pub fn admin_of(tenant: &str) -> String {
    if tenant == "VN" {
        "quantri.nentang".to_owned()
    } else {
        format!("quantri.{tenant}")
    }
}

/// An HTTP client (with the process's TLS provider installed first).
pub fn http_client() -> reqwest::Client {
    ansinh_server::install_tls_provider();
    reqwest::Client::new()
}

/// The repository's configuration folder.
pub fn config_tenants_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config-tenants")
}

/// A running server on a fresh database.
#[derive(Debug)]
pub struct TestServer {
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    /// The database behind it.
    pub database: TestDatabase,
    /// Settings it runs with.
    pub settings: Settings,
    /// The app facade the server runs (for operator actions such as publishing).
    pub app: ansinh_app::Ansinh,
    /// Its object store's folder or bucket.
    pub storage: storage::Kept,
    /// Its file mailbox (`mail.dir`): one `.eml` per delivered message.
    pub mailbox: tempfile::TempDir,
    client: reqwest::Client,
    tokens: tokio::sync::Mutex<std::collections::HashMap<(String, String), String>>,
    stop: Option<oneshot::Sender<()>>,
}

/// Options for starting a server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Publish the repository's `config-tenants/` before serving.
    pub load_config: bool,
    /// Answer introspection queries.
    pub introspection: bool,
    /// Redis URL for rate limits and signals (default: `ANSINH_TEST_REDIS_URL`, else none).
    pub redis_url: Option<String>,
    /// The app's clock (default: the system clock).
    pub clock: Option<Arc<TestClock>>,
    /// The application's pool size (at least as large as a race's racers).
    pub max_connections: u32,
    /// How long the latest configuration version is trusted before it is read again.
    pub config_probe_ms: u64,
    /// Where files are kept (default: S3 test server when configured, else a folder).
    pub storage: TestStorage,
    /// PEM files of authorities the server trusts besides its own software authority.
    pub trust_anchors: Vec<std::path::PathBuf>,
    /// Send mail to this SMTP server on 127.0.0.1 (default: the file mailbox).
    pub smtp_port: Option<u16>,
    /// Attempts before a message is dead (default: the settings' default).
    pub max_attempts: Option<u32>,
}

/// A clock the test sets and moves, in Vietnam local time.
#[derive(Debug)]
pub struct TestClock(ansinh_app::ManualClock);

impl TestClock {
    /// A clock showing `local` Vietnam time, e.g. `"2026-03-02T08:00:00"`.
    pub fn at_local(local: &str) -> Arc<Self> {
        let clock = Arc::new(Self(ansinh_app::ManualClock::new(chrono::Utc::now())));
        clock.set_local(local);
        clock
    }

    /// Sets the clock to `local` Vietnam time.
    pub fn set_local(&self, local: &str) {
        let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S")
            .unwrap_or_else(|e| panic!("{local}: {e}"));
        self.0
            .set(ansinh_core::calendar::local::from_local(naive).with_timezone(&chrono::Utc));
    }
}

impl ansinh_app::Clock for TestClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        ansinh_app::Clock::now(&self.0)
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            load_config: true,
            introspection: false,
            redis_url: std::env::var("ANSINH_TEST_REDIS_URL").ok(),
            clock: None,
            max_connections: 5,
            config_probe_ms: 1_000,
            storage: TestStorage::from_env(),
            trust_anchors: Vec::new(),
            smtp_port: None,
            max_attempts: None,
        }
    }
}

impl TestServer {
    /// Starts a server with the demo configuration loaded and default settings.
    pub async fn start() -> Self {
        Self::start_with(Options::default()).await
    }

    /// Starts a server with no tenant configuration published (for gateway probes).
    pub async fn bare() -> Self {
        Self::start_with(Options {
            load_config: false,
            ..Options::default()
        })
        .await
    }

    /// Starts a server with options.
    pub async fn start_with(options: Options) -> Self {
        let database = TestDatabase::create().await;
        let mut settings = Settings::defaults().unwrap_or_else(|e| panic!("defaults: {e}"));
        settings.database.url = SecretUrl::new(database.app_url.clone());
        settings.database.migration_url = Some(SecretUrl::new(database.owner_url.clone()));
        settings.database.app_role = database.app_role.clone();
        settings.database.max_connections = options.max_connections;
        settings.database.config_probe_ms = options.config_probe_ms;
        settings.graphql.introspection = options.introspection;
        settings.auth.jwt_secret = Some(Secret::new(JWT_SECRET));
        settings.redis.url = options.redis_url.as_deref().map(SecretUrl::new);
        // Each test counts in its own Redis keys.
        settings.redis.key_prefix = format!("ansinh-test-{}", uuid::Uuid::new_v4().simple());
        settings.graphql.graphiql = true;
        settings.signing.software_keys = true;
        settings.signing.trust_anchors = options.trust_anchors.clone();
        let storage = storage::prepare(&options.storage, &mut settings).await;
        let mailbox = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        settings.mail.dir = mailbox.path().to_path_buf();
        if let Some(port) = options.smtp_port {
            settings.mail.transport = ansinh_server::background::Transport::Smtp;
            settings.mail.smtp = Some(ansinh_server::background::SmtpSettings {
                host: "127.0.0.1".to_owned(),
                port,
                security: "none".to_owned(),
                username: None,
                password: None,
                ca_file: None,
                timeout_secs: 5,
            });
        }
        if let Some(attempts) = options.max_attempts {
            settings.worker.max_attempts = attempts;
        }
        let clock: Arc<dyn ansinh_app::Clock> = match &options.clock {
            Some(clock) => clock.clone(),
            None => Arc::new(ansinh_app::SystemClock),
        };
        let (app, _store) = ansinh_server::open_app_with_clock(&settings, clock)
            .await
            .unwrap_or_else(|e| panic!("open app: {e:#}"));
        if options.load_config {
            let (set, problems) = ansinh_config::load_dir(&config_tenants_dir());
            assert!(
                problems.is_empty(),
                "config-tenants has problems: {problems:?}"
            );
            let set = set.unwrap_or_else(|| panic!("config-tenants does not load"));
            app.reference
                .publish_config(&set, "testkit")
                .await
                .unwrap_or_else(|e| panic!("publish: {e:?}"));
            app.identity
                .seed_demo_accounts(&set, PASSWORD)
                .await
                .unwrap_or_else(|e| panic!("seed: {e:?}"));
        }
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .unwrap_or_else(|e| panic!("bind: {e}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("addr: {e}"));
        let (stop, stopped) = oneshot::channel::<()>();
        let serve_settings = settings.clone();
        let served = app.clone();
        tokio::spawn(async move {
            let shutdown = async {
                stopped.await.ok();
            };
            if let Err(error) =
                ansinh_server::serve(&serve_settings, served, listener, shutdown).await
            {
                panic!("server stopped: {error:#}");
            }
        });
        Self {
            base_url: format!("http://{address}"),
            database,
            settings,
            app,
            storage,
            mailbox,
            client: http_client(),
            tokens: Default::default(),
            stop: Some(stop),
        }
    }

    /// The HTTP client.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// URL of a path on the server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Logs in (once per account; the access token is reused) and returns the access token.
    pub async fn token(&self, tenant: &str, username: &str) -> String {
        let key = (tenant.to_owned(), username.to_owned());
        if let Some(token) = self.tokens.lock().await.get(&key) {
            return token.clone();
        }
        let body = self.login(tenant, username, PASSWORD).await;
        let token = body["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {username} failed: {body}"))
            .to_owned();
        self.tokens.lock().await.insert(key, token.clone());
        token
    }

    /// Forgets the cached access tokens (after moving a test clock past their lifetime).
    pub async fn forget_tokens(&self) {
        self.tokens.lock().await.clear();
    }

    /// Sends a login mutation and returns the whole response body.
    pub async fn login(&self, tenant: &str, username: &str, password: &str) -> Value {
        let query = "mutation($t: String!, $u: String!, $p: String!) {
            login(tenant: $t, username: $u, password: $p) { accessToken refreshToken accessExpiresAt } }";
        let body =
            json!({ "query": query, "variables": { "t": tenant, "u": username, "p": password } });
        self.post_with_token(None, &body).await.1
    }

    /// Posts a GraphQL query as the administrator of `tenant` (anonymously for `None`) and
    /// returns the status and JSON body.
    pub async fn graphql(
        &self,
        tenant: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (u16, Value) {
        self.post_json(tenant, &json!({ "query": query, "variables": variables }))
            .await
    }

    /// Posts a GraphQL query with an explicit access token.
    pub async fn graphql_with(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (u16, Value) {
        self.post_with_token(token, &json!({ "query": query, "variables": variables }))
            .await
    }

    /// Posts a query as `username` of `tenant` and returns the first error code, or `OK`.
    pub async fn outcome_as(
        &self,
        tenant: &str,
        username: &str,
        query: &str,
        variables: Value,
    ) -> String {
        let token = self.token(tenant, username).await;
        let (_, body) = self.graphql_with(Some(&token), query, variables).await;
        match body["errors"][0]["extensions"]["code"].as_str() {
            Some(code) => code.to_owned(),
            None => "OK".to_owned(),
        }
    }

    /// Posts a query as `username` of `tenant` and returns the whole body.
    pub async fn body_as(
        &self,
        tenant: &str,
        username: &str,
        query: &str,
        variables: Value,
    ) -> Value {
        let token = self.token(tenant, username).await;
        let (status, body) = self.graphql_with(Some(&token), query, variables).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// Posts a query as `username` of `tenant` and returns `data`, failing on any error.
    pub async fn data_as(
        &self,
        tenant: &str,
        username: &str,
        query: &str,
        variables: Value,
    ) -> Value {
        let body = self.body_as(tenant, username, query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Posts any JSON body to `/graphql` as the administrator of `tenant`.
    pub async fn post_json(&self, tenant: Option<&str>, body: &Value) -> (u16, Value) {
        let token = match tenant {
            Some(tenant) => Some(self.token(tenant, &admin_of(tenant)).await),
            None => None,
        };
        self.post_with_token(token.as_deref(), body).await
    }

    /// Posts any JSON body to `/graphql` with an access token.
    pub async fn post_with_token(&self, token: Option<&str>, body: &Value) -> (u16, Value) {
        let mut request = self.client.post(self.url("/graphql")).json(body);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("post: {e}"));
        let status = response.status().as_u16();
        let body = response.json::<Value>().await.unwrap_or(Value::Null);
        (status, body)
    }

    /// Sends `body` to `/graphql` with any method and content type, as a hostile client might;
    /// returns the status, the `Allow` header and the JSON body.
    pub async fn send_raw(
        &self,
        method: reqwest::Method,
        path_and_query: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> (u16, Option<String>, Value) {
        let response = self
            .client
            .request(method, self.url(path_and_query))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("request: {e}"));
        let status = response.status().as_u16();
        let allow = response
            .headers()
            .get("allow")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response.json::<Value>().await.unwrap_or(Value::Null);
        (status, allow, body)
    }

    /// The id of an officer of `tenant`, looked up by its administrator through the API.
    pub async fn officer_id(&self, tenant: &str, username: &str) -> Value {
        let query =
            "query($s: String!) { officers(search: $s) { edges { node { id username } } } }";
        let data = self.data(tenant, query, json!({ "s": username })).await;
        data["officers"]["edges"]
            .as_array()
            .and_then(|edges| edges.iter().find(|e| e["node"]["username"] == username))
            .map(|e| e["node"]["id"].clone())
            .unwrap_or_else(|| panic!("no officer {username} in {tenant}"))
    }

    /// Posts a query and returns `data`, failing the test on any error.
    pub async fn data(&self, tenant: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.graphql(Some(tenant), query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Posts a query expected to fail and returns the first error's `extensions.code`.
    pub async fn error_code(&self, tenant: Option<&str>, query: &str, variables: Value) -> String {
        let (status, body) = self.graphql(tenant, query, variables).await;
        assert_eq!(status, 200, "{body}");
        body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {body}"))
            .to_owned()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
    }
}
