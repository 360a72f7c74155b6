//! The plan: every file an export would write, in memory.
//!
//! Building the plan is a pure function of the model (no I/O), so the editor's Code panel can
//! show the files of one component as the model changes, tests can look at any file without
//! touching a disk, and the writer is the only place that knows about folders.

use std::collections::BTreeMap;

use super::rel_path::{PathError, RelPath};
use crate::model::Id;

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Where it goes, relative to the export folder.
    pub path: RelPath,
    /// Its text.
    pub contents: String,
    /// The component it was generated for, if one (the Code panel filters on it).
    pub component: Option<Id>,
}

/// Why a plan could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// A generated path is unsafe.
    #[error("unsafe generated path: {0}")]
    Path(#[from] PathError),
    /// Two files would land on the same path (or on paths that differ only in case).
    #[error(
        "`{first}` and `{second}` would be the same file on a case-insensitive file system; \
         rename one of the components they come from"
    )]
    Collision {
        /// The path planned first.
        first: String,
        /// The path that collides with it.
        second: String,
    },
    /// A template failed to render (a bug in ArchCanvas).
    #[error("internal error while generating `{path}`: {message}")]
    Template {
        /// The file being generated.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// Every file of an export, sorted by path, plus what the generators had to leave out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    files: BTreeMap<RelPath, GeneratedFile>,
    folded: BTreeMap<String, RelPath>,
    /// Things left out, in words for people (an endpoint whose path cannot be routed, a
    /// foreign key to an entity in another database…).
    pub warnings: Vec<String>,
}

impl Plan {
    /// An empty plan.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; refuses unsafe paths and paths that collide with one already planned,
    /// even if only in case.
    pub fn add(
        &mut self,
        path: &str,
        contents: impl Into<String>,
        component: Option<&Id>,
    ) -> Result<(), PlanError> {
        let path = RelPath::new(path)?;
        let folded = path.folded();
        if let Some(first) = self.folded.get(&folded) {
            return Err(PlanError::Collision {
                first: first.to_string(),
                second: path.to_string(),
            });
        }
        // A file may not also be a folder of another file (`a` and `a/b`).
        let as_folder = format!("{folded}/");
        let prefix_clash = self
            .folded
            .range(as_folder.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&as_folder))
            .map(|(_, p)| p.clone())
            .or_else(|| {
                let mut acc = String::new();
                for name in folded.split('/') {
                    if !acc.is_empty() {
                        if let Some(p) = self.folded.get(&acc) {
                            return Some(p.clone());
                        }
                        acc.push('/');
                    }
                    acc.push_str(name);
                }
                None
            });
        if let Some(first) = prefix_clash {
            return Err(PlanError::Collision {
                first: first.to_string(),
                second: path.to_string(),
            });
        }
        self.folded.insert(folded, path.clone());
        self.files.insert(
            path.clone(),
            GeneratedFile {
                path,
                contents: contents.into(),
                component: component.cloned(),
            },
        );
        Ok(())
    }

    /// Adds a warning.
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    /// Every file, sorted by path.
    pub fn files(&self) -> impl ExactSizeIterator<Item = &GeneratedFile> {
        self.files.values()
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&GeneratedFile> {
        RelPath::new(path).ok().and_then(|p| self.files.get(&p))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether nothing is planned.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files generated for `component` (its project, its contract, its SQL…).
    pub fn files_of<'a>(&'a self, component: &'a str) -> impl Iterator<Item = &'a GeneratedFile> {
        self.files.values().filter(move |f| {
            f.component
                .as_ref()
                .is_some_and(|c| c.as_str() == component)
        })
    }

    /// Moves every file and warning of `other` into this plan.
    pub fn merge(&mut self, other: Plan) -> Result<(), PlanError> {
        for (_, file) in other.files {
            self.add(file.path.as_str(), file.contents, file.component.as_ref())?;
        }
        self.warnings.extend(other.warnings);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;

    #[test]
    fn refuses_collisions_even_in_case() {
        let mut plan = Plan::new();
        plan.add("api/orders.yaml", "a", None).unwrap();
        assert!(matches!(
            plan.add("api/orders.yaml", "b", None),
            Err(PlanError::Collision { .. })
        ));
        assert!(matches!(
            plan.add("API/Orders.yaml", "b", None),
            Err(PlanError::Collision { .. })
        ));
        assert!(matches!(
            plan.add("api/orders.yaml/x", "b", None),
            Err(PlanError::Collision { .. })
        ));
        assert!(matches!(
            plan.add("api", "b", None),
            Err(PlanError::Collision { .. })
        ));
        assert!(matches!(
            plan.add("../x", "b", None),
            Err(PlanError::Path(_))
        ));
        assert_eq!(plan.len(), 1);
        assert_eq!(plan.get("api/orders.yaml").unwrap().contents, "a");
    }

    #[test]
    fn files_of_a_component() {
        let mut plan = Plan::new();
        let orders = id!("orders");
        plan.add("services/orders/a", "", Some(&orders)).unwrap();
        plan.add("README.md", "", None).unwrap();
        let paths: Vec<_> = plan.files_of("orders").map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["services/orders/a"]);
    }
}
