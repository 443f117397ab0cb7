//! Identity in the API: login, refresh, logout, the caller's own account, and the province
//! administration of officers (list, create, grant and revoke roles, lock and unlock).

use ansinh_app::identity::{
    AccountId, AccountRecord, NewAccount, OfficerView, RoleGrant, TokenPair,
};
use ansinh_core::Role;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::context::{app, principal, request};
use crate::errors::GqlResult;
use crate::types::paging::{TotalCount, connection, page_request};
use crate::types::units::parse_unit_id;
use ansinh_core::Pii;

/// A position an account holds at a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "ansinh_core::Role")]
pub(crate) enum RoleName {
    /// Công chức tiếp nhận cấp xã.
    CommuneReception,
    /// Công chức văn hóa - xã hội cấp xã.
    CommuneSocial,
    /// Lãnh đạo UBND cấp xã.
    CommuneLeader,
    /// Văn thư cấp xã.
    CommuneClerk,
    /// Chuyên viên cấp huyện (trước 01/7/2025).
    DistrictOfficer,
    /// Trưởng phòng cấp huyện.
    DistrictHead,
    /// Lãnh đạo UBND cấp huyện.
    DistrictLeader,
    /// Văn thư cấp huyện.
    DistrictClerk,
    /// Quản trị cấp tỉnh.
    ProvinceAdmin,
    /// Người xem cấp tỉnh.
    ProvinceViewer,
    /// Chuyên viên phân tích cấp bộ (chỉ số liệu tổng hợp).
    MinistryAnalyst,
    /// Quản trị nền tảng.
    PlatformAdmin,
}

/// Tokens after login or refresh. Send the access token as `Authorization: Bearer …`.
#[derive(Debug, SimpleObject)]
pub(crate) struct AuthPayload {
    /// Short-lived signed access token.
    access_token: String,
    /// When it expires.
    access_expires_at: DateTime<Utc>,
    /// Single-use refresh token (a new one comes with every refresh).
    refresh_token: String,
    /// When the session ends.
    refresh_expires_at: DateTime<Utc>,
}

impl From<TokenPair> for AuthPayload {
    fn from(pair: TokenPair) -> Self {
        Self {
            access_token: pair.access_token,
            access_expires_at: pair.access_expires_at,
            refresh_token: pair.refresh_token,
            refresh_expires_at: pair.refresh_expires_at,
        }
    }
}

/// A role held at a unit.
#[derive(Debug, SimpleObject)]
pub(crate) struct RoleAtUnit {
    /// The role.
    role: RoleName,
    /// Its Vietnamese title.
    title: String,
    /// The unit (`<code>@<validFrom>`).
    unit_id: ID,
}

fn roles(grants: &[RoleGrant]) -> Vec<RoleAtUnit> {
    grants
        .iter()
        .map(|grant| RoleAtUnit {
            role: grant.role.into(),
            title: grant.role.title_vi().to_owned(),
            unit_id: ID(grant.unit.to_string()),
        })
        .collect()
}

/// What a role may do somewhere.
#[derive(Debug, SimpleObject)]
pub(crate) struct Permission {
    /// Resource type (`unit`, `config`, `account`, `person`, `dossier`, `report`).
    resource: String,
    /// Action (`read`, `list`, `manage`, …).
    action: String,
}

/// An officer's account. Phone and ID number are personal data: shown to the officer and to
/// roles that may read persons where the officer works (each read logged), null for others.
#[derive(Debug, SimpleObject)]
pub(crate) struct Officer {
    /// Id.
    id: ID,
    /// Login name.
    username: String,
    /// Name.
    display_name: String,
    /// Phone number (null when not set or withheld from the caller).
    phone: Option<String>,
    /// Personal identification number (null when not set or withheld from the caller).
    id_number: Option<String>,
    /// Whether phone and ID number were withheld because the caller may not read them.
    personal_data_withheld: bool,
    /// Locked by an administrator.
    locked: bool,
    /// Temporarily locked after failed logins, until this instant.
    locked_until: Option<DateTime<Utc>>,
    /// Roles at units.
    roles: Vec<RoleAtUnit>,
    /// What the roles allow (only on `me`).
    permissions: Vec<Permission>,
}

fn officer(view: OfficerView, permissions: Vec<Permission>) -> Officer {
    let OfficerView {
        record,
        grants,
        personal_data_withheld,
    } = view;
    Officer {
        id: ID(record.id.0),
        username: record.username,
        display_name: record.display_name,
        phone: record.phone.map(Pii::into_inner),
        id_number: record.id_number.map(Pii::into_inner),
        personal_data_withheld,
        locked: record.disabled,
        locked_until: record.locked_until,
        roles: roles(&grants),
        permissions,
    }
}

/// The caller's own account: nothing withheld.
fn own(record: AccountRecord, grants: &[RoleGrant], permissions: Vec<Permission>) -> Officer {
    let view = OfficerView {
        record,
        grants: grants.to_vec(),
        personal_data_withheld: false,
    };
    officer(view, permissions)
}

/// A role at a unit, as input.
#[derive(Debug, InputObject)]
pub(crate) struct RoleGrantInput {
    /// The role.
    role: RoleName,
    /// The unit (`<code>@<validFrom>`).
    unit_id: ID,
}

impl RoleGrantInput {
    fn grant(&self) -> async_graphql::Result<RoleGrant> {
        Ok(RoleGrant {
            role: Role::from(self.role),
            unit: parse_unit_id(&self.unit_id)?,
        })
    }
}

/// A new officer.
#[derive(Debug, InputObject)]
pub(crate) struct NewOfficerInput {
    /// Login name (letters without diacritics, digits, `.`, `_`, `-`).
    username: String,
    /// Name.
    display_name: String,
    /// First password, to be changed at first login.
    temporary_password: String,
    /// Roles at units.
    roles: Vec<RoleGrantInput>,
}

/// Identity queries.
#[derive(Debug, Default)]
pub struct IdentityQuery;

/// Identity queries.
#[Object]
impl IdentityQuery {
    /// The caller's own account, roles and permissions.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Officer> {
        let principal = principal(ctx).gql()?;
        let record = app(ctx).identity.me(principal).await.gql()?;
        let permissions = app(ctx)
            .access
            .permissions(principal)
            .await
            .into_iter()
            .map(|(resource, action)| Permission {
                resource: resource.as_str().to_owned(),
                action: action.as_str().to_owned(),
            })
            .collect();
        Ok(own(record, &principal.grants, permissions))
    }

    /// Officers holding a role inside the units the caller administers.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn officers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Part of the login name")] search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Officer, TotalCount, EmptyFields>> {
        let principal = principal(ctx).gql()?;
        let page = page_request(first, after)?;
        let found = app(ctx)
            .identity
            .officers(principal, search.as_deref(), page)
            .await
            .gql()?;
        let mut items = Vec::with_capacity(found.items.len());
        for record in found.items {
            let view = app(ctx)
                .identity
                .officer(principal, &record.id)
                .await
                .gql()?;
            items.push(officer(view, Vec::new()));
        }
        Ok(connection(items, page, found.total))
    }

    /// One officer; `NOT_FOUND` outside the caller's units.
    async fn officer(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Officer> {
        let principal = principal(ctx).gql()?;
        let view = app(ctx)
            .identity
            .officer(principal, &AccountId(id.0))
            .await
            .gql()?;
        Ok(officer(view, Vec::new()))
    }
}

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

    /// Updates the caller's name, phone and ID number (12 or 9 digits).
    async fn update_profile(
        &self,
        ctx: &Context<'_>,
        display_name: String,
        phone: Option<String>,
        id_number: Option<String>,
    ) -> async_graphql::Result<Officer> {
        let principal = principal(ctx).gql()?;
        let record = app(ctx)
            .identity
            .update_profile(
                principal,
                &display_name,
                phone.as_deref(),
                id_number.as_deref(),
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
