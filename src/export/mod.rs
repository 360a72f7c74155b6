//! Export: the model as code that compiles and infrastructure that validates.
//!
//! Shaped as two steps so each can be used and tested alone:
//!
//! 1. [`plan`] is a pure function from the model to a [`Plan`] — every file with its relative
//!    path and contents, no I/O. The editor's Code panel calls it (or [`plan_component`]) on
//!    every change; tests read files from it directly.
//! 2. [`write_plan`] puts a plan into a folder safely (paths stay inside it, a manifest of
//!    hashes, files a person edited are never overwritten without `force`).
//!
//! The generators are one module per target: `contracts` (OpenAPI, GraphQL, proto, AsyncAPI,
//! SQL, MongoDB), `infra` (docker-compose, Kubernetes, CI workflows, the README) and
//! `services` (one module per language). They share [`names`] (one sanitizer per target
//! language), [`escape`] (every model string placed in a file), [`wiring`] (the environment
//! variables) and [`project`] (what each generated service does).

pub mod contracts;
pub mod escape;
pub mod gate;
mod index;
pub mod infra;
pub mod json_schema;
pub mod manifest;
pub mod names;
mod plan;
pub mod project;
mod rel_path;
pub mod route;
pub mod rpc;
pub mod services;
pub mod wiring;
mod writer;
pub mod yaml;

use std::collections::BTreeSet;
use std::fmt;

pub use index::Index;
pub use manifest::{MANIFEST_NAME, Manifest};
pub use plan::{GeneratedFile, Plan, PlanError};
pub use rel_path::{PathError, RelPath};
pub use writer::{
    FileReport, Outcome, Progress, WriteError, WriteOptions, WriteReport, write_plan,
    write_plan_until,
};

use crate::model::{ApiStyle, Architecture, Kind, Language, Spec};
use names::file_stem;

/// A kind of artifact `--only` can select.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Artifact {
    /// Service and worker projects (`services/<id>/`) and their CI workflows.
    Services,
    /// API contracts: OpenAPI, GraphQL SDL, `.proto` (`api/`).
    Openapi,
    /// SQL and MongoDB validators (`sql/`).
    Sql,
    /// AsyncAPI documents (`asyncapi/`).
    Asyncapi,
    /// `docker-compose.yml`.
    Compose,
    /// Kubernetes manifests (`k8s/`).
    K8s,
}

impl Artifact {
    /// Every artifact, in the order the folder lists them.
    pub const ALL: [Artifact; 6] = [
        Artifact::Services,
        Artifact::Openapi,
        Artifact::Sql,
        Artifact::Asyncapi,
        Artifact::Compose,
        Artifact::K8s,
    ];

    /// The keyword on the command line.
    pub fn keyword(self) -> &'static str {
        match self {
            Artifact::Services => "services",
            Artifact::Openapi => "openapi",
            Artifact::Sql => "sql",
            Artifact::Asyncapi => "asyncapi",
            Artifact::Compose => "compose",
            Artifact::K8s => "k8s",
        }
    }

    /// Parses a keyword (`kubernetes` and `api` are accepted too).
    pub fn parse(text: &str) -> Option<Artifact> {
        match text.trim().to_ascii_lowercase().as_str() {
            "kubernetes" => Some(Artifact::K8s),
            "api" | "contracts" => Some(Artifact::Openapi),
            "docker-compose" => Some(Artifact::Compose),
            t => Artifact::ALL.into_iter().find(|a| a.keyword() == t),
        }
    }
}

impl fmt::Display for Artifact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// What to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The artifacts to generate; empty means all.
    pub only: BTreeSet<Artifact>,
    /// Generate every project in this language instead of each component's own.
    pub language: Option<Language>,
}

impl ExportOptions {
    /// Whether `artifact` is selected.
    pub fn wants(&self, artifact: Artifact) -> bool {
        self.only.is_empty() || self.only.contains(&artifact)
    }
}

/// Every file of an export of `arch`, in memory.
pub fn plan(arch: &Architecture, options: &ExportOptions) -> Result<Plan, PlanError> {
    let mut plan = Plan::new();
    let index = Index::new(arch);
    let (projects, warnings) = project::projects(&index, options.language);
    for w in warnings {
        plan.warn(w);
    }
    if options.wants(Artifact::Openapi) {
        add_contracts(&index, &projects, &mut plan)?;
        add_service_protos(&index, &mut plan)?;
    }
    if options.wants(Artifact::Sql) {
        for db in arch.components.iter() {
            let Spec::Database(spec) = &db.spec else {
                continue;
            };
            let stem = file_stem(db.id.as_str());
            if spec.engine == crate::model::DbEngine::Mongodb {
                if let Some(text) = contracts::mongo::validators(arch, db) {
                    plan.add(&format!("sql/{stem}.mongodb.json"), text, Some(&db.id))?;
                }
            } else if let Some((text, warnings)) = contracts::sql::sql(db) {
                plan.add(&format!("sql/{stem}.sql"), text, Some(&db.id))?;
                for w in warnings {
                    plan.warn(w);
                }
            }
        }
    }
    if options.wants(Artifact::Asyncapi) {
        for q in arch.components.iter().filter(|c| c.kind() == Kind::Queue) {
            let stem = file_stem(q.id.as_str());
            plan.add(
                &format!("asyncapi/{stem}.yaml"),
                contracts::asyncapi::asyncapi(&index, q),
                Some(&q.id),
            )?;
        }
    }
    if options.wants(Artifact::Services) {
        for p in &projects {
            services::generate(&index, p, &mut plan)?;
            plan.add(
                &format!(".github/workflows/{}.yml", file_stem(p.id.as_str())),
                infra::workflow::workflow(p),
                Some(&p.id),
            )?;
        }
    }
    if options.wants(Artifact::Compose) {
        plan.add(
            "docker-compose.yml",
            infra::compose::compose(&index, &projects),
            None,
        )?;
    }
    if options.wants(Artifact::K8s) {
        infra::k8s::manifests(&index, &projects, &mut plan)?;
    }
    plan.add(
        "README.md",
        infra::readme::readme(arch, &projects, options),
        None,
    )?;
    Ok(plan)
}

/// The files generated for one component (its project, contract, SQL, workflow…): what the
/// editor's Code panel shows for the selection.
pub fn plan_component(
    arch: &Architecture,
    component: &str,
    options: &ExportOptions,
) -> Result<Vec<GeneratedFile>, PlanError> {
    let plan = plan(arch, options)?;
    Ok(plan.files_of(component).cloned().collect())
}

/// The `.proto` contracts of services with `Rpc` endpoints of their own (gRPC APIs get theirs
/// in [`add_contracts`]).
fn add_service_protos(index: &Index<'_>, plan: &mut Plan) -> Result<(), PlanError> {
    for c in index.arch.components.iter() {
        if !matches!(c.spec, Spec::Service(_)) {
            continue;
        }
        if let Some(service) = rpc::service_of(index, c) {
            plan.add(
                &format!("api/{}.proto", service.stem),
                service.text,
                Some(&c.id),
            )?;
        }
    }
    Ok(())
}

fn add_contracts(
    index: &Index<'_>,
    projects: &[project::Project],
    plan: &mut Plan,
) -> Result<(), PlanError> {
    let arch = index.arch;
    let by_id: std::collections::BTreeMap<&str, &project::Project> =
        projects.iter().map(|p| (p.id.as_str(), p)).collect();
    for c in arch.components.iter() {
        let stem = file_stem(c.id.as_str());
        match &c.spec {
            Spec::Api(api) => match api.style {
                ApiStyle::Rest => {
                    let mut warnings = Vec::new();
                    let ops = project::operations_of(index, c, &mut warnings);
                    let wanted = ops
                        .iter()
                        .flat_map(|o| o.request.iter().chain(o.response.iter()))
                        .cloned()
                        .collect();
                    let schemas = project::closure(index, wanted);
                    let doc = contracts::openapi::ApiDoc {
                        title: &c.name,
                        description: &c.description,
                        port: api.port,
                        operations: &ops,
                        auth: api.auth,
                        rate_limit: api.rate_limit,
                        schemas: &schemas,
                    };
                    plan.add(
                        &format!("api/{stem}.openapi.yaml"),
                        contracts::openapi::openapi(&doc),
                        Some(&c.id),
                    )?;
                }
                ApiStyle::Graphql => plan.add(
                    &format!("api/{stem}.graphql"),
                    contracts::graphql::sdl(index, &c.name, &c.description, &api.endpoints),
                    Some(&c.id),
                )?,
                ApiStyle::Grpc => plan.add(
                    &format!("api/{stem}.proto"),
                    contracts::proto::proto(index, &c.id, &c.name, &api.endpoints),
                    Some(&c.id),
                )?,
            },
            Spec::Service(_) | Spec::Worker(_) => {
                let Some(p) = by_id.get(c.id.as_str()) else {
                    continue;
                };
                // GraphQL resolvers are in the GraphQL API's own contract.
                let http: Vec<project::Operation> = p
                    .operations
                    .iter()
                    .filter(|o| o.is_http())
                    .cloned()
                    .collect();
                if http.is_empty() {
                    continue;
                }
                let doc = contracts::openapi::ApiDoc {
                    title: &c.name,
                    description: &c.description,
                    port: Some(p.port),
                    operations: &http,
                    auth: p.auth,
                    rate_limit: p.rate_limit,
                    schemas: &p.schemas,
                };
                plan.add(
                    &format!("api/{stem}.openapi.yaml"),
                    contracts::openapi::openapi(&doc),
                    Some(&c.id),
                )?;
            }
            _ => {}
        }
    }
    Ok(())
}
