//! What a commune officer reads when something is refused: Vietnamese only (the engine's
//! English kept apart in `extensions.detail`), steps and actions by their names, the holder
//! by name and position, which handler is missing and why, the date outside the calendar,
//! and no echo of an id no id can be.

use ansinh_testkit::{Desk, TestServer};
use serde_json::{Value, json};

use crate::support::received;

fn first_error(body: &Value) -> (String, String, String) {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let error = &body["errors"][0];
    (
        text(&error["extensions"]["code"]),
        text(&error["message"]),
        text(&error["extensions"]["detail"]),
    )
}

#[tokio::test]
async fn the_engines_english_is_rewritten_in_vietnamese_with_the_detail_kept() {
    let server = TestServer::start().await;
    let cases = [
        (
            "{ tenant { code fooBar } }",
            json!({}),
            "GRAPHQL_VALIDATION_FAILED",
            "kiểu «Tenant» không có trường «fooBar»; xem lược đồ graphql-schema/schema.graphql",
        ),
        (
            "{ unit { id } }",
            json!({}),
            "GRAPHQL_VALIDATION_FAILED",
            "trường «unit» (của kiểu «Query») cần tham số «id»; xem lược đồ graphql-schema/schema.graphql",
        ),
        (
            "{ tenant { code ",
            json!({}),
            "GRAPHQL_PARSE_FAILED",
            "truy vấn GraphQL sai cú pháp ở dòng 1, cột 17",
        ),
        (
            "query($s: DateTime!) { previewDue(office: \"mot-cua-xa\", start: $s, budget: \"1d\") { due } }",
            json!({"s": "hôm qua"}),
            "BAD_USER_INPUT",
            "giá trị kiểu «DateTime» không đọc được: ngày giờ theo RFC 3339, ví dụ 2026-03-02T08:00:00+07:00",
        ),
    ];
    for (query, variables, code, message) in cases {
        let (_, body) = server.graphql(Some("04"), query, variables).await;
        let (got_code, got_message, detail) = first_error(&body);
        assert_eq!(
            (got_code.as_str(), got_message.as_str()),
            (code, message),
            "{body}"
        );
        assert!(!detail.is_empty(), "the engine's text is kept: {body}");
    }
}

#[tokio::test]
async fn refusals_name_steps_actions_the_holder_and_what_is_outside() {
    let desk = Desk::open("04", "2026-03-02T08:00:00").await;
    let id = received(&desk, "Nông Văn A", json!([])).await["id"].clone();
    // Someone who may act, but does not hold it: told who does, by name and position.
    let (code, message) = desk
        .error(
            "vhxh.01290",
            "mutation($id: ID!) { requestSupplement(id: $id, missing: [\"Giấy xác nhận\"]) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code, "NOT_HOLDER");
    assert_eq!(
        message,
        "hồ sơ đang do Cán bộ tiepnhan.01290 (công chức tiếp nhận cấp xã, bước «Tiếp nhận hồ sơ») \
         giữ; chỉ người đang giữ hồ sơ hoặc người được ủy quyền mới thao tác được"
    );
    // An action the step does not allow, by the step's and the action's names.
    let (code, message) = desk
        .error(
            "tiepnhan.01290",
            "mutation($id: ID!) { forwardDossier(id: $id, toStep: \"van-thu-phat-hanh\") { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code, "ACTION_NOT_ALLOWED");
    assert_eq!(
        message,
        "bước «Tiếp nhận hồ sơ» không cho phép chuyển tiếp tới bước «Văn thư vào số, đóng dấu, phát hành quyết định»"
    );
    // An action the status does not allow.
    let (code, message) = desk
        .error(
            "tiepnhan.01290",
            "mutation($id: ID!) { receiveSupplement(id: $id) { status } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code, "ACTION_NOT_ALLOWED");
    assert_eq!(
        message,
        "không thể tiếp nhận hồ sơ đã bổ sung khi hồ sơ đang được xử lý"
    );
    // A due instant beyond the last year the calendar covers names the first day outside.
    let (code, message) = desk
        .error(
            "tiepnhan.01290",
            "{ previewDue(office: \"mot-cua-xa\", start: \"2100-12-30T09:00:00+07:00\", budget: \"5d\") { due } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "OUTSIDE_CALENDAR");
    assert_eq!(
        message,
        "ngày 01/01/2101 nằm ngoài lịch làm việc đã lập (lịch tính theo năm, từ 1900 đến 2100); hãy chọn mốc thời gian khác"
    );
    // An id longer than any id is not echoed back.
    let long = "x".repeat(5_000);
    let (code, message) = desk
        .error(
            "tiepnhan.01290",
            "query($id: ID!) { dossier(id: $id) { id } }",
            json!({"id": long}),
        )
        .await;
    assert_eq!(code, "NOT_FOUND");
    assert_eq!(message, "không tìm thấy hồ sơ (mã đã gửi không hợp lệ)");
}
