//! `secret-in-model` (error): a property value that looks like a credential.
//!
//! Why it matters: model files live in version control, are pasted into reviews, rendered
//! into diagrams and exported into code and infrastructure files. A password, private key,
//! cloud access key or token written into a description or a URL is leaked to everyone who
//! can read any of those — and stays in the repository's history after it is deleted.
//!
//! How to fix: remove the value from the model and rotate the credential (assume it is
//! compromised). Refer to secrets by name instead: an environment variable (`${DB_PASSWORD}`),
//! a secret-manager path. If a value only looks like a secret (an example in a description),
//! suppress the finding with the reason.
//!
//! Every free-text property value is scanned (names, descriptions, URLs, labels, summaries,
//! narrations, notes, tags…); field names are not (a field called `password` holds data, it
//! is not a password). Recognised: private key blocks (`-----BEGIN … PRIVATE KEY-----`), AWS
//! access key ids, Google API keys, Azure storage account keys, GitHub, Slack and Stripe
//! secret tokens, JSON Web Tokens, URLs with a password (`postgres://app:s3cret@db`), and
//! assignments to a password-like name (`password=…`, `DB_PASSWORD: …`, `client_secret=…`)
//! whose value contains a digit or symbol or is long. Placeholders (`${VAR}`, `<password>`,
//! `{{ secret }}`, `****`) are not secrets. The message says where the value is and what it
//! looks like, never the value itself.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

use crate::check::text::{Place, for_each_text};
use crate::check::{Context, Rule, Sink};
use crate::model::Severity;

pub(crate) const RULE: Rule = Rule {
    id: "secret-in-model",
    default_severity: Severity::Error,
    summary: "a property value that looks like a credential (password, private key, cloud \
              access key, token, connection string with a password)",
    help: "remove the value and rotate the credential; refer to it by name instead (an \
           environment variable or a secret-manager path)",
    run,
};

/// One kind of secret: what it is called in messages, and how to find it.
struct Pattern {
    what: &'static str,
    regex: Regex,
    /// For patterns with a value group: whether the captured value is a real secret rather
    /// than a placeholder.
    check_value: bool,
}

/// All patterns, behind one quick test that rules out almost every string at once.
struct Patterns {
    /// Literals that every string `quick` matches contains, ignoring ASCII case: a
    /// multi-pattern automaton rules out plain prose faster than the regex does, and the
    /// model holds hundreds of thousands of texts.
    sieve: AhoCorasick,
    quick: Regex,
    each: Vec<Pattern>,
}

/// What every match of `quick` contains, in lower case. Case-insensitive matching of these
/// in ASCII text finds at least whatever `quick` finds there (its `(?i:...)` part, and a
/// prefix of each of its case-sensitive alternatives); text that is not ASCII goes straight
/// to `quick`, whose Unicode case folding (the Kelvin sign is a `k`) the sieve does not know.
const SIEVE: [&str; 15] = [
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "-----begin",
    "akia",
    "asia",
    "aiza",
    "eyj",
    "://",
    "gh",
    "github_pat_",
    "xox",
    "k_live_",
];

/// The compiled patterns; `None` only if a pattern fails to compile, which the tests rule out.
static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    let p = |what, re: &str, check_value| {
        Some(Pattern {
            what,
            regex: Regex::new(re).ok()?,
            check_value,
        })
    };
    Some(Patterns {
        sieve: AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(SIEVE)
            .ok()?,
        quick: Regex::new(
            r"(?i:pass|pwd|secret|token|key)|-----BEGIN|A[KS]IA|AIza|eyJ|://|gh[pousr]_|github_pat_|xox[abposr]-|k_live_",
        )
        .ok()?,
        each: vec![
            p(
                "a private key",
                r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
                false,
            )?,
            p(
                "an AWS access key",
                r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b",
                false,
            )?,
            p("a Google API key", r"\bAIza[0-9A-Za-z_\-]{35}", false)?,
            p(
                "an Azure storage account key",
                r"(?i)\bAccountKey=[A-Za-z0-9+/]{20,}",
                false,
            )?,
            p(
                "a GitHub token",
                r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})",
                false,
            )?,
            p("a Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}", false)?,
            p("a Stripe secret key", r"\b[rs]k_live_[0-9A-Za-z]{16,}", false)?,
            p(
                "a JSON Web Token",
                r"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{8,}",
                false,
            )?,
            p(
                "a connection string with a password",
                r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/:@]*:([^\s/@]+)@",
                true,
            )?,
            p(
                "a password or secret",
                r#"(?i)[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[a-z0-9_.-]*["']?\s*[:=]\s*["']?([^\s"',;]+)"#,
                true,
            )?,
        ],
    })
});

/// Whether a captured value is a placeholder or a plain word rather than a secret.
fn is_placeholder(value: &str) -> bool {
    let v = value.trim_matches(|c: char| c == '"' || c == '\'');
    let starts_like_placeholder = v.starts_with(['$', '<', '{', '%', '[', '(']);
    let masked = v
        .chars()
        .all(|c| matches!(c, '*' | 'x' | 'X' | '.' | '#' | '?' | '-' | '_'));
    let keyword = [
        "password", "pass", "passwd", "pwd", "secret", "token", "none", "null",
    ]
    .iter()
    .any(|k| v.eq_ignore_ascii_case(k));
    v.is_empty() || starts_like_placeholder || masked || keyword
}

/// Whether an assigned value looks like a credential: not a placeholder, and with a digit or
/// a symbol in it, or long (plain words such as "required" are prose, not passwords).
fn looks_secret(value: &str, assignment: bool) -> bool {
    if is_placeholder(value) {
        return false;
    }
    if !assignment {
        return true;
    }
    let mixed = value.chars().any(|c| !c.is_ascii_alphabetic());
    value.chars().count() >= 4 && (mixed || value.len() >= 16)
}

/// What kind of secret `text` seems to hold, if any.
#[cfg(test)]
fn detect(text: &str) -> Option<&'static str> {
    let patterns = PATTERNS.as_ref()?;
    if text.is_ascii() && !patterns.sieve.is_match(text) {
        return None;
    }
    detect_past_sieve(patterns, text)
}

/// Like `detect`, for a text the sieve let through (or did not look at).
fn detect_past_sieve(patterns: &Patterns, text: &str) -> Option<&'static str> {
    if !patterns.quick.is_match(text) {
        return None;
    }
    let last = patterns.each.len().saturating_sub(1);
    for (i, p) in patterns.each.iter().enumerate() {
        if !p.check_value {
            if p.regex.is_match(text) {
                return Some(p.what);
            }
            continue;
        }
        let found = p.regex.captures_iter(text).any(|c| {
            c.get(1)
                .is_some_and(|v| looks_secret(v.as_str(), i == last))
        });
        if found {
            return Some(p.what);
        }
    }
    None
}

/// The model's texts that get past the sieve, with where they sit, in the order
/// [`for_each_text`] gives them.
///
/// A model has tens of thousands of short texts, and starting the automaton on each costs
/// more than running it: so texts go into a buffer, separated by NUL (which no sieve word
/// contains, so no match spans two texts), and the automaton runs once per buffer. The
/// buffer is emptied every [`BUFFER`] bytes rather than grown to hold every text: it stays in
/// the cache, and a large model's texts are never copied again as it grows. The texts are
/// read once, too: on a large model, reading them is most of the cost. Texts that are not
/// ASCII always get through: the sieve folds ASCII case only.
fn past_sieve<'a>(
    patterns: &Patterns,
    arch: &'a crate::model::Architecture,
) -> Vec<(Place<'a>, &'a str)> {
    let mut hay = String::with_capacity(BUFFER + 1024);
    // The texts in the buffer: place, text, where it ends in the buffer, whether it passed.
    let mut texts: Vec<(Place<'a>, &'a str, usize, bool)> = Vec::new();
    let mut passed = Vec::new();
    let mut sift = |hay: &mut String, texts: &mut Vec<(Place<'a>, &'a str, usize, bool)>| {
        for m in patterns.sieve.find_iter(hay.as_str()) {
            let i = texts.partition_point(|t| t.2 <= m.start());
            if let Some(t) = texts.get_mut(i) {
                t.3 = true;
            }
        }
        passed.extend(
            texts
                .drain(..)
                .filter(|t| t.3)
                .map(|(place, text, _, _)| (place, text)),
        );
        hay.clear();
    };
    for_each_text(arch, |place, text| {
        hay.push_str(text);
        hay.push('\0');
        texts.push((place, text, hay.len(), !text.is_ascii()));
        if hay.len() >= BUFFER {
            sift(&mut hay, &mut texts);
        }
    });
    sift(&mut hay, &mut texts);
    passed
}

/// How many bytes of text the sieve looks at in one go.
const BUFFER: usize = 64 * 1024;

fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(patterns) = PATTERNS.as_ref() else {
        return;
    };
    for (place, text) in past_sieve(patterns, cx.arch) {
        if let Some(what) = detect_past_sieve(patterns, text) {
            sink.report(
                place.subject().into_iter().cloned().collect(),
                format!(
                    "{} looks like it contains {what} (value not shown)",
                    place.describe()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PATTERNS, detect};
    use crate::check::testing::{findings, model};
    use crate::model::{ConnectionKind, Kind, Spec};

    #[test]
    fn patterns_compile() {
        assert!(PATTERNS.is_some());
    }

    /// Whatever the quick regex matches in ASCII text, the sieve in front of it lets through.
    fn sieve_keeps(text: &str) {
        let p = PATTERNS.as_ref().unwrap();
        if p.quick.is_match(text) {
            assert!(p.sieve.is_match(text), "the sieve drops {text:?}");
        }
    }

    #[test]
    fn sieve_keeps_every_quick_match() {
        for text in [
            "PaSsWoRd",
            "PWD",
            "SeCrEt",
            "TOKEN",
            "kEy",
            "-----BEGIN",
            "AKIA",
            "ASIA",
            "AIza",
            "eyJ",
            "://",
            "ghp_",
            "ghr_",
            "github_pat_",
            "xoxb-",
            "xoxr-",
            "sk_live_",
            "rk_live_",
        ] {
            assert!(PATTERNS.as_ref().unwrap().quick.is_match(text), "{text}");
            sieve_keeps(text);
            sieve_keeps(&format!("some prose around {text} it"));
        }
    }

    proptest::proptest! {
        #[test]
        fn sieve_never_drops_what_the_regex_finds(
            text in "[ -~]{0,12}(pass|pwd|secret|token|key|BEGIN|AKIA|ASIA|AIza|eyJ|://|ghp_|xoxb-|k_live_)?[ -~]{0,12}",
            upper in proptest::bool::ANY,
        ) {
            let text = if upper { text.to_ascii_uppercase() } else { text };
            sieve_keeps(&text);
        }
    }

    /// The sieve runs once over all texts joined: a secret in any text, first, last, next
    /// to another, or in a text that is not ASCII, is still found, and only there.
    #[test]
    fn secrets_are_found_in_whichever_texts_hold_them() {
        let ids = ["a", "b", "c", "d", "e", "f"];
        let texts = [
            "password=hunter22x",
            "plain prose about keys",
            "nothing here",
            "Überweisung: api_key=Zq81mmxa92",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "ordinary",
        ];
        let mut m = model().services(&ids);
        for (id, text) in ids.iter().zip(texts) {
            m = m.with(id, |c| c.description = text.into());
        }
        let found = findings(&m.build(), "secret-in-model");
        let subjects: Vec<&str> = found.iter().map(|f| f.subjects[0].as_str()).collect();
        assert_eq!(subjects, ["a", "d", "e"]);
    }

    #[test]
    fn recognises_each_kind_of_secret() {
        let cases = [
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "a private key"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----", "a private key"),
            ("key id AKIAIOSFODNN7EXAMPLE in prod", "an AWS access key"),
            (
                "AIzaSyA1234567890abcdefghijklmnopqrstuv",
                "a Google API key",
            ),
            (
                "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdEFGH1234ijklMNOP5678==",
                "an Azure storage account key",
            ),
            ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "a GitHub token"),
            ("xoxb-123456789012-abcdefghij", "a Slack token"),
            ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "a Stripe secret key"),
            (
                "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "a JSON Web Token",
            ),
            (
                "postgres://app:s3cret@db.internal:5432/orders",
                "a connection string with a password",
            ),
            (
                "mongodb+srv://admin:hunter2@cluster0",
                "a connection string with a password",
            ),
            ("DB_PASSWORD=hunter2", "a password or secret"),
            ("password: Tr0ub4dor&3", "a password or secret"),
            (
                "Server=db;User Id=app;Password=abc123;",
                "a password or secret",
            ),
            ("client_secret = 'q8Zr-0pLm'", "a password or secret"),
        ];
        for (text, what) in cases {
            assert_eq!(detect(text), Some(what), "{text}");
        }
    }

    #[test]
    fn leaves_prose_and_placeholders_alone() {
        for text in [
            "Argon2id hash of the password; never returned by the API.",
            "Log in and get a token",
            "Object key in the product-images bucket.",
            "password: required",
            "DB_PASSWORD=${DB_PASSWORD}",
            "password=<password>",
            "token: {{ secret }}",
            "password=****",
            "postgres://app@db:5432/orders",
            "postgres://app:${PG_PASSWORD}@db/orders",
            "postgres://user:password@localhost/db",
            "https://api.stripe.com",
            "Reads the API key from the KEY_FILE environment variable.",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn reports_where_the_secret_is_without_repeating_it() {
        let arch = model()
            .services(&["orders"])
            .add("stripe", Kind::External)
            .with("orders", |c| {
                c.description = "Connects with postgres://orders:Xy9!pq@db/orders".into()
            })
            .with("stripe", |c| {
                if let Spec::External(e) = &mut c.spec {
                    e.url = "https://api.stripe.com?key=sk_live_4eC39HqLyjWDarjtT1zdp7dc".into();
                }
            })
            .connect_as(
                "pay",
                "orders",
                "stripe",
                ConnectionKind::Calls(Default::default()),
            )
            .edit(|a| {
                if let Some(c) = a.connections.get_mut("pay") {
                    c.label = "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIz".into();
                }
            })
            .build();
        let found = findings(&arch, "secret-in-model");
        let got: Vec<(String, String)> = found
            .iter()
            .map(|f| (f.subjects[0].to_string(), f.message.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "orders".to_owned(),
                    "the description of service `orders` looks like it contains a connection \
                     string with a password (value not shown)"
                        .to_owned()
                ),
                (
                    "pay".to_owned(),
                    "the label of connection `pay` looks like it contains a JSON Web Token \
                     (value not shown)"
                        .to_owned()
                ),
                (
                    "stripe".to_owned(),
                    "the URL of external system `stripe` looks like it contains a Stripe \
                     secret key (value not shown)"
                        .to_owned()
                ),
            ]
        );
        for f in &found {
            assert!(!f.message.contains("Xy9!pq") && !f.message.contains("sk_live"));
        }
    }

    #[test]
    fn a_clean_model_has_no_secrets() {
        let arch = model()
            .services(&["orders"])
            .with("orders", |c| {
                c.description = "Reads DB_PASSWORD from the environment.".into()
            })
            .build();
        assert!(findings(&arch, "secret-in-model").is_empty());
    }
}
