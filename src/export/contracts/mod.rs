//! API contracts (OpenAPI, GraphQL SDL, Protocol Buffers), event contracts (AsyncAPI) and
//! data definitions (SQL, MongoDB validators): one module per format.

pub mod asyncapi;
pub mod graphql;
pub mod mongo;
pub mod openapi;
pub mod proto;
pub mod sql;
