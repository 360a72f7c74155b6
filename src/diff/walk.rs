//! The walk over two whole models: pair every item by id, compare the pairs, collect entries.

use std::collections::BTreeMap;

use super::merge::{Pair, merge};
use super::recorder::At;
use super::{Anchor, Change, Diff, Entry, Options, Status, Subject, props};
use crate::model::{Architecture, Component, Connection, Group, HasId, Id, IdMap, Note, Placement};

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
    walk.dangling_layout(old, new, options);
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

    fn components(&mut self, old: &Architecture, new: &Architecture, options: &Options) {
        let describe = |c: &Component| (c.name.clone(), c.kind().keyword().to_owned());
        merge(
            old.components.ids().zip(old.components.iter()),
            new.components.ids().zip(new.components.iter()),
            |id, pair| match pair {
                Pair::Old(a) => {
                    let (name, detail) = describe(a);
                    let subject = Subject::Component(id.clone());
                    self.push(subject, Status::Removed, name, detail, None, Vec::new());
                }
                Pair::New(b) => {
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
                    self.placement(
                        old.layout.get(id),
                        new.layout.get(id),
                        options,
                        &mut changes,
                    );
                    let (name, detail) = describe(b);
                    self.push(
                        Subject::Component(id.clone()),
                        status,
                        name,
                        detail,
                        None,
                        changes,
                    );
                }
            },
        );
    }

    /// Positions of ids that are no component in either model (a hand-edited file can have
    /// them): still part of the file's layout, so still compared.
    fn dangling_layout(&mut self, old: &Architecture, new: &Architecture, options: &Options) {
        let stray = |id: &Id| {
            !old.components.contains(id.as_str()) && !new.components.contains(id.as_str())
        };
        let old_layout = old.layout.iter().filter(|(id, _)| stray(id));
        let new_layout = new.layout.iter().filter(|(id, _)| stray(id));
        merge(old_layout, new_layout, |id, pair| {
            let (a, b) = match pair {
                Pair::Old(a) => (Some(a), None),
                Pair::New(b) => (None, Some(b)),
                Pair::Both(a, b) => (Some(a), Some(b)),
            };
            let mut changes = Vec::new();
            self.placement(a, b, options, &mut changes);
            let detail = "not a component".to_owned();
            self.push(
                Subject::Component(id.clone()),
                Status::Moved,
                String::new(),
                detail,
                None,
                changes,
            );
        });
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
                let mut changes = Vec::new();
                if a != b {
                    compare(&mut At::root(&mut changes), a, b);
                }
                (Status::Changed, b, changes)
            }
        };
        let (name, detail) = describe(item);
        let anchor = anchor(item);
        self.push(subject, status, name, detail, anchor, changes);
    }
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
