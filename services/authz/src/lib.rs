//! Ansinh's authorization with casbin.
//!
//! Owns the casbin model (a role held at a unit; unit hierarchy and merges as `g2` edges; role
//! to resource type and action as policies; no domain wildcards, no regex or `eval` matchers)
//! and the policy built from the database: effective permissions per province (national
//! defaults less the province's narrowing), every role grant, every unit edge. The enforcer is
//! shared behind an async lock and rebuilt on change (signalled to every replica) and at least
//! every 60 seconds; its decisions are kept until the next rebuild.
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

/// Decisions kept per policy: casbin evaluates its matcher in a script engine, tens of
/// microseconds a question, and a page of dossiers asks the same few questions many times.
const DECISIONS: u64 = 100_000;

/// One enforcement question under one policy (its generation first).
type Question = (u64, [String; 5]);

/// The enforcer and its generation (bumped with each rebuild, so that decisions of an older
/// policy are never answered again).
struct Policy {
    enforcer: Enforcer,
    generation: u64,
}

/// casbin behind the app's `Authorizer` port.
#[derive(Clone)]
pub struct CasbinAuthorizer {
    policy: Arc<RwLock<Policy>>,
    decisions: moka::sync::Cache<Question, bool>,
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
            policy: Arc::new(RwLock::new(Policy {
                enforcer,
                generation: 0,
            })),
            decisions: moka::sync::Cache::new(DECISIONS),
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
        let mut policy = self.policy.write().await;
        policy.enforcer = fresh;
        policy.generation += 1;
        drop(policy);
        self.decisions.invalidate_all();
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
        let policy = self.policy.read().await;
        principal.grants.iter().any(|grant| {
            let request = [
                subject.clone(),
                policy::qualified(tenant, &grant.unit.to_string()),
                object_unit.clone(),
                resource.as_str().to_owned(),
                action.as_str().to_owned(),
            ];
            let question = (policy.generation, request);
            if let Some(decided) = self.decisions.get(&question) {
                return decided;
            }
            let decided = policy
                .enforcer
                .enforce(question.1.to_vec())
                .unwrap_or(false);
            self.decisions.insert(question, decided);
            decided
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
