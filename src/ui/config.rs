//! How the app is set up: file dialogs, recovery folder, file watching. Tests pass their
//! own; the binary uses [`AppConfig::native`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::dialogs::{FileDialogs, RfdDialogs};

/// Start-up settings of the editor.
#[derive(Clone)]
pub struct AppConfig {
    /// File dialogs.
    pub dialogs: Arc<dyn FileDialogs>,
    /// Where autosaves go; `None` turns autosave and recovery off.
    pub recovery_dir: Option<PathBuf>,
    /// How often to look at the open file for changes; `None` turns watching off.
    pub watch_every: Option<Duration>,
}

impl std::fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppConfig")
            .field("recovery_dir", &self.recovery_dir)
            .field("watch_every", &self.watch_every)
            .finish_non_exhaustive()
    }
}

impl AppConfig {
    /// Native dialogs, recovery files in the platform's data folder, watching every second.
    pub fn native() -> Self {
        Self {
            dialogs: Arc::new(RfdDialogs),
            recovery_dir: eframe::storage_dir(super::APP_ID).map(|d| d.join("recovery")),
            watch_every: Some(Duration::from_secs(1)),
        }
    }

    /// No dialogs, no recovery, no watching: for tests that set what they need.
    pub fn headless() -> Self {
        Self {
            dialogs: Arc::new(super::dialogs::FixedDialogs::default()),
            recovery_dir: None,
            watch_every: None,
        }
    }
}
