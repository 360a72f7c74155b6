//! Our layout against Graphviz's `dot` on the same graphs (issue 6, item 6).
//!
//! For generated layered models of 100, 1 000 and 3 000 components and every model in
//! `examples/`, lays the model out with `archcanvas::layout::auto` and with `dot -Tplain`
//! (same box sizes, same spacing, groups as clusters, connections in flow direction), then
//! prints the time each took and the edge crossings of each drawing, counted the same way for
//! both by `layout::crossings` (straight segments between box centres).
//!
//! Times are measured the same way for both: the CPU time (user + system, from bash's `times`)
//! of one process that reads the model and writes the laid-out result — `archcanvas layout`
//! and `dot -Tplain` — the best of a few runs, because the machines this runs on are shared.
//! The table also shows our layout's own time in process (wall clock, best of a few runs). Run with `scripts/compare-dot.sh`, or
//! `cargo bench -p archcanvas --no-default-features --bench vs_dot [-- SIZE...]`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use archcanvas::layout::{self, Direction, Options};
use archcanvas::model::{Architecture, ConnectionType, Id, Layout, Placement};

/// What the `archcanvas` binary allocates with, so the figures are those of what ships.
#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

/// Points per inch: dot measures in inches, the canvas in points-like units.
const PPI: f64 = 72.0;

fn main() {
    archcanvas::keep_freed_memory();
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let sizes: Vec<usize> = if args.is_empty() {
        vec![100, 1000, 3000]
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    };
    let mut cases: Vec<(String, Architecture)> = sizes
        .iter()
        .map(|&n| (format!("layered-{n}"), layout::generate::layered(n, 1)))
        .collect();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&examples)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for path in files {
        if path.extension().is_some_and(|e| e == "ron") {
            match archcanvas::file::load(&path) {
                Ok(arch) => cases.push((
                    path.file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                    arch,
                )),
                Err(e) => eprintln!("skipping {}: {e}", path.display()),
            }
        }
    }
    println!(
        "| graph | components | connections | ours: archcanvas layout (ms CPU) | dot -Tplain (ms CPU) | time ours/dot | ours in-process (ms) | crossings ours | crossings dot | crossings ours/dot | overlaps ours |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, arch) in &cases {
        let options = Options::new(Direction::LeftToRight);
        let runs = if arch.components.len() > 2000 { 2 } else { 5 };
        // In process: the layout alone, best wall-clock time of a few runs.
        let mut in_process_ms = f64::INFINITY;
        for _ in 0..runs {
            let wall = Instant::now();
            let _ = layout::auto(arch, &options).expect("not cancelled");
            in_process_ms = in_process_ms.min(wall.elapsed().as_secs_f64() * 1e3);
        }
        // As a process, measured like dot: load, lay out, write the model.
        let dir = tempfile::tempdir().expect("temp dir");
        let model = dir.path().join("model.ron");
        let laid = dir.path().join("laid.ron");
        let text = archcanvas::file::to_canonical_string(arch).expect("writes");
        std::fs::write(&model, text).expect("write");
        let ours_cmd = format!(
            "'{}' layout '{}' > '{}'",
            env!("CARGO_BIN_EXE_archcanvas"),
            model.display(),
            laid.display()
        );
        let mut ours_ms = f64::INFINITY;
        for _ in 0..runs {
            match cpu_time_of(&ours_cmd) {
                Ok(ms) => ours_ms = ours_ms.min(ms),
                Err(e) => {
                    eprintln!("archcanvas layout failed on {name}: {e}");
                    break;
                }
            }
        }
        let Ok(with_ours) = archcanvas::file::load(&laid) else {
            eprintln!("no layout for {name}");
            continue;
        };
        let our_crossings = layout::crossings(&with_ours, &with_ours.layout);
        let our_overlaps = layout::overlaps(&with_ours, &with_ours.layout).len();

        let dot_text = to_dot(arch, &options);
        if let Some(dir) = std::env::var_os("VS_DOT_DUMP") {
            let _ = std::fs::write(Path::new(&dir).join(format!("{name}.dot")), &dot_text);
            if let Ok(text) = archcanvas::file::to_canonical_string(&with_ours) {
                let _ = std::fs::write(Path::new(&dir).join(format!("{name}.ours.ron")), text);
            }
        }
        let dot_in = dir.path().join("in.dot");
        let dot_out = dir.path().join("out.plain");
        std::fs::write(&dot_in, &dot_text).expect("write");
        let dot_cmd = format!(
            "dot -Tplain -o '{}' '{}'",
            dot_out.display(),
            dot_in.display()
        );
        let dot_runs = if arch.components.len() > 2000 { 1 } else { 3 };
        let mut dot_ms = f64::INFINITY;
        for _ in 0..dot_runs {
            match cpu_time_of(&dot_cmd) {
                Ok(ms) => dot_ms = dot_ms.min(ms),
                Err(e) => {
                    eprintln!("dot failed on {name}: {e}");
                    break;
                }
            }
        }
        let Ok(plain) = std::fs::read_to_string(&dot_out) else {
            continue;
        };
        let dot_crossings = layout::crossings(arch, &parse_plain(&plain));
        println!(
            "| {name} | {} | {} | {ours_ms:.0} | {dot_ms:.0} | {:.3} | {in_process_ms:.1} | {our_crossings} | {dot_crossings} | {} | {our_overlaps} |",
            arch.components.len(),
            arch.connections.len(),
            ours_ms / dot_ms,
            if dot_crossings == 0 {
                if our_crossings == 0 {
                    "equal".to_owned()
                } else {
                    "dot has 0".to_owned()
                }
            } else {
                format!("{:.3}", our_crossings as f64 / dot_crossings as f64)
            },
        );
    }
}

/// Runs `command` in bash; returns the CPU time (user + system) its children used, in ms.
fn cpu_time_of(command: &str) -> Result<f64, String> {
    let script = format!("{command} || exit 3; times");
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .output()
        .map_err(|e| format!("cannot run bash: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    // `times` prints the shell's and then the children's user and system time.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let children = stdout.lines().last().ok_or("no `times` output")?;
    Ok(children
        .split_whitespace()
        .filter_map(parse_bash_time)
        .sum())
}

/// `0m1.234s` → 1234.0 (ms).
fn parse_bash_time(t: &str) -> Option<f64> {
    let (m, s) = t.strip_suffix('s')?.split_once('m')?;
    Some(m.parse::<f64>().ok()? * 60_000.0 + s.parse::<f64>().ok()? * 1000.0)
}

/// The model as DOT with the same box sizes, spacing and direction, groups as clusters.
fn to_dot(arch: &Architecture, options: &Options) -> String {
    let mut out = String::from("digraph g {\n");
    let rankdir = match options.direction {
        Direction::LeftToRight => "LR",
        Direction::TopToBottom => "TB",
    };
    let _ = writeln!(
        out,
        "  graph [rankdir={rankdir}, nodesep={:.3}, ranksep={:.3}];",
        f64::from(options.node_gap) / PPI,
        f64::from(options.layer_gap) / PPI
    );
    out.push_str("  node [shape=box, fixedsize=true, label=\"\"];\n");
    let mut placed: BTreeSet<&Id> = BTreeSet::new();
    let mut done_groups: BTreeSet<&Id> = BTreeSet::new();
    for g in arch.groups.iter().filter(|g| {
        g.parent
            .as_ref()
            .is_none_or(|p| !arch.groups.contains(p.as_str()))
    }) {
        cluster(arch, &g.id, 1, &mut placed, &mut done_groups, &mut out);
    }
    for c in arch.components.iter() {
        if !placed.contains(&c.id) {
            node(arch, &c.id, 1, &mut out);
        }
    }
    for c in arch.connections.iter() {
        if !(arch.components.contains(c.from.as_str()) && arch.components.contains(c.to.as_str())) {
            continue;
        }
        let (from, to) = if c.ty() == ConnectionType::Consumes {
            (&c.to, &c.from)
        } else {
            (&c.from, &c.to)
        };
        let _ = writeln!(out, "  \"{from}\" -> \"{to}\";");
    }
    out.push_str("}\n");
    out
}

fn node(arch: &Architecture, id: &Id, depth: usize, out: &mut String) {
    let Some(c) = arch.components.get(id.as_str()) else {
        return;
    };
    let (w, h) = layout::box_size(c, arch.layout.get(id));
    let _ = writeln!(
        out,
        "{}\"{id}\" [width={:.3}, height={:.3}];",
        "  ".repeat(depth),
        f64::from(w) / PPI,
        f64::from(h) / PPI
    );
}

fn cluster<'a>(
    arch: &'a Architecture,
    id: &'a Id,
    depth: usize,
    placed: &mut BTreeSet<&'a Id>,
    done: &mut BTreeSet<&'a Id>,
    out: &mut String,
) {
    if !done.insert(id) {
        return;
    }
    let Some(group) = arch.groups.get(id.as_str()) else {
        return;
    };
    let indent = "  ".repeat(depth);
    let _ = writeln!(out, "{indent}subgraph \"cluster_{id}\" {{");
    for member in &group.members {
        if arch.components.contains(member.as_str()) && placed.insert(member) {
            node(arch, member, depth + 1, out);
        }
    }
    for child in arch.groups.iter().filter(|g| g.parent.as_ref() == Some(id)) {
        cluster(arch, &child.id, depth + 1, placed, done, out);
    }
    let _ = writeln!(out, "{indent}}}");
}

/// Node centres from `dot -Tplain` output, in canvas units (y down).
fn parse_plain(plain: &str) -> Layout {
    let mut layout = Layout::new();
    for line in plain.lines() {
        let mut parts = line.split_whitespace();
        if parts.next() != Some("node") {
            continue;
        }
        let (Some(name), Some(x), Some(y)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let name = name.trim_matches('"');
        let (Ok(id), Ok(x), Ok(y)) = (Id::new(name), x.parse::<f64>(), y.parse::<f64>()) else {
            continue;
        };
        layout.insert(id, Placement::at((x * PPI) as f32, (-y * PPI) as f32));
    }
    layout
}
