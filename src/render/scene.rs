//! What one diagram shows: the part of the model a view selects, as a tree of groups.
//!
//! Every format renders a [`Scene`], so all of them honour `--view` the same way and agree
//! on what is shown: the components the view shows, the connections between two shown
//! components, and the groups that hold a shown component (directly or through a nested
//! group). Text formats can nest a box in one container only, so each component has one
//! *home*: the first group, by id, that lists it. References that dangle (a connection to a
//! missing component, a missing parent group, a parent cycle) are left out rather than
//! refused; the checks report them.

use std::collections::{BTreeMap, BTreeSet};

use super::RenderError;
use crate::model::{Architecture, Component, Connection, Group, Id, View};

/// A step of [`Scene::walk`]: the tree of groups and components in drawing order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Visit<'a> {
    /// A group opens; what follows until its `Leave` is inside it.
    Enter(&'a Group),
    /// A component, inside the groups entered and not yet left.
    Component(&'a Component),
    /// A group closes.
    Leave(&'a Group),
}

/// The shown part of a model.
#[derive(Clone, Debug)]
pub struct Scene<'a> {
    /// The whole model.
    pub arch: &'a Architecture,
    /// The view rendered, if one was asked for.
    pub view: Option<&'a View>,
    components: Vec<&'a Component>,
    connections: Vec<&'a Connection>,
    groups: Vec<&'a Group>,
    shown: BTreeSet<&'a Id>,
    parent: BTreeMap<&'a Id, &'a Group>,
    home: BTreeMap<&'a Id, &'a Group>,
}

impl<'a> Scene<'a> {
    /// The scene of view `view` (by id), or of the whole model.
    pub fn new(arch: &'a Architecture, view: Option<&str>) -> Result<Self, RenderError> {
        let view = match view {
            None => None,
            Some(name) => Some(
                arch.views
                    .iter()
                    .find(|v| v.id.as_str() == name)
                    .ok_or_else(|| RenderError::UnknownView {
                        name: name.to_owned(),
                        available: arch.views.iter().map(|v| v.id.to_string()).collect(),
                    })?,
            ),
        };
        Ok(Self::of_view(arch, view))
    }

    /// The scene of `view`, or of the whole model.
    pub fn of_view(arch: &'a Architecture, view: Option<&'a View>) -> Self {
        let components: Vec<&Component> = arch
            .components
            .iter()
            .filter(|c| view.is_none_or(|v| v.shows(arch, c)))
            .collect();
        let shown: BTreeSet<&Id> = components.iter().map(|c| &c.id).collect();
        let connections = arch
            .connections
            .iter()
            .filter(|c| shown.contains(&c.from) && shown.contains(&c.to))
            .collect();

        let parent_of_all: BTreeMap<&Id, &Group> = arch
            .groups
            .iter()
            .filter_map(|g| {
                let p = arch.groups.get(g.parent.as_ref()?.as_str())?;
                (!in_cycle(arch, g)).then_some((&g.id, p))
            })
            .collect();
        // A group is shown when it or a group nested in it lists a shown component.
        let mut visible: BTreeSet<&Id> = BTreeSet::new();
        for g in arch.groups.iter() {
            if g.members.iter().any(|m| shown.contains(m)) {
                let mut at = Some(g);
                while let Some(group) = at {
                    if !visible.insert(&group.id) {
                        break;
                    }
                    at = parent_of_all.get(&group.id).copied();
                }
            }
        }
        let groups: Vec<&Group> = arch
            .groups
            .iter()
            .filter(|g| visible.contains(&g.id))
            .collect();
        let parent = parent_of_all
            .into_iter()
            .filter(|(g, _)| visible.contains(g))
            .collect();
        let mut home = BTreeMap::new();
        for g in &groups {
            for m in &g.members {
                if shown.contains(m) {
                    home.entry(m).or_insert(*g);
                }
            }
        }
        Self {
            arch,
            view,
            components,
            connections,
            groups,
            shown,
            parent,
            home,
        }
    }

    /// The shown components, by id.
    pub fn components(&self) -> &[&'a Component] {
        &self.components
    }

    /// The shown connections (both ends shown), by id.
    pub fn connections(&self) -> &[&'a Connection] {
        &self.connections
    }

    /// The shown groups, by id.
    pub fn groups(&self) -> &[&'a Group] {
        &self.groups
    }

    /// The shown group `group` is nested in.
    pub fn parent(&self, group: &Group) -> Option<&'a Group> {
        self.parent.get(&group.id).copied()
    }

    /// How many shown groups enclose `group`.
    pub fn depth(&self, group: &Group) -> usize {
        let mut depth = 0;
        let mut at = self.parent(group);
        while let Some(g) = at {
            depth += 1;
            at = self.parent(g);
        }
        depth
    }

    /// The group a component is drawn in by formats that nest it in one container.
    pub fn home(&self, component: &Id) -> Option<&'a Group> {
        self.home.get(component).copied()
    }

    /// Whether component `id` is shown.
    pub fn shows(&self, id: &Id) -> bool {
        self.shown.contains(id)
    }

    /// The shown components `group` lists itself, by id.
    pub fn direct_members(&self, group: &'a Group) -> impl Iterator<Item = &'a Component> + '_ {
        let arch = self.arch;
        group
            .members
            .iter()
            .filter(|m| self.shown.contains(m))
            .filter_map(move |m| arch.components.get(m.as_str()))
    }

    /// The chain of groups around `component`'s home, outermost first.
    pub fn enclosing(&self, component: &Id) -> Vec<&'a Group> {
        let mut chain = Vec::new();
        let mut at = self.home(component);
        while let Some(g) = at {
            chain.push(g);
            at = self.parent(g);
        }
        chain.reverse();
        chain
    }

    /// The groups and components as a tree: each root group (by id) with its nested groups
    /// and then its home members, then the components that have no group.
    pub fn walk(&self) -> Vec<Visit<'a>> {
        let mut children: BTreeMap<&Id, Vec<&'a Group>> = BTreeMap::new();
        let mut roots = Vec::new();
        for g in &self.groups {
            match self.parent(g) {
                Some(p) => children.entry(&p.id).or_default().push(g),
                None => roots.push(*g),
            }
        }
        let mut homed: BTreeMap<&Id, Vec<&'a Component>> = BTreeMap::new();
        let mut homeless = Vec::new();
        for c in &self.components {
            match self.home(&c.id) {
                Some(g) => homed.entry(&g.id).or_default().push(c),
                None => homeless.push(*c),
            }
        }
        let mut out = Vec::with_capacity(self.components.len() + 2 * self.groups.len());
        // Depth-first with an explicit stack; a group is left after its children.
        let mut stack: Vec<(&'a Group, bool)> =
            roots.into_iter().rev().map(|g| (g, false)).collect();
        while let Some((g, done)) = stack.pop() {
            if done {
                out.extend(
                    homed
                        .get(&g.id)
                        .into_iter()
                        .flatten()
                        .map(|c| Visit::Component(c)),
                );
                out.push(Visit::Leave(g));
                continue;
            }
            out.push(Visit::Enter(g));
            stack.push((g, true));
            for child in children.get(&g.id).into_iter().flatten().rev() {
                stack.push((child, false));
            }
        }
        out.extend(homeless.into_iter().map(Visit::Component));
        out
    }

    /// A key for `group` that no component shares: its id, or `ID_group` when a component
    /// has the same id (ids never hold `_`, so the suffix cannot clash).
    pub fn group_key(&self, group: &Group) -> String {
        if self.arch.components.contains(group.id.as_str()) {
            format!("{}_group", group.id)
        } else {
            group.id.to_string()
        }
    }

    /// The diagram's title: the model's name, and the view's name when one is rendered.
    pub fn title(&self) -> String {
        match self.view {
            Some(v) => format!("{} — {}", self.arch.name, v.name),
            None => self.arch.name.clone(),
        }
    }
}

/// Whether following `group`'s parents comes back to it (or loops elsewhere).
fn in_cycle(arch: &Architecture, group: &Group) -> bool {
    let mut seen = BTreeSet::new();
    let mut at = group;
    loop {
        if !seen.insert(&at.id) {
            return true;
        }
        let Some(next) = at.parent.as_ref().and_then(|p| arch.groups.get(p.as_str())) else {
            return false;
        };
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConnectionKind, GroupKind, Kind};

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn model() -> Architecture {
        let mut arch = Architecture::new("t");
        for (name, kind) in [
            ("a", Kind::Service),
            ("b", Kind::Database),
            ("c", Kind::Service),
        ] {
            arch.components.insert(Component::new(id(name), name, kind));
        }
        for (name, from, to) in [("ab", "a", "b"), ("ac", "a", "c"), ("ax", "a", "gone")] {
            arch.connections.insert(Connection::new(
                id(name),
                id(from),
                id(to),
                ConnectionKind::DependsOn,
            ));
        }
        let mut outer = Group::new(id("outer"), "Outer", GroupKind::DeploymentUnit);
        outer.members.insert(id("c"));
        let mut inner = Group::new(id("inner"), "Inner", GroupKind::BoundedContext);
        inner.parent = Some(id("outer"));
        inner.members = [id("a"), id("b")].into();
        let mut also = Group::new(id("also"), "Also", GroupKind::BoundedContext);
        also.members.insert(id("b"));
        let mut empty = Group::new(id("empty"), "Empty", GroupKind::BoundedContext);
        empty.members.insert(id("gone"));
        for g in [outer, inner, also, empty] {
            arch.groups.insert(g);
        }
        arch
    }

    #[test]
    fn dangling_connections_and_empty_groups_are_left_out() {
        let arch = model();
        let scene = Scene::new(&arch, None).unwrap();
        assert_eq!(scene.components().len(), 3);
        let conns: Vec<_> = scene.connections().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(conns, ["ab", "ac"]);
        let groups: Vec<_> = scene.groups().iter().map(|g| g.id.as_str()).collect();
        assert_eq!(groups, ["also", "inner", "outer"]);
        // b is listed by "also" and "inner": the first by id is its home.
        assert_eq!(scene.home(&id("b")).unwrap().id.as_str(), "also");
        assert_eq!(scene.depth(arch.groups.get("inner").unwrap()), 1);
        let chain: Vec<_> = scene
            .enclosing(&id("a"))
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(chain, ["outer", "inner"]);
    }

    #[test]
    fn walk_nests_groups_and_lists_every_component_once() {
        let arch = model();
        let scene = Scene::new(&arch, None).unwrap();
        let trace: Vec<String> = scene
            .walk()
            .iter()
            .map(|v| match v {
                Visit::Enter(g) => format!("+{}", g.id),
                Visit::Component(c) => c.id.to_string(),
                Visit::Leave(g) => format!("-{}", g.id),
            })
            .collect();
        assert_eq!(
            trace,
            [
                "+also", "b", "-also", "+outer", "+inner", "a", "-inner", "c", "-outer"
            ]
        );
    }

    #[test]
    fn a_view_selects_components_and_their_groups() {
        let mut arch = model();
        let mut view = View {
            id: id("only-c"),
            name: "Only C".into(),
            description: String::new(),
            filter: Default::default(),
            viewport: None,
        };
        view.filter.include.insert(id("c"));
        arch.views.push(view);
        let scene = Scene::new(&arch, Some("only-c")).unwrap();
        let shown: Vec<_> = scene.components().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(shown, ["c"]);
        assert!(scene.connections().is_empty());
        let groups: Vec<_> = scene.groups().iter().map(|g| g.id.as_str()).collect();
        assert_eq!(groups, ["outer"]);
        assert_eq!(scene.title(), "t — Only C");

        let err = Scene::new(&arch, Some("nope")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the model has no view `nope`; it has: only-c"
        );
    }

    #[test]
    fn parent_cycles_do_not_hang() {
        let mut arch = model();
        let mut x = Group::new(id("x"), "X", GroupKind::BoundedContext);
        x.parent = Some(id("y"));
        x.members.insert(id("a"));
        let mut y = Group::new(id("y"), "Y", GroupKind::BoundedContext);
        y.parent = Some(id("x"));
        arch.groups.insert(x);
        arch.groups.insert(y);
        let scene = Scene::new(&arch, None).unwrap();
        let x = arch.groups.get("x").unwrap();
        assert!(scene.parent(x).is_none());
        assert!(!scene.walk().is_empty());
    }

    #[test]
    fn group_keys_never_clash_with_components() {
        let mut arch = model();
        arch.groups
            .insert(Group::new(id("a"), "A", GroupKind::BoundedContext));
        let scene = Scene::new(&arch, None).unwrap();
        assert_eq!(scene.group_key(arch.groups.get("a").unwrap()), "a_group");
        assert_eq!(scene.group_key(arch.groups.get("outer").unwrap()), "outer");
    }
}
