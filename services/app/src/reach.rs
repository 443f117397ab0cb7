//! Which units a caller may read: a role reaches the unit where it is held and everything
//! below it, and the communes merged into it (never upwards or sideways). Every unit the API
//! shows (by id, in lists, as a parent, child or merge neighbour) passes through here.

use ansinh_core::{AdminLevel, Resource, UnitId};

use crate::AppError;
use crate::identity::{Principal, national_root};
use crate::model::{Page, PageRequest, TenantScope, Unit, UnitMerge, UnitQuery};
use crate::reference::Reference;
use ansinh_core::Action;

/// The units a caller may read in their tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitReach {
    /// The tenant.
    pub scope: TenantScope,
    /// Roots of the subtrees reached (units merged into them included); `None` for the whole
    /// tenant.
    roots: Option<Vec<UnitId>>,
}

impl UnitReach {
    /// Whether `unit` lies in one of the subtrees.
    pub fn contains(&self, unit: &Unit) -> bool {
        match &self.roots {
            None => true,
            Some(roots) => unit.path.iter().any(|above| roots.contains(above)),
        }
    }
}

impl Reference {
    /// The units the caller may read; `FORBIDDEN` when no role of theirs reads units.
    pub async fn unit_reach(&self, principal: &Principal) -> Result<UnitReach, AppError> {
        let scope = TenantScope::new(principal.tenant.clone());
        let held = self
            .access
            .units_allowing(principal, Resource::Unit, Action::Read)
            .await;
        if held.is_empty() {
            return Err(AppError::forbidden(
                "vai trò của bạn không được xem danh mục đơn vị hành chính",
            ));
        }
        let whole_tenant = held.contains(&national_root())
            || self
                .units_by_id(&scope, &held)
                .await?
                .iter()
                .any(|unit| unit.level == AdminLevel::Province);
        let roots = if whole_tenant {
            None
        } else {
            Some(self.with_predecessors(&scope, held).await?)
        };
        Ok(UnitReach { scope, roots })
    }

    /// The units and every unit merged into them, transitively: officers of a commune formed by
    /// a merger reach what belonged to the communes it replaced (never the reverse).
    pub async fn with_predecessors(
        &self,
        scope: &TenantScope,
        roots: Vec<UnitId>,
    ) -> Result<Vec<UnitId>, AppError> {
        let mut all = roots.clone();
        let mut queue = roots;
        while let Some(unit) = queue.pop() {
            for edge in self.store.merges(scope, &unit, false).await? {
                if !all.contains(&edge.from) {
                    all.push(edge.from.clone());
                    queue.push(edge.from);
                }
            }
        }
        Ok(all)
    }

    /// One unit the caller may read; `NOT_FOUND` outside their reach or tenant.
    pub async fn reachable_unit(&self, reach: &UnitReach, id: &UnitId) -> Result<Unit, AppError> {
        self.reachable_units(reach, std::slice::from_ref(id))
            .await?
            .pop()
            .ok_or_else(|| AppError::not_found("đơn vị hành chính", id))
    }

    /// The units among `ids` the caller may read, in the order asked.
    pub async fn reachable_units(
        &self,
        reach: &UnitReach,
        ids: &[UnitId],
    ) -> Result<Vec<Unit>, AppError> {
        let mut units = self.units_by_id(&reach.scope, ids).await?;
        units.retain(|unit| reach.contains(unit));
        Ok(units)
    }

    /// Units matching `query` inside the caller's reach.
    pub async fn find_reachable_units(
        &self,
        reach: &UnitReach,
        query: &UnitQuery,
        page: PageRequest,
    ) -> Result<Page<Unit>, AppError> {
        if let Some(anchor) = query.parent.as_ref().or(query.within.as_ref()) {
            self.reachable_unit(reach, anchor).await?;
        }
        let query = UnitQuery {
            reach: reach.roots.clone(),
            ..query.clone()
        };
        self.find_units(&reach.scope, &query, page).await
    }

    /// The units merged into `unit` (or, `outgoing`, those it was merged into) that the caller
    /// may read.
    pub async fn reachable_merges(
        &self,
        reach: &UnitReach,
        unit: &UnitId,
        outgoing: bool,
    ) -> Result<Vec<Unit>, AppError> {
        let edges: Vec<UnitMerge> = self.merges(&reach.scope, unit, outgoing).await?;
        let ids: Vec<UnitId> = edges
            .into_iter()
            .map(|edge| if outgoing { edge.to } else { edge.from })
            .collect();
        self.reachable_units(reach, &ids).await
    }
}
