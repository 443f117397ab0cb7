//! `dossiers`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dossiers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub code: String,
    pub procedure_code: String,
    pub workflow_code: String,
    pub config_version: i32,
    pub unit_id: String,
    pub agency: String,
    pub status: String,
    pub step: Option<String>,
    pub holder: Option<String>,
    pub created_by: String,
    pub forwarded_by: Option<String>,
    pub version: i32,
    pub applicant_name: String,
    pub applicant_name_folded: String,
    pub applicant_id_number: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub received_by: Option<String>,
    pub received_at: Option<DateTimeUtc>,
    pub step_started_at: Option<DateTimeUtc>,
    pub step_warn_at: Option<DateTimeUtc>,
    pub step_due_at: Option<DateTimeUtc>,
    pub due_at: Option<DateTimeUtc>,
    pub supplement_remind_at: Option<DateTimeUtc>,
    pub supplement_lapse_at: Option<DateTimeUtc>,
    pub decision_number: Option<String>,
    pub source_dossier_id: Option<String>,
    pub fields: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
