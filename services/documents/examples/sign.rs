//! Renders a decision, signs it as a leader and issues it with the seal, with a software
//! signer: for checking signatures in a viewer or with another verifier by hand.
//! `cargo run -p ansinh-documents --example sign -- TEMPLATE.md OUT_DIR`.

use std::collections::BTreeMap;

use ansinh_documents::{
    Place, Revision, SIGNATURE, SignatureSpec, SoftwareSigner, Subject, TextField, prepare, render,
    signatures, slot,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(template), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: sign TEMPLATE.md OUT_DIR");
        std::process::exit(2);
    };
    let mut fields: BTreeMap<String, String> = [
        ("ho_ten_nguoi_nhan", "Nông Văn Dũng"),
        ("so_tien", "9000000"),
        ("nguoi_ky", "Hoàng Thị Mai"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (name, room) in [("so_quyet_dinh", 4), ("ngay", 2), ("thang", 2), ("nam", 4)] {
        fields.insert(name.to_owned(), slot(name, room));
    }
    let rendered = render(&std::fs::read_to_string(template)?, &fields, "Quyết định")?;
    let place = |name: &str| {
        rendered
            .slots
            .iter()
            .find(|s| s.name == name)
            .cloned()
            .ok_or(format!("no slot {name}"))
    };
    let box_ = place(SIGNATURE)?;
    let leader = Revision {
        new_fields: ["so_quyet_dinh", "ngay", "thang", "nam"]
            .iter()
            .map(|n| {
                let s = place(n)?;
                Ok(TextField {
                    name: (*n).to_owned(),
                    place: Place {
                        page: s.page,
                        rect: s.rect,
                    },
                    size: s.size,
                    italic: s.italic,
                })
            })
            .collect::<Result<_, String>>()?,
        fills: Vec::new(),
    };
    let signer = SoftwareSigner::new("Ansinh CA thử nghiệm")?;
    let at = 1_796_000_000;
    let spec = SignatureSpec {
        field: "lanh_dao".to_owned(),
        place: Place {
            page: box_.page,
            rect: box_.rect,
        },
        lines: vec![
            "Hoàng Thị Mai".to_owned(),
            "Ký ngày 02/12/2026 10:15".to_owned(),
        ],
        seal: false,
        signer_name: "Hoàng Thị Mai".to_owned(),
        reason: "Phê duyệt".to_owned(),
        location: "Xã Hưng Đạo".to_owned(),
        signed_at: "D:20261202101500+07'00'".to_owned(),
    };
    let prepared = prepare(&rendered.pdf, &leader, &spec)?;
    let person = Subject {
        id: "leader".to_owned(),
        common_name: "Hoàng Thị Mai".to_owned(),
        organization: "UBND xã Hưng Đạo".to_owned(),
    };
    let (signed, _) = signer.sign_prepared(&prepared, &person, at)?;
    std::fs::write(format!("{out}/signed.pdf"), &signed)?;
    let [x, y, w, h] = box_.rect;
    let seal = SignatureSpec {
        field: "con_dau".to_owned(),
        place: Place {
            page: box_.page,
            rect: [x - w / 3.0, y, w / 1.5, h],
        },
        lines: vec![
            "ỦY BAN NHÂN DÂN XÃ HƯNG ĐẠO".to_owned(),
            "Ký số 02/12/2026 14:00".to_owned(),
        ],
        seal: true,
        signer_name: "Ủy ban nhân dân xã Hưng Đạo".to_owned(),
        reason: "Phát hành".to_owned(),
        location: "Xã Hưng Đạo".to_owned(),
        signed_at: "D:20261202140000+07'00'".to_owned(),
    };
    let issue = Revision {
        new_fields: Vec::new(),
        fills: vec![
            ("so_quyet_dinh".to_owned(), "12".to_owned()),
            ("ngay".to_owned(), "02".to_owned()),
            ("thang".to_owned(), "12".to_owned()),
            ("nam".to_owned(), "2026".to_owned()),
        ],
    };
    let prepared = prepare(&signed, &issue, &seal)?;
    let agency = Subject {
        id: "unit".to_owned(),
        common_name: "Ủy ban nhân dân xã Hưng Đạo".to_owned(),
        organization: "UBND xã Hưng Đạo".to_owned(),
    };
    let (issued, _) = signer.sign_prepared(&prepared, &agency, at)?;
    std::fs::write(format!("{out}/issued.pdf"), &issued)?;
    std::fs::write(format!("{out}/ca.der"), signer.authority_der()?)?;
    for s in signatures(&issued, &[signer.authority_der()?], at)? {
        eprintln!("{s:?}");
    }
    Ok(())
}
