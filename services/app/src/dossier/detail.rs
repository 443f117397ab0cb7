//! One dossier as its reader sees it: holder, next actions, SLA per step and overall, the
//! timeline with the officers it names. Built from what was read, or, after an action, from
//! what was just written (the answer to an action reads nothing again).

use std::collections::BTreeMap;

use ansinh_core::calendar::local::to_local;
use ansinh_core::dossier::{NextAction, apology_due, next_actions};
use ansinh_core::{Action, DossierId, Resource};

use super::Dossiers;
use super::PersonalFields;
use super::ports::{DossierRecord, StoredEvent};
use super::sla::{DossierSla, timeline_points};
use crate::AppError;
use crate::identity::Principal;
use crate::model::TenantScope;

/// A dossier as its reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierView {
    /// The dossier.
    pub record: DossierRecord,
    /// Its timeline, oldest first.
    pub events: Vec<StoredEvent>,
    /// What the reader may do next.
    pub next_actions: Vec<NextAction>,
    /// SLA per step visit and overall.
    pub sla: DossierSla,
    /// Names of the officers the dossier and its timeline mention, by account id.
    pub names: BTreeMap<String, String>,
}

/// A dossier just acted on: its record as stored and its whole timeline, the new event last.
#[derive(Debug, Clone, PartialEq)]
pub struct Acted {
    /// The dossier after the action.
    pub record: DossierRecord,
    /// Its timeline after the action, oldest first.
    pub events: Vec<StoredEvent>,
}

impl Dossiers {
    /// One dossier with its timeline, SLA and the caller's next actions; `NOT_FOUND` when
    /// outside the caller's units or tenant. The personal fields `asked` for are read out and
    /// the read logged.
    pub async fn dossier(
        &self,
        principal: &Principal,
        id: &DossierId,
        asked: PersonalFields,
    ) -> Result<DossierView, AppError> {
        let (scope, record) = self.readable(principal, id).await?;
        let events = self.repo.events(&scope, id).await?;
        self.view(principal, Acted { record, events }, asked).await
    }

    /// Whether `principal` may read the dossier now (its version if so): `NOT_FOUND` outside
    /// the caller's units, `FORBIDDEN` without a role that reads dossiers. Nothing personal is
    /// read, so nothing is logged.
    pub async fn may_read(&self, principal: &Principal, id: &DossierId) -> Result<u32, AppError> {
        let (_, record) = self.readable(principal, id).await?;
        Ok(record.state.version)
    }

    /// Whether `principal` holds a role that reads dossiers anywhere (`FORBIDDEN` if not).
    pub async fn may_read_some(&self, principal: &Principal) -> Result<(), AppError> {
        let units = self
            .access
            .units_allowing(principal, Resource::Dossier, Action::Read)
            .await;
        if units.is_empty() {
            return Err(AppError::forbidden("vai trò của bạn không được xem hồ sơ"));
        }
        Ok(())
    }

    /// The view of a dossier from its record and timeline, for `principal`; the personal
    /// fields `asked` for are shown (when the principal may read them) and that read logged.
    pub async fn view(
        &self,
        principal: &Principal,
        Acted { record, mut events }: Acted,
        asked: PersonalFields,
    ) -> Result<DossierView, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let (_, workflow, def) = self.pinned_workflow(&scope, &record).await?;
        let now = self.clock.now();
        let unit = self.reference.unit(&scope, &record.unit).await?;
        let points = timeline_points(&events);
        let sla = self
            .evaluate_sla(&scope, &unit, &workflow, &points, now, true)
            .await?;
        let actor = self
            .actor_for(&scope, principal, &record, &workflow)
            .await?;
        let may_act = self
            .access
            .allows(
                principal,
                Resource::Dossier,
                Action::Transition,
                &record.unit,
            )
            .await;
        let mut next_actions = if may_act {
            next_actions(&def, &record.state, &actor, to_local(&now))
        } else {
            Vec::new()
        };
        // The apology letter is offered from the appointment's last working day on.
        let apology = sla.overall.as_ref().and_then(|clock| {
            let due = clock.due_at.filter(|_| clock.finished_at.is_none());
            apology_due(clock.status, due.map(|d| to_local(&d)))
        });
        next_actions.retain(|next| next.action != "extend_appointment" || apology.is_some());
        let record = self
            .disclosed_detail(&scope, principal, record, &mut events, asked)
            .await?;
        let mentioned = events
            .iter()
            .flat_map(|e| [Some(&e.actor), e.acting_for.as_ref()])
            .chain([record.state.holder.as_ref()])
            .flatten()
            .cloned()
            .collect::<Vec<_>>();
        let names = self.officer_names(&scope, &mentioned).await?;
        Ok(DossierView {
            record,
            events,
            next_actions,
            sla,
            names,
        })
    }
}
