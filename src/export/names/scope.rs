//! One namespace of generated identifiers (the types of one module, the fields of one struct).

use std::collections::BTreeSet;

use super::Case;

/// The names already given in one namespace.
///
/// Sanitizers never merge names with different identifier keys, but two names with the same
/// key (`order-item`, `orderItem`) still meet; the `duplicate-name` check reports them, and
/// a forced export must still compile, so a later one gets a numbered suffix that no
/// sanitized name can have (`OrderItem_2`, `order_item__2`).
#[derive(Clone, Debug, Default)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    /// An empty namespace.
    pub fn new() -> Self {
        Self::default()
    }

    /// A namespace where `taken` are already used (names the generated code defines itself).
    pub fn with_taken<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            used: taken.into_iter().map(str::to_owned).collect(),
        }
    }

    /// `ident` if free, else `ident` with the first free numbered suffix; marks it used.
    pub fn claim(&mut self, ident: String, case: Case) -> String {
        let separator = match case {
            Case::Snake | Case::ScreamingSnake => "__",
            Case::Pascal | Case::Camel => "_",
        };
        let mut candidate = ident.clone();
        let mut n = 2u32;
        while self.used.contains(&candidate) {
            candidate = format!("{ident}{separator}{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_duplicates_get_suffixes() {
        let mut scope = Scope::with_taken(["AppState"]);
        assert_eq!(scope.claim("OrderItem".into(), Case::Pascal), "OrderItem");
        assert_eq!(scope.claim("OrderItem".into(), Case::Pascal), "OrderItem_2");
        assert_eq!(scope.claim("OrderItem".into(), Case::Pascal), "OrderItem_3");
        assert_eq!(scope.claim("AppState".into(), Case::Pascal), "AppState_2");
        assert_eq!(scope.claim("a_b".into(), Case::Snake), "a_b");
        assert_eq!(scope.claim("a_b".into(), Case::Snake), "a_b__2");
    }
}
