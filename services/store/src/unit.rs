//! The request's unit of work on PostgreSQL: every store call made while a request runs shares
//! one transaction, begun at the first call with the tenant set in one statement, committed
//! when the request ends. A write inside a writing unit is a savepoint, so its failure leaves
//! the rest of the request intact. A query's unit takes no write but the record of what it
//! read (the access log), appended to the same transaction so that personal data never goes
//! out unless its record commits. A call for another tenant, or a write in a query's unit,
//! gets its own transaction as before; so does every call on SQLite, the embedded default,
//! whose single writer gains nothing from sharing.
//!
//! A statement that fails on the shared transaction poisons the unit: PostgreSQL has aborted
//! the transaction, so a writing request is answered with an error rather than with a COMMIT
//! that would silently roll back (a query keeps its per-field errors).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ansinh_app::{AppError, TenantScope, UnitMode, UnitOfWork, UnitWork};
use ansinh_core::TenantId;
use ansinh_migrations::TENANT_SETTING;
use async_trait::async_trait;
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement,
    TransactionTrait,
};
use tokio::sync::Mutex;

use crate::{Classified, SeaStore};

tokio::task_local! {
    static CURRENT: Arc<Unit>;
}

/// One request's transaction, begun lazily.
pub(crate) struct Unit {
    mode: UnitMode,
    open: Mutex<Option<Open>>,
    poisoned: AtomicBool,
    /// Whether the request recorded what it read (its answer then depends on the commit).
    recorded: AtomicBool,
}

struct Open {
    tenant: TenantId,
    txn: Arc<DatabaseTransaction>,
}

/// The transaction a store call works in: its own, a savepoint of the request's, or a share
/// of the request's. Queries take `&txn`; the call ends with `commit`.
pub(crate) struct Txn {
    own: Option<DatabaseTransaction>,
    shared: Option<(Arc<DatabaseTransaction>, Arc<Unit>)>,
}

impl Txn {
    fn own(txn: DatabaseTransaction) -> Self {
        Self {
            own: Some(txn),
            shared: None,
        }
    }

    fn inner(&self) -> &DatabaseTransaction {
        match (&self.own, &self.shared) {
            (Some(txn), _) => txn,
            (None, Some((txn, _))) => txn,
            (None, None) => unreachable!("a transaction handle holds one or the other"),
        }
    }

    /// Commits an own transaction or a savepoint; a share of the request's transaction is
    /// committed with the request.
    pub(crate) async fn commit(self) -> Result<(), DbErr> {
        match self.own {
            Some(txn) => txn.commit().await,
            None => Ok(()),
        }
    }
}

impl Txn {
    /// Notes a failed statement on the request's transaction: PostgreSQL has aborted it.
    fn checked<T>(&self, result: Result<T, DbErr>) -> Result<T, DbErr> {
        if result.is_err()
            && let Some((_, unit)) = &self.shared
        {
            unit.poisoned.store(true, Ordering::Release);
        }
        result
    }
}

#[async_trait]
impl ConnectionTrait for Txn {
    fn get_database_backend(&self) -> DbBackend {
        self.inner().get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.checked(self.inner().execute_raw(stmt).await)
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.checked(self.inner().execute_unprepared(sql).await)
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.checked(self.inner().query_one_raw(stmt).await)
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.checked(self.inner().query_all_raw(stmt).await)
    }
}

impl Unit {
    fn new(mode: UnitMode) -> Self {
        Self {
            mode,
            open: Mutex::new(None),
            poisoned: AtomicBool::new(false),
            recorded: AtomicBool::new(false),
        }
    }
}

/// Whether a call reads, writes, or records what the request read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Read,
    Write,
    /// An append that belongs to the request's reads (the access log): in the request's
    /// transaction itself, even a query's, so it commits with the request or the request
    /// fails.
    Record,
}

impl SeaStore {
    /// The transaction for a call in the scope's tenant: the request's when there is one it
    /// can share (a savepoint of it for a write), else its own with the tenant set.
    pub(crate) async fn begin_for(
        &self,
        scope: &TenantScope,
        access: Access,
    ) -> Result<Txn, AppError> {
        let pool = match CURRENT.try_with(Arc::clone) {
            Ok(unit) => match self.share(&unit, scope, access).await? {
                Some(shared) => return Ok(shared),
                // The request already holds a main connection for its unit.
                None => &self.side,
            },
            Err(_) => &self.db,
        };
        let txn = pool.begin().await.classified()?;
        if txn.get_database_backend() == DbBackend::Postgres {
            set_tenant(&txn, scope.tenant()).await?;
        }
        Ok(Txn::own(txn))
    }

    async fn share(
        &self,
        unit: &Arc<Unit>,
        scope: &TenantScope,
        access: Access,
    ) -> Result<Option<Txn>, AppError> {
        if access == Access::Write && unit.mode == UnitMode::Read {
            return Ok(None);
        }
        let mut open = unit.open.lock().await;
        let txn = match open.as_ref() {
            Some(open) if open.tenant == *scope.tenant() => open.txn.clone(),
            Some(_) => return Ok(None),
            None => {
                let txn = Arc::new(self.db.begin().await.classified()?);
                set_tenant(&txn, scope.tenant()).await?;
                *open = Some(Open {
                    tenant: scope.tenant().clone(),
                    txn: txn.clone(),
                });
                txn
            }
        };
        drop(open);
        match access {
            Access::Write => return Ok(Some(Txn::own(txn.begin().await.classified()?))),
            Access::Record => unit.recorded.store(true, Ordering::Release),
            Access::Read => {}
        }
        Ok(Some(Txn {
            own: None,
            shared: Some((txn, unit.clone())),
        }))
    }

    async fn run_unit<F: Future<Output = ()>>(
        &self,
        mode: UnitMode,
        work: F,
    ) -> Result<(), AppError> {
        let unit = Arc::new(Unit::new(mode));
        CURRENT.scope(unit.clone(), work).await;
        let open = unit.open.lock().await.take();
        let Some(Open { txn, .. }) = open else {
            return Ok(());
        };
        let Ok(txn) = Arc::try_unwrap(txn) else {
            return Err(AppError::Internal(
                "a share of the request's transaction outlived the request".to_owned(),
            ));
        };
        if unit.poisoned.load(Ordering::Acquire) {
            txn.rollback().await.ok();
            // A query's answers are already made, each failed field with its own error; a
            // mutation's writes are gone with the rollback, so it must not be reported done,
            // nor may a query's reads that were to be recorded go out unrecorded.
            if unit.mode == UnitMode::Read && !unit.recorded.load(Ordering::Acquire) {
                return Ok(());
            }
            return Err(AppError::Unavailable(
                "a statement of the request failed; its transaction was rolled back".to_owned(),
            ));
        }
        txn.commit().await.classified()
    }
}

/// Sets the tenant for row-level security with `set_config(…, true)` (`SET LOCAL`, ending with
/// the transaction).
async fn set_tenant(txn: &DatabaseTransaction, tenant: &TenantId) -> Result<(), AppError> {
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("SELECT set_config('{TENANT_SETTING}', $1, true)"),
        [tenant.as_str().into()],
    ))
    .await
    .classified()?;
    Ok(())
}

#[async_trait]
impl UnitOfWork for SeaStore {
    async fn run<'a>(&self, mode: UnitMode, work: UnitWork<'a>) -> Result<(), AppError> {
        if self.db.get_database_backend() != DbBackend::Postgres {
            work.await;
            return Ok(());
        }
        self.run_unit(mode, work).await
    }
}
