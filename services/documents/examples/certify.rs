//! Signs a PDF at the top left of page 1 as a reception officer would sign a scan, with a
//! fresh software authority: for checking another producer's file (a scanner's, with or
//! without cross-reference streams) in a viewer or with pyHanko by hand.
//! `cargo run -p ansinh-documents --example certify -- IN.pdf OUT_DIR`.

use ansinh_documents::{Revision, SignatureSpec, SoftwareSigner, Subject, prepare, top_left};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: certify IN.pdf OUT_DIR");
        std::process::exit(2);
    };
    let pdf = std::fs::read(input)?;
    let place = top_left(&pdf, (190.0, 44.0), 18.0).ok_or("no page 1")?;
    let spec = SignatureSpec {
        field: "tiep_nhan".to_owned(),
        place,
        lines: vec![
            "Bản quét đã tiếp nhận".to_owned(),
            "Cán bộ tiếp nhận".to_owned(),
        ],
        seal: false,
        signer_name: "Cán bộ tiếp nhận".to_owned(),
        reason: "Số hóa hồ sơ".to_owned(),
        location: "Bộ phận một cửa".to_owned(),
        signed_at: "D:20261202090000+07'00'".to_owned(),
    };
    let prepared = prepare(&pdf, &Revision::default(), &spec)?;
    let signer = SoftwareSigner::new("CA thử nghiệm")?;
    let subject = Subject {
        id: "reception".to_owned(),
        common_name: "Cán bộ tiếp nhận".to_owned(),
        organization: "Ủy ban nhân dân xã thử nghiệm".to_owned(),
    };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
    let (signed, _) = signer.sign_prepared(&prepared, &subject, now.as_secs() as i64)?;
    std::fs::write(format!("{out}/certified.pdf"), signed)?;
    std::fs::write(format!("{out}/ca.der"), signer.authority_der()?)?;
    Ok(())
}
