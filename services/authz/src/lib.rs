//! Ansinh's authorization with casbin.
//!
//! Owns the casbin model (a role held at a unit; unit hierarchy and merges as `g2` edges; role
//! to resource type and action as policies; no domain wildcards, no regex or `eval` matchers)
//! and the policy built from the database: effective permissions per province (national
//! defaults less the province's narrowing), every role grant, every unit edge. The enforcer is
//! shared behind an async lock and rebuilt on change (signalled to every replica) and at least
//! every 60 seconds.
//!
//! Answers "may this role do this action on this type of resource at this unit". Lists are
//! filtered in SQL by unit subtree, never by calling the enforcer per row. Must not depend on
//! sea-orm, poem or async-graphql.

mod policy;

use std::sync::Arc;
use std::time::Duration;

use ansinh_app::identity::{AccountRepo, Authorizer, Principal};
use ansinh_app::{AppError, Change, ChangeSignal, ReferenceStore};
use ansinh_core::{Action, Resource, UnitId};
use async_trait::async_trait;
use casbin::{CoreApi, Enforcer};
use tokio::sync::RwLock;

pub use policy::{MODEL, NATIONAL_ROOT};

/// How often the policy is rebuilt even without a signal.
pub const RELOAD_EVERY: Duration = Duration::from_secs(60);

/// casbin behind the app's `Authorizer` port.
#[derive(Clone)]
pub struct CasbinAuthorizer {
    enforcer: Arc<RwLock<Enforcer>>,
    store: Arc<dyn ReferenceStore>,
    accounts: Arc<dyn AccountRepo>,
    signal: Arc<dyn ChangeSignal>,
}

impl std::fmt::Debug for CasbinAuthorizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CasbinAuthorizer").finish_non_exhaustive()
    }
}

impl CasbinAuthorizer {
    /// Builds the enforcer from the database and starts following changes: a signal from any
    /// replica, or the periodic reload.
    pub async fn start(
        store: Arc<dyn ReferenceStore>,
        accounts: Arc<dyn AccountRepo>,
        signal: Arc<dyn ChangeSignal>,
    ) -> Result<Self, AppError> {
        let enforcer = policy::build(store.as_ref(), accounts.as_ref()).await?;
        let authorizer = Self {
            enforcer: Arc::new(RwLock::new(enforcer)),
            store,
            accounts,
            signal,
        };
        let follower = authorizer.clone();
        let mut changes = authorizer.signal.subscribe();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    change = changes.recv() => {
                        // Identity changes do not touch the policy; a lagged receiver may
                        // have missed a policy change.
                        if change == Ok(Change::Identity) {
                            continue;
                        }
                    }
                    () = tokio::time::sleep(RELOAD_EVERY) => {}
                }
                if let Err(error) = follower.rebuild().await {
                    tracing::error!(
                        ?error,
                        "authorization policy reload failed; keeping the previous one"
                    );
                }
            }
        });
        Ok(authorizer)
    }

    /// Rebuilds the policy in this process from the database.
    pub async fn rebuild(&self) -> Result<(), AppError> {
        let fresh = policy::build(self.store.as_ref(), self.accounts.as_ref()).await?;
        *self.enforcer.write().await = fresh;
        Ok(())
    }
}

#[async_trait]
impl Authorizer for CasbinAuthorizer {
    async fn allows(
        &self,
        principal: &Principal,
        resource: Resource,
        action: Action,
        unit: &UnitId,
    ) -> bool {
        let tenant = principal.tenant.as_str();
        let subject = policy::qualified(tenant, &principal.account.0);
        let object_unit = policy::qualified(tenant, &unit.to_string());
        let enforcer = self.enforcer.read().await;
        principal.grants.iter().any(|grant| {
            let request = vec![
                subject.clone(),
                policy::qualified(tenant, &grant.unit.to_string()),
                object_unit.clone(),
                resource.as_str().to_owned(),
                action.as_str().to_owned(),
            ];
            enforcer.enforce(request).unwrap_or(false)
        })
    }

    async fn reload(&self) -> Result<(), AppError> {
        self.rebuild().await?;
        self.signal.publish(Change::Policy).await;
        Ok(())
    }

    async fn refresh(&self) -> Result<(), AppError> {
        self.rebuild().await
    }
}
