//! From configured workflows to the core's state-machine definitions.

use ansinh_core::dossier::{StepDef, WorkflowDef};

use crate::model::Workflow;

/// The state-machine definition of a workflow; `None` when a step names no role (which
/// `check` reports as `STEP_WITHOUT_HANDLER`).
pub fn workflow_def(workflow: &Workflow) -> Option<WorkflowDef> {
    let steps = workflow
        .steps
        .iter()
        .map(|step| {
            Some(StepDef {
                code: step.code.clone(),
                name: step.name.clone(),
                role: step.role?,
                actions: step
                    .actions
                    .iter()
                    .map(|action| (action.action, action.to.clone()))
                    .collect(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(WorkflowDef {
        code: workflow.code.clone(),
        steps,
    })
}
