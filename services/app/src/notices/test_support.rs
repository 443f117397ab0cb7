//! What the notices' tests share: Vietnam-time instants, an officer's address, and a dossier
//! received at Xã Bảo Lâm (01290) and forwarded to its social officer.

use ansinh_core::calendar::local::from_local;
use ansinh_core::dossier::Command;
use ansinh_core::{DossierId, Pii, UnitId};
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::dossier::Application;
use crate::fakes::World;
use crate::identity::Principal;

/// `2026-03-02T08:00` in Vietnam time.
pub(super) fn local(text: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    from_local(naive).with_timezone(&Utc)
}

/// Gives the officer an e-mail address.
pub(super) async fn with_email(world: &World, officer: &Principal, email: &str) {
    world
        .app
        .identity
        .update_profile(officer, &officer.display_name, (None, None, Some(email)))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
}

/// Received at 08:00 on `day` (the applicant's address when given), forwarded to the social
/// officer at 09:00.
pub(super) async fn forwarded(
    world: &World,
    reception: &Principal,
    day: &str,
    applicant_email: Option<&str>,
) -> DossierId {
    let unit = UnitId::parse("01290@2025-07-01").unwrap_or_else(|e| panic!("{e}"));
    let mut fields =
        std::collections::BTreeMap::from([("dia_chi".to_owned(), "Thôn Nà Pồng".to_owned())]);
    if let Some(email) = applicant_email {
        fields.insert("thu_dien_tu".to_owned(), email.to_owned());
    }
    let application = Application {
        applicant_name: Pii::new("Nông Thị Mai".to_owned()),
        applicant_id_number: None,
        fields: Pii::new(fields),
    };
    world.at(local(&format!("{day}T08:00")));
    let dossiers = &world.app.dossiers;
    let created = dossiers
        .create_dossier(reception, "2.000286", &unit, &application)
        .await
        .unwrap_or_else(|e| panic!("create: {e:?}"));
    dossiers
        .act(reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("receive: {e:?}"));
    world.at(local(&format!("{day}T09:00")));
    let forward = Command::Forward {
        to: "tham-dinh".to_owned(),
        handler: String::new(),
    };
    dossiers
        .act(reception, &created.id, forward, "Đủ thành phần")
        .await
        .unwrap_or_else(|e| panic!("forward: {e:?}"));
    created.id
}
