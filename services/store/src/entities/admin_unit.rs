//! `admin_units`: unit eras with their materialised path (`/04@/040@/01273@/`) for subtree
//! queries in SQL.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "admin_units")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub code: String,
    pub level: String,
    pub kind: Option<String>,
    pub name: String,
    pub full_name: String,
    pub name_folded: String,
    pub parent_id: Option<String>,
    pub path: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
