//! Per-request loaders for the objects a dossier points to (its holder and its unit), so that a
//! page of rows reads each relation in one query, not one per row.
//!
//! They are async-graphql DataLoaders with a request-scoped cache, put into every request by
//! [`Relations`]. A list resolver primes them with its page's ids when the selection asks for
//! the relation, so rows find their objects in the cache instead of waiting for the loader's
//! batching window; anything not primed still batches.

use std::collections::HashMap;
use std::sync::Arc;

use ansinh_app::identity::{AccountId, OfficerView, Principal};
use ansinh_app::{Ansinh, TenantScope, Unit, UnitReach};
use ansinh_core::UnitId;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
};
use async_graphql::{Context, Request, ServerResult};

use crate::context::{Caller, RequestContext};
use crate::errors::GqlResult;

/// Officers' cards (no personal data) by account id, in the caller's tenant.
pub(crate) struct OfficerLoader {
    app: Ansinh,
    principal: Principal,
}

impl Loader<AccountId> for OfficerLoader {
    type Value = OfficerView;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        ids: &[AccountId],
    ) -> Result<HashMap<AccountId, OfficerView>, Self::Error> {
        let views = self
            .app
            .identity
            .officer_cards(&self.principal, ids)
            .await
            .gql()?;
        Ok(views
            .into_iter()
            .map(|view| (view.record.id.clone(), view))
            .collect())
    }
}

/// Administrative units by id, in the caller's tenant.
pub(crate) struct UnitLoader {
    app: Ansinh,
    scope: TenantScope,
}

impl Loader<UnitId> for UnitLoader {
    type Value = Unit;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[UnitId]) -> Result<HashMap<UnitId, Unit>, Self::Error> {
        let units = self
            .app
            .reference
            .units_by_id(&self.scope, ids)
            .await
            .gql()?;
        Ok(units
            .into_iter()
            .map(|unit| (unit.id.clone(), unit))
            .collect())
    }
}

/// The loaders of one authenticated request.
pub(crate) struct Loaders {
    officers: DataLoader<OfficerLoader, HashMapCache>,
    units: DataLoader<UnitLoader, HashMapCache>,
    reach: tokio::sync::OnceCell<Arc<UnitReach>>,
}

impl Loaders {
    fn new(app: &Ansinh, principal: &Principal) -> Self {
        let officers = OfficerLoader {
            app: app.clone(),
            principal: principal.clone(),
        };
        let units = UnitLoader {
            app: app.clone(),
            scope: TenantScope::new(principal.tenant.clone()),
        };
        Self {
            officers: DataLoader::with_cache(officers, tokio::spawn, HashMapCache::default()),
            units: DataLoader::with_cache(units, tokio::spawn, HashMapCache::default()),
            reach: tokio::sync::OnceCell::new(),
        }
    }

    /// An officer's card (cached for the request).
    pub(crate) async fn officer(
        &self,
        id: &AccountId,
    ) -> async_graphql::Result<Option<OfficerView>> {
        self.officers.load_one(id.clone()).await
    }

    /// A unit (cached for the request).
    pub(crate) async fn unit(&self, id: &UnitId) -> async_graphql::Result<Option<Unit>> {
        self.units.load_one(id.clone()).await
    }

    /// Reads these officers in one query into the request's cache.
    pub(crate) async fn prime_officers(&self, ids: Vec<AccountId>) -> async_graphql::Result<()> {
        prime(&self.officers, ids).await
    }

    /// Reads these units in one query into the request's cache.
    pub(crate) async fn prime_units(&self, ids: Vec<UnitId>) -> async_graphql::Result<()> {
        prime(&self.units, ids).await
    }

    /// The units the caller may read, worked out once per request.
    pub(crate) async fn reach(&self, ctx: &Context<'_>) -> async_graphql::Result<Arc<UnitReach>> {
        self.reach
            .get_or_try_init(|| crate::context::unit_reach(ctx))
            .await
            .cloned()
    }
}

/// Loads `ids` straight through the loader (no batching window) and feeds the cache.
async fn prime<K, L>(
    loader: &DataLoader<L, HashMapCache>,
    mut ids: Vec<K>,
) -> async_graphql::Result<()>
where
    K: Send + Sync + std::hash::Hash + Eq + Ord + Clone + 'static,
    L: Loader<K, Error = async_graphql::Error>,
{
    ids.sort();
    ids.dedup();
    if !ids.is_empty() {
        let found = loader.loader().load(&ids).await?;
        loader.feed_many(found).await;
    }
    Ok(())
}

/// The request's loaders (`UNAUTHENTICATED` when the caller has none).
pub(crate) fn loaders<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Loaders> {
    match ctx.data_opt::<Loaders>() {
        Some(loaders) => Ok(loaders),
        None => crate::context::principal(ctx)
            .gql()
            .and_then(|_| Err(async_graphql::Error::new("loaders missing"))),
    }
}

/// Puts fresh loaders into every authenticated request.
pub(crate) struct Relations;

impl ExtensionFactory for Relations {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Relations)
    }
}

#[async_trait::async_trait]
impl Extension for Relations {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let caller = request
            .data
            .get(&std::any::TypeId::of::<RequestContext>())
            .and_then(|data| data.downcast_ref::<RequestContext>())
            .map(|context| &context.caller);
        let request = match (caller, ctx.data_opt::<Ansinh>()) {
            (Some(Caller::Authenticated(principal)), Some(app)) => {
                let loaders = Loaders::new(app, principal);
                request.data(loaders)
            }
            _ => request,
        };
        next.run(ctx, request).await
    }
}
