//! Why an edit could not be applied.

/// An edit that does not fit the model it was applied to. The model is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names something the model does not have.
    #[error("there is no {what} `{id}`")]
    Missing {
        /// "component", "connection", "group".
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// The new id is already used.
    #[error("the id `{id}` is already used by another {what}; choose another id")]
    Taken {
        /// "component", "connection", "group".
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A connection that the matrix or common sense forbids.
    #[error("{0}")]
    Refused(String),
    /// Clipboard text that is not a model.
    #[error("the clipboard does not hold ArchCanvas model text: {0}")]
    NotAModel(String),
}
