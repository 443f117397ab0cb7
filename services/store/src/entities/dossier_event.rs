//! `dossier_events`: the hash-linked timeline of each dossier.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossier_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub dossier_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub action: String,
    pub actor: String,
    pub acting_for: Option<String>,
    pub at: DateTimeUtc,
    pub from_status: String,
    pub from_step: Option<String>,
    pub to_status: String,
    pub to_step: Option<String>,
    pub note: String,
    pub prev_hash: String,
    pub hash: String,
    pub details: String,
    pub sla: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
