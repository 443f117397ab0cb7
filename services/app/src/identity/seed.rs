//! Demo and test accounts: every officer named in the provinces' assignments, each province's
//! administrator and viewer, and the national ministry analyst and platform administrator.

use std::collections::BTreeMap;

use ansinh_config::ConfigSet;
use ansinh_core::{Pii, Role, TenantId, UnitId, Validity};

use super::Identity;
use super::check_password_policy;
use super::model::{AccountRecord, RoleGrant};
use crate::AppError;
use crate::model::TenantScope;
use crate::signal::Change;

/// National accounts created by the seed: (username, name, role).
pub const NATIONAL_ACCOUNTS: [(&str, &str, Role); 2] = [
    (
        "phantich.bo",
        "Chuyên viên phân tích Cục Bảo trợ xã hội",
        Role::MinistryAnalyst,
    ),
    ("quantri.nentang", "Quản trị nền tảng", Role::PlatformAdmin),
];

/// The unit national roles are held at (above every province).
pub fn national_root() -> UnitId {
    UnitId::new("0", None)
}

/// Demo accounts wanted, by tenant and login name, with their grants: the national ones and
/// every officer and deputy named in a province's assignments.
type Wanted = BTreeMap<(TenantId, String), Vec<RoleGrant>>;

fn wanted_accounts(set: &ConfigSet) -> Result<Wanted, AppError> {
    let mut wanted = Wanted::new();
    for (username, _, role) in NATIONAL_ACCOUNTS {
        wanted
            .entry((TenantId::national(), username.to_owned()))
            .or_default()
            .push(RoleGrant {
                role,
                unit: national_root(),
            });
    }
    for province in set.provinces.values() {
        let tenant = TenantId::parse(&province.tenant.code)?;
        let units = ansinh_config::resolve_units(province);
        for assignment in &province.assignments.assignments {
            let during = Validity {
                from: assignment.valid_from,
                to: assignment.valid_to,
            };
            let unit = units.iter().find(|u| {
                u.entry.code == assignment.unit
                    && Validity {
                        from: u.entry.valid_from,
                        to: u.entry.valid_to,
                    }
                    .overlaps(&during)
            });
            let Some(unit) = unit else { continue };
            for officer in assignment.officers.iter().chain(&assignment.deputies) {
                wanted
                    .entry((tenant.clone(), officer.clone()))
                    .or_default()
                    .push(RoleGrant {
                        role: assignment.role,
                        unit: unit.id.clone(),
                    });
            }
        }
    }
    Ok(wanted)
}

/// The name shown for a demo account: the national title, or "Cán bộ <login>".
fn demo_display_name(username: &str) -> String {
    NATIONAL_ACCOUNTS
        .iter()
        .find(|(name, _, _)| *name == username)
        .map_or_else(
            || format!("Cán bộ {username}"),
            |(_, title, _)| (*title).to_owned(),
        )
}

/// A demo account's address, e.g. `vhxh.01290@04.ansinh.test`.
fn demo_email(tenant: &TenantId, username: &str) -> String {
    format!(
        "{username}@{}.ansinh.test",
        tenant.as_str().to_ascii_lowercase()
    )
}

impl Identity {
    /// Creates the demo accounts that do not exist yet, all with `password` (hashed once: these
    /// are demo accounts). Returns how many were created.
    pub async fn seed_demo_accounts(
        &self,
        set: &ConfigSet,
        password: &str,
    ) -> Result<usize, AppError> {
        self.seed(set, password, false).await
    }

    /// Like `seed_demo_accounts`, each new account also given an address in the demo's mail
    /// domain (`<login>@<province>.ansinh.test`), so notices land in the demo mailbox.
    pub async fn seed_demo_accounts_with_mail(
        &self,
        set: &ConfigSet,
        password: &str,
    ) -> Result<usize, AppError> {
        self.seed(set, password, true).await
    }

    async fn seed(&self, set: &ConfigSet, password: &str, mail: bool) -> Result<usize, AppError> {
        check_password_policy(password, None)?;
        let hash = self.hasher.hash(password).await?;
        let wanted = wanted_accounts(set)?;
        let now = self.clock.now();
        let mut by_tenant: BTreeMap<TenantId, Vec<(AccountRecord, Vec<RoleGrant>)>> =
            BTreeMap::new();
        let mut taken: BTreeMap<TenantId, Vec<String>> = BTreeMap::new();
        for ((tenant, username), mut grants) in wanted {
            if !taken.contains_key(&tenant) {
                let names = self
                    .accounts
                    .usernames(&TenantScope::new(tenant.clone()))
                    .await?;
                taken.insert(tenant.clone(), names);
            }
            if taken
                .get(&tenant)
                .is_some_and(|names| names.contains(&username))
            {
                continue;
            }
            grants.sort();
            grants.dedup();
            let display_name = demo_display_name(&username);
            let mut record =
                AccountRecord::fresh(tenant, username, display_name, hash.clone(), now);
            // `.test` is never a real domain.
            if mail {
                record.email = Some(Pii::new(demo_email(&record.tenant, &record.username)));
            }
            by_tenant
                .entry(record.tenant.clone())
                .or_default()
                .push((record, grants));
        }
        let mut created = 0;
        for (tenant, accounts) in by_tenant {
            self.accounts
                .insert_accounts(&TenantScope::new(tenant), &accounts, "seed")
                .await?;
            created += accounts.len();
        }
        self.changed(Change::Policy).await?;
        Ok(created)
    }
}
