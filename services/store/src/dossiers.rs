//! The `DossierStore` port: guarded updates, the hash-linked event chain, gapless codes.

use ansinh_app::dossier::{
    DossierRecord, DossierStore, NewDossier, StoredEvent, Transition, event_hash,
};
use ansinh_app::{AppError, Page, PageRequest, TenantScope};
use ansinh_core::UnitId;
use ansinh_core::calendar::local::from_local;
use ansinh_core::dossier::{Command, DossierState, Status, dossier_code};
use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};

use crate::entities::{dossier, dossier_event};
use crate::{SeaStore, classify};

const STATUSES: [(Status, &str); 10] = [
    (Status::Draft, "draft"),
    (Status::InProgress, "in_progress"),
    (Status::AwaitingSupplement, "awaiting_supplement"),
    (Status::ReworkRequested, "rework_requested"),
    (Status::ResultArrived, "result_arrived"),
    (Status::Completed, "completed"),
    (Status::ReturnedIneligible, "returned_ineligible"),
    (Status::Rejected, "rejected"),
    (Status::Withdrawn, "withdrawn"),
    (Status::Deleted, "deleted"),
];

fn status_name(status: Status) -> &'static str {
    STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("unknown", |(_, n)| n)
}

fn status_of(name: &str) -> Result<Status, AppError> {
    STATUSES
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(s, _)| *s)
        .ok_or_else(|| AppError::Internal(format!("stored dossier status {name:?}")))
}

fn action_name(command: &Command) -> &'static str {
    match command {
        Command::Receive => "receive",
        Command::Delete => "delete",
        Command::UpdateFields { .. } => "update_fields",
        Command::Forward { .. } => "forward",
        Command::RequestSupplement { .. } => "request_supplement",
        Command::ReceiveSupplement => "receive_supplement",
        Command::SendBack { .. } => "send_back",
        Command::AcceptRework => "accept_rework",
        Command::ReturnIneligible { .. } => "return_ineligible",
        Command::Reject { .. } => "reject",
        Command::Sign { .. } => "sign",
        Command::Issue { .. } => "issue",
        Command::ReturnResult => "return_result",
        Command::Withdraw { .. } => "withdraw",
    }
}

fn to_record(row: dossier::Model) -> Result<DossierRecord, AppError> {
    Ok(DossierRecord {
        id: row.id,
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
        applicant_name: row.applicant_name,
        applicant_id_number: row.applicant_id_number,
        created_at: row.created_at,
    })
}

/// Takes the next number of the agency's day, inside the caller's transaction: the row lock
/// serialises concurrent creations, and a rollback gives the number back.
async fn next_sequence(
    txn: &DatabaseTransaction,
    scope: &TenantScope,
    new: &NewDossier,
) -> Result<u32, AppError> {
    let backend = txn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO dossier_code_sequences (tenant_id, agency, day, last_value) VALUES ($1, $2, $3, 1)
             ON CONFLICT (tenant_id, agency, day) DO UPDATE SET last_value = dossier_code_sequences.last_value + 1
             RETURNING last_value"
        }
        _ => {
            "INSERT INTO dossier_code_sequences (tenant_id, agency, day, last_value) VALUES (?, ?, ?, 1)
             ON CONFLICT (tenant_id, agency, day) DO UPDATE SET last_value = dossier_code_sequences.last_value + 1
             RETURNING last_value"
        }
    };
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                scope.tenant().as_str().into(),
                new.agency.clone().into(),
                new.day.into(),
            ],
        ))
        .await
        .map_err(classify)?
        .ok_or_else(|| AppError::Internal("sequence upsert returned nothing".to_owned()))?;
    let value: i32 = row.try_get("", "last_value").map_err(classify)?;
    u32::try_from(value).map_err(|_| AppError::Internal("negative sequence".to_owned()))
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
    }
}

/// Hashes the event; its instant is cut to microseconds first, as both databases keep it, so
/// that the hash can be recomputed from the stored row.
fn sealed(scope: &TenantScope, dossier_id: &str, mut event: StoredEvent) -> StoredEvent {
    event.at = event.at.trunc_subsecs(6);
    event.hash = event_hash(scope.tenant().as_str(), dossier_id, &event);
    event
}

#[async_trait]
impl DossierStore for SeaStore {
    async fn create_dossier(
        &self,
        scope: &TenantScope,
        new: &NewDossier,
        state: &DossierState,
    ) -> Result<DossierRecord, AppError> {
        let txn = self.begin(scope).await?;
        let sequence = next_sequence(&txn, scope, new).await?;
        let code = dossier_code(&new.code_pattern, &new.agency, new.day, sequence)?;
        let tenant = scope.tenant().as_str().to_owned();
        dossier::Entity::insert(dossier::ActiveModel {
            tenant_id: Set(tenant),
            id: Set(new.id.clone()),
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
            applicant_name: Set(new.applicant_name.clone()),
            applicant_name_folded: Set(ansinh_core::text::fold(&new.applicant_name)),
            applicant_id_number: Set(new.applicant_id_number.clone()),
            created_at: Set(new.created_at),
            updated_at: Set(new.created_at),
        })
        .exec(&txn)
        .await
        .map_err(classify)?;
        let created = sealed(
            scope,
            &new.id,
            StoredEvent {
                version: 0,
                action: "create".to_owned(),
                actor: new.created_by.clone(),
                acting_for: None,
                at: new.created_at,
                to: (status_name(state.status).to_owned(), None),
                note: String::new(),
                prev_hash: String::new(),
                hash: String::new(),
            },
        );
        dossier_event::Entity::insert(event_row(scope, &new.id, &created, (state.status, None)))
            .exec(&txn)
            .await
            .map_err(classify)?;
        let row = dossier::Entity::find_by_id((scope.tenant().as_str().to_owned(), new.id.clone()))
            .one(&txn)
            .await
            .map_err(classify)?
            .ok_or_else(|| AppError::Internal("created dossier vanished".to_owned()))?;
        txn.commit().await.map_err(classify)?;
        to_record(row)
    }

    async fn dossier(
        &self,
        scope: &TenantScope,
        id: &str,
    ) -> Result<Option<DossierRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let row = dossier::Entity::find()
            .filter(dossier::Column::TenantId.eq(scope.tenant().as_str()))
            .filter(dossier::Column::Id.eq(id))
            .one(&txn)
            .await
            .map_err(classify)?;
        txn.commit().await.map_err(classify)?;
        row.map(to_record).transpose()
    }

    async fn apply(
        &self,
        scope: &TenantScope,
        id: &str,
        transition: &Transition,
    ) -> Result<(), AppError> {
        let Transition {
            expected_version,
            state,
            event,
            note,
            outbox,
        } = transition;
        let expected_version = *expected_version;
        let tenant = scope.tenant().as_str();
        let at: DateTime<Utc> = from_local(event.at).with_timezone(&Utc);
        let txn = self.begin(scope).await?;
        // Guarded update: exactly one of several concurrent actions on the same version wins.
        let updated = dossier::Entity::update_many()
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
                Expr::value(i32::try_from(state.version).unwrap_or(i32::MAX)),
            )
            .col_expr(dossier::Column::UpdatedAt, Expr::value(at))
            .filter(dossier::Column::TenantId.eq(tenant))
            .filter(dossier::Column::Id.eq(id))
            .filter(
                dossier::Column::Version.eq(i32::try_from(expected_version).unwrap_or(i32::MAX)),
            )
            .exec(&txn)
            .await
            .map_err(classify)?;
        if updated.rows_affected != 1 {
            return Err(AppError::Conflict);
        }
        let previous = dossier_event::Entity::find()
            .filter(dossier_event::Column::TenantId.eq(tenant))
            .filter(dossier_event::Column::DossierId.eq(id))
            .filter(
                dossier_event::Column::Version
                    .eq(i32::try_from(expected_version).unwrap_or(i32::MAX)),
            )
            .one(&txn)
            .await
            .map_err(classify)?
            .ok_or_else(|| {
                AppError::Internal(format!("event {expected_version} of {id} missing"))
            })?;
        let stored = sealed(
            scope,
            id,
            StoredEvent {
                version: event.version,
                action: action_name(&event.command).to_owned(),
                actor: event.actor.clone(),
                acting_for: event.acting_for.clone(),
                at,
                to: (status_name(event.to.0).to_owned(), event.to.1.clone()),
                note: note.to_owned(),
                prev_hash: previous.hash,
                hash: String::new(),
            },
        );
        dossier_event::Entity::insert(event_row(scope, id, &stored, event.from.clone()))
            .exec(&txn)
            .await
            .map_err(classify)?;
        if let Some((topic, payload)) = outbox {
            crate::outbox::enqueue(&txn, scope, topic, payload, at).await?;
        }
        txn.commit().await.map_err(classify)
    }

    async fn held_by(
        &self,
        scope: &TenantScope,
        holder: &str,
        statuses: &[Status],
        page: PageRequest,
    ) -> Result<Page<DossierRecord>, AppError> {
        let names: Vec<&str> = statuses.iter().map(|s| status_name(*s)).collect();
        let mine = if statuses.contains(&Status::Draft) {
            Condition::any()
                .add(dossier::Column::Holder.eq(holder))
                .add(dossier::Column::CreatedBy.eq(holder))
        } else {
            Condition::all().add(dossier::Column::Holder.eq(holder))
        };
        let txn = self.begin(scope).await?;
        let select = dossier::Entity::find()
            .filter(dossier::Column::TenantId.eq(scope.tenant().as_str()))
            .filter(dossier::Column::Status.is_in(names))
            .filter(mine);
        let total = select.clone().count(&txn).await.map_err(classify)?;
        let rows = select
            .order_by_desc(dossier::Column::UpdatedAt)
            .order_by_desc(dossier::Column::Id)
            .offset(page.offset)
            .limit(page.limit)
            .all(&txn)
            .await
            .map_err(classify)?;
        txn.commit().await.map_err(classify)?;
        Ok(Page {
            items: rows.into_iter().map(to_record).collect::<Result<_, _>>()?,
            total,
        })
    }

    async fn events(&self, scope: &TenantScope, id: &str) -> Result<Vec<StoredEvent>, AppError> {
        let txn = self.begin(scope).await?;
        let rows = dossier_event::Entity::find()
            .filter(dossier_event::Column::TenantId.eq(scope.tenant().as_str()))
            .filter(dossier_event::Column::DossierId.eq(id))
            .order_by_asc(dossier_event::Column::Version)
            .all(&txn)
            .await
            .map_err(classify)?;
        txn.commit().await.map_err(classify)?;
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
                prev_hash: row.prev_hash,
                hash: row.hash,
            })
            .collect())
    }
}
