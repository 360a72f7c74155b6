//! Extra panels docked under the canvas (Problems, Code, Flows…), added by other areas.
//!
//! A panel implements [`DockPanel`] and is registered with `App::add_panel`; the app shows
//! the registered panels as tabs in one bottom dock and gives each the same context as
//! the built-in panels: the model (read-only), the selection, and the action queue for
//! edits and commands. Nothing else in the app needs to change.

use crate::model::Architecture;

use super::actions::Actions;
use super::problems::Checks;
use super::selection::Selection;

/// What a docked panel may read and ask for in one frame.
pub struct PanelContext<'a> {
    /// The model.
    pub arch: &'a Architecture,
    /// Changes whenever the model does (for caches).
    pub generation: u64,
    /// The selection.
    pub selection: &'a Selection,
    /// Where to push edits, commands and messages.
    pub actions: &'a mut Actions,
    /// The model's newest findings (kept current by the app whichever tab is open).
    pub checks: &'a Checks,
}

/// A panel in the bottom dock.
pub trait DockPanel {
    /// Tab title.
    fn title(&self) -> String;
    /// Draws the panel.
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut PanelContext<'_>);
}
