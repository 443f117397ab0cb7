//! The outbox read back: each committed change becomes the messages it causes, stored in the
//! same transaction that marks the row dispatched. A worker that dies in between leaves the
//! row's lease to run out; the next one makes the same messages under the same keys, which the
//! store keeps once.

use ansinh_config::model::{EffectiveNotices, NoticeKind};
use ansinh_core::DossierId;
use chrono::{DateTime, Utc};

use super::Notices;
use super::compose::Notice;
use super::ports::NewMessage;
use super::recipients::Recipient;
use crate::AppError;
use crate::dossier::DossierRecord;
use crate::model::TenantScope;
use crate::outbox::OutboxEvent;

/// What one expansion round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Expanded {
    /// Outbox rows dispatched.
    pub events: u32,
    /// Messages they produced.
    pub messages: u32,
    /// Rows that failed (left to their lease).
    pub failed: u32,
}

impl Notices {
    /// Turns one batch of the tenant's outbox rows into messages.
    pub async fn expand_outbox(&self, scope: &TenantScope) -> Result<Expanded, AppError> {
        let now = self.clock.now();
        let claimed = self
            .outbox
            .claim_events(scope, now, self.policy.lease_from(now), self.policy.batch)
            .await?;
        let mut done = Expanded::default();
        if claimed.is_empty() {
            return Ok(done);
        }
        let rules = self.effective(scope).await?;
        for row in claimed {
            let messages = match &row.event {
                Some(event) => self.messages_of(scope, &rules, event, row.created_at).await,
                None => {
                    tracing::warn!(tenant = %scope.tenant(), row = %row.id, "outbox row this version cannot read: dispatched without messages");
                    Ok(Vec::new())
                }
            };
            let completed = match messages {
                Ok(messages) => {
                    let count = messages.len() as u32;
                    self.outbox
                        .complete_event(scope, &row.id, &messages, self.clock.now())
                        .await
                        .map(|()| count)
                }
                Err(error) => Err(error),
            };
            match completed {
                Ok(count) => {
                    done.events += 1;
                    done.messages += count;
                }
                Err(error) => {
                    done.failed += 1;
                    tracing::error!(tenant = %scope.tenant(), row = %row.id, ?error, "outbox row not expanded; retried when its lease runs out");
                }
            }
        }
        Ok(done)
    }

    async fn messages_of(
        &self,
        scope: &TenantScope,
        rules: &EffectiveNotices,
        event: &OutboxEvent,
        at: DateTime<Utc>,
    ) -> Result<Vec<NewMessage>, AppError> {
        let OutboxEvent::DossierChanged {
            dossier,
            version,
            status,
            holder,
            previous_holder,
            action,
        } = event;
        let repo = &self.documents.dossiers.repo;
        let Some(record) = repo.dossier(scope, dossier).await? else {
            return Ok(Vec::new());
        };
        let fields = self.dossier_fields(scope, &record).await?;
        let notice = |kind, fields| Notice {
            kind,
            occasion: format!("{}/{version}", dossier.as_str()),
            dossier: Some(&record),
            step: record.state.step.as_deref(),
            fields,
            not_before: at,
        };
        let mut out = Vec::new();
        let returned = action.as_deref() == Some("close_unsupplemented");
        if returned
            && let Some(officer) = self
                .officer(scope, previous_holder.as_deref().unwrap_or(""))
                .await?
        {
            let fields = self.waiting_fields(scope, &record).await?;
            let notice = notice(NoticeKind::AutoReturned, fields);
            out.extend(self.messages_for(scope, rules, &notice, &[officer]).await?);
        }
        let handed = holder.is_some() && holder != previous_holder;
        if handed
            && let Some(recipient) = self.officer(scope, holder.as_deref().unwrap_or("")).await?
        {
            let notice = notice(NoticeKind::HandedOver, fields.clone());
            out.extend(
                self.messages_for(scope, rules, &notice, &[recipient])
                    .await?,
            );
        }
        let applicant: Vec<Recipient> = Recipient::applicant(&record).into_iter().collect();
        if applicant.is_empty() {
            return Ok(out);
        }
        if status == "awaiting_supplement" && action.as_deref() == Some("request_supplement") {
            let fields = self
                .supplement_fields(scope, dossier, *version, fields.clone())
                .await?;
            let notice = notice(NoticeKind::SupplementRequested, fields);
            out.extend(self.messages_for(scope, rules, &notice, &applicant).await?);
        }
        if returned {
            let fields = self.waiting_fields(scope, &record).await?;
            let notice = notice(NoticeKind::SupplementLapsed, fields);
            out.extend(self.messages_for(scope, rules, &notice, &applicant).await?);
        }
        if action.as_deref() == Some("extend_appointment") {
            let fields = self
                .apology_fields(scope, &record, *version, fields.clone())
                .await?;
            let notice = notice(NoticeKind::ApologyLetter, fields);
            out.extend(self.messages_for(scope, rules, &notice, &applicant).await?);
        }
        if status == "result_arrived" {
            let fields = self.result_fields(scope, &record, fields);
            let notice = notice(NoticeKind::ResultReady, fields);
            out.extend(self.messages_for(scope, rules, &notice, &applicant).await?);
        }
        Ok(out)
    }

    /// The one complete list of what to supplement, and why, from the event that asked.
    pub(super) async fn supplement_fields(
        &self,
        scope: &TenantScope,
        dossier: &DossierId,
        version: u32,
        mut fields: std::collections::BTreeMap<String, String>,
    ) -> Result<std::collections::BTreeMap<String, String>, AppError> {
        let events = self.documents.dossiers.repo.events(scope, dossier).await?;
        let details = events
            .iter()
            .find(|e| e.version == version)
            .and_then(|e| serde_json::from_str::<serde_json::Value>(&e.details).ok());
        let missing: Vec<String> = details
            .as_ref()
            .and_then(|d| d.get("missing"))
            .and_then(|m| m.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let list: Vec<String> = missing
            .iter()
            .enumerate()
            .map(|(i, item)| format!("{}. {item}", i + 1))
            .collect();
        fields.insert("danh_sach_bo_sung".to_owned(), list.join("\n"));
        let note = events
            .iter()
            .find(|e| e.version == version)
            .map(|e| e.note.clone())
            .unwrap_or_default();
        fields.insert(
            "ly_do".to_owned(),
            if note.is_empty() {
                "—".to_owned()
            } else {
                note
            },
        );
        Ok(fields)
    }

    fn result_fields(
        &self,
        scope: &TenantScope,
        record: &DossierRecord,
        mut fields: std::collections::BTreeMap<String, String>,
    ) -> std::collections::BTreeMap<String, String> {
        fields.insert(
            "ma_tra_cuu".to_owned(),
            self.documents.lookup_code_of(scope, &record.id),
        );
        fields.insert(
            "duong_dan".to_owned(),
            format!("{}/ket-qua", self.policy.console_url.trim_end_matches('/')),
        );
        fields
    }
}
