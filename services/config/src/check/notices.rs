//! `notifications.yaml`: every schedule parses as a cron expression, every job and every kind
//! of message has a national default, and every template starts with its subject line.

use std::str::FromStr;

use crate::model::{JobName, NoticeKind, NoticesFile};
use crate::problem::Problems;

/// Checks the national file (`complete`: every job and kind must be there) or a province's.
pub(super) fn check(file_name: &str, file: &NoticesFile, complete: bool, problems: &mut Problems) {
    for (job, expression) in &file.schedules {
        if let Err(err) = cron::Schedule::from_str(expression) {
            problems.error(
                "INVALID_SCHEDULE",
                file_name,
                format!("schedules.{job}"),
                format!(
                    "«{expression}» không phải biểu thức cron hợp lệ ({err}); viết sáu trường giây phút giờ ngày tháng thứ, ví dụ \"0 30 7 * * Mon-Fri\""
                ),
                format!("«{expression}» is not a valid cron expression ({err}); write six fields (sec min hour day month weekday), e.g. \"0 30 7 * * Mon-Fri\""),
            );
        }
    }
    for (kind, rule) in &file.messages {
        let text = file
            .texts
            .get(&rule.template)
            .map(String::as_str)
            .unwrap_or("");
        if !text.trim_start().starts_with("# ") && file.texts.contains_key(&rule.template) {
            problems.error(
                "TEMPLATE_WITHOUT_SUBJECT",
                file_name,
                format!("messages.{kind}.template"),
                format!("mẫu {} phải bắt đầu bằng dòng tiêu đề «# …»", rule.template),
                format!(
                    "template {} must start with its subject line «# …»",
                    rule.template
                ),
            );
        }
    }
    if let Some(wait) = file.supplement_wait
        && (wait.remind_after_days == 0 || wait.return_after_days <= wait.remind_after_days)
    {
        problems.error(
            "INVALID_SUPPLEMENT_WAIT",
            file_name,
            "supplement_wait",
            format!(
                "cần 0 < remind_after_days < return_after_days (đang là {} và {})",
                wait.remind_after_days, wait.return_after_days
            ),
            format!(
                "needs 0 < remind_after_days < return_after_days (got {} and {})",
                wait.remind_after_days, wait.return_after_days
            ),
        );
    }
    if !complete {
        return;
    }
    if file.supplement_wait.is_none() {
        missing(
            problems,
            file_name,
            "supplement_wait".to_owned(),
            "thời gian chờ bổ sung",
            "supplement wait",
        );
    }
    for job in JobName::ALL {
        if !file.schedules.contains_key(&job) {
            missing(
                problems,
                file_name,
                format!("schedules.{job}"),
                "lịch chạy",
                "schedule",
            );
        }
    }
    for kind in NoticeKind::ALL {
        if !file.messages.contains_key(&kind) {
            missing(
                problems,
                file_name,
                format!("messages.{kind}"),
                "quy tắc thông báo",
                "message rule",
            );
        }
    }
}

fn missing(problems: &mut Problems, file: &str, path: String, vi: &str, en: &str) {
    problems.error(
        "MISSING_DEFAULT",
        file,
        path.clone(),
        format!("thiếu {vi} mặc định {path}"),
        format!("the default {en} {path} is missing"),
    );
}
