//! The web console at `/`: the files Vite built into `web/dist` (committed, compiled into the
//! binary; see `scripts/build-console.sh`), each answered with a strict Content-Security-Policy
//! and no framing. Paths that are no file are the console's own routes and get `index.html`.

use poem::http::{HeaderMap, HeaderValue, StatusCode, header};
use poem::web::Path;
use poem::{Response, handler};
use rust_embed::RustEmbed;

/// The built console.
#[derive(RustEmbed)]
#[folder = "../../web/dist"]
struct Built;

/// Everything from this origin only; no inline script or style, no plug-ins, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Vite names every file under `assets/` by its content hash, so they never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[handler]
pub(crate) fn console_index() -> Response {
    page("index.html")
}

#[handler]
pub(crate) fn console_file(Path(path): Path<String>) -> Response {
    page(&path)
}

fn page(path: &str) -> Response {
    if let Some(file) = Built::get(path) {
        let cache = if path.starts_with("assets/") {
            IMMUTABLE
        } else if path == "index.html" {
            "no-cache"
        } else {
            "public, max-age=3600"
        };
        return respond(
            StatusCode::OK,
            content_type(path),
            cache,
            file.data.into_owned(),
        );
    }
    // A missing hashed asset is a stale page asking for an old build: say so, do not send HTML.
    // (Other paths are the console's routes, whose last segment may hold dots: dossier codes.)
    let looks_like_file = path.starts_with("assets/") || content_type(path) != UNKNOWN_TYPE;
    match Built::get("index.html") {
        Some(index) if !looks_like_file => respond(
            StatusCode::OK,
            "text/html; charset=utf-8",
            "no-cache",
            index.data.into_owned(),
        ),
        _ => respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "no-cache",
            "không tìm thấy".as_bytes().to_vec(),
        ),
    }
}

fn respond(status: StatusCode, content_type: &str, cache: &str, body: Vec<u8>) -> Response {
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, cache)
        .body(body);
    secure(response.headers_mut());
    response
}

/// Headers every console response carries.
fn secure(headers: &mut HeaderMap) {
    for (name, value) in [
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cross-origin-opener-policy", "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

const UNKNOWN_TYPE: &str = "application/octet-stream";

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "json" | "webmanifest" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => UNKNOWN_TYPE,
    }
}
