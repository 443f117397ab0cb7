//! Demo dossiers: a few hundred across the demo provinces' first communes, in every state of
//! the flow, received over the past two weeks, so that a newcomer sees real queues (late, due
//! soon, waiting for the citizen, results to return) at once. Driven through the same use
//! cases as the API, with the app's clock set back to each action's instant.

use crate::dossier::PersonalFields;
use ansinh_config::model::Workflow;
use ansinh_core::calendar::local::{from_local, local_day};
use ansinh_core::dossier::{Command, FlowAction};
use ansinh_core::{Role, TenantId, UnitId};
use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::Dossiers;
use super::ports::{DossierFilter, Owner};
use super::service::Application;
use crate::AppError;
use crate::identity::{AccountId, Principal};
use crate::model::{PageRequest, TenantScope};
use crate::ports::ManualClock;
use ansinh_core::DossierId;

/// A commune being seeded.
struct Commune {
    tenant: TenantId,
    scope: TenantScope,
    province: std::sync::Arc<ansinh_config::ProvinceConfig>,
    unit: UnitId,
    creator: Principal,
    now: DateTime<Utc>,
}

const FAMILY: [&str; 12] = [
    "Nông", "Hoàng", "Lò", "Bế", "Đàm", "Lục", "Hà", "Mã", "Triệu", "Vi", "Nguyễn", "Lý",
];
const GIVEN_MEN: [&str; 8] = [
    "Văn Pọm",
    "Văn Dền",
    "Văn Sình",
    "Văn Quý",
    "Đức Mạnh",
    "Văn Páo",
    "Văn Tằng",
    "Minh Hùng",
];
const GIVEN_WOMEN: [&str; 8] = [
    "Thị Mai",
    "Thị Nhàn",
    "Thị Én",
    "Thị Lan",
    "Thị Hoa",
    "Thị Dung",
    "Thị Sáu",
    "Thị Mỷ",
];
const PROCEDURES: [&str; 3] = ["2.000286", "2.000744", "1.011537"];

/// Where a demo dossier is left.
#[derive(Debug, Clone, Copy)]
enum Goal {
    Draft,
    /// Forwarded this many times (0: just received).
    Steps(usize),
    Supplement,
    Rework,
    ResultArrived,
    Completed,
    Ineligible,
    Rejected,
    Withdrawn,
}

const GOALS: [Goal; 14] = [
    Goal::Draft,
    Goal::Steps(0),
    Goal::Steps(1),
    Goal::Steps(1),
    Goal::Supplement,
    Goal::Rework,
    Goal::Steps(2),
    Goal::Steps(3),
    Goal::ResultArrived,
    Goal::Completed,
    Goal::Completed,
    Goal::Ineligible,
    Goal::Rejected,
    Goal::Withdrawn,
];

fn applicant(tenant: &TenantId, n: usize) -> Application {
    let woman = n.is_multiple_of(2);
    let given = if woman { GIVEN_WOMEN } else { GIVEN_MEN };
    let name = format!(
        "{} {}",
        FAMILY[n % FAMILY.len()],
        given[(n / 2) % given.len()]
    );
    let province: u32 = tenant.as_str().parse().unwrap_or_default();
    // CCCD: province of birth, sex and century (0 man / 1 woman born 1900s), year, serial.
    let id_number = format!(
        "{province:03}{}{:02}{:06}",
        u8::from(woman),
        30 + n % 50,
        100_000 + n
    );
    let mut fields = std::collections::BTreeMap::new();
    fields.insert("dia_chi".to_owned(), format!("Thôn {}", 1 + n % 9));
    Application {
        applicant_name: name.into(),
        applicant_id_number: Some(id_number.into()),
        fields: fields.into(),
    }
}

/// The applicant of the demo's late dossier, who left an e-mail address (the apology letter
/// lands in the demo mailbox).
fn late_applicant(tenant: &TenantId) -> Application {
    let province: u32 = tenant.as_str().parse().unwrap_or_default();
    let fields = std::collections::BTreeMap::from([
        ("dia_chi".to_owned(), "Thôn Nà Rằng".to_owned()),
        (
            crate::notices::APPLICANT_EMAIL.to_owned(),
            "hoang.van.then@example.vn".to_owned(),
        ),
    ]);
    Application {
        applicant_name: "Hoàng Văn Thèn".to_owned().into(),
        applicant_id_number: Some(format!("{province:03}056700321").into()),
        fields: fields.into(),
    }
}

/// Demo dossier `n` is created 0–13 days before `now` between 07:30 and 10:30.
fn created_at(n: usize, now: DateTime<Utc>) -> DateTime<Utc> {
    let day = local_day(&now) - Duration::days((n % 14) as i64);
    let start = NaiveTime::from_hms_opt(7, 30, 0).unwrap_or(NaiveTime::MIN)
        + Duration::minutes(30 * (n % 7) as i64);
    from_local(day.and_time(start)).with_timezone(&Utc).min(now)
}

/// How many steps a dossier moves on before its final action: the step to decide at
/// (`at_reception` is 1 when the first step is the reception desk's, to reach the social
/// officer).
fn forwards(goal: Goal, workflow: &Workflow, at_reception: usize) -> usize {
    match goal {
        Goal::Steps(k) => k,
        Goal::Supplement | Goal::Ineligible => at_reception,
        Goal::Rework | Goal::Rejected => 1 + at_reception,
        Goal::ResultArrived | Goal::Completed => workflow.steps.len() - 1,
        Goal::Draft | Goal::Withdrawn => 0,
    }
}

/// Where the step sends a dossier back to, if it may.
fn send_back_target(workflow: &Workflow, step: &str) -> Option<String> {
    let step = workflow.steps.iter().find(|s| s.code == step)?;
    let send_back = step
        .actions
        .iter()
        .find(|a| a.action == FlowAction::SendBack)?;
    send_back.to.clone()
}

/// The action that takes a dossier at the end of its forwards to its goal, if any.
fn final_command(goal: Goal, send_back_to: Option<String>) -> Option<Command> {
    match goal {
        Goal::Supplement => Some(Command::RequestSupplement {
            missing: vec![
                "Giấy xác nhận khuyết tật (bản chính)".to_owned(),
                "Giấy xác nhận cư trú".to_owned(),
            ],
        }),
        Goal::Ineligible => Some(Command::ReturnIneligible {
            reason: "Không thuộc đối tượng hưởng theo Nghị định 20/2021/NĐ-CP".to_owned(),
        }),
        Goal::Rejected => Some(Command::Reject {
            reason: "Đã hưởng chế độ khác cao hơn".to_owned(),
        }),
        Goal::Rework => send_back_to.map(|to| Command::SendBack {
            to,
            handler: String::new(),
            reason: "Bổ sung biên bản họp xét duyệt của thôn".to_owned(),
        }),
        Goal::Completed => Some(Command::ReturnResult),
        Goal::Withdrawn => Some(Command::Withdraw {
            reason: "Người dân xin rút hồ sơ".to_owned(),
        }),
        _ => None,
    }
}

impl Dossiers {
    async fn principal_named(
        &self,
        tenant: &TenantId,
        username: &str,
    ) -> Result<Principal, AppError> {
        let scope = TenantScope::new(tenant.clone());
        let account = self
            .accounts
            .account_by_username(&scope, username)
            .await?
            .ok_or_else(|| AppError::not_found("tài khoản", username))?;
        self.principal_of(tenant, &account.id).await
    }

    async fn principal_of(&self, tenant: &TenantId, id: &AccountId) -> Result<Principal, AppError> {
        let scope = TenantScope::new(tenant.clone());
        let account = self
            .accounts
            .account(&scope, id)
            .await?
            .ok_or_else(|| AppError::not_found("tài khoản", &id.0))?;
        let grants = self.accounts.grants(&scope, &account.id).await?;
        Ok(Principal {
            tenant: tenant.clone(),
            account: account.id,
            username: account.username,
            display_name: account.display_name,
            session: "demo-seed".to_owned(),
            grants,
        })
    }

    /// The holder of a dossier as a principal.
    async fn holder(&self, tenant: &TenantId, id: &DossierId) -> Result<Principal, AppError> {
        let scope = TenantScope::new(tenant.clone());
        let record = self
            .repo
            .dossier(&scope, id)
            .await?
            .ok_or_else(|| AppError::not_found("hồ sơ", id))?;
        let holder = record
            .state
            .holder
            .ok_or_else(|| AppError::Internal(format!("dossier {id} has no holder")))?;
        self.principal_of(tenant, &AccountId(holder)).await
    }

    /// Takes the holder's first forward, sign or issue, to the only assigned officer.
    async fn advance(&self, tenant: &TenantId, id: &DossierId) -> Result<(), AppError> {
        let holder = self.holder(tenant, id).await?;
        let view = self.dossier(&holder, id, PersonalFields::default()).await?;
        let next = view
            .next_actions
            .iter()
            .find(|a| matches!(a.action, "forward" | "sign" | "issue"))
            .ok_or_else(|| AppError::Internal(format!("dossier {id} cannot move on")))?;
        let to = next.to.clone().unwrap_or_default();
        let handler = String::new();
        let command = match next.action {
            "forward" => Command::Forward { to, handler },
            "sign" => Command::Sign { to, handler },
            _ => Command::Issue { to, handler },
        };
        self.act(&holder, id, command, "").await.map(|_| ())
    }

    /// Seeds demo dossiers in `communes` communes of each province that has none yet, moving
    /// `clock` (the clock this app instance runs on) to each action's instant; answers how many
    /// were created.
    pub async fn seed_demo_dossiers(
        &self,
        clock: &ManualClock,
        communes: usize,
        per_commune: usize,
        now: DateTime<Utc>,
    ) -> Result<usize, AppError> {
        let mut created = 0;
        for tenant in self.reference.tenants().await? {
            if tenant.id.is_national() {
                continue;
            }
            let scope = TenantScope::new(tenant.id.clone());
            let existing = self
                .queries
                .find_dossiers(
                    &scope,
                    &DossierFilter {
                        owner: Owner::Anywhere,
                        statuses: Vec::new(),
                        procedure: None,
                        units: None,
                        sla: None,
                        received_from: None,
                        received_before: None,
                        search: None,
                        search_personal: false,
                        order: super::ports::DossierOrder::RecentlyChanged,
                        now,
                    },
                    PageRequest {
                        offset: 0,
                        limit: 1,
                    },
                )
                .await?;
            if existing.total > 0 {
                continue;
            }
            let province = self.reference.province_config(&scope).await?;
            let today = local_day(&now);
            let receptions: Vec<(String, String)> = province
                .assignments
                .assignments
                .iter()
                .filter(|a| a.role == Role::CommuneReception)
                .filter(|a| {
                    a.valid_from.is_none_or(|d| d <= today) && a.valid_to.is_none_or(|d| today <= d)
                })
                .filter_map(|a| Some((a.unit.clone(), a.officers.first()?.clone())))
                .take(communes)
                .collect();
            for (c, (unit_code, reception)) in receptions.iter().enumerate() {
                let commune = Commune {
                    tenant: tenant.id.clone(),
                    scope: scope.clone(),
                    province: province.clone(),
                    unit: self.find_unit_by_code(&scope, unit_code, today).await?,
                    creator: self.principal_named(&tenant.id, reception).await?,
                    now,
                };
                for k in 0..per_commune {
                    let n = c * per_commune + k;
                    let goal = GOALS[n % GOALS.len()];
                    let procedure = PROCEDURES[n % PROCEDURES.len()];
                    let at = created_at(n, now);
                    let application = applicant(&tenant.id, n);
                    self.seed_one(clock, &commune, (&application, goal, procedure), at)
                        .await?;
                    created += 1;
                }
                if c == 0 {
                    // One burial-support dossier three weeks old still at the social officer:
                    // past its appointment whatever today is, so its holder is asked for the
                    // apology letter (Phiếu xin lỗi và hẹn lại).
                    let at = created_at(0, now) - Duration::days(21);
                    let late = (&late_applicant(&tenant.id), Goal::Steps(1), "2.000744");
                    self.seed_one(clock, &commune, late, at).await?;
                    created += 1;
                }
            }
        }
        clock.set(now);
        Ok(created)
    }

    /// One demo dossier (number, goal, procedure) created at `at` and taken to its goal.
    async fn seed_one(
        &self,
        clock: &ManualClock,
        commune: &Commune,
        (application, goal, procedure): (&Application, Goal, &str),
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let Commune {
            tenant,
            scope,
            province,
            unit,
            creator,
            now,
        } = commune;
        let today = local_day(now);
        let mut at = at;
        let mut tick = || {
            clock.set(at);
            at = (at + Duration::hours(2)).min(*now);
        };
        tick();
        let record = self
            .create_dossier(creator, procedure, unit, application)
            .await?;
        if matches!(goal, Goal::Draft) {
            return Ok(());
        }
        let id = record.id.clone();
        // The first step's officer receives: reception, or the social officer for dossiers
        // arriving through the liên thông bundle.
        let (_, workflow, _) = self.pinned_workflow(scope, &record).await?;
        let first = workflow
            .steps
            .first()
            .ok_or_else(|| AppError::Internal("empty workflow".to_owned()))?;
        let staffing = self
            .step_officers(scope, province, &record, first, today)
            .await?;
        let Some(officer) = staffing.officers.first() else {
            return Ok(());
        };
        let receiver = self.principal_of(tenant, &officer.id).await?;
        tick();
        self.act(&receiver, &id, Command::Receive, "").await?;
        let at_reception = usize::from(first.role == Some(Role::CommuneReception));
        for _ in 0..forwards(goal, &workflow, at_reception) {
            tick();
            self.advance(tenant, &id).await?;
        }
        tick();
        let holder = self.holder(tenant, &id).await?;
        let step = record_of(self, scope, &id)
            .await?
            .state
            .step
            .unwrap_or_default();
        let send_back_to = send_back_target(&workflow, &step);
        let command = final_command(goal, send_back_to);
        if let Some(command) = command {
            self.act(&holder, &id, command, "").await?;
        }
        Ok(())
    }

    async fn find_unit_by_code(
        &self,
        scope: &TenantScope,
        code: &str,
        day: chrono::NaiveDate,
    ) -> Result<UnitId, AppError> {
        let query = crate::model::UnitQuery {
            code: Some(code.to_owned()),
            as_of: Some(day),
            ..crate::model::UnitQuery::default()
        };
        let page = self
            .reference
            .find_units(
                scope,
                &query,
                PageRequest {
                    offset: 0,
                    limit: 1,
                },
            )
            .await?;
        page.items
            .into_iter()
            .next()
            .map(|u| u.id)
            .ok_or_else(|| AppError::not_found("đơn vị hành chính", code))
    }
}

async fn record_of(
    app: &Dossiers,
    scope: &TenantScope,
    id: &DossierId,
) -> Result<super::ports::DossierRecord, AppError> {
    app.repo
        .dossier(scope, id)
        .await?
        .ok_or_else(|| AppError::not_found("hồ sơ", id))
}
