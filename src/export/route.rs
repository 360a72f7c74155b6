//! HTTP routes parsed from endpoint paths.
//!
//! Endpoint paths are free text in the model. A generated router must never be handed a path
//! it refuses at start-up (axum panics on a bad or conflicting route), so paths are parsed
//! here once: `/` then names of URL-safe characters or `{param}` placeholders. Parameter names
//! become snake-case identifiers, and the same path rebuilt from them is used by the code and
//! the OpenAPI document alike, so the two always agree.

use super::names::{Case, Lang, to_case};

/// A placeholder's name: snake case, with a trailing `_` if any target language reserves it
/// or the generated handlers use it, so one name works in every language's handler signature.
fn param_name(inner: &str) -> String {
    // Names the generated handlers use for their own arguments.
    const TAKEN: [&str; 26] = [
        "body",
        "c",
        "clients",
        "config",
        "ctx",
        "data",
        "err",
        "h",
        "handlers",
        "headers",
        "log",
        "models",
        "out",
        "path",
        "platform",
        "r",
        "reply",
        "repositories",
        "request",
        "response",
        "s",
        "service",
        "services",
        "state",
        "t",
        "w",
    ];
    let mut name = to_case(inner, Case::Snake);
    if TAKEN.contains(&name.as_str())
        || [Lang::Rust, Lang::TypeScript, Lang::Python, Lang::Go]
            .into_iter()
            .any(|l| l.is_reserved(&name, Case::Snake))
    {
        name.push('_');
    }
    name
}

/// One piece of a route.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// A fixed name (`orders`).
    Literal(String),
    /// A placeholder, with its snake-case name (`id`).
    Param(String),
}

/// A parsed path such as `/orders/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Route {
    /// Its segments; empty for `/`.
    pub segments: Vec<Segment>,
}

impl Route {
    /// Parses a model path; `Err` says why it cannot be routed.
    pub fn parse(path: &str) -> Result<Route, String> {
        let Some(rest) = path.strip_prefix('/') else {
            return Err("a path must start with `/`".to_owned());
        };
        if rest.is_empty() {
            return Ok(Route { segments: vec![] });
        }
        let mut segments = Vec::new();
        for part in rest.split('/') {
            if part.is_empty() {
                return Err("a path may not contain `//` or end with `/`".to_owned());
            }
            if let Some(inner) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                let name = param_name(inner);
                if inner.trim().is_empty() {
                    return Err("an empty `{}` placeholder".to_owned());
                }
                if segments.contains(&Segment::Param(name.clone())) {
                    return Err(format!("the placeholder `{{{inner}}}` appears twice"));
                }
                segments.push(Segment::Param(name));
            } else if part == "." || part == ".." {
                return Err("`.` and `..` cannot be route names".to_owned());
            } else if let Some(bad) = part
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
            {
                return Err(format!(
                    "the character {bad:?} cannot appear in a route; use letters, digits, \
                     `-`, `.`, `_`, `~` and `{{param}}` placeholders"
                ));
            } else {
                segments.push(Segment::Literal(part.to_owned()));
            }
        }
        Ok(Route { segments })
    }

    /// The path with `{name}` placeholders (axum, FastAPI, OpenAPI).
    pub fn braces(&self) -> String {
        self.render(|name| format!("{{{name}}}"))
    }

    /// The path with `:name` placeholders (Fastify, Express).
    pub fn colons(&self) -> String {
        self.render(|name| format!(":{name}"))
    }

    /// The shape that decides whether two routes clash: placeholders without names.
    pub fn shape(&self) -> String {
        self.render(|_| "{}".to_owned())
    }

    /// The placeholder names, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(p) => Some(p.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// Words naming the route for function names (`orders by id`).
    pub fn words(&self) -> String {
        let mut out = Vec::new();
        for s in &self.segments {
            match s {
                Segment::Literal(l) => out.push(l.clone()),
                Segment::Param(p) => {
                    out.push("by".to_owned());
                    out.push(p.clone());
                }
            }
        }
        if out.is_empty() {
            out.push("root".to_owned());
        }
        out.join(" ")
    }

    fn render(&self, param: impl Fn(&str) -> String) -> String {
        if self.segments.is_empty() {
            return "/".to_owned();
        }
        let mut out = String::new();
        for s in &self.segments {
            out.push('/');
            match s {
                Segment::Literal(l) => out.push_str(l),
                Segment::Param(p) => out.push_str(&param(p)),
            }
        }
        out
    }

    /// Renames placeholders to those of an earlier route with the same shape up to each
    /// placeholder, so routers that key on names (axum's) see one tree.
    pub fn align_params(&mut self, earlier: &[Route]) {
        for i in 0..self.segments.len() {
            if !matches!(self.segments.get(i), Some(Segment::Param(_))) {
                continue;
            }
            let prefix = Route {
                segments: self.segments.get(..i).unwrap_or_default().to_vec(),
            }
            .shape();
            let found = earlier.iter().find_map(|r| {
                let other_prefix = Route {
                    segments: r.segments.get(..i)?.to_vec(),
                }
                .shape();
                match r.segments.get(i) {
                    Some(Segment::Param(name)) if other_prefix == prefix => Some(name.clone()),
                    _ => None,
                }
            });
            if let Some(name) = found
                && !self.segments.contains(&Segment::Param(name.clone()))
                && let Some(seg) = self.segments.get_mut(i)
            {
                *seg = Segment::Param(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ordinary_paths() {
        let r = Route::parse("/orders/{orderId}/items").unwrap();
        assert_eq!(r.braces(), "/orders/{order_id}/items");
        assert_eq!(r.colons(), "/orders/:order_id/items");
        assert_eq!(r.shape(), "/orders/{}/items");
        assert_eq!(r.params().collect::<Vec<_>>(), ["order_id"]);
        assert_eq!(r.words(), "orders by order_id items");
        assert_eq!(Route::parse("/").unwrap().braces(), "/");
        assert_eq!(Route::parse("/x/{type}").unwrap().braces(), "/x/{type_}");
    }

    #[test]
    fn refuses_what_routers_refuse() {
        for bad in [
            "orders",
            "/orders/",
            "//x",
            "/a b",
            "/x\"y",
            "/{}",
            "/{id}/{id}",
            "/${x}",
            "/a/../b",
        ] {
            assert!(Route::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn aligns_placeholder_names() {
        let first = Route::parse("/orders/{id}").unwrap();
        let mut second = Route::parse("/orders/{order_id}/items").unwrap();
        second.align_params(std::slice::from_ref(&first));
        assert_eq!(second.braces(), "/orders/{id}/items");
    }
}
