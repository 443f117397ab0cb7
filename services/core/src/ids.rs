//! Typed identifiers. A value of these types has been validated on construction.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A tenant: a province (two-digit official code, e.g. `04`) or the national level (`VN`),
/// which holds the ministry's catalogue and calendars.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TenantId(String);

impl TenantId {
    /// Code of the national (ministry) tenant.
    pub const NATIONAL_CODE: &'static str = "VN";

    /// Parses a tenant code: two ASCII digits, or `VN`.
    pub fn parse(code: &str) -> Result<Self, DomainError> {
        let is_province = code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit());
        if is_province || code == Self::NATIONAL_CODE {
            Ok(Self(code.to_owned()))
        } else {
            Err(DomainError::InvalidTenantCode(code.to_owned()))
        }
    }

    /// The national tenant.
    pub fn national() -> Self {
        Self(Self::NATIONAL_CODE.to_owned())
    }

    /// Whether this is the national tenant.
    pub fn is_national(&self) -> bool {
        self.0 == Self::NATIONAL_CODE
    }

    /// The code as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TenantId {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TenantId> for String {
    fn from(value: TenantId) -> Self {
        value.0
    }
}

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A dossier's id: a UUIDv7 chosen by the application when the dossier is created (time-ordered,
/// so ids sort by creation).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct DossierId(String);

impl DossierId {
    /// The id written as text (as the API and the store carry it).
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DossierId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One era of an administrative unit: its official code plus the first day it is valid.
///
/// Official codes are reused across reforms (a commune formed on 2025-07-01 may keep the code of
/// one of the communes merged into it), so the code alone does not name a unit. Written as
/// `<code>@<valid_from>`, or `<code>@` when the start lies before our records.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitId {
    code: String,
    valid_from: Option<NaiveDate>,
}

impl UnitId {
    /// Builds the id of the unit era with this code starting on `valid_from`.
    pub fn new(code: impl Into<String>, valid_from: Option<NaiveDate>) -> Self {
        Self {
            code: code.into(),
            valid_from,
        }
    }

    /// Parses the `<code>@<valid_from>` form.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let invalid = || DomainError::InvalidUnitId(text.to_owned());
        let (code, from) = text.split_once('@').ok_or_else(invalid)?;
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let valid_from = if from.is_empty() {
            None
        } else {
            Some(NaiveDate::parse_from_str(from, "%Y-%m-%d").map_err(|_| invalid())?)
        };
        Ok(Self::new(code, valid_from))
    }

    /// The official code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// First day of this era, if known.
    pub fn valid_from(&self) -> Option<NaiveDate> {
        self.valid_from
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.valid_from {
            Some(date) => write!(f, "{}@{}", self.code, date.format("%Y-%m-%d")),
            None => write!(f, "{}@", self.code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_codes() {
        assert_eq!(
            TenantId::parse("04").map(|t| t.to_string()),
            Ok("04".into())
        );
        assert!(TenantId::parse("VN").is_ok_and(|t| t.is_national()));
        assert_eq!(
            TenantId::parse("4").map_err(|e| e.code()),
            Err("INVALID_TENANT")
        );
        assert!(TenantId::parse("0a").is_err());
        assert!(TenantId::parse("004").is_err());
    }

    #[test]
    fn unit_id_round_trip() {
        for text in ["04@", "01234@2025-07-01"] {
            assert_eq!(
                UnitId::parse(text).map(|id| id.to_string()),
                Ok(text.into())
            );
        }
        for bad in ["04", "@", "x1@", "01@2025-13-01", "01@2025-07-01x"] {
            assert_eq!(
                UnitId::parse(bad).map_err(|e| e.code()),
                Err("INVALID_UNIT_ID"),
                "{bad}"
            );
        }
    }
}
