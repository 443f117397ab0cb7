//! A decision signed by a leader, then numbered and sealed, read back by our own reader (the
//! end-to-end tests have pyHanko's word on the same files).

use std::collections::BTreeMap;

use super::*;
use crate::{SIGNATURE, render, slot};

const TEMPLATE: &str =
    include_str!("../../../../config-tenants/04-cao-bang/templates/qd-ho-tro-mai-tang.md");
const AT: i64 = 1_772_416_800; // 2026-03-02 02:00 UTC

fn subject(name: &str) -> Subject {
    Subject {
        id: name.to_owned(),
        common_name: name.to_owned(),
        organization: "Ủy ban nhân dân xã Bảo Lâm".to_owned(),
    }
}

fn spec(field: &str, place: Place, seal: bool) -> SignatureSpec {
    SignatureSpec {
        field: field.to_owned(),
        place,
        lines: vec!["Hoàng Thị Mai".to_owned(), "02/03/2026 09:00".to_owned()],
        seal,
        signer_name: "Hoàng Thị Mai".to_owned(),
        reason: "Ký duyệt".to_owned(),
        location: "xã Bảo Lâm".to_owned(),
        signed_at: "D:20260302090000+07'00'".to_owned(),
    }
}

/// The decision signed by the leader: the file and the signer's authority.
fn signed() -> (Vec<u8>, SoftwareSigner) {
    let mut fields = BTreeMap::new();
    for (name, room) in [("so_quyet_dinh", 4), ("ngay", 2)] {
        fields.insert(name.to_owned(), slot(name, room));
    }
    let rendered = render(TEMPLATE, &fields, "Quyết định").unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = rendered.slots.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["so_quyet_dinh", "ngay", SIGNATURE]);
    let place_of = |name: &str| {
        let s = rendered
            .slots
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        Place {
            page: s.page,
            rect: s.rect,
        }
    };
    let revision = Revision {
        new_fields: ["so_quyet_dinh", "ngay"]
            .iter()
            .map(|name| TextField {
                name: (*name).to_owned(),
                place: place_of(name),
                size: 13.0,
                italic: false,
            })
            .collect(),
        fills: Vec::new(),
    };
    let prepared = prepare(
        &rendered.pdf,
        &revision,
        &spec("lanh_dao", place_of(SIGNATURE), false),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(prepared_digest(&prepared.pdf).ok(), Some(prepared.digest));
    let signer = SoftwareSigner::new("CA thử nghiệm").unwrap_or_else(|e| panic!("{e}"));
    let (pdf, by) = signer
        .sign_prepared(&prepared, &subject("Hoàng Thị Mai"), AT)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(by.common_name, "Hoàng Thị Mai");
    assert!(
        pdf.starts_with(&rendered.pdf),
        "an incremental update keeps the file"
    );
    (pdf, signer)
}

#[test]
fn a_signed_then_sealed_decision_holds_two_signatures_that_verify() {
    let (pdf, signer) = signed();
    let leader = field_place(&pdf, "lanh_dao").unwrap_or_else(|| panic!("no leader field"));
    let issue = Revision {
        new_fields: Vec::new(),
        fills: vec![
            ("so_quyet_dinh".to_owned(), "12".to_owned()),
            ("ngay".to_owned(), "02".to_owned()),
        ],
    };
    let prepared =
        prepare(&pdf, &issue, &spec("con_dau", leader, true)).unwrap_or_else(|e| panic!("{e}"));
    let (issued, _) = signer
        .sign_prepared(&prepared, &subject("Ủy ban nhân dân xã Bảo Lâm"), AT)
        .unwrap_or_else(|e| panic!("{e}"));
    let trust = vec![signer.authority_der().unwrap_or_else(|e| panic!("{e}"))];
    let found = signatures(&issued, &trust, AT).unwrap_or_else(|e| panic!("{e}"));
    let summary: Vec<(&str, bool, bool)> = found
        .iter()
        .map(|s| (s.field.as_str(), s.signer.is_some(), s.whole_file))
        .collect();
    assert_eq!(
        summary,
        [("lanh_dao", true, false), ("con_dau", true, true)]
    );
    assert_eq!(found[0].signed_length, pdf.len());

    let mut tampered = issued.clone();
    let at = tampered
        .windows(6)
        .position(|w| w == b"Ansinh")
        .unwrap_or_else(|| panic!("creator"));
    tampered[at] = b'a';
    let found = signatures(&tampered, &trust, AT).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        found.iter().all(
            |s| s.problem.as_deref() == Some("chữ ký không khớp với văn bản đã chuẩn bị để ký")
        ),
        "{found:?}"
    );
}

#[test]
fn a_cms_is_refused_for_another_file_an_unknown_authority_or_an_expired_certificate() {
    let (pdf, signer) = signed();
    let prepared = prepare(
        &pdf,
        &Revision::default(),
        &spec(
            "con_dau",
            Place {
                page: 0,
                rect: [60.0, 100.0, 120.0, 50.0],
            },
            true,
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let trust = vec![signer.authority_der().unwrap_or_else(|e| panic!("{e}"))];
    let other = signer
        .sign(&subject("Ai đó"), &[7; 32])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        embed(&prepared.pdf, &other, &trust, AT).err(),
        Some(SignError::DigestMismatch)
    );
    let stranger = SoftwareSigner::new("CA lạ").unwrap_or_else(|e| panic!("{e}"));
    let cms = stranger
        .sign(&subject("Ai đó"), &prepared.digest)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        embed(&prepared.pdf, &cms, &trust, AT),
        Err(SignError::Untrusted(_))
    ));
    let cms = signer
        .sign(&subject("Ai đó"), &prepared.digest)
        .unwrap_or_else(|e| panic!("{e}"));
    // 2100-01-01: after the certificate's validity.
    assert!(matches!(
        embed(&prepared.pdf, &cms, &trust, 4_102_444_800),
        Err(SignError::Untrusted(_))
    ));
    assert!(matches!(
        embed(&prepared.pdf, b"not a cms", &trust, AT),
        Err(SignError::Invalid(_))
    ));
    assert!(embed(&prepared.pdf, &cms, &trust, AT).is_ok());
}
