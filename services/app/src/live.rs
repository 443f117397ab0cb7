//! Live changes for open screens: a dossier that moved is announced once its transaction has
//! committed, to every replica (Redis pub/sub in infra, an in-process broadcast here), so a
//! desk or dossier page that shows it can refresh. Best effort by design: the outbox stays
//! the durable record, and a screen that missed an announcement refreshes when it reconnects.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// A dossier changed (as its outbox row says, with the tenant and unit for routing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveChange {
    /// Province code.
    pub tenant: String,
    /// Dossier id.
    pub dossier: String,
    /// Its version after the change.
    pub version: u32,
    /// Its status after the change.
    pub status: String,
    /// The action that changed it.
    pub action: String,
    /// Who holds it now.
    pub holder: Option<String>,
    /// Who held it before.
    pub previous_holder: Option<String>,
}

impl LiveChange {
    /// Whether the change moved the dossier into or out of `account`'s queue.
    pub fn touches(&self, account: &str) -> bool {
        self.holder.as_deref() == Some(account) || self.previous_holder.as_deref() == Some(account)
    }
}

/// Announces changes to every replica and hears them.
#[async_trait]
pub trait LiveFeed: Send + Sync + std::fmt::Debug {
    /// Tells every replica (this one too).
    async fn publish(&self, change: &LiveChange);
    /// Changes announced from now on.
    fn subscribe(&self) -> broadcast::Receiver<LiveChange>;
}

/// The in-process feed (one replica, tests, and the relay behind the Redis feed).
#[derive(Debug, Clone)]
pub struct LocalFeed {
    sender: broadcast::Sender<LiveChange>,
}

impl Default for LocalFeed {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(1024).0,
        }
    }
}

#[async_trait]
impl LiveFeed for LocalFeed {
    async fn publish(&self, change: &LiveChange) {
        // No receiver is not an error: nobody is watching.
        self.sender.send(change.clone()).ok();
    }

    fn subscribe(&self) -> broadcast::Receiver<LiveChange> {
        self.sender.subscribe()
    }
}

tokio::task_local! {
    /// Changes made by the running request, announced once its unit of work has committed.
    static PENDING: Arc<Mutex<Vec<LiveChange>>>;
}

/// Announces `change` when the running request commits, or now outside a request.
pub(crate) async fn announce(feed: &dyn LiveFeed, change: LiveChange) {
    let deferred = PENDING.try_with(|pending| {
        pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(change.clone());
    });
    if deferred.is_err() {
        feed.publish(&change).await;
    }
}

/// Runs `work` collecting the changes it announces; answers its output and those changes.
pub(crate) async fn collecting<F: Future>(work: F) -> (F::Output, Vec<LiveChange>) {
    let pending = Arc::new(Mutex::new(Vec::new()));
    let output = PENDING.scope(pending.clone(), work).await;
    let changes = std::mem::take(&mut *pending.lock().unwrap_or_else(|e| e.into_inner()));
    (output, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(holder: &str) -> LiveChange {
        LiveChange {
            tenant: "04".to_owned(),
            dossier: "d1".to_owned(),
            version: 2,
            status: "in_progress".to_owned(),
            action: "forward".to_owned(),
            holder: Some(holder.to_owned()),
            previous_holder: Some("a".to_owned()),
        }
    }

    #[tokio::test]
    async fn inside_a_request_a_change_waits_for_the_end_and_outside_it_goes_at_once() {
        let feed = LocalFeed::default();
        let mut heard = feed.subscribe();
        let ((), pending) = collecting(announce(&feed, change("b"))).await;
        assert_eq!(pending, [change("b")]);
        assert!(heard.try_recv().is_err());
        announce(&feed, change("c")).await;
        assert_eq!(heard.try_recv().ok(), Some(change("c")));
        assert!(change("c").touches("a") && change("c").touches("c") && !change("c").touches("x"));
    }
}
