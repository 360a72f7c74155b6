//! The identifiers of one generated project in one language, decided in one place.

use std::collections::{BTreeMap, BTreeSet};

use super::super::names::{Case, Lang, Scope, ident};
use super::super::project::Project;
use crate::model::{FieldType, Id, Schema};

/// Identifier cases a language uses for each role.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// The language.
    pub lang: Lang,
    /// Functions and methods.
    pub function: Case,
    /// Struct fields and object properties.
    pub field: Case,
}

/// Every name a project's code uses.
#[derive(Clone, Debug)]
pub struct Naming {
    /// Schema name → type name.
    pub types: BTreeMap<Id, String>,
    /// Per schema: per field, its identifier.
    pub fields: BTreeMap<Id, Vec<String>>,
    /// Per operation: function name.
    pub operations: Vec<String>,
    /// Per client: (field name, type name).
    pub clients: Vec<(String, String)>,
    /// Per client: per operation, method name.
    pub client_operations: Vec<Vec<String>>,
    /// Per producer: field name.
    pub producers: Vec<String>,
    /// Per consumer: handler method name.
    pub consumers: Vec<String>,
    /// Per repository: (field name, type name).
    pub repositories: Vec<(String, String)>,
    /// Per peer: configuration field holding its address.
    pub peers: Vec<String>,
    /// Schema names whose fields must be boxed or pointers (a cycle through them).
    pub recursive: BTreeSet<(Id, usize)>,
    /// Per gRPC service: per RPC, its service-layer method name.
    pub rpcs: Vec<Vec<String>>,
    /// Per operation: for a subscription, (the field holding its hub, the method publishing
    /// to it); empty names for the others.
    pub hubs: Vec<(String, String)>,
}

impl Naming {
    /// Names for `project` in `style`, avoiding `reserved_types` (types the generated code
    /// defines itself).
    pub fn new(project: &Project, style: Style, reserved_types: &[&str]) -> Self {
        let mut types = Scope::with_taken(reserved_types.iter().copied());
        let type_names: BTreeMap<Id, String> = project
            .schemas
            .iter()
            .map(|s| {
                let n = types.claim(
                    ident(style.lang, s.name.as_str(), Case::Pascal),
                    Case::Pascal,
                );
                (s.name.clone(), n)
            })
            .collect();
        let fields = project
            .schemas
            .iter()
            .map(|s| {
                let mut scope = Scope::new();
                let names = s
                    .fields
                    .iter()
                    .map(|f| scope.claim(ident(style.lang, &f.name, style.field), style.field))
                    .collect();
                (s.name.clone(), names)
            })
            .collect();
        let mut functions = Scope::with_taken([
            "health",
            "ready",
            "new",
            "run",
            "Health",
            "Ready",
            "New",
            "Run",
            "RunScheduledJob",
            "run_scheduled_job",
            "runScheduledJob",
        ]);
        let operations = project
            .operations
            .iter()
            .map(|o| functions.claim(ident(style.lang, &o.name, style.function), style.function))
            .collect();
        let mut members = Scope::with_taken([
            "config", "http", "state", "service", "log", "Config", "Http", "State", "Service",
            "Log",
        ]);
        let clients: Vec<(String, String)> = project
            .clients
            .iter()
            .map(|c| {
                let field =
                    members.claim(ident(style.lang, c.peer.as_str(), style.field), style.field);
                let ty = types.claim(
                    ident(style.lang, &format!("{} client", c.peer), Case::Pascal),
                    Case::Pascal,
                );
                (field, ty)
            })
            .collect();
        let client_operations = project
            .clients
            .iter()
            .map(|c| {
                let mut scope = Scope::with_taken(["new", "send", "call", "New", "Send", "Call"]);
                c.operations
                    .iter()
                    .map(|o| {
                        scope.claim(ident(style.lang, &o.name, style.function), style.function)
                    })
                    .collect()
            })
            .collect();
        let producers = project
            .producers
            .iter()
            .map(|t| {
                members.claim(
                    ident(
                        style.lang,
                        &format!("{} {} producer", t.queue, t.topic),
                        style.field,
                    ),
                    style.field,
                )
            })
            .collect();
        let consumers = project
            .consumers
            .iter()
            .map(|t| {
                functions.claim(
                    ident(
                        style.lang,
                        &format!("handle {} {}", t.queue, t.topic),
                        style.function,
                    ),
                    style.function,
                )
            })
            .collect();
        let repositories = project
            .repositories
            .iter()
            .map(|r| {
                let field = members.claim(
                    ident(
                        style.lang,
                        &format!("{} {} repository", r.database, r.entity),
                        style.field,
                    ),
                    style.field,
                );
                let ty = types.claim(
                    ident(
                        style.lang,
                        &format!("{} repository", r.entity),
                        Case::Pascal,
                    ),
                    Case::Pascal,
                );
                (field, ty)
            })
            .collect();
        let hubs = project
            .operations
            .iter()
            .map(|o| {
                if !o.is_subscription() {
                    return (String::new(), String::new());
                }
                let words = o.route.words();
                let field = members.claim(
                    ident(style.lang, &format!("{words} hub"), style.field),
                    style.field,
                );
                let publish = functions.claim(
                    ident(style.lang, &format!("publish {words}"), style.function),
                    style.function,
                );
                (field, publish)
            })
            .collect();
        let mut config = Scope::with_taken(["port", "log_level", "logLevel", "LogLevel", "Port"]);
        let peers = project
            .peers
            .iter()
            .map(|p| {
                config.claim(
                    ident(style.lang, &format!("{} url", p.id), style.field),
                    style.field,
                )
            })
            .collect();
        let rpcs = project
            .grpc
            .iter()
            .map(|g| {
                g.contract
                    .rpcs
                    .iter()
                    .map(|r| {
                        functions.claim(
                            ident(style.lang, &format!("rpc {}", r.name), style.function),
                            style.function,
                        )
                    })
                    .collect()
            })
            .collect();
        Self {
            rpcs,
            recursive: recursive_fields(&project.schemas),
            types: type_names,
            fields,
            operations,
            clients,
            client_operations,
            producers,
            consumers,
            repositories,
            peers,
            hubs,
        }
    }

    /// The type name of schema `name`, if the project has it.
    pub fn ty(&self, name: &Id) -> Option<&str> {
        self.types.get(name).map(String::as_str)
    }

    /// Whether field `index` of schema `schema` closes a reference cycle.
    pub fn is_recursive(&self, schema: &Id, index: usize) -> bool {
        self.recursive.contains(&(schema.clone(), index))
    }
}

/// Fields of non-list object type through which a schema can reach itself: they must be
/// boxed (Rust) or pointers (Go), or the type would have infinite size.
fn recursive_fields(schemas: &[Schema]) -> BTreeSet<(Id, usize)> {
    let by_name: BTreeMap<&Id, &Schema> = schemas.iter().map(|s| (&s.name, s)).collect();
    let reaches = |from: &Id, to: &Id| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(n) = todo.pop() {
            if n == to {
                return true;
            }
            if !seen.insert(n) {
                continue;
            }
            if let Some(s) = by_name.get(n) {
                for f in &s.fields {
                    if let (FieldType::Object(inner), false) = (&f.ty, f.list) {
                        todo.push(inner);
                    }
                }
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for s in schemas {
        for (i, f) in s.fields.iter().enumerate() {
            if let (FieldType::Object(inner), false) = (&f.ty, f.list)
                && reaches(inner, &s.name)
            {
                out.insert((s.name.clone(), i));
            }
        }
    }
    out
}

/// The names of one gRPC client: its address and CA fields in the configuration, and per
/// service of its target, per RPC, its method beside the client's HTTP methods.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrpcClientNames {
    /// The configuration field holding the server's address (`catalog_grpc_url`).
    pub url: String,
    /// The configuration field naming the certificates to trust (`catalog_grpc_ca`).
    pub ca: String,
    /// Per service of the target, per RPC, the client's method.
    pub methods: Vec<Vec<String>>,
}

/// Per client of `p`, the names of its gRPC side in `lang` and `case` (`None` for a client
/// without a gRPC target). Config fields never clash with `config_taken` or the peers'
/// fields, nor methods with `methods_taken` or the client's HTTP methods.
pub fn grpc_client_names(
    p: &Project,
    n: &Naming,
    (lang, case): (Lang, Case),
    config_taken: &[&str],
    methods_taken: &[&str],
) -> Vec<Option<GrpcClientNames>> {
    let mut config = Scope::with_taken(
        config_taken
            .iter()
            .copied()
            .chain(n.peers.iter().map(String::as_str)),
    );
    p.clients
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let t = c.grpc.as_ref()?;
            let mut field =
                |what: &str| config.claim(ident(lang, &format!("{} {what}", c.peer), case), case);
            let url = field("grpc url");
            let ca = field("grpc ca");
            let http = n.client_operations.get(ci).into_iter().flatten();
            let mut scope = Scope::with_taken(
                methods_taken
                    .iter()
                    .copied()
                    .chain(http.map(String::as_str)),
            );
            let methods = t
                .services
                .iter()
                .map(|s| {
                    s.contract
                        .rpcs
                        .iter()
                        .map(|r| scope.claim(ident(lang, &r.name, case), case))
                        .collect()
                })
                .collect();
            Some(GrpcClientNames { url, ca, methods })
        })
        .collect()
}
