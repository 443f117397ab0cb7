//! The merge fields of a message about a dossier, and one message per recipient and channel,
//! filled from the kind's template with its idempotency key.

use std::collections::BTreeMap;

use ansinh_config::model::{Channel, EffectiveNotices, NoticeKind};
use ansinh_core::Pii;
use chrono::{DateTime, Utc};

use super::Notices;
use super::ports::NewMessage;
use super::recipients::Recipient;
use crate::AppError;
use crate::documents::shown_time;
use crate::dossier::DossierRecord;
use crate::model::TenantScope;

/// One message of a kind, before it is filled for each recipient.
pub(crate) struct Notice<'a> {
    pub(crate) kind: NoticeKind,
    /// Identifies this notice among all of its kind (`<dossier>/<version>`, …).
    pub(crate) occasion: String,
    pub(crate) dossier: Option<&'a DossierRecord>,
    pub(crate) step: Option<&'a str>,
    pub(crate) fields: BTreeMap<String, String>,
    pub(crate) not_before: DateTime<Utc>,
}

impl Notices {
    /// The schedules and message rules in force for the scope's province.
    pub async fn effective(&self, scope: &TenantScope) -> Result<EffectiveNotices, AppError> {
        let reference = &self.documents.reference;
        let national = reference.national_config().await?;
        let province = reference.province_config(scope).await?;
        Ok(EffectiveNotices::merge(
            &national.notices,
            &national.message_texts,
            province.notices.as_ref(),
        ))
    }

    /// The fields every message about `record` can use.
    pub(crate) async fn dossier_fields(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
    ) -> Result<BTreeMap<String, String>, AppError> {
        let reference = &self.documents.reference;
        let national = reference.national_config().await?;
        let procedure = national
            .catalogue
            .procedures
            .iter()
            .find(|p| p.code == record.procedure)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| record.procedure.clone());
        let unit = reference.unit(scope, &record.unit).await?;
        let (_, workflow, _) = self
            .documents
            .dossiers
            .pinned_workflow(scope, record)
            .await?;
        let step = record.state.step.as_deref().and_then(|code| {
            workflow
                .steps
                .iter()
                .find(|s| s.code == code)
                .map(|s| s.name.clone())
        });
        let url = format!(
            "{}/ho-so/{}",
            self.policy.console_url.trim_end_matches('/'),
            record.id.as_str()
        );
        let mut fields = BTreeMap::from([
            ("ma_ho_so".to_owned(), record.code.clone()),
            ("ho_ten".to_owned(), record.applicant_name.expose().clone()),
            ("ten_thu_tuc".to_owned(), procedure),
            ("ten_don_vi".to_owned(), unit.full_name),
            ("duong_dan".to_owned(), url),
        ]);
        fields.insert("ten_buoc".to_owned(), step.unwrap_or_default());
        let shown =
            |at: Option<DateTime<Utc>>| at.map(shown_time).unwrap_or_else(|| "—".to_owned());
        fields.insert("han_buoc".to_owned(), shown(record.deadlines.step_due_at));
        fields.insert("hen_tra".to_owned(), shown(record.deadlines.due_at));
        Ok(fields)
    }

    /// One message per recipient and channel of the kind's rule (none when the rule is off
    /// or does not cover the dossier's procedure and step, or a recipient has no address for
    /// the channel, or turned the kind off).
    pub(crate) async fn messages_for(
        &self,
        scope: &TenantScope,
        rules: &EffectiveNotices,
        notice: &Notice<'_>,
        recipients: &[Recipient],
    ) -> Result<Vec<NewMessage>, AppError> {
        let Some((rule, template)) = rules.messages.get(&notice.kind) else {
            return Ok(Vec::new());
        };
        if let Some(record) = notice.dossier
            && !rule.covers(&record.procedure, notice.step)
        {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for recipient in recipients {
            if self.turned_off(scope, recipient, notice.kind).await? {
                continue;
            }
            let mut fields = notice.fields.clone();
            fields.insert("nguoi_nhan".to_owned(), recipient.name.clone());
            let composed = self.composer.compose(template, &fields)?;
            for channel in &rule.channels {
                let Some(address) = recipient.address(*channel) else {
                    continue;
                };
                let whom = recipient
                    .account
                    .as_ref()
                    .map_or("applicant", |account| account.0.as_str());
                out.push(NewMessage {
                    key: format!(
                        "{}/{}/{}/{whom}",
                        notice.kind,
                        notice.occasion,
                        channel.as_str()
                    ),
                    kind: notice.kind,
                    channel: *channel,
                    recipient: Pii::new(address.to_owned()),
                    recipient_account: recipient.account.clone(),
                    dossier: notice.dossier.map(|record| record.id.clone()),
                    subject: composed.subject.clone(),
                    text: composed.text.clone(),
                    html: (*channel == Channel::Email).then(|| composed.html.clone()),
                    not_before: notice.not_before,
                });
            }
        }
        Ok(out)
    }

    async fn turned_off(
        &self,
        scope: &TenantScope,
        recipient: &Recipient,
        kind: NoticeKind,
    ) -> Result<bool, AppError> {
        let Some(account) = &recipient.account else {
            return Ok(false);
        };
        if kind.mandatory() {
            return Ok(false);
        }
        Ok(self
            .preferences
            .opted_out(scope, account)
            .await?
            .contains(&kind))
    }
}
