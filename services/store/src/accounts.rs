//! The `AccountRepo` port: accounts and their role grants.

use ansinh_app::identity::{AccountId, AccountRecord, AccountRepo, RoleGrant};
use ansinh_app::{AppError, Page, PageRequest, TenantScope};
use ansinh_core::{Role, TenantId, UnitId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::{account, admin_unit, role_grant};
use crate::scoped::{in_tenant, scoped, scoped_delete};
use crate::{Classified, SeaStore, classify};
use ansinh_core::Pii;

/// The grants matching `condition`, by unit then role (the order roles are listed in).
fn grants_in_order(
    scope: &TenantScope,
    condition: sea_orm::sea_query::SimpleExpr,
) -> sea_orm::Select<role_grant::Entity> {
    scoped::<role_grant::Entity>(scope)
        .filter(condition)
        .order_by_asc(role_grant::Column::UnitId)
        .order_by_asc(role_grant::Column::Role)
}

fn to_record(row: account::Model) -> Result<AccountRecord, AppError> {
    Ok(AccountRecord {
        tenant: TenantId::parse(&row.tenant_id)?,
        id: AccountId(row.id),
        username: row.username,
        display_name: row.display_name,
        password_hash: row.password_hash,
        phone: row.phone.map(Pii::new),
        id_number: row.id_number.map(Pii::new),
        email: row.email.map(Pii::new),
        failed_logins: row.failed_logins,
        locked_until: row.locked_until,
        disabled: row.disabled,
        created_at: row.created_at,
        password_changed_at: row.password_changed_at,
    })
}

fn to_grant(row: role_grant::Model) -> Result<RoleGrant, AppError> {
    let role = Role::ALL
        .into_iter()
        .find(|role| role.as_str() == row.role)
        .ok_or_else(|| AppError::Internal(format!("stored role {:?}", row.role)))?;
    let unit = UnitId::parse(&row.unit_id)?;
    Ok(RoleGrant { role, unit })
}

fn of_account(scope: &TenantScope, id: &AccountId) -> Condition {
    in_tenant::<account::Entity>(scope).add(account::Column::Id.eq(id.0.as_str()))
}

impl SeaStore {
    /// Runs one update on an account row and reports whether it existed.
    async fn update_account(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        change: account::ActiveModel,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        account::Entity::update_many()
            .set(change)
            .filter(of_account(scope, id))
            .exec(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()
    }
}

fn blank() -> account::ActiveModel {
    account::ActiveModel::default()
}

#[async_trait]
impl AccountRepo for SeaStore {
    async fn account_by_username(
        &self,
        scope: &TenantScope,
        username: &str,
    ) -> Result<Option<AccountRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let row = scoped::<account::Entity>(scope)
            .filter(account::Column::Username.eq(username))
            .one(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        row.map(to_record).transpose()
    }

    async fn account(
        &self,
        scope: &TenantScope,
        id: &AccountId,
    ) -> Result<Option<AccountRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let row = account::Entity::find()
            .filter(of_account(scope, id))
            .one(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        row.map(to_record).transpose()
    }

    async fn accounts_with_grants(
        &self,
        scope: &TenantScope,
        ids: &[AccountId],
    ) -> Result<Vec<(AccountRecord, Vec<RoleGrant>)>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<&str> = ids.iter().map(|id| id.0.as_str()).collect();
        let txn = self.begin(scope).await?;
        let accounts = scoped::<account::Entity>(scope)
            .filter(account::Column::Id.is_in(ids.clone()))
            .order_by_asc(account::Column::Id)
            .all(&txn)
            .await
            .classified()?;
        let grants = grants_in_order(scope, role_grant::Column::AccountId.is_in(ids))
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        let mut by_account: std::collections::HashMap<String, Vec<RoleGrant>> =
            std::collections::HashMap::new();
        for row in grants {
            let account = row.account_id.clone();
            by_account.entry(account).or_default().push(to_grant(row)?);
        }
        accounts
            .into_iter()
            .map(|row| {
                let grants = by_account.remove(&row.id).unwrap_or_default();
                Ok((to_record(row)?, grants))
            })
            .collect()
    }

    async fn accounts(
        &self,
        scope: &TenantScope,
        units: Option<&[UnitId]>,
        search: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<AccountRecord>, AppError> {
        let txn = self.begin(scope).await?;
        let mut select = scoped::<account::Entity>(scope);
        if let Some(text) = search.filter(|t| !t.is_empty()) {
            select = select.filter(account::Column::Username.like(crate::like::containing(text)));
        }
        if let Some(roots) = units {
            let ids: Vec<String> = roots.iter().map(ToString::to_string).collect();
            let paths: Vec<String> = scoped::<admin_unit::Entity>(scope)
                .filter(admin_unit::Column::Id.is_in(ids))
                .all(&txn)
                .await
                .classified()?
                .into_iter()
                .map(|unit| unit.path)
                .collect();
            // Accounts holding a role at a unit inside one of the subtrees, decided in SQL:
            // the units under the roots' paths, then the accounts with grants there.
            let mut inside = Condition::any();
            for path in paths {
                inside =
                    inside.add(admin_unit::Column::Path.like(crate::like::starting_with(&path)));
            }
            let mut unit_ids: Vec<String> = scoped::<admin_unit::Entity>(scope)
                .select_only()
                .column(admin_unit::Column::Id)
                .filter(inside)
                .into_tuple::<String>()
                .all(&txn)
                .await
                .classified()?;
            // Roots without unit rows (the national root) count as themselves.
            unit_ids.extend(roots.iter().map(ToString::to_string));
            let holders: Vec<String> = scoped::<role_grant::Entity>(scope)
                .select_only()
                .column(role_grant::Column::AccountId)
                .distinct()
                .filter(role_grant::Column::UnitId.is_in(unit_ids))
                .into_tuple::<String>()
                .all(&txn)
                .await
                .classified()?;
            select = select.filter(account::Column::Id.is_in(holders));
        }
        let total = select.clone().count(&txn).await.classified()?;
        let rows = select
            .order_by_asc(account::Column::Username)
            .offset(page.offset)
            .limit(page.limit)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(Page {
            items: rows.into_iter().map(to_record).collect::<Result<_, _>>()?,
            total,
        })
    }

    async fn insert_account(
        &self,
        scope: &TenantScope,
        record: &AccountRecord,
        grants: &[RoleGrant],
        granted_by: &str,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        account::Entity::insert(account::ActiveModel {
            tenant_id: Set(scope.tenant().as_str().to_owned()),
            id: Set(record.id.0.clone()),
            username: Set(record.username.clone()),
            display_name: Set(record.display_name.clone()),
            password_hash: Set(record.password_hash.clone()),
            phone: Set(record.phone.clone().map(Pii::into_inner)),
            email: Set(record.email.clone().map(Pii::into_inner)),
            id_number: Set(record.id_number.clone().map(Pii::into_inner)),
            failed_logins: Set(0),
            locked_until: Set(None),
            disabled: Set(record.disabled),
            created_at: Set(record.created_at),
            password_changed_at: Set(record.password_changed_at),
        })
        .exec(&txn)
        .await
        .classified()?;
        for grant in grants {
            insert_grant(
                &txn,
                scope,
                &record.id,
                grant,
                granted_by,
                record.created_at,
            )
            .await?;
        }
        txn.commit().await.classified()
    }

    async fn insert_accounts(
        &self,
        scope: &TenantScope,
        accounts: &[(AccountRecord, Vec<RoleGrant>)],
        granted_by: &str,
    ) -> Result<(), AppError> {
        let tenant = scope.tenant().as_str().to_owned();
        let txn = self.begin_write(scope).await?;
        for chunk in accounts.chunks(200) {
            let rows = chunk.iter().map(|(record, _)| account::ActiveModel {
                tenant_id: Set(tenant.clone()),
                id: Set(record.id.0.clone()),
                username: Set(record.username.clone()),
                display_name: Set(record.display_name.clone()),
                password_hash: Set(record.password_hash.clone()),
                phone: Set(record.phone.clone().map(Pii::into_inner)),
                email: Set(record.email.clone().map(Pii::into_inner)),
                id_number: Set(record.id_number.clone().map(Pii::into_inner)),
                failed_logins: Set(0),
                locked_until: Set(None),
                disabled: Set(record.disabled),
                created_at: Set(record.created_at),
                password_changed_at: Set(record.password_changed_at),
            });
            account::Entity::insert_many(rows)
                .exec(&txn)
                .await
                .classified()?;
        }
        let grants: Vec<role_grant::ActiveModel> = accounts
            .iter()
            .flat_map(|(record, grants)| {
                grants.iter().map(|grant| role_grant::ActiveModel {
                    tenant_id: Set(tenant.clone()),
                    account_id: Set(record.id.0.clone()),
                    role: Set(grant.role.as_str().to_owned()),
                    unit_id: Set(grant.unit.to_string()),
                    granted_by: Set(granted_by.to_owned()),
                    granted_at: Set(record.created_at),
                })
            })
            .collect();
        for chunk in grants.chunks(200) {
            role_grant::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await
                .classified()?;
        }
        txn.commit().await.classified()
    }

    async fn usernames(&self, scope: &TenantScope) -> Result<Vec<String>, AppError> {
        let txn = self.begin(scope).await?;
        let names = scoped::<account::Entity>(scope)
            .select_only()
            .column(account::Column::Username)
            .into_tuple::<String>()
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(names)
    }

    async fn set_login_state(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        failed_logins: i32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<(), AppError> {
        let change = account::ActiveModel {
            failed_logins: Set(failed_logins),
            locked_until: Set(locked_until),
            ..blank()
        };
        self.update_account(scope, id, change).await
    }

    async fn set_password(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let change = account::ActiveModel {
            password_hash: Set(password_hash.to_owned()),
            password_changed_at: Set(at),
            ..blank()
        };
        self.update_account(scope, id, change).await
    }

    async fn set_profile(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        profile: &ansinh_app::identity::Profile,
    ) -> Result<(), AppError> {
        let change = account::ActiveModel {
            display_name: Set(profile.display_name.clone()),
            phone: Set(profile.phone.clone()),
            id_number: Set(profile.id_number.clone()),
            email: Set(profile.email.clone()),
            ..blank()
        };
        self.update_account(scope, id, change).await
    }

    async fn set_disabled(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        disabled: bool,
    ) -> Result<(), AppError> {
        let change = account::ActiveModel {
            disabled: Set(disabled),
            failed_logins: Set(0),
            locked_until: Set(None),
            ..blank()
        };
        self.update_account(scope, id, change).await
    }

    async fn grants(
        &self,
        scope: &TenantScope,
        id: &AccountId,
    ) -> Result<Vec<RoleGrant>, AppError> {
        let txn = self.begin(scope).await?;
        let rows = grants_in_order(scope, role_grant::Column::AccountId.eq(id.0.as_str()))
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        rows.into_iter().map(to_grant).collect()
    }

    async fn all_grants(
        &self,
        scope: &TenantScope,
    ) -> Result<Vec<(AccountId, RoleGrant)>, AppError> {
        let txn = self.begin(scope).await?;
        let rows = scoped::<role_grant::Entity>(scope)
            .all(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        rows.into_iter()
            .map(|row| Ok((AccountId(row.account_id.clone()), to_grant(row)?)))
            .collect()
    }

    async fn add_grant(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        grant: &RoleGrant,
        granted_by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let txn = self.begin_write(scope).await?;
        insert_grant(&txn, scope, id, grant, granted_by, at).await?;
        txn.commit().await.classified()
    }

    async fn remove_grant(
        &self,
        scope: &TenantScope,
        id: &AccountId,
        grant: &RoleGrant,
    ) -> Result<bool, AppError> {
        let txn = self.begin_write(scope).await?;
        let result = scoped_delete::<role_grant::Entity>(scope)
            .filter(role_grant::Column::AccountId.eq(id.0.as_str()))
            .filter(role_grant::Column::Role.eq(grant.role.as_str()))
            .filter(role_grant::Column::UnitId.eq(grant.unit.to_string()))
            .exec(&txn)
            .await
            .classified()?;
        txn.commit().await.classified()?;
        Ok(result.rows_affected > 0)
    }
}

async fn insert_grant(
    txn: &crate::unit::Txn,
    scope: &TenantScope,
    id: &AccountId,
    grant: &RoleGrant,
    granted_by: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    match role_grant::Entity::insert(role_grant::ActiveModel {
        tenant_id: Set(scope.tenant().as_str().to_owned()),
        account_id: Set(id.0.clone()),
        role: Set(grant.role.as_str().to_owned()),
        unit_id: Set(grant.unit.to_string()),
        granted_by: Set(granted_by.to_owned()),
        granted_at: Set(at),
    })
    .on_conflict(
        OnConflict::columns([
            role_grant::Column::TenantId,
            role_grant::Column::AccountId,
            role_grant::Column::Role,
            role_grant::Column::UnitId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec(txn)
    .await
    {
        // Already granted: nothing to do.
        Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => Ok(()),
        Err(error) => Err(classify(error)),
    }
}
