//! The expected outcome of every cell, written from `config-tenants/**/permissions.yaml` and the
//! rules the API follows, never from what the code answers:
//!
//! - a role reaches the unit where it is held and everything below it (legacy communes merged
//!   into it included): relations `own` and `child`; never `sibling`, `parent` or another
//!   tenant (national roles reach no province: their `child` is another tenant's unit);
//! - a read of one thing: `OK` when permitted and reached, `FORBIDDEN` when no role of the
//!   caller has the permission anywhere, `NOT_FOUND` otherwise (nothing confirms it exists);
//! - a listing never fails: the thing is `listed` when permitted and reached, else `unlisted`;
//! - an action on a thing first needs to read it (the read rule), then the action's own
//!   permission (`FORBIDDEN`), then the state machine decides (codes below);
//! - creating at a unit or reassigning at a unit needs the permission there (`FORBIDDEN`);
//! - personal data (an applicant's ID number, an officer's phone) is `shown` when the read
//!   succeeds and the caller may read persons where the person is, `withheld` otherwise;
//! - actions without an operation in the API yet (config publish, dossier export, reports)
//!   are asked of the authorization port: `allowed` or `denied`.

use std::collections::BTreeSet;

use ansinh_config::permissions::Permission;
use ansinh_core::Action;
use ansinh_core::{Resource, Role};

/// A transition the matrix dossier's state refuses (receiving a supplement nobody asked for):
/// this code means the caller got past every permission check.
pub(crate) const REFUSED_BY_STATE: &str = "ACTION_NOT_ALLOWED";

/// Who asks: a role held at a unit of a level.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subject {
    pub(crate) role: Role,
    pub(crate) tenant: &'static str,
    pub(crate) username: &'static str,
    pub(crate) level: &'static str,
}

/// How a cell is probed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Probe {
    /// Reading one thing through the API.
    Read,
    /// A listing through the API.
    List,
    /// Creating a dossier at the unit.
    Create,
    /// An action on the dossier (update, transition, delete) or the account (manage).
    Act,
    /// Reassigning dossiers at the unit.
    AtUnit,
    /// Personal data in what a read answers.
    Personal,
    /// The authorization port (no API operation yet).
    Policy,
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) resource: Resource,
    pub(crate) action: Action,
    pub(crate) relation: &'static str,
    pub(crate) probe: &'static str,
    pub(crate) kind: Probe,
}

/// Every cell a subject is asked, in order: each action of each resource, per relation.
pub(crate) fn cells() -> Vec<Cell> {
    let relations = ["own", "child", "sibling", "parent", "other_tenant"];
    let mut cells = Vec::new();
    let mut add = |resource, action, probe, kind, per_relation: bool| {
        let list: &[&'static str] = if per_relation {
            &relations
        } else {
            &["tenant"]
        };
        for relation in list {
            cells.push(Cell {
                resource,
                action,
                relation,
                probe,
                kind,
            });
        }
    };
    use Probe::*;
    use Resource as R;
    add(R::Unit, Action::Read, "unit", Read, true);
    add(R::Config, Action::Read, "workflows", Read, false);
    add(R::Config, Action::Publish, "policy", Policy, false);
    add(R::Account, Action::List, "officers", List, true);
    add(R::Account, Action::Read, "officer", Read, true);
    add(R::Account, Action::Manage, "lockAccount", Act, true);
    add(R::Person, Action::Read, "officer.phone", Personal, true);
    add(
        R::Person,
        Action::Read,
        "dossier.applicantIdNumber",
        Personal,
        true,
    );
    add(R::Dossier, Action::List, "dossiers", List, true);
    add(R::Dossier, Action::Read, "dossier", Read, true);
    add(R::Dossier, Action::Create, "createDossier", Create, true);
    add(R::Dossier, Action::Update, "updateDossier", Act, true);
    add(
        R::Dossier,
        Action::Transition,
        "receiveSupplement",
        Act,
        true,
    );
    add(R::Dossier, Action::Delete, "deleteDossier", Act, true);
    add(R::Dossier, Action::Export, "policy", Policy, true);
    add(
        R::Dossier,
        Action::Reassign,
        "reassignDossiers",
        AtUnit,
        true,
    );
    add(R::Report, Action::Read, "policy", Policy, true);
    add(R::Report, Action::Export, "policy", Policy, true);
    cells
}

/// Whether a relation's target lies where the subject's roles reach.
pub(crate) fn reaches(subject: &Subject, relation: &str) -> bool {
    match relation {
        "tenant" => true,
        "own" => true,
        // A national role's "child" is a unit of a province: another tenant.
        "child" => subject.level != "national",
        _ => false,
    }
}

/// What `cell` answers for `subject`, or `-` when the relation has no target of that kind.
pub(crate) fn expected(
    permissions: &BTreeSet<Permission>,
    subject: &Subject,
    cell: &Cell,
    target: Target,
) -> String {
    let has = |resource: Resource, action: Action| {
        permissions.contains(&(subject.role, resource, action.as_str().to_owned()))
    };
    if target == Target::None {
        return "-".to_owned();
    }
    let reached = reaches(subject, cell.relation);
    let read_outcome = |resource: Resource, action: Action| -> Option<&'static str> {
        match (has(resource, action), reached) {
            (true, true) => None,
            (false, _) => Some("FORBIDDEN"),
            (true, false) => Some("NOT_FOUND"),
        }
    };
    let outcome = match (cell.resource, cell.kind) {
        (_, Probe::List) => match has(cell.resource, cell.action) && reached {
            true => "listed",
            false => "unlisted",
        },
        (Resource::Config, Probe::Read)
            if subject.tenant == "VN" && has(Resource::Config, Action::Read) =>
        {
            // The national tenant has no province configuration to read.
            "NOT_A_PROVINCE"
        }
        (_, Probe::Read) => read_outcome(cell.resource, cell.action).unwrap_or("OK"),
        (_, Probe::Policy) => match has(cell.resource, cell.action) && reached {
            true => "allowed",
            false => "denied",
        },
        (Resource::Dossier, Probe::Create) => {
            match (
                has(Resource::Dossier, Action::Create) && reached,
                cell.relation,
            ) {
                (false, _) => "FORBIDDEN",
                // The legacy commune ended with the 2025 reform.
                (true, "child") => "UNIT_NOT_CURRENT",
                (true, _) => "OK",
            }
        }
        (Resource::Dossier, Probe::AtUnit) => {
            match has(Resource::Dossier, cell.action) && reached {
                true => "OK",
                false => "FORBIDDEN",
            }
        }
        (Resource::Dossier, Probe::Act) => {
            if let Some(refused) = read_outcome(Resource::Dossier, Action::Read) {
                refused
            } else if !has(Resource::Dossier, cell.action) {
                "FORBIDDEN"
            } else {
                dossier_action(cell.action, target == Target::Held)
            }
        }
        (Resource::Account, Probe::Act) => {
            if let Some(refused) = read_outcome(Resource::Account, Action::Read) {
                refused
            } else if !has(Resource::Account, cell.action) {
                "FORBIDDEN"
            } else {
                "OK"
            }
        }
        (Resource::Person, Probe::Personal) => {
            let resource = match cell.probe {
                "officer.phone" => Resource::Account,
                _ => Resource::Dossier,
            };
            if let Some(refused) = read_outcome(resource, Action::Read) {
                refused
            } else if has(Resource::Person, Action::Read) {
                "shown"
            } else {
                "withheld"
            }
        }
        (resource, kind) => panic!("no rule for {resource:?} probed by {kind:?}"),
    };
    outcome.to_owned()
}

/// What the state machine answers an action on the matrix dossier (received, in progress, held
/// by the reception officer who received it), once every permission check has passed.
/// (Only drafts are deleted, and no supplement was asked for.)
fn dossier_action(action: Action, held: bool) -> &'static str {
    match (action, held) {
        (Action::Update, true) => "OK",
        (Action::Update, false) => "NOT_HOLDER",
        _ => REFUSED_BY_STATE,
    }
}

/// What a relation points at for a probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Nothing of that kind in this relation.
    None,
    /// Something of someone else.
    Other,
    /// A dossier the subject holds.
    Held,
}
