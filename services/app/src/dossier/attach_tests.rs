//! Components handed in, on fakes: checks by content, caps, the holder rule, a store that is
//! down, reading back within the reader's units, reuse for the same person, and the rule that
//! a component received signed is never asked again on paper.

use std::sync::atomic::Ordering;

use ansinh_core::dossier::Command;
use ansinh_core::{DossierId, Pii, UnitId};
use chrono::{DateTime, NaiveDateTime, Utc};

use super::{Application, Upload, UploadOrigin};
use crate::AppError;
use crate::fakes::World;
use crate::identity::Principal;

const RECEPTION: &str = "tiepnhan.01290";
const OTHER_COMMUNE: &str = "tiepnhan.01273";
const MONTHLY_ALLOWANCE: &str = "2.000286";
const DECLARATION: &str = "to-khai-mau-1";
const DISABILITY: &str = "giay-xac-nhan-khuyet-tat";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
const ZIP: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0rest";

fn at_nine() -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str("2026-03-02T09:00", "%Y-%m-%dT%H:%M")
        .unwrap_or_else(|e| panic!("{e}"));
    ansinh_core::calendar::local::from_local(naive).with_timezone(&Utc)
}

fn pdf(name: &str) -> Upload {
    Upload {
        name: name.to_owned(),
        declared_type: Some("application/pdf".to_owned()),
        bytes: PDF.to_vec(),
    }
}

fn code<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(error) => error.code().to_owned(),
    }
}

async fn received(world: &World, reception: &Principal, id_number: &str) -> DossierId {
    let application = Application {
        applicant_name: Pii::new("Nông Thị Mai".to_owned()),
        applicant_id_number: Some(Pii::new(id_number.to_owned())),
        ..Application::default()
    };
    let unit = UnitId::parse("01290@2025-07-01").unwrap_or_else(|e| panic!("{e}"));
    let dossiers = &world.app.dossiers;
    let created = dossiers
        .create_dossier(reception, MONTHLY_ALLOWANCE, &unit, &application)
        .await
        .unwrap_or_else(|e| panic!("create: {e:?}"));
    dossiers
        .act(reception, &created.id, Command::Receive, "")
        .await
        .unwrap_or_else(|e| panic!("receive: {e:?}"));
    world
        .attachments
        .people
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(created.id.as_str().to_owned(), id_number.to_owned());
    created.id
}

#[tokio::test]
async fn a_scanned_pdf_is_kept_with_its_hash_under_an_unguessable_key_and_read_back() {
    let world = World::shipped(at_nine()).await;
    let reception = world.officer("04", RECEPTION).await;
    let id = received(&world, &reception, "004190000123").await;
    let dossiers = &world.app.dossiers;
    let added = dossiers
        .attach_files(
            &reception,
            &id,
            DECLARATION,
            vec![pdf("C:\\scan\\to khai.pdf")],
            UploadOrigin::Scanned,
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let file = added[0].file.clone().unwrap_or_else(|| panic!("no file"));
    assert_eq!(file.name, "to khai.pdf");
    assert_eq!(file.size, PDF.len() as u64);
    assert_eq!(file.sha256.len(), 64);
    assert!(
        file.key.starts_with("tenants/04/files/") && file.key.len() == 49,
        "{}",
        file.key
    );
    let (record, bytes) = dossiers
        .attachment_file(&reception, &added[0].id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (record.component.as_str(), bytes.as_slice()),
        (DECLARATION, PDF)
    );
    let other = world.officer("04", OTHER_COMMUNE).await;
    assert_eq!(
        code(dossiers.attachment_file(&other, &added[0].id).await),
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn bad_files_are_refused_and_nothing_is_stored() {
    let world = World::shipped(at_nine()).await;
    let reception = world.officer("04", RECEPTION).await;
    let id = received(&world, &reception, "004190000123").await;
    let dossiers = &world.app.dossiers;
    let attach = |uploads: Vec<Upload>, component: &'static str| {
        dossiers.attach_files(&reception, &id, component, uploads, UploadOrigin::Scanned)
    };
    let zip = Upload {
        bytes: ZIP.to_vec(),
        ..pdf("giay.pdf")
    };
    assert_eq!(
        code(attach(vec![pdf("a.pdf"), zip], DECLARATION).await),
        "FILE_TYPE_NOT_ALLOWED"
    );
    let eleven = (0..11).map(|i| pdf(&format!("{i}.pdf"))).collect();
    assert_eq!(code(attach(eleven, DECLARATION).await), "TOO_MANY_FILES");
    assert_eq!(
        code(attach(vec![pdf("a.pdf")], "giay-khong-co").await),
        "UNKNOWN_COMPONENT"
    );
    assert_eq!(world.blobs.count(), 0);
    world.blobs.down.store(true, Ordering::Release);
    assert_eq!(
        code(attach(vec![pdf("a.pdf")], DECLARATION).await),
        "STORAGE_UNAVAILABLE"
    );
    world.blobs.down.store(false, Ordering::Release);
    let listed = dossiers.attachments(&reception, &id).await;
    assert_eq!(listed.map(|l| l.len()).ok(), Some(0));
}

#[tokio::test]
async fn only_the_holder_adds_and_paper_needs_a_reason() {
    let world = World::shipped(at_nine()).await;
    let reception = world.officer("04", RECEPTION).await;
    let id = received(&world, &reception, "004190000123").await;
    let dossiers = &world.app.dossiers;
    let social = world.officer("04", "vhxh.01290").await;
    let by_social = dossiers
        .attach_files(
            &social,
            &id,
            DECLARATION,
            vec![pdf("a.pdf")],
            UploadOrigin::Scanned,
        )
        .await;
    assert_eq!(code(by_social), "NOT_HOLDER");
    assert_eq!(
        code(
            dossiers
                .keep_on_paper(&reception, &id, DISABILITY, " ")
                .await
        ),
        "PAPER_REASON_REQUIRED"
    );
    let kept = dossiers
        .keep_on_paper(
            &reception,
            &id,
            DISABILITY,
            "Bản gốc ép plastic, không quét được",
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(kept.provenance.as_str(), "paper");
    assert_eq!(
        code(dossiers.attachment_file(&reception, &kept.id).await),
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn a_component_received_signed_is_never_asked_again_on_paper() {
    let world = World::shipped(at_nine()).await;
    let reception = world.officer("04", RECEPTION).await;
    let id = received(&world, &reception, "004190000123").await;
    let dossiers = &world.app.dossiers;
    let signed = UploadOrigin::Electronic { signed: true };
    dossiers
        .attach_files(
            &reception,
            &id,
            DISABILITY,
            vec![pdf("xac-nhan.pdf")],
            signed,
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let ask = |missing: &[&str]| Command::RequestSupplement {
        missing: missing.iter().map(|m| (*m).to_owned()).collect(),
    };
    let named = ask(&["Bản sao giấy xác nhận khuyết tật"]);
    assert_eq!(
        code(dossiers.act(&reception, &id, named, "").await),
        "SIGNED_COMPONENT_REQUESTED"
    );
    let other = ask(&["Tờ khai đề nghị trợ cấp xã hội (bản có chữ ký)"]);
    assert_eq!(code(dossiers.act(&reception, &id, other, "").await), "ok");
}

#[tokio::test]
async fn a_document_held_for_the_same_person_is_reused_not_another_persons() {
    let world = World::shipped(at_nine()).await;
    let reception = world.officer("04", RECEPTION).await;
    let dossiers = &world.app.dossiers;
    let earlier = received(&world, &reception, "004190000123").await;
    let stranger = received(&world, &reception, "004190000999").await;
    let held = dossiers
        .attach_files(
            &reception,
            &earlier,
            DISABILITY,
            vec![pdf("xn.pdf")],
            UploadOrigin::Scanned,
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let theirs = dossiers
        .attach_files(
            &reception,
            &stranger,
            DISABILITY,
            vec![pdf("xn.pdf")],
            UploadOrigin::Scanned,
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let now = received(&world, &reception, "004190000123").await;
    let reusable = dossiers.reusable_files(&reception, &now).await;
    let ids: Vec<String> = reusable
        .unwrap_or_default()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, vec![held[0].id.clone()]);
    let reused = dossiers
        .reuse_file(&reception, &now, DISABILITY, &held[0].id)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        reused.file.map(|f| f.key),
        held[0].file.clone().map(|f| f.key)
    );
    assert_eq!(
        code(
            dossiers
                .reuse_file(&reception, &now, DISABILITY, &theirs[0].id)
                .await
        ),
        "REUSE_OTHER_PERSON"
    );
}
