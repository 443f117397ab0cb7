//! Administrative units as effective-dated data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// Level of an administrative unit. Since 1 July 2025 there are no districts; they remain in
/// history for dossiers handled before the reform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminLevel {
    /// Tỉnh / thành phố trực thuộc trung ương.
    Province,
    /// Quận / huyện / thị xã / thành phố thuộc tỉnh (until 2025-06-30).
    District,
    /// Xã / phường / thị trấn / đặc khu.
    Commune,
}

impl AdminLevel {
    /// Stable lowercase name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::District => "district",
            Self::Commune => "commune",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "province" => Some(Self::Province),
            "district" => Some(Self::District),
            "commune" => Some(Self::Commune),
            _ => None,
        }
    }

    /// Vietnamese name of the level.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Province => "cấp tỉnh",
            Self::District => "cấp huyện",
            Self::Commune => "cấp xã",
        }
    }

    /// Whether a unit of this level may sit directly under a unit of `parent` level.
    pub fn may_have_parent(self, parent: AdminLevel) -> bool {
        matches!(
            (parent, self),
            (Self::Province, Self::District | Self::Commune) | (Self::District, Self::Commune)
        )
    }
}

/// Closed interval of days during which a unit exists; open ends mean "before our records" and
/// "still valid".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Validity {
    /// First day, if known.
    pub from: Option<NaiveDate>,
    /// Last day, if the unit has ended.
    pub to: Option<NaiveDate>,
}

impl Validity {
    /// Builds an interval, refusing one that ends before it starts.
    pub fn new(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Self, DomainError> {
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(DomainError::InvalidValidity { from, to });
        }
        Ok(Self { from, to })
    }

    /// Whether the unit exists on `day`.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day <= to)
    }

    /// Whether two intervals share at least one day.
    pub fn overlaps(&self, other: &Validity) -> bool {
        let starts_before_other_ends = match (self.from, other.to) {
            (Some(from), Some(to)) => from <= to,
            _ => true,
        };
        let other_starts_before_self_ends = match (other.from, self.to) {
            (Some(from), Some(to)) => from <= to,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn validity_contains_and_overlaps() {
        let legacy = Validity::new(None, Some(day(2025, 6, 30))).unwrap_or_default();
        let current = Validity::new(Some(day(2025, 7, 1)), None).unwrap_or_default();
        assert!(legacy.contains(day(2025, 6, 30)));
        assert!(!legacy.contains(day(2025, 7, 1)));
        assert!(current.contains(day(2030, 1, 1)));
        assert!(!legacy.overlaps(&current));
        assert!(legacy.overlaps(&Validity::default()));
        assert_eq!(
            Validity::new(Some(day(2025, 7, 1)), Some(day(2025, 6, 30))).map_err(|e| e.code()),
            Err("INVALID_VALIDITY")
        );
    }

    #[test]
    fn level_nesting() {
        assert!(AdminLevel::Commune.may_have_parent(AdminLevel::Province));
        assert!(AdminLevel::Commune.may_have_parent(AdminLevel::District));
        assert!(!AdminLevel::District.may_have_parent(AdminLevel::Commune));
        assert!(!AdminLevel::Province.may_have_parent(AdminLevel::Province));
    }
}
