//! The committed SDL must equal the schema the code exports.

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
