//! Argon2id password hashing (OWASP: m = 19 MiB, t = 2, p = 1), off the async runtime and with
//! at most a few hashes at a time.

use std::sync::Arc;

use ansinh_app::AppError;
use ansinh_app::identity::PasswordHasher;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use async_trait::async_trait;
use tokio::sync::Semaphore;

/// Memory cost in KiB (19 MiB).
const MEMORY_KIB: u32 = 19 * 1024;
/// Iterations.
const ITERATIONS: u32 = 2;

/// Argon2id hasher.
#[derive(Debug, Clone)]
pub struct Argon2Hasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against when the user does not exist.
    dummy: Arc<String>,
}

fn argon2() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, 1, None)
        .map_err(|e| AppError::Internal(format!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("hashing: {e}")))
}

impl Argon2Hasher {
    /// A hasher running at most `concurrency` hashes at once.
    pub fn new(concurrency: usize) -> Result<Self, AppError> {
        Ok(Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            dummy: Arc::new(hash_now("không-có-tài-khoản-này")?),
        })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))
    }
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &str) -> Result<String, AppError> {
        let password = password.to_owned();
        self.blocking(move || hash_now(&password)).await?
    }

    async fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        let password = password.to_owned();
        let known = hash.is_some();
        let hash = hash.map_or_else(|| self.dummy.as_str().to_owned(), str::to_owned);
        let verified = self
            .blocking(move || {
                let Ok(parsed) = PasswordHash::new(&hash) else {
                    return false;
                };
                argon2().is_ok_and(|a| a.verify_password(password.as_bytes(), &parsed).is_ok())
            })
            .await;
        known && verified.unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_owasp_parameters_and_verifies() {
        let hasher = Argon2Hasher::new(2).unwrap_or_else(|e| panic!("{e}"));
        let hash = hasher.hash("Ansinh@2026x").await.unwrap_or_default();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(hasher.verify("Ansinh@2026x", Some(&hash)).await);
        assert!(!hasher.verify("Ansinh@2026y", Some(&hash)).await);
        assert!(!hasher.verify("Ansinh@2026x", None).await);
        assert!(!hasher.verify("x", Some("not a phc string")).await);
    }
}
