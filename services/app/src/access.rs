//! The authorization questions every area asks of the `Authorizer` port: may the principal do
//! this action on this kind of resource at this unit, and at which units may they.

use std::sync::Arc;

use ansinh_core::{Action, Resource, UnitId};

use crate::AppError;
use crate::identity::{Authorizer, Principal};
use crate::model::TenantScope;

/// The authorizer, shared by the areas.
#[derive(Debug, Clone)]
pub struct Access {
    authorizer: Arc<dyn Authorizer>,
}

impl Access {
    /// Questions put to `authorizer`.
    pub fn new(authorizer: Arc<dyn Authorizer>) -> Self {
        Self { authorizer }
    }

    /// Whether the principal may do `action` on `resource` at `unit`.
    pub async fn allows(
        &self,
        principal: &Principal,
        resource: Resource,
        action: Action,
        unit: &UnitId,
    ) -> bool {
        self.authorizer
            .allows(principal, resource, action, unit)
            .await
    }

    /// Refuses unless the principal may do `action` on `resource` at `unit`.
    pub async fn require(
        &self,
        principal: &Principal,
        resource: Resource,
        action: Action,
        unit: &UnitId,
    ) -> Result<(), AppError> {
        if self.allows(principal, resource, action, unit).await {
            Ok(())
        } else {
            Err(AppError::forbidden(
                "bạn không có quyền thực hiện thao tác này tại đơn vị này",
            ))
        }
    }

    /// Units at which the principal holds a role granting `action` on `resource`: the roots of
    /// the subtrees a listing may show.
    pub async fn units_allowing(
        &self,
        principal: &Principal,
        resource: Resource,
        action: Action,
    ) -> Vec<UnitId> {
        let mut roots = Vec::new();
        for grant in &principal.grants {
            if !roots.contains(&grant.unit)
                && self.allows(principal, resource, action, &grant.unit).await
            {
                roots.push(grant.unit.clone());
            }
        }
        roots
    }

    /// The principal's tenant, once some role of theirs may do `action` on `resource`
    /// somewhere in it (tenant-wide reference data: configuration, calendars); `FORBIDDEN`
    /// otherwise.
    pub async fn tenant_scope(
        &self,
        principal: &Principal,
        resource: Resource,
        action: Action,
    ) -> Result<TenantScope, AppError> {
        if self
            .units_allowing(principal, resource, action)
            .await
            .is_empty()
        {
            return Err(AppError::forbidden(
                "vai trò của bạn không được xem loại dữ liệu này",
            ));
        }
        Ok(TenantScope::new(principal.tenant.clone()))
    }

    /// Every permission some role of the principal's grants somewhere.
    pub async fn permissions(&self, principal: &Principal) -> Vec<(Resource, Action)> {
        let mut granted = Vec::new();
        for resource in Resource::ALL {
            for &action in resource.actions() {
                if !self
                    .units_allowing(principal, resource, action)
                    .await
                    .is_empty()
                {
                    granted.push((resource, action));
                }
            }
        }
        granted
    }

    /// Whether one of `grants`' units lets the principal do `action` on `resource`.
    pub async fn allowed_at_any(
        &self,
        principal: &Principal,
        resource: Resource,
        action: Action,
        grants: &[crate::identity::RoleGrant],
    ) -> bool {
        for grant in grants {
            if self.allows(principal, resource, action, &grant.unit).await {
                return true;
            }
        }
        false
    }

    /// Rebuilds the policy after a change of grants (and tells the other replicas).
    pub async fn reload(&self) -> Result<(), AppError> {
        self.authorizer.reload().await
    }

    /// Rebuilds the policy after a change another replica announced.
    pub async fn refresh(&self) -> Result<(), AppError> {
        self.authorizer.refresh().await
    }
}
