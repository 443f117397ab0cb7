//! The working calendar through GraphQL: an office's year, working time, due previews.

use ansinh_testkit::TestServer;
use serde_json::{Value, json};

#[tokio::test]
async fn an_office_year_shows_holidays_make_up_days_and_sessions() {
    let server = TestServer::start().await;
    let data = server
        .data(
            "04",
            "{ calendar(office: \"mot-cua-phuong\", year: 2026) {
                 officeName legalBasis receiptCutoff workingDays
                 days { date kind layer reason sessions workingMinutes } } }",
            json!({}),
        )
        .await;
    let year = &data["calendar"];
    assert_eq!(year["receiptCutoff"], "16:30");
    assert_eq!(year["legalBasis"].as_array().map(Vec::len), Some(6));
    let days = year["days"].as_array().cloned().unwrap_or_default();
    assert_eq!(days.len(), 365);
    let day = |date: &str| {
        days.iter()
            .find(|d| d["date"] == date)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        day("2026-02-17"),
        json!({"date": "2026-02-17", "kind": "HOLIDAY", "layer": "OFFICIAL", "reason": "Tết Nguyên đán", "sessions": [], "workingMinutes": 0})
    );
    assert_eq!(day("2026-01-10")["kind"], "MAKE_UP");
    assert_eq!(
        day("2026-01-10")["sessions"],
        json!(["07:30-11:30", "13:30-17:00"])
    );
    assert_eq!(day("2026-01-02")["kind"], "DAY_OFF");
    // The ward office works Saturday mornings.
    assert_eq!(day("2026-03-07")["sessions"], json!(["07:30-11:30"]));
    assert_eq!(day("2026-03-08")["kind"], "WEEKLY_REST");
    assert_eq!(day("2026-11-24")["reason"], "Ngày Văn hóa Việt Nam");
}

#[tokio::test]
async fn due_preview_explains_the_tet_break() {
    let server = TestServer::start().await;
    let query = "query($start: DateTime!, $budget: String!) {
        previewDue(office: \"mot-cua-xa\", start: $start, budget: $budget, warnBefore: \"4h\") {
            receivedAt effectiveStart due warnAt budget countsWholeDays
            explanation { date kind counted countedMinutes notes } } }";
    let data = server
        .data(
            "04",
            query,
            json!({"start": "2026-02-13T16:30:00+07:00", "budget": "2d"}),
        )
        .await;
    let preview = &data["previewDue"];
    assert_eq!(preview["effectiveStart"], "2026-02-13T16:30:00+07:00");
    assert_eq!(preview["due"], "2026-02-24T16:30:00+07:00");
    // Half a day (4 h of 8) before the due time: 225 of the day's 450 working minutes.
    assert_eq!(preview["warnAt"], "2026-02-24T10:45:00+07:00");
    assert_eq!(preview["countsWholeDays"], true);
    let explanation = preview["explanation"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(explanation.len(), 12);
    assert_eq!(explanation[0]["counted"], json!(["16:30-17:00"]));
    assert_eq!(
        explanation[4]["notes"],
        json!(["không tính: Tết Nguyên đán"])
    );

    // The same instant given in UTC gives the same answer.
    let utc = server
        .data(
            "04",
            query,
            json!({"start": "2026-02-13T09:30:00Z", "budget": "2d"}),
        )
        .await;
    assert_eq!(utc["previewDue"]["due"], "2026-02-24T16:30:00+07:00");

    let code = server
        .error_code(
            Some("04"),
            query,
            json!({"start": "2026-02-13T16:30:00+07:00", "budget": "2 ngày"}),
        )
        .await;
    assert_eq!(code, "INVALID_DURATION");
}

#[tokio::test]
async fn working_time_between_counts_sessions_only() {
    let server = TestServer::start().await;
    let data = server
        .data(
            "12",
            "{ workingTimeBetween(office: \"mot-cua-xa\", from: \"2026-03-06T16:00:00+07:00\", to: \"2026-03-09T09:30:00+07:00\") { minutes workingDays } }",
            json!({}),
        )
        .await;
    assert_eq!(data["workingTimeBetween"]["minutes"], 180);
}

#[tokio::test]
async fn calendar_errors_have_codes() {
    let server = TestServer::start().await;
    let unknown = "{ calendar(office: \"khong-co\", year: 2026) { year } }";
    assert_eq!(
        server.error_code(Some("04"), unknown, json!({})).await,
        "NOT_FOUND"
    );
    let far = "{ calendar(office: \"mot-cua-xa\", year: 2200) { year } }";
    assert_eq!(
        server.error_code(Some("04"), far, json!({})).await,
        "INVALID_YEAR"
    );
    // Another province's office is not found either.
    let foreign = "{ calendar(office: \"mot-cua-xa\", year: 2026) { officeName } }";
    let lai_chau = server.data("12", foreign, json!({})).await;
    assert_eq!(
        lai_chau["calendar"]["officeName"]
            .as_str()
            .map(|n| n.contains("xã")),
        Some(true)
    );
}
