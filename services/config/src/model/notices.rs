//! `notifications.yaml`: when the background jobs run and which messages they send. The
//! national file gives the defaults; a province's optional file overrides a schedule by job
//! and a message by kind.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// `notifications.yaml` (national: the defaults; province: overrides).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticesFile {
    /// Cron expressions (seconds, minutes, hours, day of month, month, weekday) in Vietnam's
    /// time (UTC+7), by job.
    #[serde(default)]
    pub schedules: BTreeMap<JobName, String>,
    /// Messages by what they tell.
    #[serde(default)]
    pub messages: BTreeMap<NoticeKind, MessageRule>,
    /// How long a dossier waits for the citizen's supplement (national default; a province's
    /// replaces it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplement_wait: Option<SupplementWait>,
    /// The province's texts of the message templates it overrides, by path in its folder
    /// (filled by the loader, like the decision templates; the national texts are in
    /// `NationalConfig::message_texts`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub texts: BTreeMap<String, String>,
}

/// Working days a requested supplement is waited for: the citizen is reminded once after
/// `remind_after_days`, and the dossier is returned after `return_after_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplementWait {
    /// Working days before the reminder.
    pub remind_after_days: u32,
    /// Working days before the dossier is returned unsupplemented.
    pub return_after_days: u32,
}

/// The scheduled jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobName {
    /// Step due soon and step late warnings (cảnh báo sắp đến hạn, quá hạn).
    SlaWarnings,
    /// The daily list of late dossiers for the province's viewers.
    LateDigest,
    /// Supplements waited for: the citizen reminded, the dossier returned after the wait.
    SupplementWait,
}

impl JobName {
    /// Every job.
    pub const ALL: [Self; 3] = [Self::SlaWarnings, Self::LateDigest, Self::SupplementWait];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SlaWarnings => "sla_warnings",
            Self::LateDigest => "late_digest",
            Self::SupplementWait => "supplement_wait",
        }
    }

    /// The job a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|job| job.as_str() == name)
    }
}

impl fmt::Display for JobName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a message tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A dossier was handed to an officer (chuyển đến).
    HandedOver,
    /// The officer's step is due soon.
    StepDueSoon,
    /// The officer's step is late (to the holder and the unit's leader; cannot be turned off).
    StepLate,
    /// The province viewer's daily list of late dossiers.
    LateDigest,
    /// The applicant's result is ready.
    ResultReady,
    /// The applicant is asked to supplement the dossier.
    SupplementRequested,
    /// The applicant is reminded of the supplement still awaited.
    SupplementReminder,
    /// The applicant is told the dossier was returned: the supplement did not come in time.
    SupplementLapsed,
    /// The officer who held it is told the system returned the dossier.
    AutoReturned,
    /// The holder is told the appointment has passed and the apology letter is due.
    AppointmentPassed,
    /// The applicant receives the apology letter with the new appointment.
    ApologyLetter,
}

impl NoticeKind {
    /// Every kind.
    pub const ALL: [Self; 11] = [
        Self::HandedOver,
        Self::StepDueSoon,
        Self::StepLate,
        Self::LateDigest,
        Self::ResultReady,
        Self::SupplementRequested,
        Self::SupplementReminder,
        Self::SupplementLapsed,
        Self::AutoReturned,
        Self::AppointmentPassed,
        Self::ApologyLetter,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HandedOver => "handed_over",
            Self::StepDueSoon => "step_due_soon",
            Self::StepLate => "step_late",
            Self::LateDigest => "late_digest",
            Self::ResultReady => "result_ready",
            Self::SupplementRequested => "supplement_requested",
            Self::SupplementReminder => "supplement_reminder",
            Self::SupplementLapsed => "supplement_lapsed",
            Self::AutoReturned => "auto_returned",
            Self::AppointmentPassed => "appointment_passed",
            Self::ApologyLetter => "apology_letter",
        }
    }

    /// The kind a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// Whether the message goes to officers (who may turn it off unless it is mandatory) or
    /// to the applicant.
    pub fn to_officers(self) -> bool {
        !matches!(
            self,
            Self::ResultReady
                | Self::SupplementRequested
                | Self::SupplementReminder
                | Self::SupplementLapsed
                | Self::ApologyLetter
        )
    }

    /// Late warnings (and the prompt for the apology letter a late dossier needs) reach
    /// officers whatever they chose.
    pub fn mandatory(self) -> bool {
        matches!(self, Self::StepLate | Self::AppointmentPassed)
    }
}

impl fmt::Display for NoticeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a kind of message is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRule {
    /// Channels, in order (`email`, `sms`, `zalo`); none turns the message off.
    pub channels: Vec<Channel>,
    /// Template file (Markdown with merge fields; its first line `# …` is the subject), relative
    /// to the folder of the file naming it.
    pub template: String,
    /// Procedures it is limited to (catalogue codes); every procedure when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedures: Vec<String>,
    /// Steps it is limited to (step codes); every step when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
}

impl MessageRule {
    /// Whether the rule covers a dossier of `procedure` at `step`.
    pub fn covers(&self, procedure: &str, step: Option<&str>) -> bool {
        let procedure_ok =
            self.procedures.is_empty() || self.procedures.iter().any(|p| p == procedure);
        let step_ok =
            self.steps.is_empty() || step.is_some_and(|step| self.steps.iter().any(|s| s == step));
        procedure_ok && step_ok
    }
}

/// A way to reach someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// E-mail.
    Email,
    /// SMS to the phone number.
    Sms,
    /// Zalo message to the phone number.
    Zalo,
}

impl Channel {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Zalo => "zalo",
        }
    }

    /// The channel a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Email, Self::Sms, Self::Zalo]
            .into_iter()
            .find(|channel| channel.as_str() == name)
    }
}

/// The schedules and message rules in force for a province: its overrides over the national
/// defaults, each message with the text of its template.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectiveNotices {
    /// Cron expression by job.
    pub schedules: BTreeMap<JobName, String>,
    /// Rule and template text by kind.
    pub messages: BTreeMap<NoticeKind, (MessageRule, String)>,
    /// The supplement wait (none only when the national file lacks it, which the check
    /// refuses).
    pub supplement_wait: Option<SupplementWait>,
}

impl EffectiveNotices {
    /// Merges a province's overrides (`None` without a file) over the national defaults.
    pub fn merge(
        national: &NoticesFile,
        national_texts: &BTreeMap<String, String>,
        province: Option<&NoticesFile>,
    ) -> Self {
        let mut schedules = national.schedules.clone();
        let mut messages: BTreeMap<_, _> = national
            .messages
            .iter()
            .map(|(kind, rule)| {
                let text = national_texts
                    .get(&rule.template)
                    .cloned()
                    .unwrap_or_default();
                (*kind, (rule.clone(), text))
            })
            .collect();
        if let Some(province) = province {
            schedules.extend(
                province
                    .schedules
                    .iter()
                    .map(|(job, cron)| (*job, cron.clone())),
            );
            for (kind, rule) in &province.messages {
                let text = province
                    .texts
                    .get(&rule.template)
                    .cloned()
                    .unwrap_or_default();
                messages.insert(*kind, (rule.clone(), text));
            }
        }
        let supplement_wait = province
            .and_then(|p| p.supplement_wait)
            .or(national.supplement_wait);
        Self {
            schedules,
            messages,
            supplement_wait,
        }
    }
}
