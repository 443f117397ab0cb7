//! `LIKE` patterns that match user text literally: `%`, `_` and `\` are escaped.

use sea_orm::sea_query::LikeExpr;

fn escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Values starting with `text`.
pub(crate) fn starting_with(text: &str) -> LikeExpr {
    LikeExpr::new(format!("{}%", escaped(text))).escape('\\')
}

/// Values containing `text`.
pub(crate) fn containing(text: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}%", escaped(text))).escape('\\')
}
