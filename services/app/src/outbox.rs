//! The side effects a change leaves for later, written in the same transaction as the change
//! and delivered at least once. Each is a typed event with a stable serialized form (a JSON
//! object tagged by `type`), so a worker can read rows written by any version.

use ansinh_core::DossierId;
use ansinh_core::dossier::Status;
use serde::{Deserialize, Serialize};

/// What happened, for whoever acts on it later (mail, live queues).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OutboxEvent {
    /// A dossier moved or changed.
    DossierChanged {
        /// Which.
        dossier: DossierId,
        /// Its version after the change.
        version: u32,
        /// Its status after the change (`in_progress`, …).
        status: String,
        /// Who holds it now.
        holder: Option<String>,
        /// Who held it before the change (absent in rows written before it was recorded).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous_holder: Option<String>,
        /// The action that changed it (`forward`, `request_supplement`, …).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        action: Option<String>,
    },
}

/// What a dossier change was, for `OutboxEvent::dossier_changed`.
#[derive(Debug, Clone, Copy)]
pub struct DossierChange<'a> {
    /// Its version after the change.
    pub version: u32,
    /// Its status after the change.
    pub status: Status,
    /// Who holds it now.
    pub holder: Option<&'a str>,
    /// Who held it before.
    pub previous_holder: Option<&'a str>,
    /// The action.
    pub action: &'a str,
}

impl OutboxEvent {
    /// The event for a dossier's new state.
    pub fn dossier_changed(dossier: &DossierId, change: DossierChange<'_>) -> Self {
        Self::DossierChanged {
            dossier: dossier.clone(),
            version: change.version,
            status: change.status.as_str().to_owned(),
            holder: change.holder.map(str::to_owned),
            previous_holder: change.previous_holder.map(str::to_owned),
            action: Some(change.action.to_owned()),
        }
    }

    /// The topic deliverers subscribe to.
    pub fn topic(&self) -> &'static str {
        match self {
            Self::DossierChanged { .. } => "dossier.changed",
        }
    }

    /// The stored payload.
    pub fn payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An event read back from its stored payload.
    pub fn parse(payload: &str) -> Option<Self> {
        serde_json::from_str(payload).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serialized_form_is_stable() {
        let event = OutboxEvent::dossier_changed(
            &DossierId::new("01936c1e-0000-7000-8000-000000000001"),
            DossierChange {
                version: 3,
                status: Status::InProgress,
                holder: Some("acct-1"),
                previous_holder: Some("acct-0"),
                action: "forward",
            },
        );
        let payload = event.payload();
        assert_eq!(
            payload,
            r#"{"type":"dossier_changed","dossier":"01936c1e-0000-7000-8000-000000000001","version":3,"status":"in_progress","holder":"acct-1","previous_holder":"acct-0","action":"forward"}"#
        );
        assert_eq!(OutboxEvent::parse(&payload), Some(event));
        assert_eq!(OutboxEvent::parse("{}"), None);
        // Rows written before the previous holder and the action were recorded still read.
        let old = r#"{"type":"dossier_changed","dossier":"d","version":1,"status":"in_progress","holder":null}"#;
        assert!(matches!(
            OutboxEvent::parse(old),
            Some(OutboxEvent::DossierChanged {
                previous_holder: None,
                action: None,
                ..
            })
        ));
    }
}
