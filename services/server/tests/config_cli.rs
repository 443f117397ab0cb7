//! `ansinh config check` against the shipped configuration and a copy with planted errors.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shipped() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config-tenants")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// Replaces the first occurrence of `from` in a file, failing if it is absent.
fn plant(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains(from), "{from:?} not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
}

fn check(dir: &Path) -> (i32, String) {
    check_as_of(dir, "2026-09-30")
}

fn check_as_of(dir: &Path, day: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ansinh"))
        .args(["config", "check", "--as-of", day])
        .arg(dir)
        .env_remove("ANSINH_CONFIG")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn the_shipped_configuration_is_clean() {
    let (status, output) = check(&shipped());
    assert_eq!(status, 0, "{output}");
    assert!(
        output.ends_with(": 0 lỗi/errors, 0 cảnh báo/warnings\n"),
        "{output}"
    );
}

#[test]
fn from_october_the_missing_schedule_of_next_year_is_a_warning() {
    let (status, output) = check_as_of(&shipped(), "2026-10-01");
    assert_eq!(status, 0, "warnings do not fail the check: {output}");
    assert!(
        output.contains("NEXT_YEAR_SCHEDULE_MISSING")
            && output.contains("chưa có lịch nghỉ chính thức năm 2027"),
        "{output}"
    );
    assert!(
        output.ends_with(": 0 lỗi/errors, 1 cảnh báo/warnings\n"),
        "{output}"
    );
    // The 2026 schedule is shipped: no warning about it in October 2025.
    let (_, output) = check_as_of(&shipped(), "2025-10-01");
    assert!(
        output.ends_with(": 0 lỗi/errors, 0 cảnh báo/warnings\n"),
        "{output}"
    );
}

/// Plants one error of each kind in a copy of the shipped configuration.
fn plant_every_error(root: &Path) {
    let cao_bang = root.join("04-cao-bang");
    // 1. An unknown field (in another province, since it stops that file from loading).
    plant(
        &root.join("12-lai-chau/payments.yaml"),
        "payment_day: 10",
        "payment_day: 10\npayment_hour: 9",
    );
    // 2. A duplicate unit code valid at the same time as the original.
    plant(
        &cao_bang.join("units.yaml"),
        "units:\n",
        "units:\n  - {code: \"01279\", level: commune, name: \"Trùng\", full_name: \"Xã Trùng\", parent: \"04\", valid_from: 2025-07-01}\n",
    );
    // 3. A workflow step with no handler position.
    plant(
        &cao_bang.join("workflows.yaml"),
        "        role: commune_social\n        budget: \"6d\"",
        "        budget: \"6d\"",
    );
    // 4. Step budgets no longer adding up to the statutory 10 working days.
    plant(
        &cao_bang.join("workflows.yaml"),
        "budget: \"2d\"",
        "budget: \"3d\"",
    );
    // 5. A unit whose parent does not exist.
    plant(
        &cao_bang.join("units-history.yaml"),
        "parent: \"040\"",
        "parent: \"099\"",
    );
    // 6. A step nobody staffs at one commune.
    plant(
        &cao_bang.join("assignments.yaml"),
        "  - {unit: \"01654\", role: commune_leader, officers: [\"lanhdao.01654\"], valid_from: 2025-07-01}\n",
        "",
    );

    // 7. A province working day on a national holiday (provinces may only add to the national layer).
    plant(
        &cao_bang.join("calendar.yaml"),
        "receipt_cutoff:",
        "working_days:\n  - {date: 2026-02-17, reason: \"Làm việc mùng 1 Tết\"}\nreceipt_cutoff:",
    );
    // 8. A weekend inside a break called a compensatory day.
    plant(
        &root.join("national/calendar.yaml"),
        "{date: 2025-01-25, kind: weekly_rest",
        "{date: 2025-01-25, kind: observed",
    );
}

#[test]
fn every_planted_error_is_found_and_named() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    copy_dir(&shipped(), root);
    plant_every_error(root);
    let (status, output) = check(root);
    assert_eq!(status, 1, "{output}");
    let expected = [
        "04-cao-bang/calendar.yaml: working_days[0].date [CALENDAR_CONFLICT] lỗi/error",
        "12-lai-chau/payments.yaml: payment_hour [UNKNOWN_FIELD] lỗi/error",
        "04-cao-bang/units.yaml: units[0].code [DUPLICATE_UNIT_CODE] lỗi/error",
        "04-cao-bang/workflows.yaml: workflows[0].steps[1].role [STEP_WITHOUT_HANDLER] lỗi/error",
        "04-cao-bang/workflows.yaml: workflows[0].steps [BUDGET_SUM_MISMATCH] cảnh báo/warning",
        "04-cao-bang/units-history.yaml: units[10].parent [UNKNOWN_PARENT] lỗi/error",
        "04-cao-bang/workflows.yaml: workflows[0].steps[2].role [UNSTAFFED_STEP] lỗi/error",
        "national/calendar.yaml: years[1].days_off[1].kind [BREAK_DAY_KIND] lỗi/error",
    ];
    for line in expected {
        assert!(output.contains(line), "missing {line:?} in:\n{output}");
    }
    assert!(
        output.contains("trường `payment_hour` không được phép ở đây"),
        "{output}"
    );
    assert!(
        output
            .contains("chưa có cán bộ thụ lý vị trí lãnh đạo UBND cấp xã tại Xã Hòa An (mã 01654)"),
        "{output}"
    );
    assert!(
        output.contains("tổng thời hạn các bước là 11d, khác thời hạn luật định 10d"),
        "{output}"
    );
    assert!(
        output.contains("đơn vị cấp trên 099 của đơn vị 01267"),
        "{output}"
    );
    assert!(
        output.contains("ngày 2026-02-17 là ngày nghỉ quốc gia (Tết Nguyên đán)"),
        "{output}"
    );
}
