//! Decision drafts on fakes: the fields a monthly-allowance decision is filled with (amount by
//! the standard level in force and the coefficient, in figures and words; the date line; the
//! issuing body), and who may not read one.

use ansinh_core::dossier::Command;
use ansinh_core::{Pii, UnitId};
use chrono::{NaiveDateTime, Utc};

use crate::dossier::Application;
use crate::fakes::World;

fn lines(pdf: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(pdf)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_monthly_allowance_draft_is_filled_with_the_amount_in_figures_and_words() {
    let naive =
        NaiveDateTime::parse_from_str("2026-03-02T09:00", "%Y-%m-%dT%H:%M").unwrap_or_default();
    let world =
        World::shipped(ansinh_core::calendar::local::from_local(naive).with_timezone(&Utc)).await;
    let reception = world.officer("04", "tiepnhan.01290").await;
    let application = Application {
        applicant_name: Pii::new("Nông Thị Mai".to_owned()),
        applicant_id_number: Some(Pii::new("004190000123".to_owned())),
        fields: Pii::new(
            [
                ("dia_chi", "Thôn Nà Pồng"),
                ("he_so", "1,5"),
                ("ngay_sinh", "1948-03-12"),
            ]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        ),
    };
    let unit = UnitId::parse("01290@2025-07-01").unwrap_or_else(|e| panic!("{e}"));
    let created = world
        .app
        .dossiers
        .create_dossier(&reception, "2.000286", &unit, &application)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    world
        .app
        .dossiers
        .act(&reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let draft = world
        .app
        .documents
        .decision_draft(&reception, &created.id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(draft.template_code, "qd-tro-cap-hang-thang");
    let filled = lines(&draft.document.pdf);
    for expected in [
        "so_tien_hang_thang=750.000",
        "so_tien_bang_chu=Bảy trăm năm mươi nghìn đồng",
        "muc_chuan=500.000",
        "he_so=1,5",
        "ngay=02",
        "thang=3",
        "thang_bat_dau=3/2026",
        "noi_cu_tru=Thôn Nà Pồng",
        "ho_ten=Nông Thị Mai",
        "ngay_sinh=12/03/1948",
    ] {
        assert!(
            filled.iter().any(|l| l == expected),
            "{expected} not in {filled:?}"
        );
    }
    assert!(
        filled
            .iter()
            .any(|l| l.starts_with("ten_co_quan_in_hoa=ỦY BAN NHÂN DÂN XÃ")),
        "{filled:?}"
    );
    assert!(draft.document.missing.contains(&"so_quyet_dinh".to_owned()));
    assert!(draft.document.missing.contains(&"nguoi_ky".to_owned()));

    let neighbour = world.officer("04", "tiepnhan.01273").await;
    let refused = world
        .app
        .documents
        .decision_draft(&neighbour, &created.id)
        .await;
    assert_eq!(refused.map(|_| ()).map_err(|e| e.code()), Err("NOT_FOUND"));
}
