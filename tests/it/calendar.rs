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
    // 4 working hours before the due time: 16:30 back to 13:30, then 11:30 back to 10:30.
    assert_eq!(preview["warnAt"], "2026-02-24T10:30:00+07:00");
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
    // Another province's office is not found either: an office only Cao Bằng has.
    let (set, _) = ansinh_config::load_dir(&ansinh_testkit::config_tenants_dir());
    let mut set = set.unwrap_or_else(|| panic!("config-tenants does not load"));
    let cao_bang = set
        .provinces
        .get_mut("04-cao-bang")
        .unwrap_or_else(|| panic!("no 04-cao-bang"));
    let mut own = cao_bang.offices.offices[0].clone();
    own.code = "mot-cua-rieng".to_owned();
    own.serves.units.clear();
    cao_bang.offices.offices.push(own);
    server
        .app
        .reference
        .publish_config(&set, "test")
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let own = "{ calendar(office: \"mot-cua-rieng\", year: 2026) { officeName } }";
    let found = server.data("04", own, json!({})).await;
    assert!(found["calendar"]["officeName"].is_string(), "{found}");
    assert_eq!(
        server.error_code(Some("12"), own, json!({})).await,
        "NOT_FOUND"
    );
}

/// The days of one year an office's calendar takes from the official schedule, with their kinds.
async fn official_days(server: &TestServer, office: &str, year: i32) -> Vec<(String, String)> {
    let query = "query($o: String!, $y: Int!) { calendar(office: $o, year: $y) { days { date kind layer } } }";
    let data = server
        .data("04", query, json!({"o": office, "y": year}))
        .await;
    data["calendar"]["days"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|day| day["layer"] == "OFFICIAL")
        .map(|day| {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            (text(&day["date"]), text(&day["kind"]))
        })
        .collect()
}

fn expected(table: &[(&str, &str)]) -> Vec<(String, String)> {
    table
        .iter()
        .map(|(date, kind)| ((*date).to_owned(), (*kind).to_owned()))
        .collect()
}

#[tokio::test]
async fn every_day_of_the_official_breaks_has_its_kind() {
    let server = TestServer::start().await;
    const H: &str = "HOLIDAY";
    const W: &str = "WEEKLY_REST";
    const O: &str = "OBSERVED";
    const S: &str = "DAY_OFF";
    const M: &str = "MAKE_UP";
    let years = [
        (
            2024,
            vec![
                ("2024-01-01", H),
                ("2024-02-08", H),
                ("2024-02-09", H),
                ("2024-02-10", H),
                ("2024-02-11", H),
                ("2024-02-12", H),
                ("2024-02-13", O),
                ("2024-02-14", O),
                ("2024-04-18", H),
                ("2024-04-27", W),
                ("2024-04-28", W),
                ("2024-04-29", S),
                ("2024-04-30", H),
                ("2024-05-01", H),
                ("2024-05-04", M),
                ("2024-08-31", W),
                ("2024-09-01", W),
                ("2024-09-02", H),
                ("2024-09-03", H),
            ],
        ),
        (
            2025,
            vec![
                ("2025-01-01", H),
                ("2025-01-25", W),
                ("2025-01-26", W),
                ("2025-01-27", H),
                ("2025-01-28", H),
                ("2025-01-29", H),
                ("2025-01-30", H),
                ("2025-01-31", H),
                ("2025-02-01", W),
                ("2025-02-02", W),
                ("2025-04-05", W),
                ("2025-04-06", W),
                ("2025-04-07", H),
                ("2025-04-26", M),
                ("2025-04-30", H),
                ("2025-05-01", H),
                ("2025-05-02", S),
                ("2025-05-03", W),
                ("2025-05-04", W),
                ("2025-08-30", W),
                ("2025-08-31", W),
                ("2025-09-01", H),
                ("2025-09-02", H),
            ],
        ),
        (
            2026,
            vec![
                ("2026-01-01", H),
                ("2026-01-02", S),
                ("2026-01-03", W),
                ("2026-01-04", W),
                ("2026-01-10", M),
                ("2026-02-14", W),
                ("2026-02-15", W),
                ("2026-02-16", H),
                ("2026-02-17", H),
                ("2026-02-18", H),
                ("2026-02-19", H),
                ("2026-02-20", H),
                ("2026-02-21", W),
                ("2026-02-22", W),
                ("2026-04-25", W),
                ("2026-04-26", H),
                ("2026-04-27", O),
                ("2026-04-30", H),
                ("2026-05-01", H),
                ("2026-05-02", W),
                ("2026-05-03", W),
                ("2026-08-22", M),
                ("2026-08-29", W),
                ("2026-08-30", W),
                ("2026-08-31", S),
                ("2026-09-01", H),
                ("2026-09-02", H),
                ("2026-11-24", H),
            ],
        ),
    ];
    for (year, table) in years {
        assert_eq!(
            official_days(&server, "mot-cua-xa", year).await,
            expected(&table),
            "{year}"
        );
    }
    // Where the office works Saturday mornings, a Saturday inside a break is a day off of the
    // schedule rather than its weekly rest.
    let ward = official_days(&server, "mot-cua-phuong", 2025).await;
    assert_eq!(
        &ward[1..3],
        expected(&[("2025-01-25", S), ("2025-01-26", W)])
    );
}

#[tokio::test]
async fn whole_days_keep_the_time_of_day_at_offices_with_a_saturday_morning() {
    let server = TestServer::start().await;
    let query = "query($start: DateTime!, $budget: String!) {
        previewDue(office: \"mot-cua-phuong\", start: $start, budget: $budget) { due } }";
    // The ward works 07:30-11:30 and 13:30-17:00 on weekdays and 07:30-11:30 on Saturdays.
    for (start, budget, due) in [
        (
            "2026-03-07T10:00:00+07:00",
            "1d",
            "2026-03-09T10:00:00+07:00",
        ),
        (
            "2026-03-06T10:00:00+07:00",
            "1d",
            "2026-03-07T10:00:00+07:00",
        ),
        (
            "2026-03-06T10:00:00+07:00",
            "3d",
            "2026-03-10T10:00:00+07:00",
        ),
        // 14:00 is after Saturday's session: the end of that day's session.
        (
            "2026-03-06T14:00:00+07:00",
            "1d",
            "2026-03-07T11:30:00+07:00",
        ),
        // Received at the first minute: two whole days, due at Friday's closing time.
        (
            "2026-03-05T07:30:00+07:00",
            "2d",
            "2026-03-06T17:00:00+07:00",
        ),
        // Hours still count session time: Saturday's 3.5 h, then Monday's.
        (
            "2026-03-07T08:00:00+07:00",
            "8h",
            "2026-03-09T14:00:00+07:00",
        ),
    ] {
        let data = server
            .data("04", query, json!({"start": start, "budget": budget}))
            .await;
        assert_eq!(data["previewDue"]["due"], due, "{start} + {budget}");
    }
}

#[tokio::test]
async fn the_calendar_answers_1900_to_2100() {
    let server = TestServer::start().await;
    let year =
        "query($y: Int!) { calendar(office: \"mot-cua-xa\", year: $y) { year workingDays } }";
    for y in [1900, 2100] {
        let data = server.data("04", year, json!({"y": y})).await;
        assert_eq!(data["calendar"]["year"], y);
    }
    for y in [1899, 2101] {
        let (_, body) = server.graphql(Some("04"), year, json!({"y": y})).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "INVALID_YEAR");
        assert_eq!(
            body["errors"][0]["message"],
            format!("năm {y} nằm ngoài khoảng hỗ trợ 1900–2100")
        );
    }
}
