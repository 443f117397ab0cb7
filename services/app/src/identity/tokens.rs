//! Access tokens (JWT, HS256, pinned algorithm, issuer and audience, short-lived) and opaque
//! refresh tokens (random, stored only as a SHA-256 hash).

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::AppError;

const ISSUER: &str = "ansinh";
const AUDIENCE: &str = "ansinh-api";
/// Audience of file download tickets: never accepted as an access token, nor the reverse.
pub(crate) const FILE_AUDIENCE: &str = "ansinh-file";

/// What an access token says: who and which session, never roles or units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Claims {
    /// Account id.
    pub(crate) sub: String,
    /// Tenant code.
    pub(crate) tid: String,
    /// Session id.
    pub(crate) sid: String,
    /// Issued at (seconds).
    pub(crate) iat: i64,
    /// Expires at (seconds).
    pub(crate) exp: i64,
    /// Issuer.
    pub(crate) iss: String,
    /// Audience.
    pub(crate) aud: String,
    /// The one attachment a file ticket opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) att: Option<String>,
}

impl Claims {
    pub(crate) fn new(
        sub: &str,
        tid: &str,
        sid: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Self {
        Self {
            sub: sub.to_owned(),
            tid: tid.to_owned(),
            sid: sid.to_owned(),
            iat: now.timestamp(),
            exp: expires.timestamp(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            att: None,
        }
    }
}

/// Signs an access token.
pub(crate) fn sign(claims: &Claims, secret: &[u8]) -> Result<String, AppError> {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .map_err(|e| AppError::Internal(format!("signing a token: {e}")))
}

/// Verifies an access token's signature, algorithm, issuer, audience and expiry at `now`.
pub(crate) fn verify(token: &str, secret: &[u8], now: DateTime<Utc>) -> Result<Claims, AppError> {
    verify_for(token, secret, now, AUDIENCE).map_err(|()| {
        AppError::Unauthenticated(
            "phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại".to_owned(),
        )
    })
}

/// `verify` for tokens of `audience`.
pub(crate) fn verify_for(
    token: &str,
    secret: &[u8],
    now: DateTime<Utc>,
    audience: &str,
) -> Result<Claims, ()> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[audience]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // Expiry is checked against the injected clock below, without leeway.
    validation.validate_exp = false;
    let data =
        decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation).map_err(|_| ())?;
    if data.claims.exp <= now.timestamp() {
        return Err(());
    }
    Ok(data.claims)
}

/// A new random opaque token (two UUIDv4s: 244 random bits).
pub(crate) fn random_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// The stored form of a refresh token.
pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn round_trip_and_refusals() {
        let now = Utc::now();
        let claims = Claims::new("a", "04", "s", now, now + Duration::minutes(15));
        let token = sign(&claims, SECRET).unwrap_or_default();
        assert_eq!(verify(&token, SECRET, now).ok(), Some(claims.clone()));
        let code = |result: Result<Claims, AppError>| result.map_err(|e| e.code());
        assert_eq!(
            code(verify(&token, SECRET, now + Duration::minutes(16))),
            Err("UNAUTHENTICATED")
        );
        assert_eq!(
            code(verify(&token, b"another-secret-another-secret-xx", now)),
            Err("UNAUTHENTICATED")
        );
        // alg=none with the same claims.
        let parts: Vec<&str> = token.split('.').collect();
        let none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
        let forged = format!("{none_header}.{}.", parts[1]);
        assert_eq!(code(verify(&forged, SECRET, now)), Err("UNAUTHENTICATED"));
        // Wrong audience.
        let mut other = claims;
        other.aud = "someone-else".into();
        let token = sign(&other, SECRET).unwrap_or_default();
        assert_eq!(code(verify(&token, SECRET, now)), Err("UNAUTHENTICATED"));
    }
}
