//! Our layout against Graphviz's `dot` on the same graphs (issue 6, item 6).
//!
//! For generated layered models of 100, 1 000 and 3 000 components and every model in
//! `examples/`, lays the model out with `archcanvas::layout::auto` and with `dot -Tplain`
//! (same box sizes, same spacing, groups as clusters, connections in flow direction), then
//! prints the time each took and the edge crossings of each drawing, counted the same way for
//! both by `layout::crossings` (straight segments between box centres).
//!
//! Times are CPU time (ours: this thread's, from /proc/thread-self/schedstat; dot's: the child
//! process's user + system time from bash's `times`), the best of a few runs, because the
//! machines this runs on are shared. Run with `scripts/compare-dot.sh`, or
//! `cargo bench --no-default-features --bench vs_dot [-- SIZE...]`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use archcanvas::layout::{self, Direction, Options};
use archcanvas::model::{Architecture, ConnectionType, Id, Layout, Placement};

/// Points per inch: dot measures in inches, the canvas in points-like units.
const PPI: f64 = 72.0;

fn main() {
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
        "| graph | components | connections | ours (ms CPU) | dot (ms CPU) | time ours/dot | crossings ours | crossings dot | crossings ours/dot | our overlaps |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, arch) in &cases {
        let options = Options::new(Direction::LeftToRight);
        let runs = if arch.components.len() > 2000 { 2 } else { 5 };
        let mut ours_ms = f64::INFINITY;
        let mut ours = Layout::new();
        for _ in 0..runs {
            let cpu = thread_cpu_ns();
            let wall = Instant::now();
            ours = layout::auto(arch, &options).expect("not cancelled");
            let spent = match (cpu, thread_cpu_ns()) {
                (Some(a), Some(b)) => (b - a) as f64 / 1e6,
                _ => wall.elapsed().as_secs_f64() * 1e3,
            };
            ours_ms = ours_ms.min(spent);
        }
        let mut with_ours = arch.clone();
        with_ours.layout = ours;
        let our_crossings = layout::crossings(&with_ours, &with_ours.layout);
        let our_overlaps = layout::overlaps(&with_ours, &with_ours.layout).len();

        let dot_text = to_dot(arch, &options);
        let dot_runs = if arch.components.len() > 2000 { 1 } else { 3 };
        let mut dot_ms = f64::INFINITY;
        let mut dot_layout = None;
        for _ in 0..dot_runs {
            match run_dot(&dot_text) {
                Ok((ms, plain)) => {
                    dot_ms = dot_ms.min(ms);
                    dot_layout = Some(parse_plain(&plain));
                }
                Err(e) => {
                    eprintln!("dot failed on {name}: {e}");
                    break;
                }
            }
        }
        let Some(dot_layout) = dot_layout else {
            continue;
        };
        let dot_crossings = layout::crossings(arch, &dot_layout);
        println!(
            "| {name} | {} | {} | {ours_ms:.1} | {dot_ms:.1} | {:.3} | {our_crossings} | {dot_crossings} | {} | {our_overlaps} |",
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

/// CPU time of this thread so far, in nanoseconds (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `dot -Tplain` on `text`; returns its CPU time in ms and its output.
fn run_dot(text: &str) -> Result<(f64, String), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let input = dir.path().join("in.dot");
    let output = dir.path().join("out.plain");
    std::fs::write(&input, text).map_err(|e| e.to_string())?;
    let script = format!(
        "dot -Tplain -o '{}' '{}' || exit 3; times",
        output.display(),
        input.display()
    );
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
    let children = stdout.lines().nth(1).ok_or("no `times` output")?;
    let ms: f64 = children
        .split_whitespace()
        .filter_map(parse_bash_time)
        .sum();
    let plain = std::fs::read_to_string(&output).map_err(|e| e.to_string())?;
    Ok((ms, plain))
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
