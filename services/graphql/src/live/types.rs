//! Live event types of the API.

use ansinh_app::live::LiveChange;
use async_graphql::{ID, SimpleObject};

/// A change to the caller's queue.
#[derive(Debug, SimpleObject)]
pub(crate) struct QueueChange {
    /// The dossier that came or went (none after `resync`).
    dossier_id: Option<ID>,
    /// The action that moved it (`forward`, `return_result`, …).
    action: Option<String>,
    /// Whether the caller holds it now (it came in) rather than passed it on.
    arrived: bool,
    /// Some changes were missed (the connection fell behind): refetch everything shown.
    resync: bool,
}

impl QueueChange {
    pub(crate) fn of(change: &LiveChange, account: &str) -> Self {
        Self {
            dossier_id: Some(ID(change.dossier.clone())),
            action: Some(change.action.clone()),
            arrived: change.holder.as_deref() == Some(account),
            resync: false,
        }
    }

    pub(crate) fn gap() -> Self {
        Self {
            dossier_id: None,
            action: None,
            arrived: false,
            resync: true,
        }
    }
}

/// A change to one dossier.
#[derive(Debug, SimpleObject)]
pub(crate) struct DossierChangeEvent {
    /// The dossier.
    dossier_id: ID,
    /// Its version after the change (compare with the one shown).
    version: u32,
    /// Its status after the change, in the API's spelling (`IN_PROGRESS`, …).
    status: String,
    /// The action (`forward`, `sign`, …).
    action: String,
}

impl From<&LiveChange> for DossierChangeEvent {
    fn from(change: &LiveChange) -> Self {
        Self {
            dossier_id: ID(change.dossier.clone()),
            version: change.version,
            status: change.status.to_ascii_uppercase(),
            action: change.action.clone(),
        }
    }
}
