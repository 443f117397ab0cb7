//! Identity types of the API: roles, tokens, officers and their inputs.

use ansinh_app::identity::{AccountRecord, OfficerView, RoleGrant, TokenPair};
use ansinh_core::{Pii, Role};
use async_graphql::{Enum, ID, InputObject, SimpleObject};
use chrono::{DateTime, Utc};

use crate::reference::units::parse_unit_id;

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

pub(super) fn roles(grants: &[RoleGrant]) -> Vec<RoleAtUnit> {
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
    pub(super) resource: String,
    /// Action (`read`, `list`, `manage`, …).
    pub(super) action: String,
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
    /// The address notifications go to (null when not set or withheld from the caller).
    email: Option<String>,
    /// Whether phone, ID number and e-mail address were withheld because the caller may not
    /// read them.
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

pub(crate) fn officer(view: OfficerView, permissions: Vec<Permission>) -> Officer {
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
        email: record.email.map(Pii::into_inner),
        personal_data_withheld,
        locked: record.disabled,
        locked_until: record.locked_until,
        roles: roles(&grants),
        permissions,
    }
}

/// The caller's own account: nothing withheld.
pub(super) fn own(
    record: AccountRecord,
    grants: &[RoleGrant],
    permissions: Vec<Permission>,
) -> Officer {
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
    pub(super) role: RoleName,
    /// The unit (`<code>@<validFrom>`).
    pub(super) unit_id: ID,
}

impl RoleGrantInput {
    pub(super) fn grant(&self) -> async_graphql::Result<RoleGrant> {
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
    pub(super) username: String,
    /// Name.
    pub(super) display_name: String,
    /// First password, to be changed at first login.
    pub(super) temporary_password: String,
    /// Roles at units.
    pub(super) roles: Vec<RoleGrantInput>,
}
