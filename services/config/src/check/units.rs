//! Checks of `units.yaml` and `units-history.yaml`, and the unit index other checks use.

use std::collections::HashMap;

use ansinh_core::{AdminLevel, TenantId, Validity};
use chrono::{Days, NaiveDate};

use super::file;
use crate::model::{ProvinceConfig, UnitEntry};
use crate::problem::Problems;

/// Units of one province by code, every era, for lookups by date.
#[derive(Debug, Default)]
pub(crate) struct UnitIndex<'a> {
    by_code: HashMap<&'a str, Vec<&'a UnitEntry>>,
}

impl<'a> UnitIndex<'a> {
    pub(crate) fn build(province: &'a ProvinceConfig) -> Self {
        let mut by_code: HashMap<&str, Vec<&UnitEntry>> = HashMap::new();
        for unit in province.all_units() {
            by_code.entry(unit.code.as_str()).or_default().push(unit);
        }
        Self { by_code }
    }

    /// The era of `code` in force during `during` (containing its start when known).
    pub(crate) fn resolve(&self, code: &str, during: Validity) -> Option<&'a UnitEntry> {
        self.by_code.get(code)?.iter().copied().find(|unit| {
            let validity = validity_of(unit);
            match during.from {
                Some(day) => validity.contains(day),
                None => validity.overlaps(&during),
            }
        })
    }

    /// The era of `code` in force on `day`.
    pub(crate) fn on(&self, code: &str, day: NaiveDate) -> Option<&'a UnitEntry> {
        self.resolve(
            code,
            Validity {
                from: Some(day),
                to: Some(day),
            },
        )
    }

    /// Every unit of `level` whose validity overlaps `during`.
    pub(super) fn at_level(&self, level: AdminLevel, during: Validity) -> Vec<&'a UnitEntry> {
        let mut units: Vec<&UnitEntry> = self
            .by_code
            .values()
            .flatten()
            .copied()
            .filter(|unit| unit.level == level && validity_of(unit).overlaps(&during))
            .collect();
        units.sort_by(|a, b| (&a.code, a.valid_from).cmp(&(&b.code, b.valid_from)));
        units
    }

    /// The unit itself or its ancestor at `level`.
    pub(super) fn ancestor_at(
        &self,
        unit: &'a UnitEntry,
        level: AdminLevel,
    ) -> Option<&'a UnitEntry> {
        let mut current = unit;
        for _ in 0..4 {
            if current.level == level {
                return Some(current);
            }
            let parent = current.parent.as_deref()?;
            current = self.resolve(parent, validity_of(current))?;
        }
        None
    }
}

/// A unit entry's validity (entries failing `Validity::new` are reported by `check`).
pub(crate) fn validity_of(unit: &UnitEntry) -> Validity {
    Validity {
        from: unit.valid_from,
        to: unit.valid_to,
    }
}

pub(super) fn check<'a>(
    folder: &str,
    province: &'a ProvinceConfig,
    problems: &mut Problems,
) -> UnitIndex<'a> {
    let index = UnitIndex::build(province);
    let files = [
        ("units.yaml", Some(&province.units)),
        ("units-history.yaml", province.units_history.as_ref()),
    ];
    let tenant = &province.tenant.code;
    let expected_folder = format!(
        "{tenant}-{}",
        ansinh_core::text::slug(&province.tenant.name)
    );
    if TenantId::parse(tenant).is_err() || folder != expected_folder {
        problems.error(
            "TENANT_CODE_MISMATCH",
            file(folder, "tenant.yaml"),
            "code",
            format!(
                "mã tỉnh {tenant:?} phải gồm 2 chữ số và thư mục phải tên là {expected_folder:?} (dạng <mã>-<tên không dấu>), không phải {folder:?}"
            ),
            format!(
                "province code {tenant:?} must be two digits and the folder must be named {expected_folder:?} (<code>-<slug>), not {folder:?}"
            ),
        );
    }
    if let Err(error) =
        ansinh_core::dossier::check_code_pattern(&province.tenant.dossier_code_pattern)
    {
        problems.error(
            "INVALID_CODE_PATTERN",
            file(folder, "tenant.yaml"),
            "dossier_code_pattern",
            error.to_string(),
            "the dossier code pattern must contain {agency}, {yyMMdd} and {seq4} and nothing else in braces",
        );
    }
    let provinces = province
        .units
        .units
        .iter()
        .filter(|unit| unit.level == AdminLevel::Province)
        .count();
    if provinces != 1 {
        problems.error(
            "PROVINCE_UNIT_COUNT",
            file(folder, "units.yaml"),
            "units",
            format!("units.yaml phải có đúng một đơn vị cấp tỉnh (đang có {provinces})"),
            format!("units.yaml must hold exactly one province unit (found {provinces})"),
        );
    }
    for (name, units) in files {
        let Some(units) = units else { continue };
        for (i, unit) in units.units.iter().enumerate() {
            check_unit(folder, name, i, unit, &index, problems);
        }
    }
    index
}

/// Where a unit entry sits, for naming problems.
struct EntryAt<'a> {
    file: String,
    i: usize,
    unit: &'a UnitEntry,
}

impl EntryAt<'_> {
    fn field(&self, field: &str) -> String {
        format!("units[{}].{field}", self.i)
    }
}

fn check_unit(
    folder: &str,
    name: &str,
    i: usize,
    unit: &UnitEntry,
    index: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let entry = EntryAt {
        file: file(folder, name),
        i,
        unit,
    };
    let Ok(validity) = Validity::new(unit.valid_from, unit.valid_to) else {
        problems.error(
            "INVALID_VALIDITY",
            &entry.file,
            entry.field("valid_to"),
            format!("đơn vị {}: ngày hết hiệu lực trước ngày bắt đầu", unit.code),
            format!("unit {}: valid_to is before valid_from", unit.code),
        );
        return;
    };
    check_code_unique(&entry, validity, index, problems);
    check_parent(&entry, validity, index, problems);
    check_merges(&entry, index, problems);
}

/// A code names one unit at a time.
fn check_code_unique(
    entry: &EntryAt<'_>,
    validity: Validity,
    index: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let unit = entry.unit;
    let same_code = index.by_code.get(unit.code.as_str()).map_or(0, |eras| {
        eras.iter()
            .filter(|other| validity_of(other).overlaps(&validity))
            .count()
    });
    if same_code > 1 {
        problems.error(
            "DUPLICATE_UNIT_CODE",
            &entry.file,
            entry.field("code"),
            format!(
                "mã đơn vị {} ({}) trùng với một đơn vị khác có hiệu lực cùng thời gian; mỗi mã chỉ dùng cho một đơn vị tại một thời điểm",
                unit.code, unit.full_name
            ),
            format!(
                "unit code {} ({}) is used by another unit valid at the same time; a code names one unit at a time",
                unit.code, unit.full_name
            ),
        );
    }
}

/// A unit below the province sits under an existing unit of a level that may hold it.
fn check_parent(
    entry: &EntryAt<'_>,
    validity: Validity,
    index: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let (unit, file) = (entry.unit, &entry.file);
    let at = |field: &str| entry.field(field);
    match (&unit.parent, unit.level) {
        (None, AdminLevel::Province) => {}
        (None, level) => problems.error(
            "MISSING_PARENT",
            file,
            at("parent"),
            format!("đơn vị {} ({}) thiếu đơn vị cấp trên", unit.code, level.label_vi()),
            format!("unit {} has no parent", unit.code),
        ),
        (Some(parent), level) => match index.resolve(parent, validity) {
            None => problems.error(
                "UNKNOWN_PARENT",
                file,
                at("parent"),
                format!(
                    "đơn vị cấp trên {parent} của đơn vị {} ({}) không tồn tại trong thời gian hiệu lực của đơn vị này",
                    unit.code, unit.full_name
                ),
                format!(
                    "parent {parent} of unit {} ({}) does not exist while the unit is valid",
                    unit.code, unit.full_name
                ),
            ),
            Some(found) if !level.may_have_parent(found.level) => problems.error(
                "INVALID_PARENT_LEVEL",
                file,
                at("parent"),
                format!(
                    "đơn vị {} ({}) không thể trực thuộc đơn vị {} ({})",
                    unit.code,
                    level.label_vi(),
                    found.code,
                    found.level.label_vi()
                ),
                format!(
                    "a {} unit ({}) cannot sit under a {} unit ({})",
                    level.as_str(),
                    unit.code,
                    found.level.as_str(),
                    found.code
                ),
            ),
            Some(_) => {}
        },
    }
}

/// A merged unit ends, and what it merged into exists the day after.
fn check_merges(entry: &EntryAt<'_>, index: &UnitIndex<'_>, problems: &mut Problems) {
    let (unit, file, i) = (entry.unit, &entry.file, entry.i);
    if unit.merged_into.is_empty() {
        return;
    }
    let Some(successor_day) = unit
        .valid_to
        .and_then(|to| to.checked_add_days(Days::new(1)))
    else {
        problems.error(
            "MERGE_WITHOUT_END",
            file,
            entry.field("merged_into"),
            format!(
                "đơn vị {} được sáp nhập nhưng chưa có ngày hết hiệu lực (valid_to)",
                unit.code
            ),
            format!(
                "unit {} is merged into others but has no valid_to",
                unit.code
            ),
        );
        return;
    };
    for (j, target) in unit.merged_into.iter().enumerate() {
        if index.on(target, successor_day).is_none() {
            problems.error(
                "UNKNOWN_MERGE_TARGET",
                file,
                format!("units[{i}].merged_into[{j}]"),
                format!(
                    "đơn vị {} được sáp nhập vào {target}, nhưng không có đơn vị mã {target} hiệu lực ngày {successor_day}",
                    unit.code
                ),
                format!(
                    "unit {} is merged into {target}, but no unit {target} is valid on {successor_day}",
                    unit.code
                ),
            );
        }
    }
}
