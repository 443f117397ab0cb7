//! `ansinh account create`: the first platform administrator of a fresh deployment, and
//! province administrators, before anybody can log in. The password comes from standard input
//! or a file, never from the command line (where `ps` and shell history would keep it).

use std::io::Read as _;
use std::io::Write as _;
use std::path::PathBuf;

use ansinh_app::identity::{NewAccount, RoleGrant};
use ansinh_core::{Role, TenantId, UnitId};
use anyhow::Context as _;
use clap::Subcommand;

use crate::settings::Settings;

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Create an account with a role; the password is read from standard input (or
    /// `--password-file`) and must meet the password policy.
    Create {
        /// Tenant: `VN` for the platform and the ministry, a province code otherwise.
        #[arg(long)]
        tenant: String,
        /// Role, e.g. `platform_admin`, `province_admin`.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Login name (letters without diacritics, digits, `.`, `_`, `-`).
        #[arg(long)]
        username: String,
        /// Name shown to colleagues (defaults to the login name).
        #[arg(long)]
        display_name: Option<String>,
        /// Unit the role is held at (`<code>@<validFrom>`); the tenant's root by default.
        #[arg(long)]
        unit: Option<String>,
        /// File holding the password (its first line); standard input when absent.
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// Who creates it, recorded with the grant.
        #[arg(long, env = "USER", default_value = "operator")]
        by: String,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::ALL
        .into_iter()
        .find(|role| role.as_str() == text)
        .ok_or_else(|| {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            format!("vai trò không có: {text} (một trong: {})", names.join(", "))
        })
}

/// The password: the first line of the file, or of standard input.
fn read_password(file: Option<&PathBuf>) -> anyhow::Result<String> {
    let mut text = String::new();
    match file {
        Some(path) => {
            text = std::fs::read_to_string(path)
                .with_context(|| format!("đọc mật khẩu từ {}", path.display()))?;
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .context("đọc mật khẩu từ đầu vào chuẩn")?;
        }
    }
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

/// Runs an account command; exit code 1 with the reason when the account is refused.
pub async fn run(mut settings: Settings, command: AccountCommand) -> anyhow::Result<i32> {
    let AccountCommand::Create {
        tenant,
        role,
        username,
        display_name,
        unit,
        password_file,
        by,
    } = command;
    settings.database.auto_migrate = true;
    let password = read_password(password_file.as_ref())?;
    let (app, _) = crate::open_app(&settings).await?;
    let tenant = TenantId::parse(&tenant).map_err(|e| anyhow::anyhow!("{e}"))?;
    let unit = match unit {
        Some(unit) => UnitId::parse(&unit).map_err(|e| anyhow::anyhow!("{e}"))?,
        None => match app.identity.tenant_root(&tenant).await {
            Ok(root) => root,
            Err(error) => return refuse(&error),
        },
    };
    let new = NewAccount {
        display_name: display_name.unwrap_or_else(|| username.clone()),
        username,
        grants: vec![RoleGrant { role, unit }],
    };
    match app
        .identity
        .create_account_as_operator(&tenant, new, &password, &by)
        .await
    {
        Ok(record) => {
            writeln!(
                std::io::stdout().lock(),
                "đã tạo tài khoản {} ({tenant}): {}",
                record.username,
                role.title_vi()
            )?;
            Ok(0)
        }
        Err(error) => refuse(&error),
    }
}

fn refuse(error: &ansinh_app::AppError) -> anyhow::Result<i32> {
    if error.is_internal() {
        anyhow::bail!("{error:?}");
    }
    writeln!(std::io::stderr().lock(), "[{}] {error}", error.code())?;
    Ok(1)
}
