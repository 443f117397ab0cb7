//! The `DossierStore` port: guarded updates, the hash-linked event chain, gapless codes and
//! decision numbers.

use std::collections::BTreeMap;

use ansinh_app::dossier::{
    Applied, Deadlines, DossierRecord, NewDossier, StoredEvent, Transition, event_hash,
};
use ansinh_app::{AppError, TenantScope};
use ansinh_core::UnitId;
use ansinh_core::calendar::local::from_local;
use ansinh_core::dossier::{DossierState, Status, dossier_code};
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{dossier, dossier_event};
use crate::scoped::{in_tenant, scoped, scoped_update};
use crate::sequences::{next_decision_number, next_dossier_number};
use crate::unit::Txn;
use crate::{Classified, SeaStore};
use ansinh_core::DossierId;
use ansinh_core::Pii;

/// The stored name of a status.
pub(crate) fn status_name(status: Status) -> &'static str {
    status.as_str()
}

fn status_of(name: &str) -> Result<Status, AppError> {
    Status::parse(name).ok_or_else(|| AppError::Internal(format!("stored dossier status {name:?}")))
}

fn json_fields(text: &str) -> Result<BTreeMap<String, String>, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Internal(format!("dossier fields: {e}")))
}

/// A row as the app's record.
pub(crate) fn to_record(row: dossier::Model) -> Result<DossierRecord, AppError> {
    Ok(DossierRecord {
        id: DossierId::new(row.id),
        code: row.code,
        procedure: row.procedure_code,
        workflow: row.workflow_code,
        config_version: row.config_version,
        unit: UnitId::parse(&row.unit_id)?,
        agency: row.agency,
        state: DossierState {
            status: status_of(&row.status)?,
            step: row.step,
            holder: row.holder,
            created_by: row.created_by,
            forwarded_by: row.forwarded_by,
            version: u32::try_from(row.version).unwrap_or_default(),
        },
        applicant_name: Pii::new(row.applicant_name),
        applicant_id_number: row.applicant_id_number.map(Pii::new),
        fields: Pii::new(json_fields(&row.fields)?),
        created_at: row.created_at,
        updated_at: row.updated_at,
        received: row.received_by.zip(row.received_at),
        deadlines: Deadlines {
            step_started_at: row.step_started_at,
            step_warn_at: row.step_warn_at,
            step_due_at: row.step_due_at,
            due_at: row.due_at,
            supplement_remind_at: row.supplement_remind_at,
            supplement_lapse_at: row.supplement_lapse_at,
        },
        decision_number: row.decision_number,
        source_dossier_id: row.source_dossier_id.map(DossierId::new),
        personal_data_withheld: false,
    })
}

fn event_row(
    scope: &TenantScope,
    dossier_id: &str,
    stored: &StoredEvent,
    from: (Status, Option<String>),
) -> dossier_event::ActiveModel {
    dossier_event::ActiveModel {
        tenant_id: Set(scope.tenant().as_str().to_owned()),
        dossier_id: Set(dossier_id.to_owned()),
        version: Set(i32::try_from(stored.version).unwrap_or(i32::MAX)),
        action: Set(stored.action.clone()),
        actor: Set(stored.actor.clone()),
        acting_for: Set(stored.acting_for.clone()),
        at: Set(stored.at),
        from_status: Set(status_name(from.0).to_owned()),
        from_step: Set(from.1),
        to_status: Set(stored.to.0.clone()),
        to_step: Set(stored.to.1.clone()),
        note: Set(stored.note.clone()),
        prev_hash: Set(stored.prev_hash.clone()),
        hash: Set(stored.hash.clone()),
        details: Set(stored.details.clone()),
        sla: Set(stored.sla.clone()),
    }
}

/// Hashes the event; its instant is cut to microseconds first, as both databases keep it, so
/// that the hash can be recomputed from the stored row.
fn sealed(scope: &TenantScope, dossier_id: &str, mut event: StoredEvent) -> StoredEvent {
    event.at = event.at.trunc_subsecs(6);
    event.hash = event_hash(scope.tenant().as_str(), dossier_id, &event);
    event
}

fn to_json(fields: &BTreeMap<String, String>) -> String {
    serde_json::to_string(fields).unwrap_or_else(|_| "{}".to_owned())
}

fn version_value(version: u32) -> i32 {
    i32::try_from(version).unwrap_or(i32::MAX)
}

impl SeaStore {
    pub(crate) async fn insert_dossier(
        &self,
        scope: &TenantScope,
        new: &NewDossier,
        state: &DossierState,
    ) -> Result<DossierRecord, AppError> {
        let txn = self.begin_write(scope).await?;
        let sequence = next_dossier_number(&txn, scope, &new.agency, new.day).await?;
        let code = dossier_code(&new.code_pattern, &new.agency, new.day, sequence)?;
        let tenant = scope.tenant().as_str().to_owned();
        let created_at = new.created_at.trunc_subsecs(6);
        dossier::Entity::insert(dossier::ActiveModel {
            tenant_id: Set(tenant),
            id: Set(new.id.to_string()),
            code: Set(code),
            procedure_code: Set(new.procedure.clone()),
            workflow_code: Set(new.workflow.clone()),
            config_version: Set(new.config_version),
            unit_id: Set(new.unit.to_string()),
            agency: Set(new.agency.clone()),
            status: Set(status_name(state.status).to_owned()),
            step: Set(state.step.clone()),
            holder: Set(state.holder.clone()),
            created_by: Set(new.created_by.clone()),
            forwarded_by: Set(None),
            version: Set(0),
            applicant_name: Set(new.applicant_name.expose().clone()),
            applicant_name_folded: Set(ansinh_core::text::fold(new.applicant_name.expose())),
            applicant_id_number: Set(new.applicant_id_number.as_ref().map(|n| n.expose().clone())),
            created_at: Set(created_at),
            updated_at: Set(created_at),
            received_by: Set(None),
            received_at: Set(None),
            step_started_at: Set(None),
            step_warn_at: Set(None),
            step_due_at: Set(None),
            due_at: Set(None),
            supplement_remind_at: Set(None),
            supplement_lapse_at: Set(None),
            decision_number: Set(None),
            source_dossier_id: Set(new.source_dossier_id.as_ref().map(ToString::to_string)),
            fields: Set(to_json(new.fields.expose())),
        })
        .exec(&txn)
        .await
        .classified()?;
        let mut details = serde_json::Map::new();
        if let Some(source) = &new.source_dossier_id {
            details.insert("source_dossier_id".to_owned(), source.to_string().into());
        }
        let created = sealed(
            scope,
            new.id.as_str(),
            StoredEvent {
                version: 0,
                action: "create".to_owned(),
                actor: new.created_by.clone(),
                acting_for: None,
                at: created_at,
                to: (status_name(state.status).to_owned(), None),
                note: String::new(),
                details: serde_json::Value::Object(details).to_string(),
                sla: None,
                prev_hash: String::new(),
                hash: String::new(),
            },
        );
        dossier_event::Entity::insert(event_row(
            scope,
            new.id.as_str(),
            &created,
            (state.status, None),
        ))
        .exec(&txn)
        .await
        .classified()?;
        let row = find_row(&txn, scope, new.id.as_str())
            .await?
            .ok_or_else(|| AppError::Internal("created dossier vanished".to_owned()))?;
        txn.commit().await.classified()?;
        to_record(row)
    }

    pub(crate) async fn one_dossier(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<DossierRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let row = find_row(&txn, scope, id).await?;
        txn.commit().await.classified()?;
        row.map(to_record).transpose()
    }

    pub(crate) async fn dossier_with_code(
        &self,
        scope: &TenantScope,
        code: &str,
    ) -> Result<Option<DossierRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let row = scoped::<dossier::Entity>(scope)
            .filter(dossier::Column::Code.eq(code))
            .one(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        row.map(to_record).transpose()
    }

    pub(crate) async fn apply_transition(
        &self,
        scope: &TenantScope,
        id: &str,
        transition: &Transition,
    ) -> Result<Applied, AppError> {
        let Transition {
            expected_version,
            state,
            event,
            ..
        } = transition;
        let at: DateTime<Utc> = from_local(event.at).with_timezone(&Utc).trunc_subsecs(6);
        let txn = self.begin_write(scope).await?;
        // Guarded update: exactly one of several concurrent actions on the same version wins.
        let updated = guarded_update(transition, at)
            .filter(in_tenant::<dossier::Entity>(scope))
            .filter(dossier::Column::Id.eq(id))
            .filter(dossier::Column::Version.eq(version_value(*expected_version)))
            .exec(&txn)
            .await
            .classified()?;
        if updated.rows_affected != 1 {
            return Err(AppError::Conflict);
        }
        let mut details = transition.details.clone();
        let decision_number = match &transition.decision {
            Some(request) => {
                let number =
                    next_decision_number(&txn, scope, &request.issuer, request.year).await?;
                // The issued document already carries a number: another issue took it first.
                if request.expected.is_some_and(|expected| expected != number) {
                    return Err(AppError::Conflict);
                }
                let text = format!("{number}/{}", request.symbol);
                scoped_update::<dossier::Entity>(scope)
                    .col_expr(dossier::Column::DecisionNumber, Expr::value(text.clone()))
                    .filter(dossier::Column::Id.eq(id))
                    .exec(&txn)
                    .await
                    .classified()?;
                details.insert("decision_number".to_owned(), text.clone().into());
                Some(text)
            }
            None => None,
        };
        let previous = scoped::<dossier_event::Entity>(scope)
            .filter(dossier_event::Column::DossierId.eq(id))
            .filter(dossier_event::Column::Version.eq(version_value(*expected_version)))
            .one(&txn)
            .await
            .classified()?
            .ok_or_else(|| {
                AppError::Internal(format!("event {expected_version} of {id} missing"))
            })?;
        let stored = sealed(
            scope,
            id,
            StoredEvent {
                version: event.version,
                action: event.command.name().to_owned(),
                actor: event.actor.clone(),
                acting_for: event.acting_for.clone(),
                at,
                to: (status_name(event.to.0).to_owned(), event.to.1.clone()),
                note: transition.note.clone(),
                details: serde_json::Value::Object(details).to_string(),
                sla: transition.sla.clone(),
                prev_hash: previous.hash,
                hash: String::new(),
            },
        );
        dossier_event::Entity::insert(event_row(scope, id, &stored, event.from.clone()))
            .exec(&txn)
            .await
            .classified()?;
        if let Some(event) = &transition.outbox {
            crate::outbox::enqueue(&txn, scope, event.topic(), &event.payload(), at).await?;
        }
        if let Some(document) = &transition.document {
            crate::documents::insert_in(&txn, scope, document).await?;
        }
        txn.commit().await.classified()?;
        debug_assert!(state.version == event.version);
        Ok(Applied {
            decision_number,
            event: stored,
        })
    }

    pub(crate) async fn dossier_events(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Vec<StoredEvent>, AppError> {
        let txn = self.begin(scope).await?;
        let rows = scoped::<dossier_event::Entity>(scope)
            .filter(dossier_event::Column::DossierId.eq(id))
            .order_by_asc(dossier_event::Column::Version)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(rows
            .into_iter()
            .map(|row| StoredEvent {
                version: u32::try_from(row.version).unwrap_or_default(),
                action: row.action,
                actor: row.actor,
                acting_for: row.acting_for,
                at: row.at,
                to: (row.to_status, row.to_step),
                note: row.note,
                details: row.details,
                sla: row.sla,
                prev_hash: row.prev_hash,
                hash: row.hash,
            })
            .collect())
    }
}

async fn find_row(
    txn: &Txn,
    scope: &TenantScope,
    id: &str,
) -> Result<Option<dossier::Model>, AppError> {
    scoped::<dossier::Entity>(scope)
        .filter(dossier::Column::Id.eq(id))
        .one(txn)
        .await
        .classified()
}

/// The update writing the decided state, the SLA instants and, when given, the reception and
/// the applicant's new data.
fn guarded_update(
    transition: &Transition,
    at: DateTime<Utc>,
) -> sea_orm::UpdateMany<dossier::Entity> {
    let state = &transition.state;
    let deadlines = transition.deadlines;
    let mut update = dossier::Entity::update_many()
        .col_expr(
            dossier::Column::Status,
            Expr::value(status_name(state.status)),
        )
        .col_expr(dossier::Column::Step, Expr::value(state.step.clone()))
        .col_expr(dossier::Column::Holder, Expr::value(state.holder.clone()))
        .col_expr(
            dossier::Column::ForwardedBy,
            Expr::value(state.forwarded_by.clone()),
        )
        .col_expr(
            dossier::Column::Version,
            Expr::value(version_value(state.version)),
        )
        .col_expr(dossier::Column::UpdatedAt, Expr::value(at))
        .col_expr(
            dossier::Column::StepStartedAt,
            Expr::value(deadlines.step_started_at),
        )
        .col_expr(
            dossier::Column::StepWarnAt,
            Expr::value(deadlines.step_warn_at),
        )
        .col_expr(
            dossier::Column::StepDueAt,
            Expr::value(deadlines.step_due_at),
        )
        .col_expr(dossier::Column::DueAt, Expr::value(deadlines.due_at))
        .col_expr(
            dossier::Column::SupplementRemindAt,
            Expr::value(deadlines.supplement_remind_at),
        )
        .col_expr(
            dossier::Column::SupplementLapseAt,
            Expr::value(deadlines.supplement_lapse_at),
        );
    if let Some((receiver, received_at)) = &transition.received {
        update = update
            .col_expr(dossier::Column::ReceivedBy, Expr::value(receiver.clone()))
            .col_expr(dossier::Column::ReceivedAt, Expr::value(*received_at));
    }
    if let Some(values) = &transition.values {
        let name = values.applicant_name.expose();
        let folded: SimpleExpr = Expr::value(ansinh_core::text::fold(name));
        let id_number = values
            .applicant_id_number
            .as_ref()
            .map(|n| n.expose().clone());
        update = update
            .col_expr(dossier::Column::ApplicantName, Expr::value(name.clone()))
            .col_expr(dossier::Column::ApplicantNameFolded, folded)
            .col_expr(dossier::Column::ApplicantIdNumber, Expr::value(id_number))
            .col_expr(
                dossier::Column::Fields,
                Expr::value(to_json(values.fields.expose())),
            );
    }
    update
}
