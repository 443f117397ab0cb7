//! The dossier use cases on in-memory fakes (no database, no HTTP): handler choice from the
//! assignments, the SLA instants and snapshots stored with each action, the officer's queues.
//! Xã Bảo Lâm (01290, Cao Bằng), Monday 2 March 2026, sessions 07:30–11:30 and 13:30–17:00.

use crate::dossier::PersonalFields;
use ansinh_core::calendar::local::from_local;
use ansinh_core::dossier::{Command, Status};
use ansinh_core::{DossierId, Pii, UnitId};
use chrono::{DateTime, NaiveDateTime, Utc};

use super::{Acted, Application, ClockView, Folder, ListFilter, StepSla};
use crate::fakes::World;
use crate::identity::Principal;
use crate::{AppError, PageRequest};

const RECEPTION: &str = "tiepnhan.01290";
const SOCIAL: &str = "vhxh.01290";
const MONTHLY_ALLOWANCE: &str = "2.000286";

fn local(text: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    from_local(naive).with_timezone(&Utc)
}

fn utc(text: &str) -> Option<DateTime<Utc>> {
    Some(
        DateTime::parse_from_rfc3339(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .with_timezone(&Utc),
    )
}

fn unit() -> UnitId {
    UnitId::parse("01290@2025-07-01").unwrap_or_else(|e| panic!("{e}"))
}

fn code(result: Result<Acted, AppError>) -> String {
    match result {
        Ok(acted) => format!("ok: held by {:?}", acted.record.state.holder),
        Err(AppError::InvalidInput { code, .. }) => code.as_str().to_owned(),
        Err(AppError::Domain(error)) => error.code().to_owned(),
        Err(other) => format!("{other:?}"),
    }
}

fn forward(to: &str, handler: &str) -> Command {
    Command::Forward {
        to: to.to_owned(),
        handler: handler.to_owned(),
    }
}

/// A monthly-allowance dossier created and received by reception at the world's clock.
async fn received(world: &World, reception: &Principal, name: &str) -> DossierId {
    let application = Application {
        applicant_name: Pii::new(name.to_owned()),
        applicant_id_number: None,
        fields: Pii::new([("dia_chi".to_owned(), "Thôn Nà Pồng".to_owned())].into()),
    };
    let created = world
        .app
        .dossiers
        .create_dossier(reception, MONTHLY_ALLOWANCE, &unit(), &application)
        .await
        .unwrap_or_else(|e| panic!("create: {e:?}"));
    world
        .app
        .dossiers
        .act(reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("receive: {e:?}"));
    created.id
}

#[tokio::test]
async fn the_only_assigned_officer_is_chosen_with_the_step_due_and_the_left_step_snapshot() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let reception = world.officer("04", RECEPTION).await;
    let social = world.officer("04", SOCIAL).await;
    let id = received(&world, &reception, "Nông Thị Mai").await;
    world.at(local("2026-03-02T09:00"));
    let moved = world
        .app
        .dossiers
        .act(&reception, &id, forward("tham-dinh", ""), "Đủ thành phần")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        moved.record.state.holder.as_deref(),
        Some(social.account.0.as_str())
    );
    // Six working days from Monday 09:00 keep the time of day: Tuesday 10 March, 09:00.
    assert_eq!(
        moved.record.deadlines.step_started_at,
        utc("2026-03-02T02:00:00Z")
    );
    assert_eq!(
        moved.record.deadlines.step_due_at,
        utc("2026-03-10T02:00:00Z")
    );
    // The appointment: ten working days from the receipt at 08:00.
    assert_eq!(moved.record.deadlines.due_at, utc("2026-03-16T01:00:00Z"));
    let view = world
        .app
        .dossiers
        .dossier(&social, &id, PersonalFields::ALL)
        .await;
    let view = view.unwrap_or_else(|e| panic!("{e:?}"));
    // The answer to the action, built from what it wrote, is what reading it back shows.
    let answered = world
        .app
        .dossiers
        .view(&social, moved, PersonalFields::ALL)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(answered, view);
    let event = view.events.last().unwrap_or_else(|| panic!("no event"));
    assert_eq!(
        event.read_details().handler_name.as_deref(),
        Some("Cán bộ vhxh.01290")
    );
    // The reception step left: 4 working hours from 08:00, finished after one; on its due day,
    // so "đúng hạn" (only a finish on an earlier day is "trước hạn").
    let left = event.sla.as_deref().and_then(ClockView::from_snapshot);
    let left = left.unwrap_or_else(|| panic!("no snapshot on {event:?}"));
    assert_eq!(
        (
            left.step.as_deref(),
            left.budget.as_str(),
            left.due_at,
            left.finished_at
        ),
        (
            Some("tiep-nhan"),
            "4h",
            utc("2026-03-02T07:00:00Z"),
            utc("2026-03-02T02:00:00Z")
        )
    );
    assert_eq!(super::sla_status_name(left.status), "on_time");
    // Reading the applicant's data is logged.
    let logged = world.access_log.entries();
    assert!(
        logged
            .iter()
            .any(|e| e.subject_id == id.as_str() && e.account == social.account),
        "{logged:?}"
    );
    // Every action queued its side effect.
    assert_eq!(world.dossiers.outbox().len(), 2);
}

#[tokio::test]
async fn with_several_officers_the_handler_is_chosen_among_those_assigned() {
    let world = World::shipped_with(local("2026-03-02T08:00"), |set| {
        let cao_bang = set.provinces.values_mut().find(|p| p.tenant.code == "04");
        let cao_bang = cao_bang.unwrap_or_else(|| panic!("no Cao Bằng"));
        let social = cao_bang
            .assignments
            .assignments
            .iter_mut()
            .find(|a| a.unit == "01290" && a.officers == [SOCIAL] && a.valid_to.is_none());
        let social = social.unwrap_or_else(|| panic!("no social officer at 01290"));
        social.officers.push("vhxh3.01290".to_owned());
    })
    .await;
    let reception = world.officer("04", RECEPTION).await;
    let second = world.officer("04", "vhxh3.01290").await;
    let clerk = world.officer("04", "vanthu.01290").await;
    let id = received(&world, &reception, "Hoàng Văn Pọm").await;
    let act = |command| world.app.dossiers.act(&reception, &id, command, "");
    // Not allowed from reception at all: said before any handler is asked for.
    assert_eq!(
        code(act(forward("lanh-dao-quyet-dinh", "")).await),
        "ACTION_NOT_ALLOWED"
    );
    assert_eq!(
        code(act(forward("tham-dinh", "")).await),
        "HANDLER_REQUIRED"
    );
    assert_eq!(
        code(act(forward("tham-dinh", &clerk.account.0)).await),
        "HANDLER_NOT_ASSIGNED"
    );
    assert_eq!(
        code(act(forward("tham-dinh", &second.account.0)).await),
        format!("ok: held by {:?}", Some(&second.account.0))
    );
}

#[tokio::test]
async fn a_step_whose_officer_is_locked_has_no_handler() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let reception = world.officer("04", RECEPTION).await;
    let social = world.officer("04", SOCIAL).await;
    let admin = world.officer("04", "quantri.04").await;
    let id = received(&world, &reception, "Lò Thị Én").await;
    let locked = world
        .app
        .identity
        .set_account_locked(&admin, &social.account, true)
        .await;
    locked.unwrap_or_else(|e| panic!("{e:?}"));
    let refused = world
        .app
        .dossiers
        .act(&reception, &id, forward("tham-dinh", ""), "")
        .await;
    let Err(AppError::InvalidInput { code, message, .. }) = refused else {
        panic!("{refused:?}");
    };
    assert_eq!(code.as_str(), "NO_HANDLER");
    assert!(
        message.contains("(Cán bộ vhxh.01290 (vhxh.01290): tài khoản đang bị khóa)"),
        "{message}"
    );
}

#[tokio::test]
async fn each_folder_counts_what_core_places_in_it() {
    let world = World::shipped(local("2026-03-02T08:00")).await;
    let reception = world.officer("04", RECEPTION).await;
    let application = Application {
        applicant_name: Pii::new("Bế Văn Dền".to_owned()),
        ..Application::default()
    };
    let draft = world
        .app
        .dossiers
        .create_dossier(&reception, MONTHLY_ALLOWANCE, &unit(), &application)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let held = received(&world, &reception, "Đàm Thị Nhàn").await;
    let waiting = received(&world, &reception, "Mã Văn Sình").await;
    let missing = vec!["Giấy xác nhận khuyết tật (bản chính)".to_owned()];
    let supplement = Command::RequestSupplement { missing };
    let asked = world
        .app
        .dossiers
        .act(&reception, &waiting, supplement, "")
        .await;
    asked.unwrap_or_else(|e| panic!("{e:?}"));
    let counts = world.app.dossiers.my_folder_counts(&reception).await;
    let counts = counts.unwrap_or_else(|e| panic!("{e:?}"));
    let by_folder = (
        counts.to_receive,
        counts.in_progress,
        counts.supplement,
        counts.not_returned,
        counts.in_progress_late,
    );
    assert_eq!(by_folder, (1, 1, 1, 2, 0));
    // Reception's 4 hours run out at 14:00; at 14:30 the held dossier is late, the paused
    // one is not.
    world.at(local("2026-03-02T14:30"));
    let counts = world.app.dossiers.my_folder_counts(&reception).await;
    let counts = counts.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((counts.in_progress, counts.in_progress_late), (1, 1));
    let late = ListFilter {
        sla: Some(StepSla::Late),
        ..ListFilter::default()
    };
    let page = PageRequest {
        offset: 0,
        limit: 20,
    };
    let listed = world
        .app
        .dossiers
        .my_dossiers(&reception, Folder::InProgress, &late, page)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let ids: Vec<&DossierId> = listed.items.iter().map(|r| &r.id).collect();
    assert_eq!(ids, [&held]);
    let drafts = world
        .app
        .dossiers
        .my_dossiers(&reception, Folder::ToReceive, &ListFilter::default(), page)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        drafts
            .items
            .iter()
            .map(|r| r.state.status)
            .collect::<Vec<_>>(),
        [Status::Draft]
    );
    assert_eq!(drafts.items[0].id, draft.id);
}
