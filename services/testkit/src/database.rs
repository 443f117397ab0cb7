//! A fresh database per test: a SQLite file in a temporary folder, or a new PostgreSQL database
//! owned by `ansinh_owner` and used through `ansinh_app` (no ownership, no BYPASSRLS).

use sea_orm::{ConnectionTrait, Database};

/// Which database backs the test run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite file (the embedded default).
    Sqlite,
    /// PostgreSQL with row-level security.
    Postgres,
}

/// Role owning the tables in PostgreSQL test databases (runs migrations).
pub const OWNER_ROLE: &str = "ansinh_owner";
/// Role the application connects as in PostgreSQL test databases.
pub const APP_ROLE: &str = "ansinh_app";

/// For tests that only mean something on PostgreSQL (row-level security, concurrency): they
/// are `#[ignore]`d so that the SQLite pass reports them as not run, and the PostgreSQL pass
/// runs them with `--include-ignored`; run anywhere else, they fail rather than pass empty.
pub fn require_postgres() {
    assert_eq!(
        TestDatabase::backend(),
        Backend::Postgres,
        "this test needs PostgreSQL: set ANSINH_TEST_PG_ADMIN_URL (scripts/test.sh does)"
    );
}

/// A database made for one test.
#[derive(Debug)]
pub struct TestDatabase {
    /// SQLite or PostgreSQL.
    pub backend: Backend,
    /// URL the server connects with.
    pub app_url: String,
    /// URL of the tables' owner.
    pub owner_url: String,
    /// PostgreSQL application role.
    pub app_role: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// The backend selected by the environment.
    pub fn backend() -> Backend {
        if std::env::var("ANSINH_TEST_PG_ADMIN_URL").is_ok() {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// Creates an empty database.
    pub async fn create() -> Self {
        match std::env::var("ANSINH_TEST_PG_ADMIN_URL") {
            Ok(admin_url) => Self::postgres(&admin_url).await,
            Err(_) => Self::sqlite(),
        }
    }

    fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("ansinh.db").display()
        );
        Self {
            backend: Backend::Sqlite,
            app_url: url.clone(),
            owner_url: url,
            app_role: None,
            _dir: Some(dir),
        }
    }

    async fn postgres(admin_url: &str) -> Self {
        let admin = Database::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("connect to {admin_url}: {e}"));
        for (role, extra) in [(OWNER_ROLE, ""), (APP_ROLE, " NOBYPASSRLS")] {
            // Parallel tests race to create the roles; either error means it exists.
            let create = format!(
                "DO $$ BEGIN CREATE ROLE {role} LOGIN PASSWORD '{role}' NOSUPERUSER{extra}; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            );
            admin
                .execute_unprepared(&create)
                .await
                .unwrap_or_else(|e| panic!("create role {role}: {e}"));
        }
        let name = format!("ansinh_t_{}", uuid::Uuid::new_v4().simple());
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name} OWNER {OWNER_ROLE}"))
            .await
            .unwrap_or_else(|e| panic!("create database: {e}"));
        // A test database need not wait for each commit to reach the disk (a server crash
        // is not what the tests simulate; a killed client is, and that is unaffected).
        admin
            .execute_unprepared(&format!(
                "ALTER DATABASE {name} SET synchronous_commit = off"
            ))
            .await
            .unwrap_or_else(|e| panic!("alter database: {e}"));
        admin.close().await.ok();
        let host = host_of(admin_url);
        Self {
            backend: Backend::Postgres,
            app_url: format!("postgres://{APP_ROLE}:{APP_ROLE}@{host}/{name}"),
            owner_url: format!("postgres://{OWNER_ROLE}:{OWNER_ROLE}@{host}/{name}"),
            app_role: Some(APP_ROLE.to_owned()),
            _dir: None,
        }
    }
}

/// `host:port` of a PostgreSQL URL.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    rest.split('/').next().unwrap_or(rest)
}
