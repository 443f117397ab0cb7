//! The GraphQL engine's own errors (parsing, validation, limits, input coercion) in Vietnamese.
//! The engine speaks English; an officer must not read English inside a Vietnamese sentence,
//! so each kind gets its own Vietnamese message naming what the query named (fields, types,
//! variables, positions), and the engine's text stays in `extensions.detail` for integrators.

use ansinh_core::ErrorCode;

/// The quoted names in an engine message, in order: `Unknown field "x" on type "Y"` gives
/// `["x", "Y"]`.
fn quoted(message: &str) -> Vec<&str> {
    message.split('"').skip(1).step_by(2).collect()
}

/// `«a»`, the way our messages quote a name.
fn q(names: &[&str], i: usize) -> String {
    format!("«{}»", names.get(i).copied().unwrap_or("?"))
}

/// Line and column of a parse error (`  --> 1:5`).
fn position(message: &str) -> Option<(u32, u32)> {
    let at = message.split("-->").nth(1)?.split_whitespace().next()?;
    let (line, column) = at.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// A number after `than ` (limits' messages).
fn limit(message: &str) -> String {
    message
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|part| !part.is_empty())
        .unwrap_or("?")
        .to_owned()
}

/// Code and Vietnamese message for an engine error raised before any resolver ran.
pub(crate) fn request_error(message: &str) -> (ErrorCode, String) {
    let names = quoted(message);
    let starts = |prefix: &str| message.starts_with(prefix);
    if starts("Query is nested too deep") {
        return (
            ErrorCode::QueryTooDeep,
            "truy vấn lồng quá sâu; hãy bớt các cấp lồng nhau".to_owned(),
        );
    }
    if starts("The recursion depth") {
        return (
            ErrorCode::QueryTooDeep,
            format!(
                "truy vấn lồng quá sâu (tối đa {} cấp); hãy bớt các cấp lồng nhau",
                limit(message)
            ),
        );
    }
    if starts("Query is too complex") {
        return (
            ErrorCode::QueryTooComplex,
            "truy vấn quá phức tạp; hãy chọn ít trường hơn hoặc giảm số bản ghi mỗi trang"
                .to_owned(),
        );
    }
    if starts("The number of directives") {
        return (
            ErrorCode::TooManyDirectives,
            "quá nhiều chỉ thị (directive) trên một trường".to_owned(),
        );
    }
    if message.contains("__schema") || message.contains("__type") {
        return (
            ErrorCode::IntrospectionDisabled,
            "tra cứu lược đồ (introspection) đang tắt trên máy chủ này".to_owned(),
        );
    }
    if let Some((line, column)) = position(message) {
        return (
            ErrorCode::GraphqlParseFailed,
            format!("truy vấn GraphQL sai cú pháp ở dòng {line}, cột {column}"),
        );
    }
    (
        ErrorCode::GraphqlValidationFailed,
        validation(message, &names),
    )
}

/// The Vietnamese of a validation rule's message.
fn validation(message: &str, names: &[&str]) -> String {
    let starts = |prefix: &str| message.starts_with(prefix);
    let has = |part: &str| message.contains(part);
    let text = if starts("Unknown field") {
        format!("kiểu {} không có trường {}", q(names, 1), q(names, 0))
    } else if starts("Unknown argument") {
        format!("trường {} không có tham số {}", q(names, 1), q(names, 0))
    } else if has("is required but not provided") {
        format!(
            "trường {} (của kiểu {}) cần tham số {}",
            q(names, 0),
            q(names, 2),
            q(names, 1)
        )
    } else if starts("Invalid value for argument") {
        format!(
            "giá trị của tham số {} không đúng kiểu {}",
            q(names, 0),
            q(names, 1)
        )
    } else if starts("Variable") && has("is not defined") {
        format!("biến {} chưa được khai báo trong thao tác", q(names, 0))
    } else if starts("Variable") && has("is never used") {
        format!("biến {} được khai báo nhưng không dùng", q(names, 0))
    } else if starts("Variable") {
        format!("biến {} dùng sai kiểu", q(names, 0))
    } else if starts("Unknown type") {
        format!("lược đồ không có kiểu {}", q(names, 0))
    } else if has("must have a selection of subfields") {
        format!(
            "trường {} (kiểu {}) cần chọn các trường con, ví dụ {{ id }}",
            q(names, 0),
            q(names, 1)
        )
    } else if has("must not have a selection") {
        format!("trường {} không có trường con để chọn", q(names, 0))
    } else if starts("Fragment") || starts("Unknown fragment") {
        format!("đoạn (fragment) {} không hợp lệ", q(names, 0))
    } else if starts("Unknown operation named") {
        format!("truy vấn không có thao tác tên {}", q(names, 0))
    } else if starts("Operation name required") {
        "truy vấn có nhiều thao tác: hãy gửi operationName".to_owned()
    } else if starts("Unknown directive") || starts("Duplicate directive") {
        format!("chỉ thị {} không hợp lệ ở đây", q(names, 0))
    } else if starts("There can only be one") {
        format!("{} được khai báo hai lần", q(names, 0))
    } else {
        "truy vấn GraphQL không hợp lệ".to_owned()
    };
    format!("{text}; xem lược đồ graphql-schema/schema.graphql")
}

/// The Vietnamese of an input value the engine could not read (`Failed to parse "DateTime":
/// …`, `Invalid value for argument …`), raised inside a field.
pub(crate) fn input_error(message: &str) -> String {
    let names = quoted(message);
    if message.starts_with("Failed to parse") {
        let kind = names.first().copied().unwrap_or("?");
        let hint = match kind {
            "DateTime" => ": ngày giờ theo RFC 3339, ví dụ 2026-03-02T08:00:00+07:00",
            "NaiveDate" => ": ngày dạng NNNN-TT-NN, ví dụ 2026-03-02",
            "Int" => ": một số nguyên",
            _ => "",
        };
        return format!("giá trị kiểu «{kind}» không đọc được{hint}");
    }
    if message.starts_with("Expected input type") {
        let kind = names.first().copied().unwrap_or("?");
        return format!("thiếu giá trị kiểu «{kind}» (không được để null)");
    }
    format!(
        "giá trị của tham số {} không đúng kiểu {}",
        q(&names, 0),
        q(&names, 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_messages_become_vietnamese_naming_what_the_query_named() {
        assert_eq!(
            request_error(r#"Unknown field "fooBar" on type "Query"."#),
            (
                ErrorCode::GraphqlValidationFailed,
                "kiểu «Query» không có trường «fooBar»; xem lược đồ graphql-schema/schema.graphql"
                    .to_owned()
            )
        );
        assert_eq!(
            request_error(" --> 1:5\n  |\n1 | { me\n  |     ^---\n  |\n  = expected selection").0,
            ErrorCode::GraphqlParseFailed
        );
        assert_eq!(
            request_error(" --> 1:5\n  = expected selection").1,
            "truy vấn GraphQL sai cú pháp ở dòng 1, cột 5"
        );
        assert_eq!(
            request_error("The recursion depth of the query cannot be greater than `32`").1,
            "truy vấn lồng quá sâu (tối đa 32 cấp); hãy bớt các cấp lồng nhau"
        );
        assert_eq!(
            input_error(r#"Failed to parse "DateTime": input contains invalid characters"#),
            "giá trị kiểu «DateTime» không đọc được: ngày giờ theo RFC 3339, ví dụ 2026-03-02T08:00:00+07:00"
        );
        for english in [
            r#"Field "unit" argument "id" of type "Query" is required but not provided"#,
            r#"Unknown argument "x" on field "me" of type "Query"."#,
            r#"Variable "$x" is not defined by operation "q""#,
            "Operation name required in request.",
            "Something the engine never said before.",
        ] {
            let (_, text) = request_error(english);
            let ascii_words = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| ["is", "the", "on", "of", "type", "field"].contains(w))
                .count();
            assert_eq!(ascii_words, 0, "English left in {text:?}");
        }
    }
}
