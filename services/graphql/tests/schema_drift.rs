//! The committed SDL and error-code catalogue must equal what the code exports.

#[test]
fn committed_schema_matches_the_code() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../graphql-schema/schema.graphql"
    );
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == ansinh_graphql::sdl(),
        "graphql-schema/schema.graphql is out of date; run \
         `cargo run -p ansinh-server -- export-schema --out graphql-schema/schema.graphql`"
    );
}

#[test]
fn committed_error_codes_match_the_code() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../graphql-schema/error-codes.md"
    );
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == ansinh_core::codes::catalogue_markdown(),
        "graphql-schema/error-codes.md is out of date; run \
         `cargo run -p ansinh-server -- export-error-codes --out graphql-schema/error-codes.md`"
    );
}
