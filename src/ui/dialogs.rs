//! File dialogs behind a trait, so tests can answer them and the window never blocks.
//!
//! The app calls a [`FileDialogs`] method on a background thread (see
//! `App::start_dialog`) and polls for the answer each frame, so the window keeps painting
//! while a native dialog is open. [`RfdDialogs`] shows the platform's dialogs through rfd.

use std::path::{Path, PathBuf};

/// Chooses files to open and save.
pub trait FileDialogs: Send + Sync {
    /// A model file to open, or `None` if the user cancelled.
    fn pick_open(&self, start_dir: Option<&Path>) -> Option<PathBuf>;
    /// Where to save, or `None` if the user cancelled.
    fn pick_save(&self, start_dir: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// Where to export a diagram (File → Export diagram…; the extension names the format),
    /// or `None` if the user cancelled.
    fn pick_export(&self, start_dir: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// A folder to export into, or `None` if the user cancelled.
    fn pick_folder(&self, start_dir: Option<&Path>, title: &str) -> Option<PathBuf>;
    /// A model file to compare the open one with (File → Compare with…), or `None` if the
    /// user cancelled. Answers like [`FileDialogs::pick_open`] unless overridden.
    fn pick_compare(&self, start_dir: Option<&Path>) -> Option<PathBuf> {
        self.pick_open(start_dir)
    }
}

/// The platform's file dialogs (rfd).
#[derive(Clone, Copy, Debug, Default)]
pub struct RfdDialogs;

impl FileDialogs for RfdDialogs {
    fn pick_open(&self, start_dir: Option<&Path>) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title("Open an ArchCanvas model")
            .add_filter("ArchCanvas model", &[crate::file::EXTENSION]);
        if let Some(dir) = start_dir {
            d = d.set_directory(dir);
        }
        d.pick_file()
    }

    fn pick_compare(&self, start_dir: Option<&Path>) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title("Compare with another version of the model")
            .add_filter("ArchCanvas model", &[crate::file::EXTENSION]);
        if let Some(dir) = start_dir {
            d = d.set_directory(dir);
        }
        d.pick_file()
    }

    fn pick_save(&self, start_dir: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title("Save the model as")
            .add_filter("ArchCanvas model", &[crate::file::EXTENSION])
            .set_file_name(file_name);
        if let Some(dir) = start_dir {
            d = d.set_directory(dir);
        }
        d.save_file().map(|p| {
            if p.extension().is_none() {
                p.with_extension(crate::file::EXTENSION)
            } else {
                p
            }
        })
    }

    fn pick_export(&self, start_dir: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title("Export the diagram as")
            .set_file_name(file_name);
        for format in crate::render::Format::ALL {
            d = d.add_filter(
                super::export_diagram::format_name(format),
                &[format.keyword()],
            );
        }
        if let Some(dir) = start_dir {
            d = d.set_directory(dir);
        }
        d.save_file()
    }

    fn pick_folder(&self, start_dir: Option<&Path>, title: &str) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new().set_title(title);
        if let Some(dir) = start_dir {
            d = d.set_directory(dir);
        }
        d.pick_folder()
    }
}

/// Dialogs that answer with fixed paths; for tests and scripted runs.
#[derive(Clone, Debug, Default)]
pub struct FixedDialogs {
    /// Answer to "open".
    pub open: Option<PathBuf>,
    /// Answer to every save dialog ("save as", "export diagram").
    pub save: Option<PathBuf>,
    /// Answer to "pick a folder".
    pub folder: Option<PathBuf>,
}

impl FileDialogs for FixedDialogs {
    fn pick_open(&self, _start_dir: Option<&Path>) -> Option<PathBuf> {
        self.open.clone()
    }

    fn pick_save(&self, _start_dir: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.save.clone()
    }

    fn pick_export(&self, _start_dir: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        self.save.clone()
    }

    fn pick_folder(&self, _start_dir: Option<&Path>, _title: &str) -> Option<PathBuf> {
        self.folder.clone()
    }
}
