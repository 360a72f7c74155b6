//! Protocol Buffers (proto3) for APIs in the gRPC style.
//!
//! Self-contained on purpose (no imports of Google's well-known types), so `protoc` accepts
//! it without any include path: timestamps travel as RFC 3339 strings and an `Empty` message
//! is declared in the file when an RPC has no request or response.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::super::escape::comment;
use super::super::index::Index;
use super::super::names::{Case, Lang, Scope, ident};
use super::super::project::closure;
use crate::model::{Endpoint, FieldType, Id, Schema};

fn scalar(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::Int => "int32",
        FieldType::Long => "int64",
        FieldType::Float => "double",
        FieldType::Bool => "bool",
        FieldType::Bytes => "bytes",
        _ => "string",
    }
}

fn write_comment(out: &mut String, indent: &str, text: &str) {
    // grpcio-tools copies RPC comments into Python docstrings, where a backslash is an escape.
    let text = comment(text).replace('\\', "/");
    if !text.is_empty() {
        let _ = writeln!(out, "{indent}// {text}");
    }
}

/// The field names of the message of `schema`, in order.
pub fn field_names(schema: &Schema) -> Vec<String> {
    let mut scope = Scope::new();
    schema
        .fields
        .iter()
        .map(|f| scope.claim(ident(Lang::Proto, &f.name, Case::Snake), Case::Snake))
        .collect()
}

/// The `.proto` type of a field, without its label (`repeated`, `optional`).
pub fn field_type(ty: &FieldType, names: &BTreeMap<Id, String>) -> String {
    match ty {
        FieldType::Object(n) => names.get(n).cloned().unwrap_or_else(|| "string".to_owned()),
        other => scalar(other).to_owned(),
    }
}

fn write_message(out: &mut String, name: &str, schema: &Schema, names: &BTreeMap<Id, String>) {
    write_comment(out, "", &schema.description);
    let _ = writeln!(out, "message {name} {{");
    for (i, (f, fname)) in schema.fields.iter().zip(field_names(schema)).enumerate() {
        write_comment(out, "  ", &f.description);
        let ty = field_type(&f.ty, names);
        let label = if f.list {
            "repeated "
        } else if f.nullable {
            "optional "
        } else {
            ""
        };
        let _ = writeln!(out, "  {label}{ty} {fname} = {};", i + 1);
    }
    let _ = writeln!(out, "}}\n");
}

/// One RPC of a contract, with the message names the `.proto` file gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProtoRpc {
    /// The RPC's name (`GetProfile`).
    pub name: String,
    /// The request message (`Empty` when the endpoint takes nothing).
    pub request: String,
    /// The response message (a `…List` wrapper for lists, `Empty` for nothing).
    pub response: String,
    /// The endpoint it comes from.
    pub endpoint: Endpoint,
}

/// The names in one `.proto` file, decided once: the file and the services that implement it
/// use the same ones.
#[derive(Clone, Debug, PartialEq)]
pub struct ProtoContract {
    /// `<id>.v1`.
    pub package: String,
    /// The service's name, from the title.
    pub service: String,
    /// Its RPCs, in the endpoints' order.
    pub rpcs: Vec<ProtoRpc>,
    /// Schema name → message name.
    pub messages: BTreeMap<Id, String>,
    /// List wrapper messages: item message → wrapper name.
    pub lists: BTreeMap<String, String>,
    /// Whether `Empty` is declared.
    pub needs_empty: bool,
    /// The schemas, references closed over, sorted by name.
    pub schemas: Vec<Schema>,
}

/// The names of the `.proto` file of one gRPC API.
pub fn contract(index: &Index<'_>, id: &Id, title: &str, endpoints: &[Endpoint]) -> ProtoContract {
    let wanted: BTreeSet<Id> = endpoints
        .iter()
        .flat_map(|e| e.request.iter().chain(e.response.iter()))
        .cloned()
        .collect();
    let schemas = closure(index, wanted);
    let mut scope = Scope::with_taken(["Empty"]);
    let names: BTreeMap<Id, String> = schemas
        .iter()
        .map(|s| {
            let n = scope.claim(
                ident(Lang::Proto, s.name.as_str(), Case::Pascal),
                Case::Pascal,
            );
            (s.name.clone(), n)
        })
        .collect();
    let mut lists: BTreeMap<String, String> = BTreeMap::new();
    let mut rpcs = Vec::new();
    let mut rpc_names = Scope::new();
    let mut needs_empty = false;
    for e in endpoints {
        let name = rpc_names.claim(ident(Lang::Proto, &e.path, Case::Pascal), Case::Pascal);
        let request = match e.request.as_ref().and_then(|r| names.get(r)) {
            Some(n) => n.clone(),
            None => {
                needs_empty = true;
                "Empty".to_owned()
            }
        };
        let response = match e.response.as_ref().and_then(|r| names.get(r)) {
            Some(n) if e.response_list => {
                let list = lists
                    .entry(n.clone())
                    .or_insert_with(|| scope.claim(format!("{n}List"), Case::Pascal));
                list.clone()
            }
            Some(n) => n.clone(),
            None => {
                needs_empty = true;
                "Empty".to_owned()
            }
        };
        rpcs.push(ProtoRpc {
            name,
            request,
            response,
            endpoint: e.clone(),
        });
    }
    let service = scope.claim(ident(Lang::Proto, title, Case::Pascal), Case::Pascal);
    ProtoContract {
        package: format!("{}.v1", ident(Lang::Proto, id.as_str(), Case::Snake)),
        service,
        rpcs,
        messages: names,
        lists,
        needs_empty,
        schemas,
    }
}

/// The `.proto` file of one gRPC API.
pub fn proto(index: &Index<'_>, id: &Id, title: &str, endpoints: &[Endpoint]) -> String {
    render(&contract(index, id, title, endpoints), title)
}

/// The text of a contract.
pub fn render(c: &ProtoContract, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Generated by ArchCanvas from the model; edit the model, not this file.\n// {}\n",
        comment(title)
    );
    out.push_str("syntax = \"proto3\";\n\n");
    let _ = writeln!(out, "package {};\n", c.package);
    for s in &c.schemas {
        if let Some(n) = c.messages.get(&s.name) {
            write_message(&mut out, n, s, &c.messages);
        }
    }
    let mut rpcs = String::new();
    for r in &c.rpcs {
        write_comment(&mut rpcs, "  ", &r.endpoint.summary);
        // Inside the service an RPC's name hides a message of the same name (`rpc TripDistance
        // (…) returns (TripDistance)` would name the RPC): such types are written in full.
        let clashes = c
            .messages
            .values()
            .chain(c.lists.values())
            .any(|m| m == &r.name)
            || (c.needs_empty && r.name == "Empty");
        let ty = |name: &str| {
            if clashes {
                format!(".{}.{name}", c.package)
            } else {
                name.to_owned()
            }
        };
        let _ = writeln!(
            rpcs,
            "  rpc {} ({}) returns ({});",
            r.name,
            ty(&r.request),
            ty(&r.response)
        );
    }
    for (item, list) in &c.lists {
        let _ = writeln!(out, "message {list} {{\n  repeated {item} items = 1;\n}}\n");
    }
    if c.needs_empty {
        out.push_str("// No fields: for calls that take or return nothing.\nmessage Empty {}\n\n");
    }
    let _ = writeln!(out, "service {} {{\n{rpcs}}}", c.service);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id;
    use crate::model::Method;

    #[test]
    fn an_rpc_named_like_its_message_names_the_message_in_full() {
        let rpc = |name: &str, request: &str, response: &str| ProtoRpc {
            name: name.to_owned(),
            request: request.to_owned(),
            response: response.to_owned(),
            endpoint: Endpoint {
                method: Method::Rpc,
                path: name.to_owned(),
                ..Endpoint::default()
            },
        };
        let contract = ProtoContract {
            package: "location.v1".to_owned(),
            service: "Location".to_owned(),
            rpcs: vec![
                rpc("TripDistance", "Empty", "TripDistance"),
                ProtoRpc {
                    endpoint: Endpoint {
                        summary: "back\\slash".to_owned(),
                        ..Endpoint::default()
                    },
                    ..rpc("Other", "Empty", "TripDistance")
                },
            ],
            messages: BTreeMap::from([(id!("trip-distance"), "TripDistance".to_owned())]),
            lists: BTreeMap::new(),
            needs_empty: true,
            schemas: Vec::new(),
        };
        let text = render(&contract, "Location");
        assert!(
            text.contains(
                "rpc TripDistance (.location.v1.Empty) returns (.location.v1.TripDistance);"
            ),
            "{text}"
        );
        assert!(
            text.contains("rpc Other (Empty) returns (TripDistance);"),
            "{text}"
        );
        // No backslash reaches the Python docstrings grpcio-tools makes of comments.
        assert!(text.contains("  // back/slash\n"), "{text}");
    }
}
