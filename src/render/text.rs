//! Helpers the text formats share: identifiers, the line under a name, label choice.

use crate::model::{Component, Connection};

/// `id` with `-` turned into `_`, for tools whose identifiers cannot hold a hyphen. Model ids
/// never hold `_`, so two ids never map to the same name.
pub fn underscored(id: &str) -> String {
    id.replace('-', "_")
}

/// The identifier `id` gets in a tool with `reserved` words: [`underscored`], with a
/// trailing `_` when that is a reserved word.
pub fn ident(id: &str, reserved: &[&str]) -> String {
    let mut name = underscored(id);
    if reserved.iter().any(|r| r.eq_ignore_ascii_case(&name)) {
        name.push('_');
    }
    name
}

/// The technology line shown under a component's name ("Rust · axum"); empty when it
/// would only repeat the name (a client called "Mobile app" on the mobile platform).
pub fn detail(component: &Component) -> String {
    let detail = component.spec.technology_label();
    if detail.trim().eq_ignore_ascii_case(component.name.trim()) {
        String::new()
    } else {
        detail
    }
}

/// The text drawn on a connection: its label, or the topic of a message connection.
pub fn edge_label(connection: &Connection) -> &str {
    let label = connection.label.trim();
    if label.is_empty() {
        connection.kind.topic().unwrap_or("").trim()
    } else {
        label
    }
}

/// `text` on one line: line breaks and tabs become spaces, other control characters go.
pub fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' => Some(' '),
            '\r' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A `#rrggbb` colour with its opacity as a fourth byte (`#rrggbbaa`).
pub fn hex_with_alpha(c: crate::theme::Rgba) -> String {
    format!("{}{:02x}", c.css_hex(), c.a)
}

/// The opaque colour `c` shows over `background` (for tools without translucent fills).
pub fn over(c: crate::theme::Rgba, background: crate::theme::Rgba) -> crate::theme::Rgba {
    let a = u32::from(c.a);
    let mix = |top: u8, bottom: u8| {
        ((u32::from(top) * a + u32::from(bottom) * (255 - a) + 127) / 255) as u8
    };
    crate::theme::Rgba {
        r: mix(c.r, background.r),
        g: mix(c.g, background.g),
        b: mix(c.b, background.b),
        a: 255,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_map_one_to_one() {
        assert_eq!(underscored("orders-db"), "orders_db");
        assert_eq!(ident("end", &["end", "graph"]), "end_");
        assert_eq!(ident("end-point", &["end"]), "end_point");
        assert_eq!(one_line("a\r\nb\u{7}\tc"), "a b c");
        let white = crate::theme::Rgba::hex(0xffffff);
        assert_eq!(
            over(crate::theme::Rgba::hex(0x000000).with_alpha(255), white).css_hex(),
            "#000000"
        );
        assert_eq!(
            over(crate::theme::Rgba::hex(0x000000).with_alpha(0), white).css_hex(),
            "#ffffff"
        );
        assert_eq!(
            over(crate::theme::Rgba::hex(0x000000).with_alpha(128), white).css_hex(),
            "#7f7f7f"
        );
    }
}
