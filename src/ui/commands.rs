//! Every command of the editor, in one table: the menu bar, the keyboard shortcuts, the
//! command palette and the README's shortcut table all come from [`COMMANDS`].
//!
//! To add a command (other areas will: export, check, layout, views…): add a variant to
//! [`Command`], a row to [`COMMANDS`] naming its menu and shortcut, and an arm in
//! `App::run_command`. Menus are built in table order, so put the row where it belongs.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::edit::arrange::{Align, Axis};

/// Something the user can ask for by menu, shortcut or the command palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start an empty model.
    New,
    /// Choose a file to open.
    Open,
    /// Save to the current file (or ask where).
    Save,
    /// Save to a new file.
    SaveAs,
    /// Write the diagram as SVG, PNG, PDF, Mermaid, PlantUML, DOT, D2, Structurizr or Markdown.
    ExportDiagram,
    /// Compare the open model with another file or a git revision of it.
    CompareWith,
    /// End the comparison.
    CloseComparison,
    /// Step to the next change of the comparison.
    NextChange,
    /// Step to the previous change of the comparison.
    PreviousChange,
    /// Add a review note to the selected component or connection.
    AddNote,
    /// Close the window.
    Quit,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Copy the selection as model text and delete it.
    Cut,
    /// Copy the selection as model text.
    Copy,
    /// Paste model text from the clipboard.
    Paste,
    /// Copy the selection in place.
    Duplicate,
    /// Delete the selection.
    Delete,
    /// Select every component.
    SelectAll,
    /// Clear the selection and close popups.
    Deselect,
    /// Rename the selected component on the canvas.
    Rename,
    /// Find components.
    Find,
    /// Find a command by name.
    CommandPalette,
    /// Zoom in around the centre.
    ZoomIn,
    /// Zoom out around the centre.
    ZoomOut,
    /// Show everything.
    ZoomFit,
    /// Zoom to 100 %.
    ZoomReset,
    /// Show or hide the grid.
    ToggleGrid,
    /// Snap moved and added components to the grid.
    ToggleSnap,
    /// Show or hide the minimap.
    ToggleMinimap,
    /// Follow the system's light or dark setting.
    ThemeSystem,
    /// Always light.
    ThemeLight,
    /// Always dark.
    ThemeDark,
    /// Line up the selection.
    Align(Align),
    /// Spread the selection evenly.
    Distribute(Axis),
    /// Put the selection in a new group.
    GroupSelection,
    /// Take the selection out of its groups.
    Ungroup,
    /// Lay out the selection, or everything, automatically in this direction.
    AutoLayout(crate::layout::Direction),
    /// Show or hide the Views and Flows panel.
    ToggleReviewPanel,
    /// Presentation mode: full screen, views then flow steps.
    Present,
    /// Next step of the playing flow.
    NextStep,
    /// Previous step of the playing flow.
    PreviousStep,
    /// List the keyboard shortcuts.
    Shortcuts,
    /// About ArchCanvas.
    About,
    /// Move the view so the selection is in sight.
    ShowSelection,
    /// Open the Problems panel.
    ShowProblems,
    /// Select and show the next finding.
    NextProblem,
    /// Select and show the previous finding.
    PreviousProblem,
    /// Open the Code panel (generated code of the selection).
    ShowCode,
    /// Export the model as code into a folder.
    ExportCode,
}

/// The menu a command appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// File.
    File,
    /// Edit.
    Edit,
    /// View.
    View,
    /// Arrange.
    Arrange,
    /// Help.
    Help,
}

impl Menu {
    /// Every menu, in menu-bar order.
    pub const ALL: [Menu; 5] = [
        Menu::File,
        Menu::Edit,
        Menu::View,
        Menu::Arrange,
        Menu::Help,
    ];

    /// The menu's title.
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Arrange => "Arrange",
            Menu::Help => "Help",
        }
    }
}

/// One row of the command table.
#[derive(Clone, Copy, Debug)]
pub struct CommandSpec {
    /// The command.
    pub command: Command,
    /// Its name in menus and the palette.
    pub name: &'static str,
    /// Its menu.
    pub menu: Menu,
    /// Shortcuts; the first is shown in the menu.
    pub shortcuts: &'static [KeyboardShortcut],
    /// A separator goes above this row in its menu.
    pub separator_before: bool,
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;
const CMD_ALT: Modifiers = Modifiers {
    alt: true,
    ..Modifiers::COMMAND
};
const SHIFT: Modifiers = Modifiers::SHIFT;

const fn row(
    command: Command,
    name: &'static str,
    menu: Menu,
    shortcuts: &'static [KeyboardShortcut],
) -> CommandSpec {
    CommandSpec {
        command,
        name,
        menu,
        shortcuts,
        separator_before: false,
    }
}

const fn sep(spec: CommandSpec) -> CommandSpec {
    CommandSpec {
        separator_before: true,
        ..spec
    }
}

/// The command table.
pub const COMMANDS: &[CommandSpec] = &[
    row(Command::New, "New", Menu::File, &[sc(CMD, Key::N)]),
    row(Command::Open, "Open…", Menu::File, &[sc(CMD, Key::O)]),
    row(Command::Save, "Save", Menu::File, &[sc(CMD, Key::S)]),
    row(
        Command::SaveAs,
        "Save As…",
        Menu::File,
        &[sc(CMD_SHIFT, Key::S)],
    ),
    sep(row(
        Command::ExportDiagram,
        "Export diagram…",
        Menu::File,
        &[],
    )),
    row(
        Command::ExportCode,
        "Export code…",
        Menu::File,
        &[sc(CMD, Key::E)],
    ),
    sep(row(Command::CompareWith, "Compare with…", Menu::File, &[])),
    row(
        Command::NextChange,
        "Next change",
        Menu::File,
        &[sc(NONE, Key::F7)],
    ),
    row(
        Command::PreviousChange,
        "Previous change",
        Menu::File,
        &[sc(SHIFT, Key::F7)],
    ),
    row(
        Command::CloseComparison,
        "Close comparison",
        Menu::File,
        &[],
    ),
    sep(row(Command::Quit, "Quit", Menu::File, &[sc(CMD, Key::Q)])),
    row(Command::Undo, "Undo", Menu::Edit, &[sc(CMD, Key::Z)]),
    row(
        Command::Redo,
        "Redo",
        Menu::Edit,
        &[sc(CMD_SHIFT, Key::Z), sc(CMD, Key::Y)],
    ),
    sep(row(Command::Cut, "Cut", Menu::Edit, &[sc(CMD, Key::X)])),
    row(Command::Copy, "Copy", Menu::Edit, &[sc(CMD, Key::C)]),
    row(Command::Paste, "Paste", Menu::Edit, &[sc(CMD, Key::V)]),
    row(
        Command::Duplicate,
        "Duplicate",
        Menu::Edit,
        &[sc(CMD, Key::D)],
    ),
    row(
        Command::Delete,
        "Delete",
        Menu::Edit,
        &[sc(NONE, Key::Delete), sc(NONE, Key::Backspace)],
    ),
    sep(row(
        Command::SelectAll,
        "Select all",
        Menu::Edit,
        &[sc(CMD, Key::A)],
    )),
    row(
        Command::Deselect,
        "Select none",
        Menu::Edit,
        &[sc(NONE, Key::Escape)],
    ),
    row(Command::Rename, "Rename", Menu::Edit, &[sc(NONE, Key::F2)]),
    row(
        Command::AddNote,
        "Add note…",
        Menu::Edit,
        &[sc(CMD_ALT, Key::M)],
    ),
    sep(row(Command::Find, "Find…", Menu::Edit, &[sc(CMD, Key::F)])),
    row(
        Command::CommandPalette,
        "Command palette…",
        Menu::Edit,
        &[sc(CMD, Key::K)],
    ),
    row(
        Command::ZoomIn,
        "Zoom in",
        Menu::View,
        &[sc(CMD, Key::Plus), sc(CMD, Key::Equals)],
    ),
    row(
        Command::ZoomOut,
        "Zoom out",
        Menu::View,
        &[sc(CMD, Key::Minus)],
    ),
    row(
        Command::ZoomFit,
        "Zoom to fit",
        Menu::View,
        &[sc(NONE, Key::F)],
    ),
    row(
        Command::ZoomReset,
        "Zoom to 100 %",
        Menu::View,
        &[sc(CMD, Key::Num0)],
    ),
    row(
        Command::ShowSelection,
        "Show selection",
        Menu::View,
        &[sc(SHIFT, Key::F)],
    ),
    sep(row(
        Command::ShowProblems,
        "Problems",
        Menu::View,
        &[sc(CMD_SHIFT, Key::M)],
    )),
    row(
        Command::NextProblem,
        "Next problem",
        Menu::View,
        &[sc(NONE, Key::F8)],
    ),
    row(
        Command::PreviousProblem,
        "Previous problem",
        Menu::View,
        &[sc(SHIFT, Key::F8)],
    ),
    row(Command::ShowCode, "Code", Menu::View, &[]),
    sep(row(
        Command::ToggleGrid,
        "Show grid",
        Menu::View,
        &[sc(NONE, Key::G)],
    )),
    row(
        Command::ToggleSnap,
        "Snap to grid",
        Menu::View,
        &[sc(NONE, Key::S)],
    ),
    row(
        Command::ToggleMinimap,
        "Show minimap",
        Menu::View,
        &[sc(NONE, Key::M)],
    ),
    sep(row(
        Command::ThemeSystem,
        "Theme: follow the system",
        Menu::View,
        &[],
    )),
    row(Command::ThemeLight, "Theme: light", Menu::View, &[]),
    row(Command::ThemeDark, "Theme: dark", Menu::View, &[]),
    row(
        Command::Align(Align::Left),
        "Align left edges",
        Menu::Arrange,
        &[],
    ),
    row(
        Command::Align(Align::CenterX),
        "Align centres vertically",
        Menu::Arrange,
        &[],
    ),
    row(
        Command::Align(Align::Right),
        "Align right edges",
        Menu::Arrange,
        &[],
    ),
    row(
        Command::Align(Align::Top),
        "Align top edges",
        Menu::Arrange,
        &[],
    ),
    row(
        Command::Align(Align::CenterY),
        "Align centres horizontally",
        Menu::Arrange,
        &[],
    ),
    row(
        Command::Align(Align::Bottom),
        "Align bottom edges",
        Menu::Arrange,
        &[],
    ),
    sep(row(
        Command::Distribute(Axis::Horizontal),
        "Distribute horizontally",
        Menu::Arrange,
        &[],
    )),
    row(
        Command::Distribute(Axis::Vertical),
        "Distribute vertically",
        Menu::Arrange,
        &[],
    ),
    sep(row(
        Command::GroupSelection,
        "Group selection",
        Menu::Arrange,
        &[sc(CMD, Key::G)],
    )),
    row(Command::Ungroup, "Remove from group", Menu::Arrange, &[]),
    sep(row(
        Command::AutoLayout(crate::layout::Direction::LeftToRight),
        "Auto layout",
        Menu::Arrange,
        &[sc(CMD_SHIFT, Key::L)],
    )),
    row(
        Command::AutoLayout(crate::layout::Direction::TopToBottom),
        "Auto layout top to bottom",
        Menu::Arrange,
        &[],
    ),
    sep(row(
        Command::ToggleReviewPanel,
        "Show views and flows",
        Menu::View,
        &[sc(NONE, Key::R)],
    )),
    row(
        Command::Present,
        "Present",
        Menu::View,
        &[sc(NONE, Key::F5)],
    ),
    row(
        Command::NextStep,
        "Next flow step",
        Menu::View,
        &[sc(NONE, Key::ArrowRight)],
    ),
    row(
        Command::PreviousStep,
        "Previous flow step",
        Menu::View,
        &[sc(NONE, Key::ArrowLeft)],
    ),
    row(Command::Shortcuts, "Keyboard shortcuts", Menu::Help, &[]),
    row(Command::About, "About ArchCanvas", Menu::Help, &[]),
];

/// The table row of `command`.
pub fn spec(command: Command) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|s| s.command == command)
}

/// Shortcuts in the order they must be tested: those with more modifiers first, because
/// egui matches Ctrl+Z when Ctrl+Shift+Z is pressed.
pub fn shortcuts_by_specificity() -> Vec<(KeyboardShortcut, Command)> {
    let mut all: Vec<(KeyboardShortcut, Command)> = COMMANDS
        .iter()
        .flat_map(|s| s.shortcuts.iter().map(move |k| (*k, s.command)))
        .collect();
    let weight = |m: Modifiers| {
        usize::from(m.shift) + usize::from(m.alt) + usize::from(m.ctrl || m.command || m.mac_cmd)
    };
    all.sort_by_key(|(k, _)| std::cmp::Reverse(weight(k.modifiers)));
    all
}

/// Commands whose shortcut has no modifier or is a clipboard key: they must not fire while a
/// text field has the keyboard.
pub fn conflicts_with_typing(shortcut: &KeyboardShortcut) -> bool {
    shortcut.modifiers.is_none()
        || matches!(
            shortcut.logical_key,
            Key::A | Key::C | Key::V | Key::X | Key::Z | Key::Y
        )
}

/// The shortcut as people write it ("Ctrl+Shift+Z"), for the README and help.
pub fn describe(shortcut: &KeyboardShortcut) -> String {
    let m = shortcut.modifiers;
    let mut parts = Vec::new();
    if m.ctrl || m.command || m.mac_cmd {
        parts.push("Ctrl".to_owned());
    }
    if m.alt {
        parts.push("Alt".to_owned());
    }
    if m.shift {
        parts.push("Shift".to_owned());
    }
    parts.push(shortcut.logical_key.name().to_owned());
    parts.join("+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_shortcut_is_used_twice() {
        let mut seen = std::collections::BTreeSet::new();
        for (k, c) in shortcuts_by_specificity() {
            assert!(
                seen.insert(describe(&k)),
                "{} used twice ({c:?})",
                describe(&k)
            );
        }
    }

    #[test]
    fn the_readme_lists_every_shortcut() {
        let readme = include_str!("../../README.md");
        for spec in COMMANDS.iter().filter(|s| !s.shortcuts.is_empty()) {
            let keys: Vec<String> = spec.shortcuts.iter().map(describe).collect();
            let row = format!("| {} | {} |", spec.name, keys.join(", "));
            assert!(readme.contains(&row), "README.md lacks the row `{row}`");
        }
    }

    #[test]
    fn every_menu_has_commands() {
        for menu in Menu::ALL {
            assert!(COMMANDS.iter().any(|c| c.menu == menu), "{menu:?}");
        }
    }
}
