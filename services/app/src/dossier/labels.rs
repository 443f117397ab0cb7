//! What a page of dossiers refers to by code, resolved from configuration: each procedure's
//! catalogue entry and province entry, and the steps of the workflow each dossier is pinned to.

use std::collections::BTreeMap;

use ansinh_config::model::{CatalogueProcedure, EnabledProcedure, Step};

use super::Dossiers;
use super::ports::DossierRecord;
use crate::AppError;
use crate::model::TenantScope;

/// Procedures and steps a set of dossiers refers to.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// National catalogue entries by procedure code.
    pub catalogue: BTreeMap<String, CatalogueProcedure>,
    /// The province's entry for a procedure, by (configuration version, procedure code).
    pub enabled: BTreeMap<(i32, String), EnabledProcedure>,
    /// Steps by (configuration version, workflow code, step code).
    pub steps: BTreeMap<(i32, String, String), Step>,
}

impl Labels {
    /// A dossier's current step, as its pinned workflow defines it.
    pub fn step_of(&self, record: &DossierRecord) -> Option<&Step> {
        let step = record.state.step.clone()?;
        self.steps
            .get(&(record.config_version, record.workflow.clone(), step))
    }

    /// The province's entry for a dossier's procedure, in the version it is pinned to.
    pub fn enabled_of(&self, record: &DossierRecord) -> Option<&EnabledProcedure> {
        self.enabled
            .get(&(record.config_version, record.procedure.clone()))
    }
}

impl Dossiers {
    /// Procedures and steps `records` refer to (configurations already parsed are reused).
    pub async fn dossier_labels(
        &self,
        scope: &TenantScope,
        records: &[DossierRecord],
    ) -> Result<Labels, AppError> {
        let national = self.reference.national_config().await?;
        let mut labels = Labels::default();
        for record in records {
            if let Some(procedure) = national
                .catalogue
                .procedures
                .iter()
                .find(|p| p.code == record.procedure)
            {
                labels
                    .catalogue
                    .insert(procedure.code.clone(), procedure.clone());
            }
            let version = record.config_version;
            let known = labels
                .steps
                .keys()
                .any(|(v, w, _)| *v == version && *w == record.workflow);
            if known {
                continue;
            }
            let (index, workflow, _) = self.pinned_workflow(scope, record).await?;
            for step in &workflow.steps {
                let key = (version, record.workflow.clone(), step.code.clone());
                labels.steps.insert(key, step.clone());
            }
            if let Some(enabled) = index
                .config
                .procedures
                .procedures
                .iter()
                .find(|p| p.code == record.procedure)
            {
                let key = (version, record.procedure.clone());
                labels.enabled.insert(key, enabled.clone());
            }
        }
        Ok(labels)
    }
}
