//! The walk over two whole models: pair every item by id, compare the pairs, collect entries.

use std::collections::BTreeMap;

use super::merge::{Pair, merge};
use super::recorder::At;
use super::{Anchor, Change, Diff, Entry, Options, Status, Subject, props};
use crate::model::{
    Architecture, Component, Connection, Group, HasId, Id, IdMap, Layout, Note, Placement,
};

/// Compares `old` with `new` and lists what differs, item by item (see [`Diff`]).
///
/// Items are paired by id (schemas by name), never by position, so a renamed component is a
/// change of its `name` and reordering a file changes nothing. Positions are compared only when
/// `options.layout` is set; otherwise components that only moved are counted in
/// [`Diff::hidden_moves`].
pub fn compare(old: &Architecture, new: &Architecture, options: &Options) -> Diff {
    // Destructured in full so that a part added to the model later must be compared here.
    let Architecture {
        name: _,
        description: _,
        components: _,
        connections,
        groups,
        schemas,
        views,
        flows,
        notes,
        rules: _,
        layout: _,
    } = old;
    let mut walk = Walk {
        entries: Vec::new(),
        hidden_moves: 0,
    };

    let mut changes = Vec::new();
    props::settings(&mut At::root(&mut changes), old, new);
    walk.push(
        Subject::Model,
        Status::Changed,
        new.name.clone(),
        String::new(),
        None,
        changes,
    );

    walk.components(old, new, options);
    walk.items(
        connections,
        &new.connections,
        Subject::Connection,
        props::connection,
        |c| (c.label.clone(), connection_detail(c)),
    );
    walk.items(
        groups,
        &new.groups,
        Subject::Group,
        props::group,
        |g: &Group| (g.name.clone(), g.kind.label().to_owned()),
    );
    walk.items(
        schemas,
        &new.schemas,
        Subject::Schema,
        props::schema,
        |_| (String::new(), String::new()),
    );
    walk.listed(views, &new.views, Subject::View, props::view, |v| {
        (v.name.clone(), String::new())
    });
    walk.listed(flows, &new.flows, Subject::Flow, props::flow, |f| {
        let steps = f.steps.len();
        let detail = if steps == 1 {
            "1 step".to_owned()
        } else {
            format!("{steps} steps")
        };
        (f.name.clone(), detail)
    });
    walk.notes(notes, &new.notes);

    let mut entries = walk.entries;
    entries.sort_by(|a, b| a.subject.cmp(&b.subject));
    Diff {
        entries,
        layout: options.layout,
        hidden_moves: walk.hidden_moves,
    }
}

struct Walk {
    entries: Vec<Entry>,
    hidden_moves: usize,
}

impl Walk {
    /// Adds an entry; a changed item without changes is no entry.
    fn push(
        &mut self,
        subject: Subject,
        status: Status,
        name: String,
        detail: String,
        anchor: Option<Anchor>,
        changes: Vec<Change>,
    ) {
        if matches!(status, Status::Changed | Status::Moved) && changes.is_empty() {
            return;
        }
        let anchor = anchor.or_else(|| subject.own_anchor());
        self.entries.push(Entry {
            subject,
            status,
            name,
            detail,
            anchor,
            changes,
        });
    }

    /// Components, with their positions. The two layouts are walked once, side by side, and
    /// only the positions that differ are looked at again: a per-component lookup in both
    /// layouts would cost more than the whole comparison of the components.
    fn components(&mut self, old: &Architecture, new: &Architecture, options: &Options) {
        let mut moves = layout_changes(&old.layout, &new.layout);
        let describe = |c: &Component| (c.name.clone(), c.kind().keyword().to_owned());
        merge(
            old.components.ids().zip(old.components.iter()),
            new.components.ids().zip(new.components.iter()),
            |id, pair| match pair {
                Pair::Old(a) => {
                    // The position goes with the component.
                    moves.remove(id);
                    let (name, detail) = describe(a);
                    let subject = Subject::Component(id.clone());
                    self.push(subject, Status::Removed, name, detail, None, Vec::new());
                }
                Pair::New(b) => {
                    moves.remove(id);
                    let (name, detail) = describe(b);
                    let subject = Subject::Component(id.clone());
                    self.push(subject, Status::Added, name, detail, None, Vec::new());
                }
                Pair::Both(a, b) => {
                    let mut changes = Vec::new();
                    if a != b {
                        props::component(&mut At::root(&mut changes), a, b);
                    }
                    let status = if changes.is_empty() {
                        Status::Moved
                    } else {
                        Status::Changed
                    };
                    if let Some((before, after)) = moves.remove(id) {
                        self.placement(before, after, options, &mut changes);
                    }
                    if changes.is_empty() {
                        return; // the common case: nothing to name
                    }
                    let (name, detail) = describe(b);
                    let subject = Subject::Component(id.clone());
                    self.push(subject, status, name, detail, None, changes);
                }
            },
        );
        // What is left are positions of ids that are no component in either model (a
        // hand-edited file can have them): still part of the file's layout, so still compared.
        for (id, (before, after)) in moves {
            let mut changes = Vec::new();
            self.placement(before, after, options, &mut changes);
            let detail = "not a component".to_owned();
            let subject = Subject::Component(id.clone());
            self.push(subject, Status::Moved, String::new(), detail, None, changes);
        }
    }

    /// Compares one position; records it when layout is compared, counts it otherwise.
    fn placement(
        &mut self,
        a: Option<&Placement>,
        b: Option<&Placement>,
        options: &Options,
        changes: &mut Vec<Change>,
    ) {
        if a == b {
            return;
        }
        if !options.layout {
            self.hidden_moves += 1;
            return;
        }
        let mut root = At::root(changes);
        let mut at = root.field(super::change::LAYOUT);
        match (a, b) {
            (Some(a), Some(b)) => at.value(a, b),
            (None, Some(b)) => at.added(b),
            (Some(a), None) => at.removed(a),
            (None, None) => {}
        }
    }

    /// Items kept in an [`IdMap`].
    fn items<T: HasId + PartialEq>(
        &mut self,
        old: &IdMap<T>,
        new: &IdMap<T>,
        subject: fn(Id) -> Subject,
        compare: fn(&mut At<'_>, &T, &T),
        describe: impl Fn(&T) -> (String, String),
    ) {
        merge(
            old.ids().zip(old.iter()),
            new.ids().zip(new.iter()),
            |id, pair| {
                self.pair(subject(id.clone()), pair, compare, &describe, |_| None);
            },
        );
    }

    /// Items kept in a list in the user's order (views, flows), paired by id.
    fn listed<T: HasId + PartialEq>(
        &mut self,
        old: &[T],
        new: &[T],
        subject: fn(Id) -> Subject,
        compare: fn(&mut At<'_>, &T, &T),
        describe: impl Fn(&T) -> (String, String),
    ) {
        // The loader refuses duplicate ids in these lists; should code build one, the first
        // item with an id is the one compared.
        let (old, new) = (by_id(old), by_id(new));
        merge(
            old.iter().map(|(k, v)| (*k, *v)),
            new.iter().map(|(k, v)| (*k, *v)),
            |id, pair| self.pair(subject(id.clone()), pair, compare, &describe, |_| None),
        );
    }

    fn notes(&mut self, old: &IdMap<Note>, new: &IdMap<Note>) {
        let describe = |n: &Note| {
            let (what, id) = match &n.target {
                crate::model::NoteTarget::Component(id) => ("component", id),
                crate::model::NoteTarget::Connection(id) => ("connection", id),
            };
            (n.text.clone(), format!("on {what} {id}"))
        };
        merge(
            old.ids().zip(old.iter()),
            new.ids().zip(new.iter()),
            |id, pair| {
                self.pair(
                    Subject::Note(id.clone()),
                    pair,
                    props::note,
                    &describe,
                    |n| Some(Anchor::from(&n.target)),
                );
            },
        );
    }

    /// One pair of items: added, removed, or compared. Names and anchors come from the new
    /// version when there is one.
    fn pair<T: PartialEq>(
        &mut self,
        subject: Subject,
        pair: Pair<'_, T>,
        compare: fn(&mut At<'_>, &T, &T),
        describe: &impl Fn(&T) -> (String, String),
        anchor: impl Fn(&T) -> Option<Anchor>,
    ) {
        let (status, item, changes) = match pair {
            Pair::Old(a) => (Status::Removed, a, Vec::new()),
            Pair::New(b) => (Status::Added, b, Vec::new()),
            Pair::Both(a, b) => {
                if a == b {
                    return; // the common case: nothing to name
                }
                let mut changes = Vec::new();
                compare(&mut At::root(&mut changes), a, b);
                (Status::Changed, b, changes)
            }
        };
        let (name, detail) = describe(item);
        let anchor = anchor(item);
        self.push(subject, status, name, detail, anchor, changes);
    }
}

/// The positions that differ between two layouts, by id: (old, new).
type Moves<'a> = BTreeMap<&'a Id, (Option<&'a Placement>, Option<&'a Placement>)>;

fn layout_changes<'a>(old: &'a Layout, new: &'a Layout) -> Moves<'a> {
    let mut moves = BTreeMap::new();
    merge(old.iter(), new.iter(), |id, pair| {
        let (a, b) = match pair {
            Pair::Old(a) => (Some(a), None),
            Pair::New(b) => (None, Some(b)),
            Pair::Both(a, b) if a != b => (Some(a), Some(b)),
            Pair::Both(..) => return,
        };
        moves.insert(id, (a, b));
    });
    moves
}

fn by_id<T: HasId>(list: &[T]) -> BTreeMap<&Id, &T> {
    let mut map: BTreeMap<&Id, &T> = BTreeMap::new();
    for item in list {
        map.entry(item.id()).or_insert(item);
    }
    map
}

/// `web calls gateway`, `orders publishes to events`.
fn connection_detail(c: &Connection) -> String {
    format!("{} {} {}", c.from, c.ty().label(), c.to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::{ConnectionKind, Flow, GroupKind, Kind, NoteTarget, Schema, View};

    fn base() -> Architecture {
        let mut a = Architecture::new("Shop");
        for (id, name, kind) in [
            ("web", "Web", Kind::Client),
            ("orders", "Orders", Kind::Service),
            ("db", "Orders DB", Kind::Database),
        ] {
            a.components.insert(Component::new(id!(id), name, kind));
            a.layout.insert(id!(id), Placement::at(0.0, 0.0));
        }
        a.connections.insert(Connection::new(
            id!("web-to-orders"),
            id!("web"),
            id!("orders"),
            ConnectionKind::DependsOn,
        ));
        a
    }

    fn statuses(diff: &Diff) -> Vec<(Subject, Status)> {
        diff.entries
            .iter()
            .map(|e| (e.subject.clone(), e.status))
            .collect()
    }

    #[test]
    fn equal_models_have_no_entries() {
        let a = base();
        let diff = compare(&a, &a.clone(), &Options { layout: true });
        assert!(diff.is_empty());
        assert_eq!(diff.hidden_moves, 0);
    }

    #[test]
    fn added_and_removed_items_are_whole_entries() {
        let a = base();
        let mut b = a.clone();
        b.components.remove("web");
        b.layout.remove("web");
        b.connections.remove("web-to-orders");
        b.components
            .insert(Component::new(id!("cache"), "Cache", Kind::Cache));
        b.layout.insert(id!("cache"), Placement::at(9.0, 9.0));
        let diff = compare(&a, &b, &Options { layout: true });
        assert_eq!(
            statuses(&diff),
            [
                (Subject::Component(id!("cache")), Status::Added),
                (Subject::Component(id!("web")), Status::Removed),
                (Subject::Connection(id!("web-to-orders")), Status::Removed),
            ]
        );
        // The position comes and goes with the component; it is no move.
        assert!(diff.entries.iter().all(|e| e.changes.is_empty()));
        let web = &diff.entries[1];
        assert_eq!((web.name.as_str(), web.detail.as_str()), ("Web", "client"));
        assert_eq!(web.anchor, Some(Anchor::Component(id!("web"))));
        assert_eq!(diff.entries[2].detail, "web depends on orders");
    }

    #[test]
    fn a_renamed_component_is_changed_not_replaced() {
        let a = base();
        let mut b = a.clone();
        if let Some(c) = b.components.get_mut("orders") {
            c.name = "Order service".into();
        }
        let diff = compare(&a, &b, &Options::default());
        assert_eq!(
            statuses(&diff),
            [(Subject::Component(id!("orders")), Status::Changed)]
        );
        assert_eq!(diff.entries[0].name, "Order service");
        assert_eq!(diff.entries[0].changes[0].path, "name");
    }

    #[test]
    fn moves_are_counted_unless_layout_is_compared() {
        let a = base();
        let mut b = a.clone();
        b.layout.insert(id!("web"), Placement::at(40.0, 0.0));
        if let Some(c) = b.components.get_mut("orders") {
            c.owner = "team".into();
        }
        b.layout.insert(id!("orders"), Placement::at(0.0, 40.0));

        let without = compare(&a, &b, &Options::default());
        assert_eq!(
            statuses(&without),
            [(Subject::Component(id!("orders")), Status::Changed)]
        );
        assert_eq!(without.entries[0].changes.len(), 1, "no layout line");
        assert_eq!(without.hidden_moves, 2);
        assert!(!without.layout);

        let with = compare(&a, &b, &Options { layout: true });
        assert_eq!(
            statuses(&with),
            [
                (Subject::Component(id!("orders")), Status::Changed),
                (Subject::Component(id!("web")), Status::Moved),
            ]
        );
        assert_eq!(with.hidden_moves, 0);
        let orders = &with.entries[0].changes;
        assert_eq!(orders.len(), 2);
        assert!(orders[1].is_layout());
        assert_eq!(orders[1].before.as_deref(), Some("(x: 0.0, y: 0.0)"));
        assert_eq!(orders[1].after.as_deref(), Some("(x: 0.0, y: 40.0)"));
    }

    #[test]
    fn only_moves_make_no_difference_without_layout() {
        let a = base();
        let mut b = a.clone();
        b.layout.remove("db");
        let diff = compare(&a, &b, &Options::default());
        assert!(diff.is_empty());
        assert_eq!(diff.hidden_moves, 1);
        let diff = compare(&a, &b, &Options { layout: true });
        assert_eq!(diff.entries[0].changes[0].op, Op::Removed);
    }

    #[test]
    fn positions_of_ids_that_are_no_component_are_still_compared() {
        let mut a = base();
        a.layout.insert(id!("ghost"), Placement::at(1.0, 1.0));
        let mut b = a.clone();
        b.layout.insert(id!("ghost"), Placement::at(2.0, 1.0));
        let diff = compare(&a, &b, &Options { layout: true });
        assert_eq!(
            statuses(&diff),
            [(Subject::Component(id!("ghost")), Status::Moved)]
        );
        assert_eq!(diff.entries[0].detail, "not a component");
    }

    #[test]
    fn groups_schemas_views_flows_and_notes_are_paired_by_id() {
        let a = base();
        let mut b = a.clone();
        b.name = "Shop 2".into();
        b.groups
            .insert(Group::new(id!("edge"), "Edge", GroupKind::DeploymentUnit));
        b.schemas.insert(Schema::new(id!("order-created")));
        b.views.push(View {
            id: id!("data"),
            name: "Data".into(),
            description: String::new(),
            filter: Default::default(),
            viewport: None,
        });
        b.flows.push(Flow {
            id: id!("checkout"),
            name: "Checkout".into(),
            description: String::new(),
            steps: Vec::new(),
        });
        b.notes.insert(Note {
            id: id!("n1"),
            target: NoteTarget::Connection(id!("web-to-orders")),
            author: "Sam".into(),
            text: "Why sync?".into(),
            resolved: false,
        });
        let diff = compare(&a, &b, &Options::default());
        assert_eq!(
            statuses(&diff),
            [
                (Subject::Model, Status::Changed),
                (Subject::Group(id!("edge")), Status::Added),
                (Subject::Schema(id!("order-created")), Status::Added),
                (Subject::View(id!("data")), Status::Added),
                (Subject::Flow(id!("checkout")), Status::Added),
                (Subject::Note(id!("n1")), Status::Added),
            ]
        );
        let note = &diff.entries[5];
        assert_eq!(note.anchor, Some(Anchor::Connection(id!("web-to-orders"))));
        assert_eq!(note.detail, "on connection web-to-orders");
        assert_eq!(diff.entries[4].detail, "0 steps");
        assert_eq!(diff.entries[3].anchor, None);
    }
}
