//! Placeholder until the python generator lands.

use super::super::plan::{Plan, PlanError};
use super::super::project::Project;
use crate::model::Architecture;

/// Adds the python project of `p`.
pub fn generate(_arch: &Architecture, p: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    plan.warn(format!("{}: python projects are not generated yet", p.id));
    Ok(())
}
