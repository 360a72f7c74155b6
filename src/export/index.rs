//! Lookups every generator needs, built once per export.
//!
//! The model keeps connections in one list and entities inside their databases; the
//! generators ask "what does this component connect to" and "which schema has this name" for
//! every component, which on a model of thousands of components is quadratic when answered by
//! scanning. [`Index`] answers both from maps.

use std::collections::BTreeMap;

use crate::model::{Architecture, Connection, Schema};

/// The model with its connections indexed by end and its schemas by name.
pub struct Index<'a> {
    /// The model.
    pub arch: &'a Architecture,
    outgoing: BTreeMap<&'a str, Vec<&'a Connection>>,
    incoming: BTreeMap<&'a str, Vec<&'a Connection>>,
    schemas: BTreeMap<&'a str, &'a Schema>,
}

impl<'a> Index<'a> {
    /// Indexes `arch`.
    pub fn new(arch: &'a Architecture) -> Self {
        let mut outgoing: BTreeMap<&str, Vec<&Connection>> = BTreeMap::new();
        let mut incoming: BTreeMap<&str, Vec<&Connection>> = BTreeMap::new();
        for c in arch.connections.iter() {
            outgoing.entry(c.from.as_str()).or_default().push(c);
            incoming.entry(c.to.as_str()).or_default().push(c);
        }
        // Shared schemas first, then entities in component order: the first definition of a
        // name wins, as in `Architecture::schema`.
        let mut schemas: BTreeMap<&str, &Schema> = BTreeMap::new();
        for s in arch.schemas.iter() {
            schemas.entry(s.name.as_str()).or_insert(s);
        }
        for c in arch.components.iter() {
            for e in c.spec.entities() {
                schemas.entry(e.name.as_str()).or_insert(e);
            }
        }
        Self {
            arch,
            outgoing,
            incoming,
            schemas,
        }
    }

    /// The connections `component` starts, in id order.
    pub fn from(&self, component: &str) -> &[&'a Connection] {
        self.outgoing
            .get(component)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The connections that end at `component`, in id order.
    pub fn to(&self, component: &str) -> &[&'a Connection] {
        self.incoming
            .get(component)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The schema or entity called `name`.
    pub fn schema(&self, name: &str) -> Option<&'a Schema> {
        self.schemas.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_like_the_model() {
        let arch = crate::model::generate::generate(200, 300, 3);
        let index = Index::new(&arch);
        for c in arch.components.iter() {
            let scanned: Vec<_> = arch.connections.iter().filter(|k| k.from == c.id).collect();
            assert_eq!(index.from(c.id.as_str()), scanned.as_slice());
            for e in c.spec.entities() {
                assert_eq!(index.schema(e.name.as_str()), arch.schema(e.name.as_str()));
            }
        }
    }
}
