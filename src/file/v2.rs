//! Format 2, the current one: the whole model, with positions in their own section.
//!
//! [`write`] lists the top-level fields in the file's order; [`Document`] reads them the plain
//! way (one ron parse of the whole text) and [`read_parallel`] the fast way (the top-level
//! sections parsed on two threads). Both readers accept the same texts; the plain one is the
//! reference and gives the error messages.

use serde::{Deserialize, Deserializer};

use super::{fast, parallel, scan, writer};
use crate::model::{
    Architecture, Component, Connection, Flow, Group, HasId, Id, IdMap, Layout, Note, Placement,
    RuleSettings, Schema, View, deserialize_unique_vec, unique_map,
};

/// Below this many bytes of text (or items), one thread is faster than several.
const PARALLEL_FROM_BYTES: usize = 256 * 1024;
const PARALLEL_FROM_ITEMS: usize = 2_000;
/// Large lists are cut into this many runs so every core gets a similar share.
const PIECES: usize = 4;

/// One piece of the canonical text.
enum WriteJob {
    /// `name` and `description` and the small sections after the connections.
    Small,
    /// Components with these indexes.
    Components(usize, usize),
    /// Connections with these indexes.
    Connections(usize, usize),
    /// Layout entries with these indexes.
    Layout(usize, usize),
}

/// The canonical text of `arch` as format 2, ending with a newline.
pub fn write(arch: &Architecture) -> Result<String, writer::Error> {
    let big = arch.components.len() + arch.connections.len() >= PARALLEL_FROM_ITEMS;
    let mut jobs = vec![WriteJob::Small];
    for (n, make) in [
        (
            arch.components.len(),
            WriteJob::Components as fn(usize, usize) -> WriteJob,
        ),
        (arch.connections.len(), WriteJob::Connections),
        (arch.layout.len(), WriteJob::Layout),
    ] {
        let step = n.div_ceil(PIECES).max(1);
        jobs.extend(
            (0..n)
                .step_by(step)
                .map(|start| make(start, (start + step).min(n))),
        );
    }
    let texts = parallel::map(&jobs, big, |job| write_job(arch, job));
    let mut small = String::new();
    let (mut components, mut connections, mut layout) =
        (String::new(), String::new(), String::new());
    for (job, text) in jobs.iter().zip(texts) {
        let text = text?;
        match job {
            WriteJob::Small => small = text,
            WriteJob::Components(..) => components.push_str(&text),
            WriteJob::Connections(..) => connections.push_str(&text),
            WriteJob::Layout(..) => layout.push_str(&text),
        }
    }
    let (head, tail) = small.split_once('\u{0}').unwrap_or((&small, ""));
    let mut out = String::with_capacity(
        head.len() + tail.len() + components.len() + connections.len() + layout.len() + 128,
    );
    out.push_str("(\n    format: 2,\n");
    out.push_str(head);
    push_list(&mut out, "components", '[', &components);
    push_list(&mut out, "connections", '[', &connections);
    out.push_str(tail);
    push_list(&mut out, "layout", '{', &layout);
    out.push_str(")\n");
    Ok(out)
}

/// `    name: [\n<items>    ],\n`, or `    name: [],\n` when there are none.
fn push_list(out: &mut String, name: &str, open: char, items: &str) {
    let close = if open == '[' { ']' } else { '}' };
    out.push_str("    ");
    out.push_str(name);
    out.push_str(": ");
    out.push(open);
    if !items.is_empty() {
        out.push('\n');
        out.push_str(items);
        out.push_str("    ");
    }
    out.push(close);
    out.push_str(",\n");
}

fn write_job(arch: &Architecture, job: &WriteJob) -> Result<String, writer::Error> {
    match *job {
        WriteJob::Small => write_small(arch),
        WriteJob::Components(a, b) => writer::items(arch.components.iter().skip(a).take(b - a), 2),
        WriteJob::Connections(a, b) => {
            writer::items(arch.connections.iter().skip(a).take(b - a), 2)
        }
        WriteJob::Layout(a, b) => writer::entries(arch.layout.iter().skip(a).take(b - a), 2),
    }
}

/// The fields around the big lists: the text before `components` and, after a NUL separator,
/// the text between `connections` and `layout`.
fn write_small(arch: &Architecture) -> Result<String, writer::Error> {
    fn field<T: serde::Serialize + ?Sized>(
        out: &mut String,
        name: &str,
        value: &T,
    ) -> Result<(), writer::Error> {
        out.push_str("    ");
        out.push_str(name);
        out.push_str(": ");
        out.push_str(&writer::to_string(value, 1, true)?);
        out.push_str(",\n");
        Ok(())
    }
    let mut out = String::new();
    field(&mut out, "name", &arch.name)?;
    if !arch.description.is_empty() {
        field(&mut out, "description", &arch.description)?;
    }
    out.push('\u{0}');
    if !arch.groups.is_empty() {
        field(&mut out, "groups", &arch.groups)?;
    }
    if !arch.schemas.is_empty() {
        field(&mut out, "schemas", &arch.schemas)?;
    }
    if !arch.views.is_empty() {
        field(&mut out, "views", &arch.views)?;
    }
    if !arch.flows.is_empty() {
        field(&mut out, "flows", &arch.flows)?;
    }
    if !arch.notes.is_empty() {
        field(&mut out, "notes", &arch.notes)?;
    }
    if !arch.rules.is_default() {
        field(&mut out, "rules", &arch.rules)?;
    }
    Ok(out)
}

/// The sections that are cut into runs.
#[derive(Clone, Copy)]
enum Big {
    Components,
    Connections,
    Layout,
}

/// One piece of parsing work.
enum ReadJob<'a> {
    /// Every section but the three big ones.
    Small,
    /// A run of components, connections or layout entries.
    Run(Big, &'a str),
}

/// What a [`ReadJob`] produced.
enum ReadPart {
    Small(Box<Architecture>),
    Components(Vec<Component>),
    Connections(Vec<Connection>),
    Layout(Entries<Id, Placement>),
}

/// Reads format-2 text with its large sections cut into runs parsed on every core. `None`
/// when the text is not of the plain shape or any part fails to parse: the caller then parses
/// the plain way, which accepts exactly the same texts and reports the error precisely.
pub fn read_parallel(text: &str) -> Option<Architecture> {
    let parts = read_parts(text, |part| part)?;
    let mut arch = None;
    let (mut components, mut connections, mut layout) = (Vec::new(), Vec::new(), Vec::new());
    for part in parts {
        match part? {
            ReadPart::Small(a) => arch = Some(*a),
            ReadPart::Components(items) => components.extend(items),
            ReadPart::Connections(items) => connections.extend(items),
            ReadPart::Layout(Entries(entries)) => layout.extend(entries),
        }
    }
    let mut arch = arch?;
    // A duplicate id gives `None`: the plain reader says where it is.
    arch.components = IdMap::from_unique(components)?;
    arch.connections = IdMap::from_unique(connections)?;
    arch.layout = unique_map(layout)?;
    Some(arch)
}

/// Whether every part of format-2 text parses, as [`read_parallel`] would read it, without
/// building the model: each part is dropped on the core that parsed it. Duplicate ids are not
/// looked for (the writer cannot produce them). `false` also when the text is not of the
/// plain shape; the caller then parses it the plain way.
pub fn reads_back(text: &str) -> bool {
    read_parts(text, |part| part.is_some()).is_some_and(|parsed| parsed.into_iter().all(|ok| ok))
}

/// Cuts `text` into parts, parses them on every core and hands each to `then` on the core
/// that parsed it (`None` for a part that does not parse). `None` when the text is not of
/// the plain shape.
fn read_parts<R: Send>(text: &str, then: impl Fn(Option<ReadPart>) -> R + Sync) -> Option<Vec<R>> {
    let fields = scan::top_level_fields(text)?;
    let mut seen = std::collections::BTreeSet::new();
    if !fields.iter().all(|f| seen.insert(f.name)) {
        return None; // a field given twice: the plain reader says so
    }
    let field = |name: &str| fields.iter().find(|f| f.name == name);
    let value = |name: &str| field(name).map(|f| f.value);
    if fields.iter().any(|f| !FIELDS.contains(&f.name)) || value("format") != Some("2") {
        return None;
    }
    let mut jobs = vec![ReadJob::Small];
    for (name, big) in [
        ("components", Big::Components),
        ("connections", Big::Connections),
        ("layout", Big::Layout),
    ] {
        if let Some(f) = field(name) {
            jobs.extend(
                f.runs(PIECES)?
                    .into_iter()
                    .map(|run| ReadJob::Run(big, run)),
            );
        }
    }
    Some(parallel::map(
        &jobs,
        text.len() >= PARALLEL_FROM_BYTES,
        |job| then(read_job(&value, job)),
    ))
}

/// The entries of a map in the order the text gives them, duplicates included.
struct Entries<K, V>(Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<K, V>(std::marker::PhantomData<(K, V)>);

        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> serde::de::Visitor<'de>
            for EntriesVisitor<K, V>
        {
            type Value = Entries<K, V>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

const FIELDS: [&str; 12] = [
    "format",
    "name",
    "description",
    "components",
    "connections",
    "groups",
    "schemas",
    "views",
    "flows",
    "notes",
    "rules",
    "layout",
];

fn read_job<'a>(value: &impl Fn(&str) -> Option<&'a str>, job: &ReadJob<'_>) -> Option<ReadPart> {
    Some(match *job {
        ReadJob::Small => ReadPart::Small(Box::new(read_small(value)?)),
        ReadJob::Run(Big::Components, run) => ReadPart::Components(run_of(run, '[', ']')?),
        ReadJob::Run(Big::Connections, run) => ReadPart::Connections(run_of(run, '[', ']')?),
        ReadJob::Run(Big::Layout, run) => ReadPart::Layout(run_of(run, '{', '}')?),
    })
}

/// Parses a run of list items or map entries: the canonical forms by [`fast`], anything else
/// by ron, given back its brackets, without indentation.
fn run_of<T: for<'de> Deserialize<'de>>(run: &str, open: char, close: char) -> Option<T> {
    if let Some(value) = fast::from_run(run) {
        return Some(value);
    }
    let mut text = String::with_capacity(run.len() + 2);
    text.push(open);
    scan::push_unindented(run, &mut text)?;
    text.push(close);
    // The list sits one level below the document in the plain reader.
    super::ron_options()
        .with_recursion_limit(127)
        .from_str(&text)
        .ok()
}

/// Parses one small section; a missing section is its type's default.
fn part<T: for<'de> Deserialize<'de> + Default>(text: Option<&str>) -> Option<T> {
    match text {
        None => Some(T::default()),
        Some(text) => fast::from_str(text).or_else(|| {
            super::ron_options()
                .with_recursion_limit(127)
                .from_str(text)
                .ok()
        }),
    }
}

fn read_small<'a>(value: &impl Fn(&str) -> Option<&'a str>) -> Option<Architecture> {
    Some(Architecture {
        name: part(value("name"))?,
        description: part(value("description"))?,
        components: IdMap::new(),
        connections: IdMap::new(),
        groups: part(value("groups"))?,
        schemas: part(value("schemas"))?,
        views: part::<UniqueVec<View>>(value("views"))?.0,
        flows: part::<UniqueVec<Flow>>(value("flows"))?.0,
        notes: part(value("notes"))?,
        rules: part(value("rules"))?,
        layout: Layout::new(),
    })
}

/// A list whose items must have distinct ids, read on its own.
struct UniqueVec<T>(Vec<T>);

impl<T> Default for UniqueVec<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, T: Deserialize<'de> + HasId> Deserialize<'de> for UniqueVec<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_unique_vec(deserializer).map(UniqueVec)
    }
}

/// The model as read.
#[derive(Deserialize)]
#[serde(rename = "Architecture", deny_unknown_fields)]
pub struct Document {
    #[allow(dead_code)] // checked by the header reader before this parse
    format: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    components: IdMap<Component>,
    #[serde(default)]
    connections: IdMap<Connection>,
    #[serde(default)]
    groups: IdMap<Group>,
    #[serde(default)]
    schemas: IdMap<Schema>,
    #[serde(default, deserialize_with = "deserialize_unique_vec")]
    views: Vec<View>,
    #[serde(default, deserialize_with = "deserialize_unique_vec")]
    flows: Vec<Flow>,
    #[serde(default)]
    notes: IdMap<Note>,
    #[serde(default)]
    rules: RuleSettings,
    #[serde(default)]
    layout: Layout,
}

impl From<Document> for Architecture {
    fn from(d: Document) -> Self {
        Architecture {
            name: d.name,
            description: d.description,
            components: d.components,
            connections: d.connections,
            groups: d.groups,
            schemas: d.schemas,
            views: d.views,
            flows: d.flows,
            notes: d.notes,
            rules: d.rules,
            layout: d.layout,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::generate;

    #[test]
    fn the_parallel_reader_reads_what_the_writer_writes() {
        for (components, connections) in [(0, 0), (3, 2), (300, 500), (2_500, 4_000)] {
            let arch = generate(components, connections, 3);
            let text = write(&arch).unwrap();
            let fast = read_parallel(&text);
            assert!(
                fast.is_some(),
                "{components} components: the fast path gave up"
            );
            assert!(
                fast == Some(arch.clone()),
                "{components} components: different model"
            );
            let plain: Architecture = super::super::ron_options()
                .from_str::<Document>(&text)
                .map(Architecture::from)
                .unwrap();
            assert!(
                plain == arch,
                "{components} components: the plain reader differs"
            );
        }
    }

    #[test]
    fn the_read_back_check_finds_a_part_that_does_not_parse() {
        let arch = generate(3_000, 5_000, 3);
        let text = write(&arch).unwrap();
        assert!(reads_back(&text));
        // A field only the last components have: the check must parse every run to see it.
        let connections = text.find("    connections: [").unwrap();
        let last = text[..connections].rfind("            name: ").unwrap();
        let broken = format!("{}            nme: {}", &text[..last], &text[last + 18..]);
        assert!(!reads_back(&broken));
        assert!(read_parallel(&broken).is_none());
    }

    #[test]
    fn unsorted_and_duplicate_items_are_read_like_the_plain_reader_reads_them() {
        let arch = generate(40, 60, 3);
        let text = write(&arch).unwrap();
        // Swap the first two components: still the same model, read the slow way.
        let first = text.find("        (\n            id: ").unwrap();
        let second = first
            + 1
            + text[first + 1..]
                .find("        (\n            id: ")
                .unwrap();
        let third = second
            + 1
            + text[second + 1..]
                .find("        (\n            id: ")
                .unwrap();
        let swapped = format!(
            "{}{}{}{}",
            &text[..first],
            &text[second..third],
            &text[first..second],
            &text[third..]
        );
        assert!(read_parallel(&swapped) == Some(arch.clone()));
        let doubled = format!(
            "{}{}{}",
            &text[..second],
            &text[first..second],
            &text[second..]
        );
        assert!(read_parallel(&doubled).is_none());
    }
}
