//! Identity mutations: login, refresh, logout, the caller's password and profile, and the
//! administration of officers (create, grant and revoke roles, lock and unlock).

use ansinh_app::identity::{AccountId, NewAccount, OfficerView};
use async_graphql::{Context, ID, Object};

use super::types::{
    AuthPayload, NewOfficerInput, Officer, RoleAtUnit, RoleGrantInput, officer, own, roles,
};
use crate::context::{app, principal, request};
use crate::errors::GqlResult;

/// Identity mutations.
#[derive(Debug, Default)]
pub struct IdentityMutation;

/// Identity mutations.
#[Object]
impl IdentityMutation {
    /// Logs in with a province code (or `VN`), a login name and a password.
    async fn login(
        &self,
        ctx: &Context<'_>,
        tenant: String,
        username: String,
        password: String,
    ) -> async_graphql::Result<AuthPayload> {
        let address = request(ctx)
            .map(|r| r.client_address.clone())
            .unwrap_or_default();
        let pair = app(ctx)
            .identity
            .login(&tenant, &username, &password, &address)
            .await
            .gql()?;
        Ok(pair.into())
    }

    /// Trades a refresh token for new tokens (the old one stops working).
    async fn refresh(
        &self,
        ctx: &Context<'_>,
        refresh_token: String,
    ) -> async_graphql::Result<AuthPayload> {
        Ok(app(ctx)
            .identity
            .refresh(&refresh_token)
            .await
            .gql()?
            .into())
    }

    /// Ends the current session.
    async fn logout(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let principal = principal(ctx).gql()?;
        app(ctx).identity.logout(principal).await.gql()?;
        Ok(true)
    }

    /// Changes the caller's password (upper and lower case, digit, symbol, 10 characters; not
    /// the old one). Other sessions end.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> async_graphql::Result<bool> {
        let principal = principal(ctx).gql()?;
        app(ctx)
            .identity
            .change_password(principal, &current_password, &new_password)
            .await
            .gql()?;
        Ok(true)
    }

    /// Updates the caller's name, phone, ID number (12 or 9 digits) and the e-mail address
    /// notifications go to; an absent or blank value clears it.
    async fn update_profile(
        &self,
        ctx: &Context<'_>,
        display_name: String,
        phone: Option<String>,
        id_number: Option<String>,
        email: Option<String>,
    ) -> async_graphql::Result<Officer> {
        let principal = principal(ctx).gql()?;
        let record = app(ctx)
            .identity
            .update_profile(
                principal,
                &display_name,
                (phone.as_deref(), id_number.as_deref(), email.as_deref()),
            )
            .await
            .gql()?;
        Ok(own(record, &principal.grants, Vec::new()))
    }

    /// Creates an officer (province administrators, within their units).
    async fn create_officer(
        &self,
        ctx: &Context<'_>,
        input: NewOfficerInput,
    ) -> async_graphql::Result<Officer> {
        let principal = principal(ctx).gql()?;
        let grants = input
            .roles
            .iter()
            .map(RoleGrantInput::grant)
            .collect::<async_graphql::Result<Vec<_>>>()?;
        let new = NewAccount {
            username: input.username,
            display_name: input.display_name,
            grants: grants.clone(),
        };
        let record = app(ctx)
            .identity
            .create_officer(principal, new, &input.temporary_password)
            .await
            .gql()?;
        // A new account has no phone or ID number yet.
        let view = OfficerView {
            record,
            grants,
            personal_data_withheld: false,
        };
        Ok(officer(view, Vec::new()))
    }

    /// Grants a role at a unit; effective on the officer's next request.
    async fn grant_role(
        &self,
        ctx: &Context<'_>,
        officer_id: ID,
        grant: RoleGrantInput,
    ) -> async_graphql::Result<Vec<RoleAtUnit>> {
        change_role(ctx, officer_id, grant, true).await
    }

    /// Revokes a role at a unit; effective on the officer's next request.
    async fn revoke_role(
        &self,
        ctx: &Context<'_>,
        officer_id: ID,
        grant: RoleGrantInput,
    ) -> async_graphql::Result<Vec<RoleAtUnit>> {
        change_role(ctx, officer_id, grant, false).await
    }

    /// Locks an officer's account and ends their sessions.
    async fn lock_account(
        &self,
        ctx: &Context<'_>,
        officer_id: ID,
    ) -> async_graphql::Result<Officer> {
        set_locked(ctx, officer_id, true).await
    }

    /// Unlocks an officer's account (also clears a lock after failed logins).
    async fn unlock_account(
        &self,
        ctx: &Context<'_>,
        officer_id: ID,
    ) -> async_graphql::Result<Officer> {
        set_locked(ctx, officer_id, false).await
    }
}

async fn change_role(
    ctx: &Context<'_>,
    officer_id: ID,
    grant: RoleGrantInput,
    add: bool,
) -> async_graphql::Result<Vec<RoleAtUnit>> {
    let principal = principal(ctx).gql()?;
    let (id, grant) = (AccountId(officer_id.0), grant.grant()?);
    let grants = if add {
        app(ctx).identity.grant_role(principal, &id, grant).await
    } else {
        app(ctx).identity.revoke_role(principal, &id, grant).await
    }
    .gql()?;
    Ok(roles(&grants))
}

async fn set_locked(
    ctx: &Context<'_>,
    officer_id: ID,
    locked: bool,
) -> async_graphql::Result<Officer> {
    let principal = principal(ctx).gql()?;
    let id = AccountId(officer_id.0);
    let view = app(ctx)
        .identity
        .set_account_locked(principal, &id, locked)
        .await
        .gql()?;
    Ok(officer(view, Vec::new()))
}
