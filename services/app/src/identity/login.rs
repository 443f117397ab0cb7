//! Login, refresh, logout, authentication of requests, password change and profile.

use ansinh_core::{TenantId, text};
use chrono::Duration;

use super::Identity;
use super::check_password_policy;
use super::model::{AccessEntry, AccountRecord, Principal, SessionRecord, TokenPair};
use super::principals::Lookup;
use super::tokens::{Claims, random_token, sign, token_hash, verify};
use crate::AppError;
use crate::model::TenantScope;
use crate::signal::Change;
use ansinh_core::ErrorCode;

fn invalid_credentials() -> AppError {
    AppError::invalid(
        ErrorCode::InvalidCredentials,
        "tên đăng nhập hoặc mật khẩu không đúng",
    )
}

fn unauthenticated() -> AppError {
    AppError::Unauthenticated(
        "phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại".to_owned(),
    )
}

/// How long to wait, in words: seconds under a minute, else whole minutes rounded up.
fn wait_text(wait: std::time::Duration) -> String {
    let seconds = wait.as_secs().max(1);
    if seconds < 60 {
        format!("{seconds} giây")
    } else {
        format!("{} phút", seconds.div_ceil(60))
    }
}

fn rate_limited(what: &str, retry_after: std::time::Duration) -> AppError {
    AppError::RateLimited {
        message: format!("{what}; hãy thử lại sau {}", wait_text(retry_after)),
        retry_after,
    }
}

fn temporarily_locked(max_failures: i32, wait: std::time::Duration) -> AppError {
    AppError::invalid(
        ErrorCode::AccountLocked,
        format!(
            "tài khoản tạm khóa do nhập sai mật khẩu {max_failures} lần liên tiếp; hãy thử lại sau {} hoặc đề nghị quản trị cấp tỉnh mở khóa",
            wait_text(wait)
        ),
    )
}

fn disabled() -> AppError {
    AppError::invalid(
        ErrorCode::AccountLocked,
        "tài khoản đã bị quản trị khóa; hãy liên hệ quản trị cấp tỉnh",
    )
}

/// Limiter key of an account's failed password attempts (unknown login names included).
pub(crate) fn failures_key(tenant: &str, username: &str) -> String {
    format!("login:fail:{tenant}:{username}")
}

/// Limiter key standing in for the lockout of a login name that has no account, so that it
/// locks exactly like a real one and the lock does not tell which names exist.
fn phantom_lock_key(tenant: &str, username: &str) -> String {
    format!("login:lock:{tenant}:{username}")
}

fn duration(std: std::time::Duration) -> Duration {
    Duration::from_std(std).unwrap_or(Duration::MAX)
}

/// Checks a personal identification number: 12 digits (CCCD) or 9 digits (legacy CMND).
pub(crate) fn check_id_number(id_number: &str) -> Result<(), AppError> {
    ansinh_core::registry::IdNumber::parse(id_number)?;
    Ok(())
}

/// Checks a Vietnamese phone number: 10 digits starting with 0, or +84 and 9 digits.
pub(crate) fn check_phone(phone: &str) -> Result<(), AppError> {
    let national = phone.strip_prefix("+84").map(|rest| format!("0{rest}"));
    let number = national.as_deref().unwrap_or(phone);
    if number.len() == 10 && number.starts_with('0') && number.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(AppError::invalid(
            ErrorCode::InvalidPhone,
            "số điện thoại phải gồm 10 chữ số bắt đầu bằng 0 (hoặc +84 và 9 chữ số)",
        ))
    }
}

impl Identity {
    /// Logs in. Per client address, every request counts; per login name, failed password
    /// attempts count (a right password takes its attempt back). A locked account answers
    /// `ACCOUNT_LOCKED` whatever the password, and an unknown name locks like a real one, each
    /// after the same hashing work as any other attempt.
    pub async fn login(
        &self,
        tenant: &str,
        username: &str,
        password: &str,
        client_address: &str,
    ) -> Result<TokenPair, AppError> {
        self.limit_address(client_address).await?;
        let username = text::nfc(username.trim()).to_lowercase();
        let record = self.account_to_log_in(tenant, &username).await?;
        if let Some(lock) = self.lock_of(record.as_ref(), tenant, &username).await {
            // The same work as an evaluated attempt, so the lock says nothing of the password.
            self.hasher.verify(password, None).await;
            return Err(lock);
        }
        let failures_key = failures_key(tenant, &username);
        self.count_attempt(&failures_key).await?;
        let hash = record.as_ref().map(|r| r.password_hash.as_str());
        let matches = self.hasher.verify(password, hash).await;
        let record = match record {
            Some(record) if matches => record,
            other => {
                self.count_failure(tenant, &username, other.as_ref())
                    .await?;
                return Err(invalid_credentials());
            }
        };
        self.limiter.forgive(&failures_key).await;
        if record.failed_logins > 0 || record.locked_until.is_some() {
            let scope = TenantScope::new(record.tenant.clone());
            self.accounts
                .set_login_state(&scope, &record.id, 0, None)
                .await?;
        }
        self.open_session(&record).await
    }

    /// Every login request from a client address counts, whatever its outcome.
    async fn limit_address(&self, client_address: &str) -> Result<(), AppError> {
        let by_address = self
            .limiter
            .hit(
                &format!("login:addr:{client_address}"),
                self.auth.attempts_per_address_per_minute,
                std::time::Duration::from_secs(60),
            )
            .await;
        if by_address.allowed {
            Ok(())
        } else {
            Err(rate_limited(
                "quá nhiều yêu cầu đăng nhập từ địa chỉ này",
                by_address.retry_after,
            ))
        }
    }

    /// The account a login names, if any (no lookup for names no account can have).
    async fn account_to_log_in(
        &self,
        tenant: &str,
        username: &str,
    ) -> Result<Option<AccountRecord>, AppError> {
        match TenantId::parse(tenant) {
            // No account has a name with control characters: nothing to look up.
            Ok(_) if text::first_forbidden(username, false).is_some() => Ok(None),
            Ok(tenant) => {
                self.accounts
                    .account_by_username(&TenantScope::new(tenant), username)
                    .await
            }
            Err(_) => Ok(None),
        }
    }

    /// Why the login is refused before its password is looked at: disabled, locked, or the
    /// phantom lock of an unknown name.
    async fn lock_of(
        &self,
        record: Option<&AccountRecord>,
        tenant: &str,
        username: &str,
    ) -> Option<AppError> {
        let now = self.clock.now();
        match record {
            Some(record) if record.disabled => Some(disabled()),
            Some(record) => record
                .locked_until
                .filter(|until| *until > now)
                .map(|until| {
                    let wait = (until - now).to_std().unwrap_or_default();
                    temporarily_locked(self.auth.max_failures, wait)
                }),
            None => self.phantom_lock(tenant, username).await,
        }
    }

    /// Counts an evaluated attempt against the login name's hourly allowance (a right password
    /// takes it back).
    async fn count_attempt(&self, failures_key: &str) -> Result<(), AppError> {
        let attempts = self
            .limiter
            .hit(
                failures_key,
                self.auth.attempts_per_account_per_hour,
                std::time::Duration::from_secs(3600),
            )
            .await;
        if attempts.allowed {
            return Ok(());
        }
        self.limiter.forgive(failures_key).await;
        Err(rate_limited(
            "quá nhiều lần nhập sai mật khẩu cho tài khoản này",
            attempts.retry_after,
        ))
    }

    /// The lockout standing in for an unknown login name, when it has failed as often as a
    /// real account may.
    async fn phantom_lock(&self, tenant: &str, username: &str) -> Option<AppError> {
        let max = u32::try_from(self.auth.max_failures).unwrap_or(u32::MAX);
        let lock = self
            .limiter
            .peek(&phantom_lock_key(tenant, username), max.saturating_sub(1))
            .await;
        (!lock.allowed).then(|| temporarily_locked(self.auth.max_failures, lock.retry_after))
    }

    /// Records a wrong password: the account's consecutive failures (locking it at the
    /// limit), or the stand-in count of an unknown name.
    async fn count_failure(
        &self,
        tenant: &str,
        username: &str,
        record: Option<&AccountRecord>,
    ) -> Result<(), AppError> {
        let settings = &self.auth;
        let Some(record) = record else {
            let max = u32::try_from(settings.max_failures).unwrap_or(u32::MAX);
            self.limiter
                .hit(&phantom_lock_key(tenant, username), max, settings.lock_for)
                .await;
            return Ok(());
        };
        let failures = record.failed_logins + 1;
        let (failures, until) = if failures >= settings.max_failures {
            (0, Some(self.clock.now() + duration(settings.lock_for)))
        } else {
            (failures, None)
        };
        self.accounts
            .set_login_state(
                &TenantScope::new(record.tenant.clone()),
                &record.id,
                failures,
                until,
            )
            .await
    }

    async fn open_session(&self, record: &AccountRecord) -> Result<TokenPair, AppError> {
        let scope = TenantScope::new(record.tenant.clone());
        let now = self.clock.now();
        let session_id = uuid::Uuid::now_v7().simple().to_string();
        let secret = random_token();
        let session = SessionRecord {
            id: session_id.clone(),
            account: record.id.clone(),
            refresh_hash: token_hash(&secret),
            created_at: now,
            expires_at: now + duration(self.auth.refresh_ttl),
            revoked_at: None,
        };
        self.sessions.insert_session(&scope, &session).await?;
        self.token_pair(record, &session, &secret)
    }

    fn token_pair(
        &self,
        record: &AccountRecord,
        session: &SessionRecord,
        secret: &str,
    ) -> Result<TokenPair, AppError> {
        let now = self.clock.now();
        let access_expires_at = now + duration(self.auth.access_ttl);
        let claims = Claims::new(
            &record.id.0,
            record.tenant.as_str(),
            &session.id,
            now,
            access_expires_at,
        );
        Ok(TokenPair {
            access_token: sign(&claims, &self.auth.jwt_secret)?,
            access_expires_at,
            refresh_token: format!("{}.{}.{secret}", record.tenant, session.id),
            refresh_expires_at: session.expires_at,
        })
    }

    /// Trades a refresh token for new tokens; the old refresh token stops working, and using
    /// it again revokes the whole session (it was stolen or replayed).
    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenPair, AppError> {
        let mut parts = refresh_token.splitn(3, '.');
        let (Some(tenant), Some(session_id), Some(secret)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(unauthenticated());
        };
        let tenant = TenantId::parse(tenant).map_err(|_| unauthenticated())?;
        if !session_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(unauthenticated());
        }
        let scope = TenantScope::new(tenant);
        let now = self.clock.now();
        let session = self
            .sessions
            .session(&scope, session_id)
            .await?
            .filter(|s| s.revoked_at.is_none() && s.expires_at > now)
            .ok_or_else(unauthenticated)?;
        let presented = token_hash(secret);
        let next = random_token();
        if presented != session.refresh_hash
            || !self
                .sessions
                .rotate_session(&scope, session_id, &presented, &token_hash(&next))
                .await?
        {
            self.sessions
                .revoke_session(&scope, session_id, now)
                .await?;
            self.changed(Change::Identity).await?;
            return Err(unauthenticated());
        }
        let record = self
            .accounts
            .account(&scope, &session.account)
            .await?
            .filter(|r| !r.disabled)
            .ok_or_else(unauthenticated)?;
        self.token_pair(&record, &session, &next)
    }

    /// The caller behind an access token, with the roles they hold now (cached for a short
    /// time per session, dropped on any change to sessions, accounts or grants).
    pub async fn authenticate(&self, access_token: &str) -> Result<Principal, AppError> {
        let now = self.clock.now();
        let claims = verify(access_token, &self.auth.jwt_secret, now)?;
        let tenant = TenantId::parse(&claims.tid).map_err(|_| unauthenticated())?;
        self.follow_other_replicas().await?;
        let generation = match self.principals.get(&tenant, &claims.sid) {
            Lookup::Hit(principal) if principal.account.0 == claims.sub => {
                return Ok((*principal).clone());
            }
            Lookup::Hit(_) => return Err(unauthenticated()),
            Lookup::Miss(generation) => generation,
        };
        let principal = self.principal_of(tenant, &claims).await?;
        self.principals.put(generation, &principal);
        Ok(principal)
    }

    /// The principal of a token's session, read from the store.
    pub(crate) async fn principal_of(
        &self,
        tenant: TenantId,
        claims: &Claims,
    ) -> Result<Principal, AppError> {
        let scope = TenantScope::new(tenant.clone());
        let session = self
            .sessions
            .session(&scope, &claims.sid)
            .await?
            .filter(|s| s.revoked_at.is_none() && s.account.0 == claims.sub)
            .ok_or_else(unauthenticated)?;
        let record = self
            .accounts
            .account(&scope, &session.account)
            .await?
            .filter(|r| !r.disabled)
            .ok_or_else(unauthenticated)?;
        let grants = self.accounts.grants(&scope, &record.id).await?;
        Ok(Principal {
            tenant,
            account: record.id,
            username: record.username,
            display_name: record.display_name,
            session: session.id,
            grants,
        })
    }

    /// Ends the caller's session: its refresh token and access tokens stop working at once.
    pub async fn logout(&self, principal: &Principal) -> Result<(), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        self.sessions
            .revoke_session(&scope, &principal.session, self.clock.now())
            .await?;
        self.changed(Change::Identity).await?;
        Ok(())
    }

    /// Changes the caller's password (policy checked; other sessions end).
    pub async fn change_password(
        &self,
        principal: &Principal,
        current: &str,
        new: &str,
    ) -> Result<(), AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let record = self
            .accounts
            .account(&scope, &principal.account)
            .await?
            .ok_or_else(unauthenticated)?;
        if !self
            .hasher
            .verify(current, Some(&record.password_hash))
            .await
        {
            return Err(invalid_credentials());
        }
        check_password_policy(new, Some(current))?;
        let hash = self.hasher.hash(new).await?;
        let now = self.clock.now();
        self.accounts
            .set_password(&scope, &record.id, &hash, now)
            .await?;
        self.sessions
            .revoke_sessions_of(&scope, &record.id, now)
            .await?;
        self.changed(Change::Identity).await?;
        // Keep the session that asked for the change.
        Ok(())
    }

    /// Updates the caller's name, phone, ID number and e-mail address (validated, NFC).
    pub async fn update_profile(
        &self,
        principal: &Principal,
        display_name: &str,
        (phone, id_number, email): (Option<&str>, Option<&str>, Option<&str>),
    ) -> Result<AccountRecord, AppError> {
        let display_name = crate::input::display_name(display_name)?;
        let (phone, id_number, email) = (given(phone), given(id_number), given(email));
        phone.map(check_phone).transpose()?;
        id_number.map(check_id_number).transpose()?;
        let email = email.map(crate::input::email).transpose()?;
        let scope = TenantScope::new(principal.tenant.clone());
        let profile = super::Profile {
            display_name,
            phone: phone.map(str::to_owned),
            id_number: id_number.map(str::to_owned),
            email,
        };
        self.accounts
            .set_profile(&scope, &principal.account, &profile)
            .await?;
        self.changed(Change::Identity).await?;
        self.accounts
            .account(&scope, &principal.account)
            .await?
            .ok_or_else(unauthenticated)
    }

    /// The caller's own account, its personal data read logged.
    pub async fn me(&self, principal: &Principal) -> Result<AccountRecord, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let record = self
            .accounts
            .account(&scope, &principal.account)
            .await?
            .ok_or_else(unauthenticated)?;
        self.log_personal_read(principal, &record, "me").await?;
        Ok(record)
    }

    pub(crate) async fn log_personal_read(
        &self,
        principal: &Principal,
        record: &AccountRecord,
        purpose: &str,
    ) -> Result<(), AppError> {
        let fields: Vec<String> = [
            record.phone.as_ref().map(|_| "phone"),
            record.id_number.as_ref().map(|_| "idNumber"),
        ]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect();
        if fields.is_empty() {
            return Ok(());
        }
        let entry = AccessEntry {
            account: principal.account.clone(),
            subject_type: "account".to_owned(),
            subject_id: record.id.0.clone(),
            fields,
            purpose: purpose.to_owned(),
            at: self.clock.now(),
        };
        self.access_log
            .log_access(&TenantScope::new(record.tenant.clone()), &entry)
            .await
    }
}

/// A value the caller gave, trimmed; `None` when absent or blank.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}
