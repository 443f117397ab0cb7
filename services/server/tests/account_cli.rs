//! `ansinh account create` on a fresh database: the first platform administrator and a
//! province administrator, the password from standard input or a file (never argv), the
//! policy and the tenant's roles enforced, and the account able to log in.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ansinh_server::settings::{SecretUrl, Settings};

fn shipped() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config-tenants")
}

fn ansinh(database: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ansinh"))
        .args(args)
        .env_remove("ANSINH_CONFIG")
        .env("ANSINH_DATABASE__URL", database)
        .env("ANSINH_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    child
        .stdin
        .take()
        .unwrap_or_else(|| panic!("no stdin"))
        .write_all(stdin.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn create(database: &str, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut all = vec!["account", "create"];
    all.extend_from_slice(args);
    let output = ansinh(database, &all, stdin);
    (
        output.status.code().unwrap_or(-1),
        text(&output.stdout),
        text(&output.stderr),
    )
}

fn database(dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", dir.join("ansinh.db").display())
}

/// A fresh database with the shipped configuration applied.
fn configured_database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = database(dir.path());
    let shipped = shipped();
    let apply = ansinh(
        &db,
        &[
            "config",
            "apply",
            &shipped.to_string_lossy(),
            "--by",
            "test",
        ],
        "",
    );
    assert!(apply.status.success(), "{}", text(&apply.stderr));
    (dir, db)
}

/// Whether the account can log in through the app.
async fn logs_in(db: &str, tenant: &str, username: &str, password: &str) -> bool {
    let mut settings = Settings::defaults().unwrap_or_else(|e| panic!("{e}"));
    settings.database.url = SecretUrl::new(db.to_owned());
    let (app, _) = ansinh_server::open_app(&settings)
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let tokens = app
        .identity
        .login(tenant, username, password, "127.0.0.1")
        .await;
    tokens.is_ok()
}

const PLATFORM: [&str; 6] = [
    "--tenant",
    "VN",
    "--role",
    "platform_admin",
    "--username",
    "quantri.dau",
];

#[tokio::test]
async fn the_first_platform_administrator_is_created_once() {
    let (_dir, db) = configured_database();
    let (code, out, err) = create(&db, &PLATFORM, "Mat-khau@2026\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "đã tạo tài khoản quantri.dau (VN): quản trị nền tảng\n"
    );
    let (code, _, err) = create(&db, &PLATFORM, "Mat-khau@2026\n");
    assert_eq!(code, 1);
    assert!(
        err.contains("[USERNAME_TAKEN] tên đăng nhập quantri.dau đã có người dùng"),
        "{err}"
    );
    assert!(logs_in(&db, "VN", "quantri.dau", "Mat-khau@2026").await);
}

#[tokio::test]
async fn a_province_administrator_is_created_with_the_password_from_a_file() {
    let (dir, db) = configured_database();
    let file = dir.path().join("password");
    std::fs::write(&file, "Tinh-CaoBang@2026\n").unwrap_or_else(|e| panic!("{e}"));
    let file = file.to_string_lossy().into_owned();
    // At the province by default.
    let province = [
        "--tenant",
        "04",
        "--role",
        "province_admin",
        "--username",
        "quantri.moi",
        "--display-name",
        "Quản trị Sở Y tế Cao Bằng",
        "--password-file",
        &file,
    ];
    let (code, out, err) = create(&db, &province, "");
    assert_eq!(
        (code, out.as_str()),
        (0, "đã tạo tài khoản quantri.moi (04): quản trị cấp tỉnh\n"),
        "{err}"
    );
    assert!(logs_in(&db, "04", "quantri.moi", "Tinh-CaoBang@2026").await);
}

#[tokio::test]
async fn weak_passwords_wrong_roles_and_passwords_in_argv_are_refused() {
    let (_dir, db) = configured_database();
    let weak = [
        "--tenant",
        "VN",
        "--role",
        "platform_admin",
        "--username",
        "yeu",
    ];
    let (code, _, err) = create(&db, &weak, "123456\n");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("[WEAK_PASSWORD] mật khẩu mới cần có ít nhất 10 ký tự"),
        "{err}"
    );
    let wrong_level = [
        "--tenant",
        "04",
        "--role",
        "platform_admin",
        "--username",
        "sai.cap",
    ];
    let (code, _, err) = create(&db, &wrong_level, "Mat-khau@2026\n");
    assert_eq!(code, 1);
    assert!(err.contains("[ROLE_NOT_GRANTABLE]"), "{err}");
    let unknown = ["--tenant", "VN", "--role", "superuser", "--username", "x"];
    assert_eq!(
        create(&db, &unknown, "").0,
        2,
        "clap refuses an unknown role"
    );
    let argv = [
        "--tenant",
        "VN",
        "--role",
        "platform_admin",
        "--username",
        "x",
        "--password",
        "Mat-khau@2026",
    ];
    assert_eq!(create(&db, &argv, "").0, 2, "there is no --password option");
    assert!(!logs_in(&db, "VN", "yeu", "123456").await);
}
