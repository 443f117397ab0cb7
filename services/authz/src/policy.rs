//! The casbin model and the policy rows built from the database.

use ansinh_app::identity::AccountRepo;
use ansinh_app::{AppError, ReferenceStore, TenantKind, TenantScope};
use ansinh_config::permissions::{effective_permissions, national_permissions};
use ansinh_config::{NationalConfig, ProvinceConfig, resolve_units};
use ansinh_core::TenantId;
use casbin::{CoreApi, DefaultModel, Enforcer, MemoryAdapter, MgmtApi};

/// The model (reliability research §1.3): a role held at a unit (`g`), unit edges child →
/// parent including "merged into" (`g2`), role → resource type → action (`p`). A request is
/// allowed when the subject holds a role at `sub_unit` that has the permission, and the object's
/// unit is `sub_unit` or below it.
pub const MODEL: &str = r#"
[request_definition]
r = sub, sub_unit, obj_unit, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.sub_unit) && (r.obj_unit == r.sub_unit || g2(r.obj_unit, r.sub_unit)) && r.obj == p.obj && r.act == p.act
"#;

/// The unit above every province, where national roles are held (`VN:0@`).
pub const NATIONAL_ROOT: &str = "0@";

/// Names in the policy are qualified by tenant, so that equal codes never meet.
pub(crate) fn qualified(tenant: &str, name: &str) -> String {
    format!("{tenant}:{name}")
}

fn casbin_error(error: casbin::Error) -> AppError {
    AppError::Internal(format!("casbin: {error}"))
}

/// The policy rules: `p` (role, resource, action), `g` (account, role, unit) and `g2` (unit,
/// the unit above it or that it merged into).
#[derive(Default)]
struct Rules {
    permissions: Vec<Vec<String>>,
    grants: Vec<Vec<String>>,
    edges: Vec<Vec<String>>,
}

/// Builds a fresh enforcer from the published configurations and the grants.
pub(crate) async fn build(
    store: &dyn ReferenceStore,
    accounts: &dyn AccountRepo,
) -> Result<Enforcer, AppError> {
    let model = DefaultModel::from_str(MODEL).await.map_err(casbin_error)?;
    let mut enforcer = Enforcer::new(model, MemoryAdapter::default())
        .await
        .map_err(casbin_error)?;
    let national_scope = TenantScope::new(TenantId::national());
    let national: Option<NationalConfig> = store
        .config_version(&national_scope, None)
        .await?
        .and_then(|stored| serde_json::from_str(&stored.content).ok());
    let Some(national) = national else {
        return Ok(enforcer);
    };
    let mut rules = Rules::default();
    for tenant in store.tenants().await? {
        let code = tenant.id.as_str().to_owned();
        let scope = TenantScope::new(tenant.id.clone());
        let rows = match tenant.kind {
            TenantKind::National => national_permissions(&national),
            TenantKind::Province => {
                let province: Option<ProvinceConfig> = store
                    .config_version(&scope, None)
                    .await?
                    .and_then(|stored| serde_json::from_str(&stored.content).ok());
                if let Some(province) = &province {
                    rules.edges.extend(unit_edges(&code, province));
                }
                effective_permissions(&national, province.as_ref())
            }
        };
        rules
            .permissions
            .extend(rows.into_iter().map(|(role, resource, action)| {
                vec![
                    qualified(&code, role.as_str()),
                    resource.as_str().to_owned(),
                    action,
                ]
            }));
        for (account, grant) in accounts.all_grants(&scope).await? {
            rules.grants.push(vec![
                qualified(&code, &account.0),
                qualified(&code, grant.role.as_str()),
                qualified(&code, &grant.unit.to_string()),
            ]);
        }
    }
    load(&mut enforcer, rules).await?;
    Ok(enforcer)
}

/// The province's unit tree as `g2` edges: each unit under its parent (the province under the
/// national root), and under the units it merged into.
fn unit_edges(code: &str, province: &ProvinceConfig) -> Vec<Vec<String>> {
    let national_root = qualified(TenantId::NATIONAL_CODE, NATIONAL_ROOT);
    let mut edges = Vec::new();
    for unit in resolve_units(province) {
        let child = qualified(code, &unit.id.to_string());
        let above = match &unit.parent {
            Some(parent) => qualified(code, &parent.to_string()),
            None => national_root.clone(),
        };
        edges.push(vec![child.clone(), above]);
        for successor in &unit.merged_into {
            edges.push(vec![child.clone(), qualified(code, &successor.to_string())]);
        }
    }
    edges
}

async fn load(enforcer: &mut Enforcer, rules: Rules) -> Result<(), AppError> {
    enforcer
        .add_policies(rules.permissions)
        .await
        .map_err(casbin_error)?;
    if !rules.grants.is_empty() {
        enforcer
            .add_named_grouping_policies("g", rules.grants)
            .await
            .map_err(casbin_error)?;
    }
    if !rules.edges.is_empty() {
        enforcer
            .add_named_grouping_policies("g2", rules.edges)
            .await
            .map_err(casbin_error)?;
    }
    enforcer.build_role_links().map_err(casbin_error)
}
