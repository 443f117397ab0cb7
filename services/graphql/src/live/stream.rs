//! The event streams behind the subscriptions: the live feed filtered to the caller, each
//! event passed only after the session and access are checked again.

use ansinh_app::identity::Principal;
use ansinh_app::live::LiveChange;
use ansinh_app::{Ansinh, AppError, UnitMode};
use ansinh_core::DossierId;
use futures_util::Stream;
use tokio::sync::broadcast::{self, error::RecvError};

use super::types::{DossierChangeEvent, QueueChange};
use crate::errors::GqlResult;

/// The access token a WebSocket connection authenticated with (checked again per event).
#[derive(Debug, Clone)]
pub struct LiveSession {
    /// The access token from `connection_init`.
    pub token: String,
}

/// Runs `work` in a reading unit of work, as a request would.
pub(crate) async fn read_unit<T: Send>(
    app: &Ansinh,
    work: impl Future<Output = Result<T, AppError>> + Send,
) -> Result<T, AppError> {
    let mut output = None;
    let run = async {
        output = Some(work.await);
    };
    app.within_request(UnitMode::Read, Box::pin(run)).await?;
    output.unwrap_or_else(|| Err(AppError::Internal("no output".to_owned())))
}

/// The principal of the session now (roles as granted now), or why not.
async fn current(app: &Ansinh, session: &LiveSession) -> Result<Principal, AppError> {
    read_unit(app, app.identity.authenticate(&session.token)).await
}

/// What the next received change is: one for this tenant, a gap, or the end.
enum Next {
    Change(LiveChange),
    Gap,
    End,
}

async fn next_change(changes: &mut broadcast::Receiver<LiveChange>, tenant: &str) -> Next {
    loop {
        match changes.recv().await {
            Ok(change) if change.tenant == tenant => return Next::Change(change),
            Ok(_) => {}
            Err(RecvError::Lagged(_)) => return Next::Gap,
            Err(RecvError::Closed) => return Next::End,
        }
    }
}

struct Watch<T> {
    app: Ansinh,
    session: LiveSession,
    tenant: String,
    changes: broadcast::Receiver<LiveChange>,
    target: T,
    ended: bool,
}

/// Changes that move dossiers into or out of the caller's queue.
pub(crate) fn queue(
    app: Ansinh,
    session: LiveSession,
    principal: Principal,
) -> impl Stream<Item = async_graphql::Result<QueueChange>> {
    let watch = Watch {
        changes: app.live.subscribe(),
        tenant: principal.tenant.as_str().to_owned(),
        app,
        session,
        target: principal.account.0.clone(),
        ended: false,
    };
    futures_util::stream::unfold(watch, |mut watch| async move {
        if watch.ended {
            return None;
        }
        let event = loop {
            match next_change(&mut watch.changes, &watch.tenant).await {
                Next::Change(change) if change.touches(&watch.target) => {
                    break still_reading(&watch)
                        .await
                        .map(|()| QueueChange::of(&change, &watch.target));
                }
                Next::Change(_) => {}
                Next::Gap => break Ok(QueueChange::gap()),
                Next::End => return None,
            }
        };
        watch.ended = event.is_err();
        Some((event.gql(), watch))
    })
}

/// Changes of one dossier, while the caller may read it.
pub(crate) fn dossier(
    app: Ansinh,
    session: LiveSession,
    principal: Principal,
    id: DossierId,
) -> impl Stream<Item = async_graphql::Result<DossierChangeEvent>> {
    let watch = Watch {
        changes: app.live.subscribe(),
        tenant: principal.tenant.as_str().to_owned(),
        app,
        session,
        target: id,
        ended: false,
    };
    futures_util::stream::unfold(watch, |mut watch| async move {
        if watch.ended {
            return None;
        }
        let event = loop {
            let change = match next_change(&mut watch.changes, &watch.tenant).await {
                Next::Change(change) if change.dossier == watch.target.as_str() => change,
                Next::Change(_) => continue,
                // A gap: say the dossier changed at the version it has now.
                Next::Gap => match current_version(&watch).await {
                    Ok(change) => change,
                    Err(error) => break Err(error),
                },
                Next::End => return None,
            };
            break allowed(&watch)
                .await
                .map(|()| DossierChangeEvent::from(&change));
        };
        watch.ended = event.is_err();
        Some((event.gql(), watch))
    })
}

async fn still_reading(watch: &Watch<String>) -> Result<(), AppError> {
    let principal = current(&watch.app, &watch.session).await?;
    let app = &watch.app;
    read_unit(app, app.dossiers.may_read_some(&principal)).await
}

async fn allowed(watch: &Watch<DossierId>) -> Result<(), AppError> {
    let principal = current(&watch.app, &watch.session).await?;
    let read = watch.app.dossiers.may_read(&principal, &watch.target);
    read_unit(&watch.app, read).await.map(|_| ())
}

async fn current_version(watch: &Watch<DossierId>) -> Result<LiveChange, AppError> {
    let principal = current(&watch.app, &watch.session).await?;
    let read = watch.app.dossiers.may_read(&principal, &watch.target);
    let version = read_unit(&watch.app, read).await?;
    Ok(LiveChange {
        tenant: watch.tenant.clone(),
        dossier: watch.target.as_str().to_owned(),
        version,
        status: String::new(),
        action: "resync".to_owned(),
        holder: None,
        previous_holder: None,
    })
}
