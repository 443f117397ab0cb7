//! Live changes over GraphQL subscriptions: `queueChanged` for the caller's queue and
//! `dossierChanged(id)` for one dossier. Each event says what changed, not the new state: a
//! screen refetches what it shows through the ordinary queries (where access is checked and
//! reads are logged). Every event is checked against the caller's session and roles as they
//! are now; a caller who can no longer read is told so and the subscription ends.

mod stream;
mod types;

use ansinh_core::DossierId;
use async_graphql::{Context, ID, Subscription};
use futures_util::Stream;

pub use stream::LiveSession;
use types::{DossierChangeEvent, QueueChange};

use crate::context::{app, principal};
use crate::errors::GqlResult;

/// Live changes.
#[derive(Debug, Default)]
pub struct LiveSubscription;

/// Live changes.
#[Subscription]
impl LiveSubscription {
    /// A dossier came into or left the caller's queue (handed to them, or passed on by them).
    /// Refetch the folders on each event; after `resync`, some events were missed.
    async fn queue_changed(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<QueueChange>> + use<>> {
        let principal = principal(ctx).gql()?.clone();
        let session = ctx.data::<LiveSession>()?.clone();
        Ok(stream::queue(app(ctx).clone(), session, principal))
    }

    /// The dossier `id` changed (moved, was signed, returned, …): refetch it. NOT_FOUND when
    /// the caller may not read it, now or later.
    async fn dossier_changed(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<DossierChangeEvent>> + use<>>
    {
        let principal = principal(ctx).gql()?.clone();
        let session = ctx.data::<LiveSession>()?.clone();
        let app = app(ctx).clone();
        let id = DossierId::new(id.as_str());
        stream::read_unit(&app, app.dossiers.may_read(&principal, &id))
            .await
            .gql()?;
        Ok(stream::dossier(app, session, principal, id))
    }
}
