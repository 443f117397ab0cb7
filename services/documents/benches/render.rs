//! Time to make one decision PDF from a province's template (merge, layout, PDF with embedded
//! font subsets), and 100 decisions one after another on one core. Figures go to the README.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

const TEMPLATE: &str =
    include_str!("../../../config-tenants/04-cao-bang/templates/qd-ho-tro-mai-tang.md");

fn fields(i: usize) -> BTreeMap<String, String> {
    [
        (
            "ten_co_quan_in_hoa",
            "ỦY BAN NHÂN DÂN XÃ BẢO LÂM".to_owned(),
        ),
        ("so_quyet_dinh", i.to_string()),
        ("dia_danh", "Bảo Lâm".to_owned()),
        ("ho_ten_nguoi_nhan", format!("Nông Văn Dũng {i}")),
        ("so_tien", "10000000".to_owned()),
        ("so_tien_bang_chu", "Mười triệu đồng".to_owned()),
        ("nguoi_ky", "Hoàng Văn Thụ".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn render(c: &mut Criterion) {
    let one = fields(1);
    c.bench_function("render one burial-support decision", |b| {
        b.iter(|| ansinh_documents::render(black_box(TEMPLATE), &one, "Quyết định"))
    });
    let hundred: Vec<_> = (0..100).map(fields).collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("render 100 decisions", |b| {
        b.iter(|| {
            for f in &hundred {
                black_box(ansinh_documents::render(TEMPLATE, f, "Quyết định").ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
