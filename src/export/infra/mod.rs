//! Infrastructure around the generated code: docker-compose, Kubernetes, CI workflows and the
//! export's README.

pub mod compose;
mod engine;
pub mod k8s;
pub mod readme;
pub mod workflow;
mod zones;

pub use engine::{Runtime, runtime};

pub use zones::networks_of;
