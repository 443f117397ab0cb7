//! File download tickets: a short-lived signed link to one attachment for one session, so a
//! browser can open a file (an `<a>` or `<img>` cannot send the access token) without the
//! bucket ever being public. The gateway checks the ticket, then the use case checks again
//! that the session's officer may read the file's dossier.

use chrono::{DateTime, Utc};

use super::Identity;
use super::model::Principal;
use super::tokens::{Claims, FILE_AUDIENCE, sign, verify_for};
use crate::AppError;
use ansinh_core::{ErrorCode, TenantId};

fn link_refused() -> AppError {
    AppError::invalid(
        ErrorCode::LinkExpired,
        "đường dẫn tải tệp đã hết hạn hoặc không hợp lệ; hãy mở lại hồ sơ để lấy đường dẫn mới",
    )
}

impl Identity {
    /// A ticket opening `attachment` for the principal's session, and when it stops working.
    pub fn file_ticket(
        &self,
        principal: &Principal,
        attachment: &str,
    ) -> Result<(String, DateTime<Utc>), AppError> {
        let now = self.clock.now();
        let ttl = chrono::Duration::from_std(self.auth.file_link_ttl)
            .map_err(|e| AppError::Internal(format!("file link ttl: {e}")))?;
        let expires = now + ttl;
        let mut claims = Claims::new(
            &principal.account.0,
            principal.tenant.as_str(),
            &principal.session,
            now,
            expires,
        );
        claims.aud = FILE_AUDIENCE.to_owned();
        claims.att = Some(attachment.to_owned());
        Ok((sign(&claims, &self.auth.jwt_secret)?, expires))
    }

    /// The principal a ticket for `attachment` was given to, while it has not expired and
    /// their session lives; `LINK_EXPIRED` otherwise.
    pub async fn authenticate_file_ticket(
        &self,
        ticket: &str,
        attachment: &str,
    ) -> Result<Principal, AppError> {
        let now = self.clock.now();
        let claims = verify_for(ticket, &self.auth.jwt_secret, now, FILE_AUDIENCE)
            .map_err(|()| link_refused())?;
        if claims.att.as_deref() != Some(attachment) {
            return Err(link_refused());
        }
        let tenant = TenantId::parse(&claims.tid).map_err(|_| link_refused())?;
        self.follow_other_replicas().await?;
        self.principal_of(tenant, &claims)
            .await
            .map_err(|e| match e {
                AppError::Unauthenticated(_) => link_refused(),
                other => other,
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::fakes::World;
    use chrono::{Duration, Utc};

    #[tokio::test]
    async fn a_ticket_opens_one_file_until_it_expires_and_is_no_access_token() {
        let start = Utc::now();
        let world = World::shipped(start).await;
        let officer = world.officer("04", "tiepnhan.01290").await;
        let identity = &world.app.identity;
        let (ticket, expires) = identity
            .file_ticket(&officer, "file-1")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(expires, start + Duration::seconds(300));
        let opened = identity.authenticate_file_ticket(&ticket, "file-1").await;
        assert_eq!(
            opened.ok().map(|p| p.account),
            Some(officer.account.clone())
        );
        let code = |r: Result<crate::identity::Principal, crate::AppError>| {
            r.map(|_| ()).map_err(|e| e.code())
        };
        assert_eq!(
            code(identity.authenticate_file_ticket(&ticket, "file-2").await),
            Err("LINK_EXPIRED")
        );
        assert_eq!(
            code(identity.authenticate(&ticket).await),
            Err("UNAUTHENTICATED")
        );
        world.at(start + Duration::seconds(301));
        assert_eq!(
            code(identity.authenticate_file_ticket(&ticket, "file-1").await),
            Err("LINK_EXPIRED")
        );
    }
}
