//! What the panels ask for during a frame, applied by the app after drawing.
//!
//! Nothing that draws changes the document: the canvas, the inspector, the palette and any
//! added panel push edits and commands here, and the app applies them in order at the end of
//! the frame (see `App::apply_actions`).

use crate::edit::Edit;

use super::commands::Command;
use super::selection::Selection;

/// An edit waiting for the end of the frame.
#[derive(Debug)]
pub struct PendingEdit {
    /// Undo menu label.
    pub label: String,
    /// The edit.
    pub edit: Edit,
    /// Edits with the same key in a row are one undo step (typing in one field).
    pub merge_key: Option<String>,
    /// Selection to set once applied.
    pub select: Option<Selection>,
}

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something happened as asked.
    Info,
    /// Something was refused or failed; the model is unchanged.
    Error,
}

/// The queue of one frame.
#[derive(Debug, Default)]
pub struct Actions {
    /// Edits, in order.
    pub edits: Vec<PendingEdit>,
    /// Commands, in order (after the edits).
    pub commands: Vec<Command>,
    /// Messages for the user.
    pub messages: Vec<(Level, String)>,
    /// A selection change without an edit.
    pub select: Option<Selection>,
}

impl Actions {
    /// Queues an edit as its own undo step.
    pub fn edit(&mut self, label: impl Into<String>, edit: Edit) {
        self.edits.push(PendingEdit {
            label: label.into(),
            edit,
            merge_key: None,
            select: None,
        });
    }

    /// Queues an edit and the selection to set after it.
    pub fn edit_and_select(&mut self, label: impl Into<String>, edit: Edit, select: Selection) {
        self.edits.push(PendingEdit {
            label: label.into(),
            edit,
            merge_key: None,
            select: Some(select),
        });
    }

    /// Queues an edit that joins the previous step with the same key.
    pub fn edit_merged(&mut self, label: impl Into<String>, edit: Edit, key: String) {
        self.edits.push(PendingEdit {
            label: label.into(),
            edit,
            merge_key: Some(key),
            select: None,
        });
    }

    /// Queues a command.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Tells the user something was refused or failed.
    pub fn error(&mut self, text: impl Into<String>) {
        self.messages.push((Level::Error, text.into()));
    }

    /// Tells the user something happened.
    pub fn info(&mut self, text: impl Into<String>) {
        self.messages.push((Level::Info, text.into()));
    }
}
