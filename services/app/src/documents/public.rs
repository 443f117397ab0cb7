//! The citizen's copy of an electronic result (Decree 45/2020 Art. 19): the issued decision
//! downloaded with the dossier's code and the lookup code printed on the reception receipt,
//! without an account. The lookup code is an HMAC of the dossier under the server's secret
//! (nothing to store, printable whenever the receipt is); tries are rate-limited per address
//! and per dossier, and a wrong pair answers as an unknown one.

use ansinh_core::{DossierId, ErrorCode, TenantId};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Documents;
use super::signing::{DocumentRecord, DocumentStage};
use crate::AppError;
use crate::identity::{AccessEntry, AccountId};
use crate::model::TenantScope;

/// Crockford's base32: no I, L, O or U to misread on paper.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a lookup code (50 bits).
const CODE_LENGTH: usize = 10;
/// Tries per address per minute, and per dossier per hour.
const PER_ADDRESS: u32 = 10;
const PER_DOSSIER: u32 = 10;

/// The lookup code of a dossier, e.g. `7K3QX-M9D2A`.
pub(crate) fn lookup_code(secret: &[u8], tenant: &TenantId, dossier: &DossierId) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(
        format!(
            "ansinh result lookup v1|{}|{}",
            tenant.as_str(),
            dossier.as_str()
        )
        .as_bytes(),
    );
    let bytes = mac.finalize().into_bytes();
    let mut bits: u128 = 0;
    for byte in bytes.iter().take(8) {
        bits = (bits << 8) | u128::from(*byte);
    }
    let chars: String = (0..CODE_LENGTH)
        .map(|i| ALPHABET[((bits >> (5 * i)) & 31) as usize] as char)
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// A typed code as its letters: case, spaces and dashes ignored, O read as 0 and I, L as 1.
fn normalized(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn unknown() -> AppError {
    AppError::invalid(
        ErrorCode::NotFound,
        "không tìm thấy kết quả với mã hồ sơ và mã tra cứu này; hãy xem lại hai mã in trên giấy tiếp nhận",
    )
}

impl Documents {
    /// The lookup code printed on the dossier's receipt.
    pub(crate) fn lookup_code_of(&self, scope: &TenantScope, dossier: &DossierId) -> String {
        lookup_code(&self.result_secret, scope.tenant(), dossier)
    }

    /// The issued decision of the dossier with `dossier_code`, for whoever holds its lookup
    /// code (`NOT_FOUND` for any wrong pair, `RESULT_NOT_READY` before it is issued,
    /// `RATE_LIMITED` after too many tries from `address` or at one dossier).
    pub async fn public_result(
        &self,
        dossier_code: &str,
        code: &str,
        address: &str,
    ) -> Result<(DocumentRecord, Vec<u8>), AppError> {
        let dossier_code = dossier_code.trim();
        for (key, limit, window) in [
            (
                format!("result-address:{address}"),
                PER_ADDRESS,
                std::time::Duration::from_secs(60),
            ),
            (
                format!("result-dossier:{dossier_code}"),
                PER_DOSSIER,
                std::time::Duration::from_secs(3600),
            ),
        ] {
            let hit = self.limiter.hit(&key, limit, window).await;
            if !hit.allowed {
                return Err(AppError::RateLimited {
                    message: format!(
                        "đã thử quá nhiều lần; hãy thử lại sau {} phút",
                        hit.retry_after.as_secs().div_ceil(60).max(1)
                    ),
                    retry_after: hit.retry_after,
                });
            }
        }
        // The code begins with its agency, whose first part is the province (tenant) code.
        let tenant = dossier_code
            .split(['.', '-'])
            .next()
            .and_then(|prefix| TenantId::parse(prefix).ok())
            .ok_or_else(unknown)?;
        let scope = TenantScope::new(tenant);
        let record = self
            .dossiers
            .repo
            .dossier_by_code(&scope, dossier_code)
            .await?
            .ok_or_else(unknown)?;
        let expected = normalized(&self.lookup_code_of(&scope, &record.id));
        if !same(&normalized(code), &expected) {
            return Err(unknown());
        }
        let documents = self.repo.documents(&scope, &record.id).await?;
        let issued = documents
            .into_iter()
            .rev()
            .find(|d| d.stage == DocumentStage::Issued)
            .ok_or_else(|| {
                AppError::invalid(
                    ErrorCode::ResultNotReady,
                    "hồ sơ chưa có kết quả điện tử; hãy chờ đến ngày hẹn trả ghi trên giấy tiếp nhận",
                )
            })?;
        let bytes =
            self.dossiers.blobs.get(&issued.key).await?.ok_or_else(|| {
                AppError::Internal(format!("issued decision {} missing", issued.id))
            })?;
        let entry = AccessEntry {
            account: AccountId("citizen".to_owned()),
            subject_type: "dossier".to_owned(),
            subject_id: record.id.to_string(),
            fields: vec![format!("documents.{}", issued.id)],
            purpose: "public_result".to_owned(),
            at: self.clock.now(),
        };
        self.dossiers.access_log.log_access(&scope, &entry).await?;
        Ok((issued, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_code_is_ten_unambiguous_characters_read_back_however_typed() {
        let tenant = TenantId::parse("04").unwrap_or_else(|e| panic!("{e}"));
        let code = lookup_code(b"secret", &tenant, &DossierId::new("d1"));
        assert_eq!(code.len(), 11);
        assert!(
            code.chars()
                .all(|c| c == '-' || ALPHABET.contains(&(c as u8)))
        );
        assert_ne!(code, lookup_code(b"secret", &tenant, &DossierId::new("d2")));
        assert_ne!(code, lookup_code(b"other", &tenant, &DossierId::new("d1")));
        let typed = code
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(normalized(&typed), code.replace('-', ""));
    }
}
