//! Renders a template to a PDF, for a province's staff checking a template by eye:
//! `cargo run -p ansinh-documents --example render -- TEMPLATE.md OUT.pdf [field=value …]`.

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(template), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: render TEMPLATE.md OUT.pdf [field=value …]");
        std::process::exit(2);
    };
    let fields: BTreeMap<String, String> = args
        .filter_map(|arg| {
            arg.split_once('=')
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        })
        .collect();
    let rendered =
        ansinh_documents::render(&std::fs::read_to_string(template)?, &fields, "Văn bản")?;
    std::fs::write(&out, &rendered.pdf)?;
    eprintln!(
        "{out}: {} page(s); fields without a value: {}",
        rendered.pages,
        rendered.missing.join(", ")
    );
    Ok(())
}
