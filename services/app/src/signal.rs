//! "Something changed, drop what you cached" between replicas, and the request's unit of work:
//! two technical ports the areas share.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use tokio::sync::broadcast;

use crate::AppError;

/// What changed, so that each cache drops only what it must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Role grants, units or permissions: the authorization policy is rebuilt and cached
    /// principals (which carry their grants) are dropped.
    Policy,
    /// Sessions or accounts (logout, lock, password or profile change): cached principals are
    /// dropped.
    Identity,
}

impl Change {
    /// The stable name carried between replicas.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Policy => "policy",
            Self::Identity => "identity",
        }
    }

    /// The change a carried name stands for; an unknown name is taken as the widest change.
    pub fn parse(name: &str) -> Self {
        match name {
            "identity" => Self::Identity,
            _ => Self::Policy,
        }
    }
}

/// How many changes of each kind all replicas have announced so far: a count kept where every
/// replica reads it, so that a request notices a change made elsewhere before it is served
/// instead of when a message happens to arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Announced {
    /// Policy changes (role grants, units, permissions).
    pub policy: u64,
    /// Identity changes (sessions, accounts).
    pub identity: u64,
}

/// Publishes and receives change notifications.
#[async_trait]
pub trait ChangeSignal: Send + Sync + std::fmt::Debug {
    /// Tells every replica (including this one) that `change` happened.
    async fn publish(&self, change: Change);
    /// Receives notifications (the receiver sees those published after subscribing).
    fn subscribe(&self) -> broadcast::Receiver<Change>;
    /// The shared counts, read now; `None` where there are no other replicas to hear from
    /// (in-process) or the shared store cannot be reached (then messages and the caches'
    /// time limits are what is left).
    async fn announced(&self) -> Option<Announced>;
}

/// In-process signal (embedded mode, single replica, tests).
#[derive(Debug, Clone)]
pub struct LocalSignal {
    sender: broadcast::Sender<Change>,
}

impl Default for LocalSignal {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(64).0,
        }
    }
}

#[async_trait]
impl ChangeSignal for LocalSignal {
    async fn publish(&self, change: Change) {
        self.sender.send(change).ok();
    }

    fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }

    async fn announced(&self) -> Option<Announced> {
        None
    }
}

/// Whether a request only reads, or may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitMode {
    /// A query: one transaction that writes nothing but the record of what it read (the
    /// access log), which commits with it or the request fails.
    Read,
    /// A mutation: one transaction; each guarded write inside it keeps its own all-or-nothing.
    Write,
}

/// Work run inside a unit of work.
pub type UnitWork<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// The request's unit of work: every store call made while `work` runs shares one database
/// transaction (where the adapter can), committed when `work` ends. An error means the unit
/// could not be committed: whatever `work` produced must not be shown as done.
#[async_trait]
pub trait UnitOfWork: Send + Sync + std::fmt::Debug {
    /// Runs `work` inside one unit.
    async fn run<'a>(&self, mode: UnitMode, work: UnitWork<'a>) -> Result<(), AppError>;
}

/// No unit: each store call is its own transaction (fakes, and adapters without one).
#[derive(Debug, Clone, Copy, Default)]
pub struct EachCallItsOwn;

#[async_trait]
impl UnitOfWork for EachCallItsOwn {
    async fn run<'a>(&self, _mode: UnitMode, work: UnitWork<'a>) -> Result<(), AppError> {
        work.await;
        Ok(())
    }
}

tokio::task_local! {
    /// Changes made by the running request, announced once its unit of work has ended.
    static PENDING: Arc<Mutex<Vec<Change>>>;
}

/// Records a change of the running request to announce after it commits (other replicas must
/// not reload before the change is visible to them); `false` outside a request.
pub(crate) fn defer(change: Change) -> bool {
    PENDING
        .try_with(|pending| {
            let mut pending = pending.lock().unwrap_or_else(|e| e.into_inner());
            if !pending.contains(&change) {
                pending.push(change);
            }
        })
        .is_ok()
}

/// Runs `work` collecting the changes it defers; answers its output and those changes.
pub(crate) async fn collecting<F: Future>(work: F) -> (F::Output, Vec<Change>) {
    let pending = Arc::new(Mutex::new(Vec::new()));
    let output = PENDING.scope(pending.clone(), work).await;
    let changes = std::mem::take(&mut *pending.lock().unwrap_or_else(|e| e.into_inner()));
    (output, changes)
}
