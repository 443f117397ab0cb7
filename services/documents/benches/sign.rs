//! Time to make and sign one decision as the issued file is made: the template rendered with
//! its slots, the leader's signature revision, then the number and date filled and the seal's
//! revision (two CMS signatures, each verified before it is embedded), and 100 such decisions
//! at once on the machine's cores. Figures go to the README (target: under 150 ms each).

use std::collections::BTreeMap;
use std::hint::black_box;

use ansinh_documents::{
    Place, Revision, SIGNATURE, SignatureSpec, SoftwareSigner, Subject, TextField, field_place,
    prepare, render, slot,
};
use criterion::{Criterion, criterion_group, criterion_main};

const TEMPLATE: &str =
    include_str!("../../../config-tenants/04-cao-bang/templates/qd-ho-tro-mai-tang.md");
const STAMPED: [(&str, usize); 4] = [("so_quyet_dinh", 4), ("ngay", 2), ("thang", 2), ("nam", 4)];
const AT: i64 = 1_772_416_800;

fn spec(field: &str, place: Place, seal: bool) -> SignatureSpec {
    SignatureSpec {
        field: field.to_owned(),
        place,
        lines: vec![
            "Hoàng Văn Thụ".to_owned(),
            "Đã ký số 02/03/2026 09:00".to_owned(),
        ],
        seal,
        signer_name: "Hoàng Văn Thụ".to_owned(),
        reason: "Ký duyệt quyết định".to_owned(),
        location: "xã Bảo Lâm".to_owned(),
        signed_at: "D:20260302090000+07'00'".to_owned(),
    }
}

fn subject(name: &str) -> Subject {
    Subject {
        id: name.to_owned(),
        common_name: name.to_owned(),
        organization: "Ủy ban nhân dân xã Bảo Lâm".to_owned(),
    }
}

/// One decision rendered, signed by the leader, numbered, dated and sealed.
fn decide(i: usize, signer: &SoftwareSigner) -> Vec<u8> {
    let mut fields: BTreeMap<String, String> = [
        (
            "ten_co_quan_in_hoa",
            "ỦY BAN NHÂN DÂN XÃ BẢO LÂM".to_owned(),
        ),
        ("ho_ten_nguoi_nhan", format!("Nông Văn Dũng {i}")),
        ("so_tien", "10000000".to_owned()),
        ("nguoi_ky", "Hoàng Văn Thụ".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (name, room) in STAMPED {
        fields.insert(name.to_owned(), slot(name, room));
    }
    let rendered = render(TEMPLATE, &fields, "Quyết định").unwrap_or_else(|e| panic!("{e}"));
    let place = |name: &str| {
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
    let leader = Revision {
        new_fields: STAMPED
            .iter()
            .map(|(name, _)| TextField {
                name: (*name).to_owned(),
                place: place(name),
                size: 13.0,
                italic: false,
            })
            .collect(),
        fills: Vec::new(),
    };
    let prepared = prepare(
        &rendered.pdf,
        &leader,
        &spec("lanh_dao", place(SIGNATURE), false),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (signed, _) = signer
        .sign_prepared(&prepared, &subject("Hoàng Văn Thụ"), AT)
        .unwrap_or_else(|e| panic!("{e}"));
    let box_ = field_place(&signed, "lanh_dao").unwrap_or_else(|| panic!("leader field"));
    let issue = Revision {
        new_fields: Vec::new(),
        fills: [
            ("so_quyet_dinh", i.to_string()),
            ("ngay", "02".into()),
            ("thang", "3".into()),
            ("nam", "2026".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    };
    let prepared =
        prepare(&signed, &issue, &spec("con_dau", box_, true)).unwrap_or_else(|e| panic!("{e}"));
    signer
        .sign_prepared(&prepared, &subject("Ủy ban nhân dân xã Bảo Lâm"), AT)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

fn sign(c: &mut Criterion) {
    let signer = SoftwareSigner::new("CA thử nghiệm").unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("render, sign and seal one burial-support decision", |b| {
        b.iter(|| black_box(decide(1, &signer)))
    });
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function(
        format!("render, sign and seal 100 decisions at once ({workers} threads)"),
        |b| {
            b.iter(|| {
                std::thread::scope(|scope| {
                    for worker in 0..workers {
                        let signer = &signer;
                        scope.spawn(move || {
                            for i in (worker..100).step_by(workers) {
                                black_box(decide(i, signer));
                            }
                        });
                    }
                })
            })
        },
    );
    group.finish();
}

criterion_group!(benches, sign);
criterion_main!(benches);
