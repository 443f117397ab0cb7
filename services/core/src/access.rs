//! What permissions speak of: resource types and the actions on each.

use serde::{Deserialize, Serialize};

/// Kinds of resources permissions speak of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// Administrative units (reference data).
    Unit,
    /// Published configuration (offices, procedures, workflows, versions, calendars).
    Config,
    /// Officer accounts and their role grants.
    Account,
    /// Personal data of a person (ID number, phone).
    Person,
    /// Dossiers.
    Dossier,
    /// Aggregated reports (no person or dossier rows).
    Report,
}

impl Resource {
    /// Every resource type.
    pub const ALL: [Resource; 6] = [
        Self::Unit,
        Self::Config,
        Self::Account,
        Self::Person,
        Self::Dossier,
        Self::Report,
    ];

    /// Name in permission files and policies.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unit => "unit",
            Self::Config => "config",
            Self::Account => "account",
            Self::Person => "person",
            Self::Dossier => "dossier",
            Self::Report => "report",
        }
    }

    /// The actions that exist on this resource.
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            Self::Unit => &["read"],
            Self::Config => &["read", "publish"],
            Self::Account => &["list", "read", "manage"],
            Self::Person => &["read"],
            Self::Dossier => &[
                "list",
                "read",
                "create",
                "update",
                "transition",
                "delete",
                "export",
                "reassign",
            ],
            Self::Report => &["read", "export"],
        }
    }
}
