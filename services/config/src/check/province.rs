//! Checks of a province's offices, procedures, assignments, calendar, templates and payments.

use std::collections::{HashMap, HashSet};

use ansinh_core::Validity;
use ansinh_core::calendar::rules::rule_days;
use chrono::{Datelike, NaiveDate};

use super::units::UnitIndex;
use super::{declared_twice, file, unknown_procedure};
use crate::model::{MoneyLevel, NationalConfig, OfficeServes, ProvinceConfig, TemplateKind};
use crate::problem::Problems;

pub(super) fn check(
    folder: &str,
    province: &ProvinceConfig,
    national: &NationalConfig,
    units: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    check_offices(folder, province, units, problems);
    check_procedures(folder, province, national, units, problems);
    check_assignments(folder, province, units, problems);
    check_calendar(folder, province, national, problems);
    check_templates(folder, province, national, problems);
    check_payments(folder, province, national, problems);
}

/// Reports unit codes in `serves` that name no current unit.
fn check_serves(
    serves: &OfficeServes,
    file: &str,
    path: &str,
    units: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    if serves.level.is_none() && serves.units.is_empty() {
        problems.error(
            "EMPTY_UNIT_SELECTION",
            file,
            path,
            "cần ghi `level` (mọi đơn vị của cấp đó) hoặc danh sách `units`",
            "give `level` (every unit of that level) or a list of `units`",
        );
    }
    for (j, code) in serves.units.iter().enumerate() {
        if units.resolve(code, Validity::default()).is_none() {
            problems.error(
                "UNKNOWN_UNIT",
                file,
                format!("{path}.units[{j}]"),
                format!("không có đơn vị hành chính mã {code} trong units.yaml"),
                format!("no administrative unit with code {code} in units.yaml"),
            );
        }
    }
}

fn check_offices(
    folder: &str,
    province: &ProvinceConfig,
    units: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let file = file(folder, "offices.yaml");
    let mut codes = HashSet::new();
    let mut served_by: HashMap<&str, &str> = HashMap::new();
    for (i, office) in province.offices.offices.iter().enumerate() {
        if !codes.insert(office.code.as_str()) {
            let at = (file.as_str(), format!("offices[{i}].code"));
            declared_twice(
                problems,
                "DUPLICATE_OFFICE",
                at,
                ("mã bộ phận", "office code"),
                &office.code,
            );
        }
        check_serves(
            &office.serves,
            &file,
            &format!("offices[{i}].serves"),
            units,
            problems,
        );
        for code in &office.serves.units {
            if let Some(other) = served_by.insert(code, &office.code) {
                problems.error(
                    "UNIT_SERVED_TWICE",
                    &file,
                    format!("offices[{i}].serves"),
                    format!(
                        "đơn vị {code} được gán cho cả bộ phận {other} và {}",
                        office.code
                    ),
                    format!(
                        "unit {code} is served by both office {other} and {}",
                        office.code
                    ),
                );
            }
        }
        if office.sessions.values().all(Vec::is_empty) {
            problems.error(
                "NO_SESSIONS",
                &file,
                format!("offices[{i}].sessions"),
                format!(
                    "bộ phận {} chưa có phiên làm việc nào trong tuần",
                    office.code
                ),
                format!("office {} has no working session in the week", office.code),
            );
        }
        for (day, sessions) in &office.sessions {
            let mut sorted = sessions.clone();
            sorted.sort();
            if sorted.windows(2).any(|pair| pair[0].end > pair[1].start) {
                problems.error(
                    "OVERLAPPING_SESSIONS",
                    &file,
                    format!("offices[{i}].sessions.{day:?}").to_lowercase(),
                    format!(
                        "bộ phận {}: các phiên làm việc trong ngày chồng lên nhau",
                        office.code
                    ),
                    format!("office {}: sessions of one day overlap", office.code),
                );
            }
        }
    }
}

fn check_procedures(
    folder: &str,
    province: &ProvinceConfig,
    national: &NationalConfig,
    units: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let file = file(folder, "procedures.yaml");
    let catalogue: HashSet<&str> = national
        .catalogue
        .procedures
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    let workflows: HashMap<&str, &str> = province
        .workflows
        .workflows
        .iter()
        .map(|w| (w.code.as_str(), w.procedure.as_str()))
        .collect();
    for (i, procedure) in province.procedures.procedures.iter().enumerate() {
        if !catalogue.contains(procedure.code.as_str()) {
            let path = format!("procedures[{i}].code");
            unknown_procedure(problems, &file, path, &procedure.code);
        }
        for (j, workflow) in procedure.workflows.iter().enumerate() {
            let path = format!("procedures[{i}].workflows[{j}]");
            match workflows.get(workflow.as_str()) {
                None => problems.error(
                    "UNKNOWN_WORKFLOW",
                    &file,
                    path,
                    format!("quy trình {workflow} không có trong workflows.yaml"),
                    format!("workflow {workflow} is not defined in workflows.yaml"),
                ),
                Some(owner) if *owner != procedure.code => problems.error(
                    "WORKFLOW_PROCEDURE_MISMATCH",
                    &file,
                    path,
                    format!(
                        "quy trình {workflow} thuộc thủ tục {owner}, không phải {}",
                        procedure.code
                    ),
                    format!(
                        "workflow {workflow} belongs to procedure {owner}, not {}",
                        procedure.code
                    ),
                ),
                Some(_) => {}
            }
        }
        let path = format!("procedures[{i}].enabled_at");
        check_serves(&procedure.enabled_at, &file, &path, units, problems);
        let entry = national
            .catalogue
            .procedures
            .iter()
            .find(|p| p.code == procedure.code);
        let at = format!("procedures[{i}]");
        super::components::check_province(procedure, entry, (&file, &at), problems);
    }
}

fn check_assignments(
    folder: &str,
    province: &ProvinceConfig,
    units: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let file = file(folder, "assignments.yaml");
    let mut seen: HashMap<(&str, &str), Vec<Validity>> = HashMap::new();
    for (i, assignment) in province.assignments.assignments.iter().enumerate() {
        let Ok(validity) = Validity::new(assignment.valid_from, assignment.valid_to) else {
            problems.error(
                "INVALID_VALIDITY",
                &file,
                format!("assignments[{i}].valid_to"),
                "ngày kết thúc phân công trước ngày bắt đầu",
                "the assignment ends before it starts",
            );
            continue;
        };
        if units.resolve(&assignment.unit, validity).is_none() {
            problems.error(
                "UNKNOWN_UNIT",
                &file,
                format!("assignments[{i}].unit"),
                format!(
                    "không có đơn vị mã {} trong thời gian hiệu lực của phân công",
                    assignment.unit
                ),
                format!(
                    "no unit {} exists while the assignment is valid",
                    assignment.unit
                ),
            );
        }
        if assignment.officers.is_empty() {
            problems.error(
                "EMPTY_ASSIGNMENT",
                &file,
                format!("assignments[{i}].officers"),
                format!(
                    "phân công {} tại đơn vị {} chưa có cán bộ nào",
                    assignment.role.title_vi(),
                    assignment.unit
                ),
                format!(
                    "the {} assignment at unit {} names no officer",
                    assignment.role.as_str(),
                    assignment.unit
                ),
            );
        }
        let key = (assignment.unit.as_str(), assignment.role.as_str());
        let earlier = seen.entry(key).or_default();
        if earlier.iter().any(|other| other.overlaps(&validity)) {
            problems.error(
                "DUPLICATE_ASSIGNMENT",
                &file,
                format!("assignments[{i}]"),
                format!(
                    "vị trí {} tại đơn vị {} đã được phân công trong cùng thời gian; hãy gộp danh sách cán bộ",
                    assignment.role.title_vi(),
                    assignment.unit
                ),
                format!(
                    "position {} at unit {} is already assigned for the same period; merge the officer lists",
                    assignment.role.as_str(),
                    assignment.unit
                ),
            );
        }
        earlier.push(validity);
    }
}

/// The province may add days off and working days, never take away the national ones.
fn check_calendar(
    folder: &str,
    province: &ProvinceConfig,
    national: &NationalConfig,
    problems: &mut Problems,
) {
    let file = file(folder, "calendar.yaml");
    let official = crate::calendar::official_years(national);
    let national_day_off = |date: NaiveDate| match official.get(&date.year()) {
        Some(year) => year.days_off.get(&date).map(|(_, reason)| reason.clone()),
        None => rule_days(date.year())
            .into_iter()
            .find(|day| day.date == date)
            .map(|day| day.name),
    };
    let national_make_up = |date: NaiveDate| {
        official
            .get(&date.year())
            .and_then(|year| year.make_up.get(&date).cloned())
    };
    let off: HashSet<NaiveDate> = province.calendar.days_off.iter().map(|d| d.date).collect();
    for (i, day) in province.calendar.working_days.iter().enumerate() {
        let path = format!("working_days[{i}].date");
        if off.contains(&day.date) {
            problems.error(
                "CALENDAR_CONFLICT",
                &file,
                path,
                format!("ngày {} vừa là ngày nghỉ vừa là ngày làm việc", day.date),
                format!("{} is both a day off and a working day", day.date),
            );
        } else if let Some(reason) = national_day_off(day.date) {
            problems.error(
                "CALENDAR_CONFLICT",
                &file,
                path,
                format!(
                    "ngày {} là ngày nghỉ quốc gia ({reason}); tỉnh chỉ được thêm ngày nghỉ hoặc ngày làm việc, không được bỏ ngày nghỉ quốc gia",
                    day.date
                ),
                format!(
                    "{} is a national day off ({reason}); a province may add days, not remove national ones",
                    day.date
                ),
            );
        }
    }
    for (i, day) in province.calendar.days_off.iter().enumerate() {
        if let Some(reason) = national_make_up(day.date) {
            problems.error(
                "CALENDAR_CONFLICT",
                &file,
                format!("days_off[{i}].date"),
                format!(
                    "ngày {} là ngày làm bù quốc gia ({reason}); tỉnh không được cho nghỉ ngày này",
                    day.date
                ),
                format!(
                    "{} is a national make-up working day ({reason}); a province cannot give it off",
                    day.date
                ),
            );
        }
    }
}

fn check_templates(
    folder: &str,
    province: &ProvinceConfig,
    national: &NationalConfig,
    problems: &mut Problems,
) {
    let file = file(folder, "templates.yaml");
    let mut codes = HashSet::new();
    for (i, template) in province.templates.templates.iter().enumerate() {
        if !codes.insert(template.code.as_str()) {
            let at = (file.as_str(), format!("templates[{i}].code"));
            declared_twice(
                problems,
                "DUPLICATE_TEMPLATE",
                at,
                ("mã mẫu", "template code"),
                &template.code,
            );
        }
        let inside = template.file.starts_with("templates/")
            && template.file.ends_with(".md")
            && !template
                .file
                .split('/')
                .any(|part| part == ".." || part.is_empty());
        if !inside {
            problems.error(
                "TEMPLATE_OUTSIDE_FOLDER",
                file.as_str(),
                format!("templates[{i}].file"),
                format!(
                    "tệp mẫu {} phải là tệp .md trong thư mục templates/ của tỉnh",
                    template.file
                ),
                format!(
                    "the template file {} must be a .md file under templates/",
                    template.file
                ),
            );
        }
        match &template.procedure {
            Some(procedure) => {
                let known = national
                    .catalogue
                    .procedures
                    .iter()
                    .any(|p| &p.code == procedure);
                if !known {
                    let path = format!("templates[{i}].procedure");
                    unknown_procedure(problems, &file, path, procedure);
                }
            }
            None if template.kind == TemplateKind::Decision => problems.error(
                "TEMPLATE_PROCEDURE_REQUIRED",
                file.as_str(),
                format!("templates[{i}].procedure"),
                format!(
                    "mẫu quyết định {} cần ghi thủ tục (procedure)",
                    template.code
                ),
                format!(
                    "the decision template {} needs its procedure",
                    template.code
                ),
            ),
            None => {}
        }
    }
}

/// The national standard level in force on `day`.
fn national_level_on(levels: &[MoneyLevel], day: NaiveDate) -> Option<i64> {
    levels
        .iter()
        .rev()
        .find(|level| level.valid_from <= day)
        .map(|level| level.monthly_vnd)
}

fn check_payments(
    folder: &str,
    province: &ProvinceConfig,
    national: &NationalConfig,
    problems: &mut Problems,
) {
    let file = file(folder, "payments.yaml");
    let payments = &province.payments;
    if !(1..=28).contains(&payments.payment_day) {
        problems.error(
            "INVALID_PAYMENT_DAY",
            &file,
            "payment_day",
            "ngày chi trả phải từ 1 đến 28 để tháng nào cũng có",
            "the payment day must be 1 to 28 so that every month has it",
        );
    }
    if payments.methods.is_empty() {
        problems.error(
            "NO_PAYMENT_METHOD",
            &file,
            "methods",
            "cần ít nhất một hình thức chi trả",
            "at least one payment method is needed",
        );
    }
    let national_levels = &national.assistance_levels.standard_levels;
    for (i, level) in payments.standard_levels.iter().enumerate() {
        let floor = national_level_on(national_levels, level.valid_from).unwrap_or(0);
        if level.monthly_vnd < floor {
            problems.error(
                "LEVEL_BELOW_NATIONAL",
                &file,
                format!("standard_levels[{i}].monthly_vnd"),
                format!(
                    "mức chuẩn của tỉnh ({} đồng) thấp hơn mức chuẩn quốc gia ({floor} đồng) tại ngày {}",
                    level.monthly_vnd, level.valid_from
                ),
                format!(
                    "the province level ({} VND) is below the national level ({floor} VND) on {}",
                    level.monthly_vnd, level.valid_from
                ),
            );
        }
    }
}
