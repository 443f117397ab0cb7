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
    },
}

impl OutboxEvent {
    /// The event for a dossier's new state.
    pub fn dossier_changed(
        dossier: &DossierId,
        version: u32,
        status: Status,
        holder: Option<&str>,
    ) -> Self {
        Self::DossierChanged {
            dossier: dossier.clone(),
            version,
            status: status.as_str().to_owned(),
            holder: holder.map(str::to_owned),
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
            3,
            Status::InProgress,
            Some("acct-1"),
        );
        let payload = event.payload();
        assert_eq!(
            payload,
            r#"{"type":"dossier_changed","dossier":"01936c1e-0000-7000-8000-000000000001","version":3,"status":"in_progress","holder":"acct-1"}"#
        );
        assert_eq!(OutboxEvent::parse(&payload), Some(event));
        assert_eq!(OutboxEvent::parse("{}"), None);
    }
}
