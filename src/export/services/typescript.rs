//! Placeholder until the typescript generator lands.

use super::super::plan::{Plan, PlanError};
use super::super::project::Project;
use crate::model::Architecture;

/// Adds the typescript project of `p`.
pub fn generate(_arch: &Architecture, p: &Project, plan: &mut Plan) -> Result<(), PlanError> {
    plan.warn(format!(
        "{}: typescript projects are not generated yet",
        p.id
    ));
    Ok(())
}
