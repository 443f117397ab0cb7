//! Tenant-scoped query constructors: every read, update and delete of a tenant's rows starts
//! here, so no query forgets the tenant filter (row-level security on PostgreSQL is the second
//! line, not the only one).

use ansinh_app::TenantScope;
use sea_orm::{ColumnTrait, Condition, DeleteMany, EntityTrait, QueryFilter, Select, UpdateMany};

use crate::entities::{
    access_log, account, admin_unit, auth_session, config_version, dossier, dossier_attachment,
    dossier_document, dossier_event, role_grant, unit_merge,
};

/// An entity whose rows belong to one tenant.
pub(crate) trait TenantOwned: EntityTrait {
    /// The `tenant_id` column.
    const TENANT: Self::Column;
}

macro_rules! tenant_owned {
    ($($entity:ident),* $(,)?) => {
        $(impl TenantOwned for $entity::Entity {
            const TENANT: Self::Column = $entity::Column::TenantId;
        })*
    };
}

tenant_owned!(
    access_log,
    account,
    admin_unit,
    auth_session,
    config_version,
    dossier,
    dossier_attachment,
    dossier_document,
    dossier_event,
    role_grant,
    unit_merge,
);

/// The condition "row of the scope's tenant", to combine with others.
pub(crate) fn in_tenant<E: TenantOwned>(scope: &TenantScope) -> Condition {
    Condition::all().add(E::TENANT.eq(scope.tenant().as_str()))
}

/// A select of the scope's rows of `E`.
pub(crate) fn scoped<E: TenantOwned>(scope: &TenantScope) -> Select<E> {
    E::find().filter(in_tenant::<E>(scope))
}

/// An update of the scope's rows of `E`.
pub(crate) fn scoped_update<E: TenantOwned>(scope: &TenantScope) -> UpdateMany<E> {
    E::update_many().filter(in_tenant::<E>(scope))
}

/// A delete of the scope's rows of `E`.
pub(crate) fn scoped_delete<E: TenantOwned>(scope: &TenantScope) -> DeleteMany<E> {
    E::delete_many().filter(in_tenant::<E>(scope))
}
