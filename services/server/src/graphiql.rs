//! GraphiQL served offline from assets compiled into the binary (see
//! `scripts/vendor-graphiql.sh`; no CDN at run time).

use poem::http::{StatusCode, header};
use poem::web::Path;
use poem::{Response, handler};

const INDEX: &str = include_str!("../assets/graphiql/index.html");

/// Vendored files: name, content type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "graphiql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/graphiql.min.js"),
    ),
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/graphiql/graphiql.min.css"),
    ),
    (
        "react.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/react-dom.production.min.js"),
    ),
    (
        "LICENSES.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/graphiql/LICENSES.txt"),
    ),
];

fn index() -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(INDEX)
}

#[handler]
pub(crate) fn page() -> Response {
    index()
}

#[handler]
pub(crate) fn asset(Path(file): Path<String>) -> Response {
    if file == "index.html" {
        return index();
    }
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, bytes)) => Response::builder()
            .header(header::CONTENT_TYPE, *content_type)
            .header(header::CACHE_CONTROL, "public, max-age=86400")
            .body(*bytes),
        None => Response::builder().status(StatusCode::NOT_FOUND).finish(),
    }
}
