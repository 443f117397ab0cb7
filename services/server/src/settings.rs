//! Settings of the service: embedded defaults, then an optional TOML file, then `ANSINH_*`
//! environment variables (`ANSINH_DATABASE__URL` sets `database.url`). Invalid settings are
//! refused at start with a message saying which one and why.

use std::fmt;
use std::net::SocketAddr;
use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

/// The embedded defaults: the embedded mode (SQLite file in the working directory).
pub const DEFAULTS: &str = r#"
[server]
listen = "127.0.0.1:8080"
max_body_bytes = 1048576
request_timeout_secs = 30

[database]
url = "sqlite://ansinh.db?mode=rwc"
max_connections = 10
config_probe_ms = 1000
auto_migrate = true
allow_bypass_rls = false

[auth]
access_ttl_secs = 900
refresh_ttl_secs = 43200
max_failures = 5
lock_secs = 900
attempts_per_account_per_hour = 10
attempts_per_address_per_minute = 30
hashing_concurrency = 2

[redis]
key_prefix = "ansinh"

[storage]
backend = "local"
local_dir = "ansinh-files"
max_file_bytes = 20971520
max_files = 10
link_ttl_secs = 300

[signing]
software_keys = false

[mail]
transport = "folder"
dir = "ansinh-mail"
from = "Dịch vụ công bảo trợ xã hội <khong-tra-loi@ansinh.local>"
message_id_domain = "ansinh.local"
console_url = "http://127.0.0.1:8080"

[worker]
in_process = false
poll_ms = 1000
max_attempts = 8
retry_base_secs = 30
retry_cap_secs = 3600
lease_secs = 60
batch = 20
parallel = 4

[graphql]
introspection = false
graphiql = false
max_depth = 10
max_complexity = 2000
max_directives = 5
max_batch = 10
"#;

/// All settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// HTTP server.
    pub server: ServerSettings,
    /// Database.
    pub database: DatabaseSettings,
    /// GraphQL limits and tools.
    pub graphql: GraphqlSettings,
    /// Logins, tokens and lockout.
    pub auth: AuthSettingsFile,
    /// Redis (rate limits and change signals); in-process twins when absent.
    pub redis: RedisSettings,
    /// Where files are kept and the caps on uploads.
    pub storage: crate::storage::StorageSettings,
    /// Who signs documents and which authorities are trusted.
    pub signing: crate::signing::SigningSettings,
    /// `[mail]`.
    pub mail: crate::background::MailSettings,
    /// `[worker]`.
    pub worker: crate::background::WorkerSettings,
    /// `[metrics]`: where Prometheus scrapes (off unless `listen` is set).
    #[serde(default)]
    pub metrics: crate::metrics::MetricsSettings,
}

/// Identity settings as configured.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettingsFile {
    /// HMAC key for access tokens, at least 32 bytes; a random one per start when absent
    /// (tokens then die with the process: set it for several replicas).
    pub jwt_secret: Option<Secret>,
    /// Access token lifetime.
    pub access_ttl_secs: u64,
    /// Refresh session lifetime.
    pub refresh_ttl_secs: u64,
    /// Failed logins in a row that lock an account.
    pub max_failures: i32,
    /// Lock duration.
    pub lock_secs: u64,
    /// Password attempts evaluated per account per hour.
    pub attempts_per_account_per_hour: u32,
    /// Login requests per client address per minute.
    pub attempts_per_address_per_minute: u32,
    /// Password hashes computed at once.
    pub hashing_concurrency: usize,
}

/// Redis settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedisSettings {
    /// `redis://host:port`; in-process twins when absent.
    pub url: Option<SecretUrl>,
    /// Prefix of every key and channel (one per deployment sharing a Redis).
    pub key_prefix: String,
}

/// A secret value that never appears in logs or `Debug` output.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// HTTP server settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Largest request body accepted (bytes).
    pub max_body_bytes: usize,
    /// Longest a request may run (seconds).
    pub request_timeout_secs: u64,
}

/// Database settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// Connection of the application (on PostgreSQL: a role that owns no table).
    pub url: SecretUrl,
    /// Connection used for migrations (the tables' owner); defaults to `url`.
    pub migration_url: Option<SecretUrl>,
    /// PostgreSQL role granted row access after migrating (the role of `url`).
    pub app_role: Option<String>,
    /// Pool size: the most requests served at once (each holds one connection).
    pub max_connections: u32,
    /// How long a tenant's latest configuration version is trusted before it is read again
    /// (another replica's publication is noticed within this time).
    pub config_probe_ms: u64,
    /// Whether `serve` applies pending migrations at start.
    pub auto_migrate: bool,
    /// Whether `serve` may run although the application's PostgreSQL role is a superuser or
    /// has `BYPASSRLS` (row-level security would then not apply to any query).
    pub allow_bypass_rls: bool,
}

/// GraphQL settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphqlSettings {
    /// Whether `__schema` / `__type` answer (off in production).
    pub introspection: bool,
    /// Whether GraphiQL is served at `/graphiql`.
    pub graphiql: bool,
    /// Deepest nesting.
    pub max_depth: usize,
    /// Highest complexity.
    pub max_complexity: usize,
    /// Most directives per field.
    pub max_directives: usize,
    /// Most operations in one batched request.
    pub max_batch: usize,
}

/// A connection URL whose password never appears in logs or `Debug` output.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// Wraps a URL.
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL itself, for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with its password replaced by `***`.
    pub fn masked(&self) -> String {
        let Some((scheme, rest)) = self.0.split_once("://") else {
            return self.0.clone();
        };
        let Some((credentials, host)) = rest.rsplit_once('@') else {
            return self.0.clone();
        };
        match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => self.0.clone(),
        }
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretUrl({:?})", self.masked())
    }
}

/// A setting that cannot be used.
#[derive(Debug)]
pub struct SettingsError(pub String);

impl SettingsError {
    /// The setting `key` is wrong for `reason`.
    pub(crate) fn at(key: &str, reason: impl fmt::Display) -> Self {
        Self(format!("{key}: {reason}"))
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cấu hình dịch vụ không hợp lệ / invalid settings: {}",
            self.0
        )
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// Loads defaults, then `file` if given, then the environment, and validates.
    pub fn load(file: Option<&Path>) -> Result<Self, SettingsError> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Some(file) = file {
            if !file.exists() {
                return Err(SettingsError(format!(
                    "không thấy tệp cấu hình / settings file not found: {}",
                    file.display()
                )));
            }
            figment = figment.merge(Toml::file(file));
        }
        // Not settings: the test harness's own variables, the settings file's path and the
        // log filter the binary reads.
        // (Keys keep the environment's case: compare them lowered.)
        let env = Env::prefixed("ANSINH_").split("__").filter(|key| {
            let key = key.as_str().to_ascii_lowercase();
            // ANSINH_TEST_* and ANSINH_BENCH_* set up tests and benchmarks, not the service.
            !key.starts_with("test_")
                && !key.starts_with("bench_")
                && !matches!(key.as_str(), "config" | "log")
        });
        Self::from_figment(figment.merge(env))
    }

    /// The defaults alone (tests and the demo start from these).
    pub fn defaults() -> Result<Self, SettingsError> {
        Self::from_figment(Figment::from(Toml::string(DEFAULTS)))
    }

    fn from_figment(figment: Figment) -> Result<Self, SettingsError> {
        let settings: Settings = figment
            .extract()
            .map_err(|e| SettingsError(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), SettingsError> {
        self.check_database_url()?;
        self.check_keys()?;
        self.storage.validate()?;
        for (name, value, min, max) in self.bounded() {
            if !(min..=max).contains(&value) {
                return Err(SettingsError(format!(
                    "{name} = {value} phải nằm trong khoảng / must be within {min}..={max}"
                )));
            }
        }
        Ok(())
    }

    fn check_database_url(&self) -> Result<(), SettingsError> {
        let url = self.database.url.expose();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return Err(SettingsError(format!(
                "database.url phải bắt đầu bằng sqlite: hoặc postgres:// / must start with sqlite: or postgres:// (got {})",
                self.database.url.masked()
            )));
        }
        Ok(())
    }

    /// The JWT secret is long enough; the Redis key prefix is safe in a key.
    fn check_keys(&self) -> Result<(), SettingsError> {
        if let Some(secret) = &self.auth.jwt_secret
            && secret.expose().len() < 32
        {
            return Err(SettingsError(
                "auth.jwt_secret phải dài ít nhất 32 byte / must be at least 32 bytes".to_owned(),
            ));
        }
        let prefix_ok = !self.redis.key_prefix.is_empty()
            && self
                .redis
                .key_prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':'));
        if !prefix_ok {
            return Err(SettingsError(
                "redis.key_prefix chỉ gồm chữ, số, _ - : / letters, digits, _ - : only".to_owned(),
            ));
        }
        Ok(())
    }

    /// Numeric settings with their allowed ranges: name, value, min, max.
    fn bounded(&self) -> [(&'static str, usize, usize, usize); 14] {
        [
            (
                "server.max_body_bytes",
                self.server.max_body_bytes,
                1_024,
                64 << 20,
            ),
            (
                "server.request_timeout_secs",
                self.server.request_timeout_secs as usize,
                1,
                600,
            ),
            (
                "database.max_connections",
                self.database.max_connections as usize,
                1,
                500,
            ),
            (
                "database.config_probe_ms",
                usize::try_from(self.database.config_probe_ms).unwrap_or(usize::MAX),
                0,
                3_600_000,
            ),
            ("graphql.max_depth", self.graphql.max_depth, 2, 64),
            (
                "graphql.max_complexity",
                self.graphql.max_complexity,
                10,
                1_000_000,
            ),
            ("graphql.max_directives", self.graphql.max_directives, 1, 50),
            ("graphql.max_batch", self.graphql.max_batch, 1, 100),
            ("worker.parallel", self.worker.parallel as usize, 1, 64),
            (
                "auth.access_ttl_secs",
                self.auth.access_ttl_secs as usize,
                60,
                3_600,
            ),
            (
                "auth.refresh_ttl_secs",
                self.auth.refresh_ttl_secs as usize,
                600,
                30 * 86_400,
            ),
            (
                "auth.max_failures",
                usize::try_from(self.auth.max_failures).unwrap_or(0),
                1,
                100,
            ),
            ("auth.lock_secs", self.auth.lock_secs as usize, 1, 86_400),
            (
                "auth.hashing_concurrency",
                self.auth.hashing_concurrency,
                1,
                64,
            ),
        ]
    }

    /// The identity settings for the app (a random key when none is configured).
    pub fn auth(&self) -> ansinh_app::identity::AuthSettings {
        let secret = match &self.auth.jwt_secret {
            Some(secret) => secret.expose().as_bytes().to_vec(),
            None => format!(
                "{}{}",
                uuid::Uuid::new_v4().simple(),
                uuid::Uuid::new_v4().simple()
            )
            .into_bytes(),
        };
        ansinh_app::identity::AuthSettings {
            jwt_secret: secret,
            access_ttl: std::time::Duration::from_secs(self.auth.access_ttl_secs),
            refresh_ttl: std::time::Duration::from_secs(self.auth.refresh_ttl_secs),
            max_failures: self.auth.max_failures,
            lock_for: std::time::Duration::from_secs(self.auth.lock_secs),
            attempts_per_account_per_hour: self.auth.attempts_per_account_per_hour,
            attempts_per_address_per_minute: self.auth.attempts_per_address_per_minute,
            file_link_ttl: std::time::Duration::from_secs(self.storage.link_ttl_secs),
        }
    }

    /// The GraphQL limits.
    pub fn limits(&self) -> ansinh_graphql::Limits {
        ansinh_graphql::Limits {
            max_depth: self.graphql.max_depth,
            max_complexity: self.graphql.max_complexity,
            max_directives: self.graphql.max_directives,
            introspection: self.graphql.introspection,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_is_masked() {
        let url = SecretUrl::new("postgres://app:s3cret@db:5432/ansinh");
        assert_eq!(url.masked(), "postgres://app:***@db:5432/ansinh");
        assert!(!format!("{url:?}").contains("s3cret"));
        let settings = Settings {
            database: DatabaseSettings {
                url,
                ..Settings::defaults()
                    .map(|s| s.database)
                    .unwrap_or_else(|e| panic!("{e}"))
            },
            ..Settings::defaults().unwrap_or_else(|e| panic!("{e}"))
        };
        assert!(!format!("{settings:?}").contains("s3cret"));
    }

    #[test]
    fn invalid_settings_are_refused() {
        let bad =
            Figment::from(Toml::string(DEFAULTS)).merge(Toml::string("[graphql]\nmax_batch = 0"));
        let error = Settings::from_figment(bad)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(
            error,
            Err("cấu hình dịch vụ không hợp lệ / invalid settings: graphql.max_batch = 0 phải nằm trong khoảng / must be within 1..=100".to_owned())
        );
        let unknown =
            Figment::from(Toml::string(DEFAULTS)).merge(Toml::string("[graphql]\nmax_bach = 3"));
        let error = Settings::from_figment(unknown)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert!(error.is_err_and(|e| e.contains("max_bach")));
    }
}
