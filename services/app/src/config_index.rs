//! A published province configuration indexed for the use cases, built once per version (a
//! published version never changes): workflows by code with their state-machine definitions,
//! and document symbols by procedure.

use std::collections::HashMap;
use std::sync::Arc;

use ansinh_config::ProvinceConfig;
use ansinh_config::model::Workflow;
use ansinh_core::dossier::WorkflowDef;

use crate::AppError;

/// A workflow with the state machine's view of it.
#[derive(Debug, Clone)]
pub struct IndexedWorkflow {
    /// The workflow as configured.
    pub workflow: Workflow,
    /// What the state machine needs of it.
    pub def: WorkflowDef,
}

/// One published configuration, indexed.
#[derive(Debug)]
pub struct ConfigIndex {
    /// The configuration.
    pub config: Arc<ProvinceConfig>,
    workflows: HashMap<String, Arc<IndexedWorkflow>>,
    symbols: HashMap<String, String>,
}

impl ConfigIndex {
    /// Indexes a configuration (a workflow step without a role is an internal error: publishing
    /// refuses such a configuration).
    pub fn build(config: Arc<ProvinceConfig>) -> Result<Self, AppError> {
        let mut workflows = HashMap::new();
        for workflow in &config.workflows.workflows {
            let def = ansinh_config::workflow::workflow_def(workflow).ok_or_else(|| {
                AppError::Internal(format!(
                    "workflow {} has a step without role",
                    workflow.code
                ))
            })?;
            let indexed = IndexedWorkflow {
                workflow: workflow.clone(),
                def,
            };
            workflows.insert(workflow.code.clone(), Arc::new(indexed));
        }
        let symbols = config
            .templates
            .templates
            .iter()
            .filter(|t| t.kind == ansinh_config::model::TemplateKind::Decision)
            .filter_map(|t| Some((t.procedure.clone()?, t.document_symbol.clone()?)))
            .collect();
        Ok(Self {
            config,
            workflows,
            symbols,
        })
    }

    /// A workflow by code.
    pub fn workflow(&self, code: &str) -> Option<Arc<IndexedWorkflow>> {
        self.workflows.get(code).cloned()
    }

    /// The document symbol of a procedure's decisions (e.g. `QĐ-UBND`), when configured.
    pub fn symbol(&self, procedure: &str) -> Option<&str> {
        self.symbols.get(procedure).map(String::as_str)
    }
}
