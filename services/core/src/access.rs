//! What permissions speak of: resource types and the actions on each.

use serde::{Deserialize, Serialize};

/// What may be done to a resource. The same names appear in `permissions.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Read one thing.
    Read,
    /// List things.
    List,
    /// Create a thing.
    Create,
    /// Change a thing's data.
    Update,
    /// Move a dossier through its workflow.
    Transition,
    /// Delete a thing (a draft dossier).
    Delete,
    /// Export rows (files, reports).
    Export,
    /// Move dossiers from one officer to another.
    Reassign,
    /// Publish a configuration version.
    Publish,
    /// Manage accounts (create, grant, lock).
    Manage,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 10] = [
        Self::Read,
        Self::List,
        Self::Create,
        Self::Update,
        Self::Transition,
        Self::Delete,
        Self::Export,
        Self::Reassign,
        Self::Publish,
        Self::Manage,
    ];

    /// Name in permission files and policies.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::List => "list",
            Self::Create => "create",
            Self::Update => "update",
            Self::Transition => "transition",
            Self::Delete => "delete",
            Self::Export => "export",
            Self::Reassign => "reassign",
            Self::Publish => "publish",
            Self::Manage => "manage",
        }
    }

    /// The action of a name, as written in permission files.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == name)
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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
    pub fn actions(self) -> &'static [Action] {
        use Action::*;
        match self {
            Self::Unit => &[Read],
            Self::Config => &[Read, Publish],
            Self::Account => &[List, Read, Manage],
            Self::Person => &[Read],
            Self::Dossier => &[
                List, Read, Create, Update, Transition, Delete, Export, Reassign,
            ],
            Self::Report => &[Read, Export],
        }
    }

    /// Whether `name` is an action of this resource.
    pub fn has_action(self, name: &str) -> bool {
        self.actions().iter().any(|action| action.as_str() == name)
    }
}
