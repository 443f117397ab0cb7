//! Checks of workflows: structure, reachability, statutory totals and staffing.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use ansinh_core::dossier::FlowAction;
use ansinh_core::{Role, Validity};

use super::units::{UnitIndex, validity_of};
use super::{declared_twice, file, unknown_procedure};
use crate::model::{
    EnabledProcedure, NationalConfig, ProvinceConfig, UnitEntry, Workflow, WorkingDuration,
};
use crate::problem::Problems;

const FILE: &str = "workflows.yaml";

pub(super) fn check(
    folder: &str,
    province: &ProvinceConfig,
    national: &NationalConfig,
    units: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let file = file(folder, FILE);
    let mut codes = HashSet::new();
    for (i, workflow) in province.workflows.workflows.iter().enumerate() {
        if !codes.insert(workflow.code.as_str()) {
            let at = (file.as_str(), format!("workflows[{i}].code"));
            declared_twice(
                problems,
                "DUPLICATE_WORKFLOW",
                at,
                ("mã quy trình", "workflow code"),
                &workflow.code,
            );
        }
        check_structure(&file, i, workflow, problems);
        check_statutory_total(&file, i, workflow, national, problems);
    }
    for procedure in &province.procedures.procedures {
        for code in &procedure.workflows {
            let found = province
                .workflows
                .workflows
                .iter()
                .enumerate()
                .find(|(_, w)| &w.code == code);
            if let Some((i, workflow)) = found {
                check_staffing(&file, i, workflow, procedure, province, units, problems);
            }
        }
    }
}

fn check_structure(file: &str, i: usize, workflow: &Workflow, problems: &mut Problems) {
    let name = &workflow.code;
    if workflow.steps.is_empty() {
        problems.error(
            "EMPTY_WORKFLOW",
            file,
            format!("workflows[{i}].steps"),
            format!("quy trình {name} chưa có bước nào"),
            format!("workflow {name} has no steps"),
        );
        return;
    }
    let index = check_steps(file, i, workflow, problems);
    let (edges, finishes) = check_targets(file, i, workflow, &index, problems);
    check_paths(file, i, workflow, &edges, &finishes, problems);
}

/// Each step once, with a handler position and a warning before its due instant; the steps by
/// code.
fn check_steps<'w>(
    file: &str,
    i: usize,
    workflow: &'w Workflow,
    problems: &mut Problems,
) -> HashMap<&'w str, usize> {
    let name = &workflow.code;
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (k, step) in workflow.steps.iter().enumerate() {
        if index.insert(step.code.as_str(), k).is_some() {
            problems.error(
                "DUPLICATE_STEP",
                file,
                format!("workflows[{i}].steps[{k}].code"),
                format!("quy trình {name}: mã bước {} bị trùng", step.code),
                format!("workflow {name}: step code {} is used twice", step.code),
            );
        }
        if step.role.is_none() {
            problems.error(
                "STEP_WITHOUT_HANDLER",
                file,
                format!("workflows[{i}].steps[{k}].role"),
                format!(
                    "quy trình {name}: bước «{}» chưa chỉ định vị trí cán bộ thụ lý (role)",
                    step.name
                ),
                format!(
                    "workflow {name}: step {} names no handler position (role)",
                    step.code
                ),
            );
        }
        if let Some(warn) = step.warn_before
            && warn.hours >= step.budget.hours
        {
            problems.warning(
                "WARNING_NOT_BEFORE_DUE",
                file,
                format!("workflows[{i}].steps[{k}].warn_before"),
                format!(
                    "quy trình {name}: bước «{}» cảnh báo trước {warn} nhưng thời hạn chỉ {}",
                    step.name, step.budget
                ),
                format!(
                    "workflow {name}: step {} warns {warn} ahead but its budget is {}",
                    step.code, step.budget
                ),
            );
        }
    }
    index
}

/// Each action's target step exists where one is needed: the graph of moves between steps,
/// and which steps return the result.
fn check_targets(
    file: &str,
    i: usize,
    workflow: &Workflow,
    index: &HashMap<&str, usize>,
    problems: &mut Problems,
) -> (Vec<Vec<usize>>, Vec<bool>) {
    let name = &workflow.code;
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); workflow.steps.len()];
    let mut finishes = vec![false; workflow.steps.len()];
    for (k, step) in workflow.steps.iter().enumerate() {
        for (a, action) in step.actions.iter().enumerate() {
            let path = format!("workflows[{i}].steps[{k}].actions[{a}].to");
            finishes[k] |= action.action == FlowAction::ReturnResult;
            match (&action.to, action.action.needs_target()) {
                (None, true) => problems.error(
                    "MISSING_STEP_TARGET",
                    file,
                    path,
                    format!(
                        "quy trình {name}: thao tác {:?} ở bước {} cần bước đích (`to`)",
                        action.action, step.code
                    ),
                    format!(
                        "workflow {name}: action {:?} at step {} needs a target step (`to`)",
                        action.action, step.code
                    ),
                ),
                (Some(target), _) => match index.get(target.as_str()) {
                    Some(&t) => edges[k].push(t),
                    None => problems.error(
                        "UNKNOWN_STEP_TARGET",
                        file,
                        path,
                        format!("quy trình {name}: bước đích {target} không tồn tại"),
                        format!("workflow {name}: target step {target} does not exist"),
                    ),
                },
                (None, false) => {}
            }
        }
    }
    (edges, finishes)
}

/// Every step is reached from the first, and can lead to returning the result.
fn check_paths(
    file: &str,
    i: usize,
    workflow: &Workflow,
    edges: &[Vec<usize>],
    finishes: &[bool],
    problems: &mut Problems,
) {
    let name = &workflow.code;
    let reachable = reach(edges, 0);
    for (k, step) in workflow.steps.iter().enumerate() {
        if !reachable.contains(&k) {
            problems.error(
                "UNREACHABLE_STEP",
                file,
                format!("workflows[{i}].steps[{k}]"),
                format!(
                    "quy trình {name}: không thao tác nào dẫn tới bước «{}»",
                    step.name
                ),
                format!("workflow {name}: no action leads to step {}", step.code),
            );
        } else if !reach(edges, k).iter().any(|&s| finishes[s]) {
            problems.error(
                "NO_PATH_TO_RESULT",
                file,
                format!("workflows[{i}].steps[{k}]"),
                format!(
                    "quy trình {name}: từ bước «{}» không thể đi tới bước trả kết quả (return_result)",
                    step.name
                ),
                format!("workflow {name}: step {} cannot lead to a return_result action", step.code),
            );
        }
    }
}

/// Steps reachable from `start` (including it).
fn reach(edges: &[Vec<usize>], start: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(step) = queue.pop_front() {
        for &next in &edges[step] {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen
}

fn check_statutory_total(
    file: &str,
    i: usize,
    workflow: &Workflow,
    national: &NationalConfig,
    problems: &mut Problems,
) {
    let Some(procedure) = national
        .catalogue
        .procedures
        .iter()
        .find(|p| p.code == workflow.procedure)
    else {
        let path = format!("workflows[{i}].procedure");
        unknown_procedure(problems, file, path, &workflow.procedure);
        return;
    };
    let era = Validity {
        from: workflow.valid_from,
        to: workflow.valid_to,
    };
    let statutory = procedure.statutory_totals.iter().find(|total| {
        let span = Validity {
            from: total.valid_from,
            to: total.valid_to,
        };
        match era.from {
            Some(day) => span.contains(day),
            None => span.overlaps(&era),
        }
    });
    let hours: u32 = workflow.steps.iter().map(|s| s.budget.hours).sum();
    // Shown in days when it is a whole number of them, as the statutory totals are.
    let sum = WorkingDuration {
        hours,
        whole_days: hours.is_multiple_of(WorkingDuration::HOURS_PER_DAY),
    };
    if let Some(statutory) = statutory
        && statutory.total.hours != sum.hours
    {
        problems.warning(
            "BUDGET_SUM_MISMATCH",
            file,
            format!("workflows[{i}].steps"),
            format!(
                "quy trình {}: tổng thời hạn các bước là {sum}, khác thời hạn luật định {} ({})",
                workflow.code, statutory.total, statutory.legal_basis
            ),
            format!(
                "workflow {}: step budgets add up to {sum}, not the statutory {} ({})",
                workflow.code, statutory.total, statutory.legal_basis
            ),
        );
    }
}

/// Every step must have a handler at every unit where the procedure is received, for the
/// workflow's whole era: the error names the unit and the position, as officers ask.
fn check_staffing(
    file: &str,
    i: usize,
    workflow: &Workflow,
    procedure: &EnabledProcedure,
    province: &ProvinceConfig,
    units: &UnitIndex<'_>,
    problems: &mut Problems,
) {
    let era = Validity {
        from: workflow.valid_from,
        to: workflow.valid_to,
    };
    let mut receiving: Vec<&UnitEntry> = procedure
        .enabled_at
        .level
        .map(|level| units.at_level(level, era))
        .unwrap_or_default();
    receiving.extend(
        procedure
            .enabled_at
            .units
            .iter()
            .filter_map(|code| units.resolve(code, era)),
    );
    let mut reported = HashSet::new();
    for (k, step) in workflow.steps.iter().enumerate() {
        let Some(role) = step.role else { continue };
        for unit in &receiving {
            let Some(handler_unit) = units.ancestor_at(unit, step.level) else {
                if reported.insert((unit.code.clone(), k, None)) {
                    problems.error(
                        "STEP_LEVEL_MISSING",
                        file,
                        format!("workflows[{i}].steps[{k}].level"),
                        format!(
                            "quy trình {}: bước «{}» ở {} nhưng {} ({}) không thuộc đơn vị nào ở cấp đó",
                            workflow.code, step.name, step.level.label_vi(), unit.full_name, unit.code
                        ),
                        format!(
                            "workflow {}: step {} is at {} level but {} ({}) has no unit at that level",
                            workflow.code, step.code, step.level.as_str(), unit.full_name, unit.code
                        ),
                    );
                }
                continue;
            };
            let key = (handler_unit.code.clone(), k, Some(role));
            if !reported.contains(&key) && !is_staffed(province, handler_unit, role, era) {
                reported.insert(key);
                problems.error(
                    "UNSTAFFED_STEP",
                    file,
                    format!("workflows[{i}].steps[{k}].role"),
                    format!(
                        "quy trình {}: bước «{}» chưa có cán bộ thụ lý vị trí {} tại {} (mã {}); hãy thêm phân công trong assignments.yaml",
                        workflow.code,
                        step.name,
                        role.title_vi(),
                        handler_unit.full_name,
                        handler_unit.code
                    ),
                    format!(
                        "workflow {}: step {} has no handler for position {} at {} (code {}); add an assignment in assignments.yaml",
                        workflow.code,
                        step.code,
                        role.as_str(),
                        handler_unit.full_name,
                        handler_unit.code
                    ),
                );
            }
        }
    }
}

fn is_staffed(province: &ProvinceConfig, unit: &UnitEntry, role: Role, era: Validity) -> bool {
    let unit_era = validity_of(unit);
    province.assignments.assignments.iter().any(|assignment| {
        let span = Validity {
            from: assignment.valid_from,
            to: assignment.valid_to,
        };
        assignment.unit == unit.code
            && assignment.role == role
            && !assignment.officers.is_empty()
            && span.overlaps(&era)
            && span.overlaps(&unit_era)
    })
}
