//! Database failures reach the app classified, on both backends: a taken key, a row referred
//! to that is gone and a concurrent writer are conflicts to retry; a value the schema refuses
//! is bad input (nothing stored); anything else is internal.

use ansinh_app::AppError;
use ansinh_core::ErrorCode;
use ansinh_store::Classified;
use ansinh_testkit::{Backend, TestDatabase};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, IsolationLevel, TransactionTrait,
};

const SCHEMA: [&str; 2] = [
    "CREATE TABLE scratch_parent (id INTEGER PRIMARY KEY)",
    "CREATE TABLE scratch_child (id INTEGER PRIMARY KEY, \
     parent INTEGER NOT NULL REFERENCES scratch_parent (id), \
     amount INTEGER NOT NULL CHECK (amount >= 0))",
];

async fn connect(url: &str) -> DatabaseConnection {
    let mut options = ConnectOptions::new(url.to_owned());
    options.max_connections(1).sqlx_logging(false);
    Database::connect(options)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"))
}

async fn scratch(database: &TestDatabase) -> DatabaseConnection {
    let db = connect(&database.owner_url).await;
    for sql in SCHEMA
        .into_iter()
        .chain(["INSERT INTO scratch_parent VALUES (1)"])
    {
        db.execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    db
}

/// What the app sees of a statement's failure, as a short name.
async fn outcome(db: &impl ConnectionTrait, sql: &str) -> String {
    match db.execute_unprepared(sql).await.classified() {
        Ok(_) => "ok".to_owned(),
        Err(error) => name(&error),
    }
}

fn name(error: &AppError) -> String {
    match error {
        AppError::Conflict => "conflict".to_owned(),
        AppError::InvalidInput { code, .. } => code.as_str().to_owned(),
        AppError::Unavailable(_) => "unavailable".to_owned(),
        AppError::Internal(_) => "internal".to_owned(),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn constraint_failures_are_classified() {
    let database = TestDatabase::create().await;
    let db = scratch(&database).await;
    let refused = ErrorCode::ValueRefused.as_str();
    let cases = [
        ("INSERT INTO scratch_parent VALUES (1)", "conflict"),
        ("INSERT INTO scratch_child VALUES (1, 99, 10)", "conflict"),
        ("INSERT INTO scratch_child VALUES (1, 1, -1)", refused),
        ("INSERT INTO scratch_child VALUES (1, 1, NULL)", refused),
        ("SELECT * FROM no_such_table", "internal"),
        ("INSERT INTO scratch_child VALUES (1, 1, 10)", "ok"),
    ];
    for (sql, expected) in cases {
        assert_eq!(outcome(&db, sql).await, expected, "{sql}");
    }
    // Nothing the refused statements tried was stored.
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM scratch_child",
        ))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), 1);
}

#[tokio::test]
async fn a_concurrent_writer_is_a_conflict() {
    let database = TestDatabase::create().await;
    let first = scratch(&database).await;
    let second = connect(&database.owner_url).await;
    let seen = match database.backend {
        // SQLite: one writer at a time; without waiting, the second is told the file is busy.
        Backend::Sqlite => {
            second
                .execute_unprepared("PRAGMA busy_timeout = 0")
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let holding = first.begin().await.unwrap_or_else(|e| panic!("{e}"));
            holding
                .execute_unprepared("INSERT INTO scratch_parent VALUES (2)")
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let seen = outcome(&second, "INSERT INTO scratch_parent VALUES (3)").await;
            holding.rollback().await.unwrap_or_else(|e| panic!("{e}"));
            seen
        }
        // PostgreSQL: write skew under SERIALIZABLE; the second to commit fails.
        Backend::Postgres => write_skew(&first, &second).await,
    };
    assert_eq!(seen, "conflict");
}

/// Two serializable transactions each read the row the other inserts; the first commits, the
/// second fails at its insert or its commit.
async fn write_skew(first: &DatabaseConnection, second: &DatabaseConnection) -> String {
    let serializable = Some(IsolationLevel::Serializable);
    let a = first.begin_with_config(serializable, None).await;
    let b = second.begin_with_config(serializable, None).await;
    let (a, b) = (
        a.unwrap_or_else(|e| panic!("{e}")),
        b.unwrap_or_else(|e| panic!("{e}")),
    );
    for (txn, row) in [(&a, 3), (&b, 2)] {
        let read = format!("SELECT count(*) FROM scratch_parent WHERE id = {row}");
        txn.execute_unprepared(&read)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    a.execute_unprepared("INSERT INTO scratch_parent VALUES (2)")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    a.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let insert = b
        .execute_unprepared("INSERT INTO scratch_parent VALUES (3)")
        .await
        .classified();
    let result = match insert {
        Ok(_) => b.commit().await.classified(),
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => "ok".to_owned(),
        Err(error) => name(&error),
    }
}
