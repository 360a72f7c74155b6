//! Placeholder until the go generator lands.

use super::super::plan::{Plan, PlanError};
use super::super::project::Project;
use crate::model::Architecture;

/// Adds the go project of `p`.
pub fn generate(_arch: &Architecture, p: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    plan.warn(format!("{}: go projects are not generated yet", p.id));
    Ok(())
}
