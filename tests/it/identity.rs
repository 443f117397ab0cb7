//! Logins, sessions and tokens, lockout and brute force, profile and the access log, role
//! changes taking effect on the next request.

use ansinh_testkit::{JWT_SECRET, Options, PASSWORD, TestClock, TestServer};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

const ME: &str = "{ me { username roles { role unitId } permissions { resource action } } }";

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("OK")
}

async fn login(server: &TestServer, tenant: &str, username: &str, password: &str) -> Value {
    server.login(tenant, username, password).await
}

#[tokio::test]
async fn login_me_refresh_rotation_and_logout() {
    let server = TestServer::start().await;
    let body = login(&server, "04", "vhxh.01273", PASSWORD).await;
    let access = body["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let refresh = body["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let (_, me) = server.graphql_with(Some(&access), ME, json!({})).await;
    assert_eq!(me["data"]["me"]["username"], "vhxh.01273");
    assert_eq!(
        me["data"]["me"]["roles"],
        json!([{"role": "COMMUNE_SOCIAL", "unitId": "01273@2025-07-01"}])
    );
    let permissions = me["data"]["me"]["permissions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(permissions.contains(&json!({"resource": "dossier", "action": "transition"})));
    assert!(!permissions.contains(&json!({"resource": "account", "action": "manage"})));

    let refresh_query =
        "mutation($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }";
    let (_, first) = server
        .graphql_with(None, refresh_query, json!({"t": refresh}))
        .await;
    let rotated = first["data"]["refresh"]["refreshToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!rotated.is_empty() && rotated != refresh, "{first}");
    // Reusing the old refresh token is refused and ends the session: the new one dies too.
    let (_, reuse) = server
        .graphql_with(None, refresh_query, json!({"t": refresh}))
        .await;
    assert_eq!(code(&reuse), "UNAUTHENTICATED");
    let (_, after) = server
        .graphql_with(None, refresh_query, json!({"t": rotated}))
        .await;
    assert_eq!(code(&after), "UNAUTHENTICATED");
    let (_, me) = server.graphql_with(Some(&access), ME, json!({})).await;
    assert_eq!(
        code(&me),
        "UNAUTHENTICATED",
        "the access token of a revoked session is refused"
    );

    let body = login(&server, "04", "vhxh.01273", PASSWORD).await;
    let access = body["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (_, out) = server
        .graphql_with(Some(&access), "mutation { logout }", json!({}))
        .await;
    assert_eq!(out["data"]["logout"], true);
    let (_, me) = server.graphql_with(Some(&access), ME, json!({})).await;
    assert_eq!(code(&me), "UNAUTHENTICATED");
}

#[tokio::test]
async fn unknown_users_and_wrong_passwords_get_the_same_answer() {
    let server = TestServer::start().await;
    let unknown = login(&server, "04", "khongco.99999", PASSWORD).await;
    let wrong = login(&server, "04", "vhxh.01273", "Sai@mat-khau1").await;
    let other_tenant = login(&server, "12", "vhxh.01273", PASSWORD).await;
    let bad_tenant = login(&server, "zz", "vhxh.01273", PASSWORD).await;
    for body in [&unknown, &wrong, &other_tenant, &bad_tenant] {
        assert_eq!(code(body), "INVALID_CREDENTIALS", "{body}");
        assert_eq!(
            body["errors"][0]["message"],
            unknown["errors"][0]["message"]
        );
    }
}

#[tokio::test]
async fn five_failures_lock_the_account_until_an_administrator_unlocks_it() {
    let server = TestServer::start().await;
    for _ in 0..5 {
        let body = login(&server, "04", "tiepnhan.01279", "Sai@mat-khau1").await;
        assert_eq!(code(&body), "INVALID_CREDENTIALS");
    }
    // While locked, the answer is the same whatever the password: guessing tells nothing.
    let right = login(&server, "04", "tiepnhan.01279", PASSWORD).await;
    let wrong = login(&server, "04", "tiepnhan.01279", "Sai@mat-khau1").await;
    assert_eq!(code(&right), "ACCOUNT_LOCKED");
    assert_eq!(right["errors"][0], wrong["errors"][0]);
    assert_eq!(
        right["errors"][0]["message"],
        "tài khoản tạm khóa do nhập sai mật khẩu 5 lần liên tiếp; hãy thử lại sau 15 phút \
         hoặc đề nghị quản trị cấp tỉnh mở khóa"
    );
    // A login name without an account locks the same way, so the lock does not tell which
    // names exist.
    for _ in 0..5 {
        let body = login(&server, "04", "tiepnhan.99999", "Sai@mat-khau1").await;
        assert_eq!(code(&body), "INVALID_CREDENTIALS");
    }
    let phantom = login(&server, "04", "tiepnhan.99999", PASSWORD).await;
    assert_eq!(
        phantom["errors"][0]["message"],
        right["errors"][0]["message"]
    );

    let id = server.officer_id("04", "tiepnhan.01279").await;
    let read = "query($id: ID!) { officer(id: $id) { id lockedUntil } }";
    let officer = server.data("04", read, json!({"id": id})).await["officer"].clone();
    assert!(officer["lockedUntil"].is_string(), "{officer}");
    let unlock = "mutation($id: ID!) { unlockAccount(officerId: $id) { locked lockedUntil } }";
    let data = server
        .data("04", unlock, json!({"id": officer["id"]}))
        .await;
    assert_eq!(
        data["unlockAccount"],
        json!({"locked": false, "lockedUntil": null})
    );
    let body = login(&server, "04", "tiepnhan.01279", PASSWORD).await;
    assert_eq!(code(&body), "OK", "{body}");
}

#[tokio::test]
async fn an_administrators_unlock_clears_the_hourly_count_and_successes_never_count() {
    let clock = TestClock::at_local("2026-03-02T08:00:00");
    let server = TestServer::start_with(Options {
        clock: Some(clock.clone()),
        ..Options::default()
    })
    .await;
    // Right passwords take their attempt back: a busy officer is never throttled.
    for _ in 0..12 {
        let body = login(&server, "04", "vhxh.01279", PASSWORD).await;
        assert_eq!(code(&body), "OK", "{body}");
    }
    // Ten failures in the hour: two locks, waited out, then the hourly limit.
    for (round, minute) in [(0, "08:00"), (1, "08:16")] {
        clock.set_local(&format!("2026-03-02T{minute}:00"));
        for attempt in 0..5 {
            let body = login(&server, "04", "vhxh.01279", "Sai@mat-khau1").await;
            assert_eq!(
                code(&body),
                "INVALID_CREDENTIALS",
                "round {round}, {attempt}"
            );
        }
    }
    clock.set_local("2026-03-02T08:32:00");
    let body = login(&server, "04", "vhxh.01279", PASSWORD).await;
    assert_eq!(code(&body), "RATE_LIMITED", "{body}");
    let wait = body["errors"][0]["extensions"]["retryAfterSeconds"]
        .as_u64()
        .unwrap_or_default();
    assert!((3500..=3600).contains(&wait), "{body}");
    let minutes = wait.div_ceil(60);
    assert_eq!(
        body["errors"][0]["message"],
        format!(
            "quá nhiều lần nhập sai mật khẩu cho tài khoản này; hãy thử lại sau {minutes} phút"
        )
    );
    // The administrator's unlock lets the owner in at once.
    let id = server.officer_id("04", "vhxh.01279").await;
    let unlock = "mutation($id: ID!) { unlockAccount(officerId: $id) { locked } }";
    server.data("04", unlock, json!({"id": id})).await;
    let body = login(&server, "04", "vhxh.01279", PASSWORD).await;
    assert_eq!(code(&body), "OK", "{body}");
}

#[tokio::test]
async fn at_most_ten_failures_per_account_per_hour_are_evaluated_across_addresses() {
    // Redis on a dead port: limits must still hold, counted in the process.
    let clock = TestClock::at_local("2026-03-02T08:00:00");
    let server = TestServer::start_with(Options {
        redis_url: Some("redis://127.0.0.1:1".to_owned()),
        clock: Some(clock.clone()),
        ..Options::default()
    })
    .await;
    let mut outcomes = std::collections::BTreeMap::new();
    for address in 0..100 {
        // Each lock is waited out, so only the hourly limit stops the guessing.
        let minutes = 8 * 60 + address / 5 * 20;
        clock.set_local(&format!(
            "2026-03-02T{:02}:{:02}:00",
            minutes / 60,
            minutes % 60
        ));
        let result = server
            .app
            .identity
            .login(
                "04",
                "lanhdao.01288",
                "Sai@mat-khau1",
                &format!("10.9.{}.{}", address / 250, address % 250),
            )
            .await;
        let code = result.map(|_| ()).map_err(|e| e.code()).err();
        *outcomes.entry(code).or_insert(0) += 1;
    }
    assert_eq!(
        outcomes,
        [
            (Some("INVALID_CREDENTIALS"), 10),
            (Some("RATE_LIMITED"), 90)
        ]
        .into_iter()
        .collect()
    );
    // One address hammering many accounts is cut off too (30 per minute).
    let mut limited = 0;
    for n in 0..40 {
        let result = server
            .app
            .identity
            .login("04", &format!("khongco.{n}"), "x", "10.0.0.7")
            .await;
        if result.map_err(|e| e.code()) == Err("RATE_LIMITED") {
            limited += 1;
        }
    }
    assert_eq!(limited, 10);
    // And a login over HTTP still works with Redis down.
    let body = login(&server, "04", "vhxh.01288", PASSWORD).await;
    assert_eq!(code(&body), "OK", "{body}");
}

/// Signs `claims` with `algorithm` and `secret`, as an attacker holding (or guessing) a key would.
fn forge(claims: &Value, secret: &[u8], algorithm: Algorithm) -> String {
    encode(
        &Header::new(algorithm),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// An unsigned token (`alg: none`).
fn unsigned(claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{payload}.")
}

#[tokio::test]
async fn forged_expired_and_misdirected_tokens_are_refused() {
    let server = TestServer::start().await;
    let body = login(&server, "04", "vhxh.01273", PASSWORD).await;
    let access = body["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let parts: Vec<&str> = access.split('.').collect();
    let claims: Value = {
        let (_, me) = server.graphql_with(Some(&access), ME, json!({})).await;
        assert_eq!(code(&me), "OK");
        let payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap_or_default();
        serde_json::from_slice(&payload).unwrap_or_default()
    };
    let mut expired = claims.clone();
    expired["exp"] = json!(claims["iat"].as_i64().unwrap_or_default() - 1);
    let mut audience = claims.clone();
    audience["aud"] = json!("another-api");
    let mut no_exp = claims.clone();
    no_exp.as_object_mut().map(|o| o.remove("exp"));
    let candidates = [
        forge(&claims, JWT_SECRET.as_bytes(), Algorithm::HS256),
        forge(
            &claims,
            b"wrong-secret-wrong-secret-wrong-secret",
            Algorithm::HS256,
        ),
        unsigned(&claims),
        forge(&claims, JWT_SECRET.as_bytes(), Algorithm::HS512),
        forge(&expired, JWT_SECRET.as_bytes(), Algorithm::HS256),
        forge(&audience, JWT_SECRET.as_bytes(), Algorithm::HS256),
        forge(&no_exp, JWT_SECRET.as_bytes(), Algorithm::HS256),
        format!("{}.{}.", parts[0], parts[1]),
    ];
    let outcomes: Vec<String> = {
        let mut all = Vec::new();
        for token in &candidates {
            let (_, body) = server.graphql_with(Some(token), ME, json!({})).await;
            all.push(code(&body).to_owned());
        }
        all
    };
    assert_eq!(
        outcomes[0], "OK",
        "the forging helper itself must produce a valid token"
    );
    assert!(
        outcomes[1..].iter().all(|c| c == "UNAUTHENTICATED"),
        "{outcomes:?}"
    );
}

#[tokio::test]
async fn password_change_follows_the_policy() {
    let server = TestServer::start().await;
    let token = server.token("04", "vanthu.01273").await;
    let change = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }";
    let attempt = |current: &'static str, new: &'static str| {
        let token = token.clone();
        let server = &server;
        async move {
            let (_, body) = server
                .graphql_with(Some(&token), change, json!({"c": current, "n": new}))
                .await;
            (code(&body).to_owned(), body["errors"][0]["message"].clone())
        }
    };
    assert_eq!(
        attempt("Sai@mat-khau1", "Moi@matkhau2026").await.0,
        "INVALID_CREDENTIALS"
    );
    assert_eq!(
        attempt(PASSWORD, "matkhaumoi").await,
        (
            "WEAK_PASSWORD".to_owned(),
            json!("mật khẩu mới cần có một chữ hoa, một chữ số, một ký hiệu (ví dụ @ # !)")
        )
    );
    assert_eq!(attempt(PASSWORD, PASSWORD).await.0, "PASSWORD_REUSED");
    assert_eq!(attempt(PASSWORD, "Moi@matkhau2026").await.0, "OK");
    assert_eq!(
        code(&login(&server, "04", "vanthu.01273", PASSWORD).await),
        "INVALID_CREDENTIALS"
    );
    assert_eq!(
        code(&login(&server, "04", "vanthu.01273", "Moi@matkhau2026").await),
        "OK"
    );
}

#[tokio::test]
async fn profile_is_validated_and_personal_data_reads_are_logged() {
    let server = TestServer::start().await;
    let token = server.token("04", "lanhdao.01273").await;
    let update = "mutation($n: String!, $p: String, $i: String) {
        updateProfile(displayName: $n, phone: $p, idNumber: $i) { displayName phone idNumber } }";
    for (phone, id_number, expected) in [
        ("0912345678", "04712345678", "INVALID_ID_NUMBER"),
        ("12345", "047123456789", "INVALID_PHONE"),
    ] {
        let (_, body) = server
            .graphql_with(
                Some(&token),
                update,
                json!({"n": "Nông Văn A", "p": phone, "i": id_number}),
            )
            .await;
        assert_eq!(code(&body), expected);
    }
    let (_, body) = server
        .graphql_with(
            Some(&token),
            update,
            json!({"n": "Nông Va\u{0306}n A", "p": "+84912345678", "i": "047123456789"}),
        )
        .await;
    assert_eq!(
        body["data"]["updateProfile"],
        json!({"displayName": "Nông Văn A", "phone": "+84912345678", "idNumber": "047123456789"})
    );
    // The province administrator manages the account but may not read persons: phone and
    // ID number are withheld, and nothing is logged.
    let id = server.officer_id("04", "lanhdao.01273").await;
    let read = "query($id: ID!) { officer(id: $id) { id phone idNumber personalDataWithheld } }";
    let officer = server.data("04", read, json!({"id": id})).await["officer"].clone();
    assert_eq!(
        (
            &officer["phone"],
            &officer["idNumber"],
            &officer["personalDataWithheld"]
        ),
        (&Value::Null, &Value::Null, &json!(true))
    );
    let store = ansinh_store::SeaStore::connect(&server.database.app_url, 1)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let scope = ansinh_app::TenantScope::new(
        ansinh_core::TenantId::parse("04").unwrap_or_else(|e| panic!("{e}")),
    );
    let log_of = |subject: String| {
        let (store, scope) = (&store, &scope);
        async move {
            ansinh_app::identity::AccessLog::access_log(store, scope, "account", &subject)
                .await
                .unwrap_or_else(|e| panic!("{e:?}"))
        }
    };
    let subject = officer["id"].as_str().unwrap_or_default().to_owned();
    let purposes = |log: &[ansinh_app::identity::AccessEntry]| {
        log.iter().map(|e| e.purpose.clone()).collect::<Vec<_>>()
    };
    assert!(!purposes(&log_of(subject.clone()).await).contains(&"officer".to_owned()));
    // A colleague of the commune's social desk sets a phone; the commune leader, who may read
    // persons there, reads it, and the read is logged with the fields.
    let social = server.token("04", "vhxh.01273").await;
    server
        .graphql_with(
            Some(&social),
            update,
            json!({"n": "Hà Thị B", "p": "0912345678", "i": null}),
        )
        .await;
    let social_id = server.officer_id("04", "vhxh.01273").await;
    let (_, body) = server
        .graphql_with(Some(&token), read, json!({"id": social_id}))
        .await;
    assert_eq!(
        (
            &body["data"]["officer"]["phone"],
            &body["data"]["officer"]["personalDataWithheld"]
        ),
        (&json!("0912345678"), &json!(false)),
        "{body}"
    );
    let log = log_of(social_id.as_str().unwrap_or_default().to_owned()).await;
    let read_by_leader = log
        .iter()
        .find(|entry| entry.purpose == "officer")
        .unwrap_or_else(|| panic!("no read logged: {log:?}"));
    assert_eq!(read_by_leader.fields, vec!["phone".to_owned()]);
}

#[tokio::test]
async fn a_role_change_takes_effect_on_the_next_request() {
    let server = TestServer::start().await;
    let officer_token = server.token("04", "vhxh.01279").await;
    let officers = "{ officers { totalCount } }";
    let (_, body) = server
        .graphql_with(Some(&officer_token), officers, json!({}))
        .await;
    assert_eq!(
        body["data"]["officers"]["totalCount"], 0,
        "a social officer lists nobody"
    );

    let id = server.officer_id("04", "vhxh.01279").await;
    let grant = "mutation($id: ID!) { grantRole(officerId: $id, grant: {role: COMMUNE_LEADER, unitId: \"01279@2025-07-01\"}) { role } }";
    server.data("04", grant, json!({"id": id})).await;
    let (_, body) = server
        .graphql_with(Some(&officer_token), officers, json!({}))
        .await;
    // The commune's five officers and the two of each of the three communes merged into it.
    assert_eq!(
        body["data"]["officers"]["totalCount"], 11,
        "same token, new role: {body}"
    );

    let revoke = "mutation($id: ID!) { revokeRole(officerId: $id, grant: {role: COMMUNE_LEADER, unitId: \"01279@2025-07-01\"}) { role } }";
    server.data("04", revoke, json!({"id": id})).await;
    let (_, body) = server
        .graphql_with(Some(&officer_token), officers, json!({}))
        .await;
    assert_eq!(body["data"]["officers"]["totalCount"], 0);
}

#[tokio::test]
async fn the_authorization_scheme_is_case_insensitive() {
    let server = TestServer::start().await;
    let token = server.token("04", "vhxh.01273").await;
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let response = server
            .client()
            .post(server.url("/graphql"))
            .header("authorization", format!("{scheme} {token}"))
            .json(&json!({ "query": "{ me { username } }" }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(
            body["data"]["me"]["username"], "vhxh.01273",
            "{scheme}: {body}"
        );
    }
}
