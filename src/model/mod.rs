//! The document model: what the architect draws, as typed data.
//!
//! Plain data with serde derives and no behaviour beyond lookups and small invariants: the
//! file module reads and writes it, `edit` changes it, everything else reads it. No egui here.

mod architecture;
mod catalogue;
mod component;
mod connection;
mod finite;
mod flow;
pub mod generate;
mod group;
mod id;
mod id_map;
mod kind;
mod layout;
pub mod matrix;
mod note;
mod rules;
mod schema;
pub mod spec;
mod view;

pub use architecture::Architecture;
pub use catalogue::{TechInfo, Technology};
pub use component::Component;
pub use connection::{CallSpec, Connection, ConnectionKind, ConnectionType, Protocol, Style};
pub use flow::{Flow, FlowStep};
pub use group::{Group, GroupKind, Zone};
pub use id::{Id, IdError, identifier_key};
pub use id_map::{HasId, IdMap, deserialize_unique_vec, unique_map};
pub use kind::Kind;
pub use layout::{Layout, Placement};
pub use note::{Note, NoteTarget};
pub use rules::{
    DEFAULT_MAX_FAN_OUT, DEFAULT_MAX_SYNC_DEPTH, Level, RuleSettings, Severity, Suppression,
};
pub use schema::{Field, FieldType, Schema};
pub use spec::{
    ApiSpec, ApiStyle, Auth, CacheEngine, CacheSpec, ClientPlatform, ClientSpec, DatabaseSpec,
    DbEngine, Endpoint, ExternalSpec, Language, Method, QueueEngine, QueueSpec, ServiceSpec, Spec,
    StorageEngine, StorageSpec, Topic, Trigger, WorkerSpec,
};
pub use view::{View, ViewFilter, Viewport};
