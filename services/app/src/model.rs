//! Read models and inputs the use cases exchange with the adapters.

use ansinh_core::{AdminLevel, TenantId, UnitId, Validity};
use chrono::{DateTime, NaiveDate, Utc};

/// The tenant a call acts within. Every tenant-data port method takes one; there is no path to
/// tenant rows without it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TenantScope(TenantId);

impl TenantScope {
    /// Scope for `tenant`.
    pub fn new(tenant: TenantId) -> Self {
        Self(tenant)
    }

    /// The tenant.
    pub fn tenant(&self) -> &TenantId {
        &self.0
    }
}

/// Whether a tenant is a province or the national level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantKind {
    /// The ministry's national layer.
    National,
    /// A province.
    Province,
}

impl TenantKind {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::Province => "province",
        }
    }
}

/// A tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// Province code or `VN`.
    pub id: TenantId,
    /// National or province.
    pub kind: TenantKind,
    /// Short name.
    pub name: String,
    /// Official name.
    pub full_name: String,
}

/// One era of an administrative unit, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// `<code>@<valid_from>`.
    pub id: UnitId,
    /// Province, district or commune.
    pub level: AdminLevel,
    /// Official type (xã, phường, …).
    pub kind: Option<String>,
    /// Short name.
    pub name: String,
    /// Name with type.
    pub full_name: String,
    /// Parent era.
    pub parent: Option<UnitId>,
    /// Ancestors from the province down, then the unit itself.
    pub path: Vec<UnitId>,
    /// Days the unit exists.
    pub validity: Validity,
}

impl Unit {
    /// The name as it reads inside a sentence: "xã Bảo Lâm" (the level in lower case).
    pub fn in_sentence(&self) -> String {
        let mut chars = self.full_name.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// The unit's People's Committee, the body that decides: "Ủy ban nhân dân xã Bảo Lâm".
    pub fn people_committee(&self) -> String {
        format!("Ủy ban nhân dân {}", self.in_sentence())
    }
}

/// A "merged into" edge between unit eras.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitMerge {
    /// The unit that ended.
    pub from: UnitId,
    /// A unit that took it over.
    pub to: UnitId,
    /// First day of the successor.
    pub effective_on: NaiveDate,
}

/// Filter for unit listings; every field narrows the result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitQuery {
    /// Direct children of this unit.
    pub parent: Option<UnitId>,
    /// Anywhere below this unit (the subtree, the unit itself excluded).
    pub within: Option<UnitId>,
    /// Only this level.
    pub level: Option<AdminLevel>,
    /// Only units valid on this day.
    pub as_of: Option<NaiveDate>,
    /// Only units whose name contains this text, compared without diacritics.
    pub name_contains: Option<String>,
    /// Only eras with this official code.
    pub code: Option<String>,
    /// Only units at or below one of these (a caller's reach); anywhere when `None`.
    pub reach: Option<Vec<UnitId>>,
}

/// A slice of a longer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Items to skip.
    pub offset: u64,
    /// Items to return at most.
    pub limit: u64,
}

/// A page of results with the total count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// How many match in all.
    pub total: u64,
}

/// Metadata of a published configuration version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigVersionInfo {
    /// Tenant.
    pub tenant: TenantId,
    /// 1, 2, 3, … per tenant.
    pub version: i32,
    /// SHA-256 of the canonical content.
    pub content_hash: String,
    /// What changed against the previous version (JSON, see `ConfigDiff`).
    pub summary: String,
    /// Who published it.
    pub published_by: String,
    /// When.
    pub published_at: DateTime<Utc>,
}

/// A configuration version with its content (canonical JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConfig {
    /// Metadata.
    pub info: ConfigVersionInfo,
    /// Canonical JSON of the configuration.
    pub content: String,
}

/// A unit row to store on publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRecord {
    /// The unit.
    pub unit: Unit,
    /// Folded name for diacritic-free search.
    pub name_folded: String,
}

/// Everything one publication writes, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    /// The tenant row (created or updated).
    pub tenant: Tenant,
    /// The version the publisher saw as latest; the write fails with `Conflict` otherwise.
    pub expected_latest: Option<i32>,
    /// New version's metadata (`version` = expected + 1).
    pub info: ConfigVersionInfo,
    /// Canonical JSON content.
    pub content: String,
    /// The tenant's units after publication, parents before children (provinces: all units).
    pub units: Option<Vec<UnitRecord>>,
    /// The merge edges after publication.
    pub merges: Vec<UnitMerge>,
}
