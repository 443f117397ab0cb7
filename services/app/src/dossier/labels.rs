//! What officers read instead of codes: procedure names from the national catalogue and step
//! names from the workflow each dossier is pinned to.

use std::collections::BTreeMap;

use super::Dossiers;
use super::ports::DossierRecord;
use crate::AppError;
use crate::model::TenantScope;

/// Names of procedures and steps for a set of dossiers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    /// Procedure names by catalogue code.
    pub procedures: BTreeMap<String, String>,
    /// Step names by (configuration version, workflow code, step code).
    pub steps: BTreeMap<(i32, String, String), String>,
}

impl Labels {
    /// The name of a dossier's current step.
    pub fn step_of(&self, record: &DossierRecord) -> Option<&String> {
        let step = record.state.step.clone()?;
        self.steps
            .get(&(record.config_version, record.workflow.clone(), step))
    }
}

impl Dossiers {
    /// Procedure and step names for `records` (configurations already parsed are reused).
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
                    .procedures
                    .insert(procedure.code.clone(), procedure.name.clone());
            }
            let known = labels
                .steps
                .keys()
                .any(|(v, w, _)| *v == record.config_version && *w == record.workflow);
            if !known {
                let (_, workflow, _) = self.pinned_workflow(scope, record).await?;
                for step in &workflow.steps {
                    labels.steps.insert(
                        (
                            record.config_version,
                            record.workflow.clone(),
                            step.code.clone(),
                        ),
                        step.name.clone(),
                    );
                }
            }
        }
        Ok(labels)
    }
}
