//! Every finding on generated models, pinned: the checks are tuned for speed (shared
//! indices, flat graphs that petgraph walks, a sieve before the secret regexes, a hand-written
//! articulation-point pass), and this shows that tuning never changes what they find. The
//! snapshots were recorded with the checker as it was before the flat graphs (f1520d6).

use std::fmt::Write as _;

use archcanvas::check;
use archcanvas::model::generate::generate;

/// One line per finding: rule, severity, subjects, message and hint.
fn findings(components: usize, connections: usize, seed: u64) -> String {
    let report = check::run(&generate(components, connections, seed));
    let mut text = format!("{}\n", report.summary());
    for f in report.findings() {
        let subjects: Vec<&str> = f.subjects.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(
            text,
            "{} {:?} [{}] {} (hint: {})",
            f.rule,
            f.severity,
            subjects.join(", "),
            f.message,
            f.hint
        );
    }
    text
}

#[test]
fn generated_dense() {
    let text = findings(150, 450, 3);
    assert!(text.lines().count() > 10, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn generated_sparse() {
    // Fewer connections than components: orphans, unreachable parts, articulation points.
    let text = findings(150, 120, 5);
    assert!(text.contains("single-point-of-failure"), "{text}");
    insta::assert_snapshot!(text);
}
