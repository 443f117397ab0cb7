//! Principals resolved from access tokens, cached per process for a short time so that a
//! request does not read its session, account and grants again; dropped on every identity or
//! policy change, in this process at once and in the others through the change signal.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ansinh_core::TenantId;
use tokio::sync::broadcast::{self, error::TryRecvError};

use super::Principal;
use crate::signal::{Change, ChangeSignal};

/// How long a cached principal is used: the bound on staleness when a change signal between
/// replicas is lost (Redis down).
pub const PRINCIPAL_TTL: Duration = Duration::from_secs(30);

const CAPACITY: u64 = 20_000;

type Key = (TenantId, String);

/// The cache, with what it needs to notice changes made elsewhere.
pub(crate) struct PrincipalCache {
    entries: moka::sync::Cache<Key, Arc<Principal>>,
    changes: Mutex<broadcast::Receiver<Change>>,
    generation: AtomicU64,
}

impl std::fmt::Debug for PrincipalCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrincipalCache")
            .field("entries", &self.entries.entry_count())
            .finish_non_exhaustive()
    }
}

/// A read of the cache: the principal when cached, else the generation to insert under.
pub(crate) enum Lookup {
    Hit(Arc<Principal>),
    Miss(u64),
}

impl PrincipalCache {
    pub(crate) fn new(signal: &dyn ChangeSignal) -> Self {
        Self {
            entries: moka::sync::Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_live(PRINCIPAL_TTL)
                .build(),
            changes: Mutex::new(signal.subscribe()),
            generation: AtomicU64::new(0),
        }
    }

    /// The cached principal of a session, after applying changes signalled meanwhile.
    pub(crate) fn get(&self, tenant: &TenantId, session: &str) -> Lookup {
        self.catch_up();
        let generation = self.generation.load(Ordering::Acquire);
        match self.entries.get(&(tenant.clone(), session.to_owned())) {
            Some(principal) => Lookup::Hit(principal),
            None => Lookup::Miss(generation),
        }
    }

    /// Keeps a principal read at `generation`, unless something changed since.
    pub(crate) fn put(&self, generation: u64, principal: &Principal) {
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        let key = (principal.tenant.clone(), principal.session.clone());
        self.entries.insert(key, Arc::new(principal.clone()));
    }

    /// Drops every cached principal here; one read before this is not kept either.
    pub(crate) fn drop_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.entries.invalidate_all();
    }

    /// Applies the changes other replicas (or this one) signalled since the last read.
    fn catch_up(&self) {
        let mut changes = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        let mut changed = false;
        while let Ok(_) | Err(TryRecvError::Lagged(_)) = changes.try_recv() {
            changed = true;
        }
        drop(changes);
        if changed {
            self.drop_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::LocalSignal;

    fn principal(session: &str) -> Principal {
        Principal {
            tenant: TenantId::parse("04").unwrap_or_else(|e| panic!("{e:?}")),
            account: super::super::AccountId("a".to_owned()),
            username: "a".to_owned(),
            display_name: "A".to_owned(),
            session: session.to_owned(),
            grants: Vec::new(),
        }
    }

    fn cached(cache: &PrincipalCache, session: &str) -> bool {
        let tenant = TenantId::parse("04").unwrap_or_else(|e| panic!("{e:?}"));
        matches!(cache.get(&tenant, session), Lookup::Hit(_))
    }

    #[tokio::test]
    async fn a_signalled_change_drops_principals_and_stale_reads_are_not_kept() {
        let signal = LocalSignal::default();
        let here = PrincipalCache::new(&signal);
        let tenant = TenantId::parse("04").unwrap_or_else(|e| panic!("{e:?}"));
        let Lookup::Miss(before) = here.get(&tenant, "s1") else {
            panic!("empty cache answered")
        };
        // Read before a change elsewhere, kept after it: must not be cached.
        signal.publish(Change::Policy).await;
        assert!(!cached(&here, "s1"));
        here.put(before, &principal("s1"));
        assert!(
            !cached(&here, "s1"),
            "a principal read before the change was kept"
        );
        let Lookup::Miss(now) = here.get(&tenant, "s1") else {
            panic!("cached")
        };
        here.put(now, &principal("s1"));
        assert!(cached(&here, "s1"));
        // A change told by another process (same signal) drops it here.
        signal.publish(Change::Identity).await;
        assert!(!cached(&here, "s1"));
    }
}
