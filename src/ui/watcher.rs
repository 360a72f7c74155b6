//! Noticing that the open file changed on disk.
//!
//! A background thread compares the file's size and modification time once a second and,
//! when they change, sends the new stamp and wakes the window. Polling needs no platform
//! watcher and costs nothing in the window: it repaints only when something changed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, SystemTime};

/// What identifies a version of a file on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub len: u64,
    /// Last modification.
    pub modified: Option<SystemTime>,
}

impl FileStamp {
    /// The stamp of `path` now, if it exists.
    pub fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            len: m.len(),
            modified: m.modified().ok(),
        })
    }
}

/// A running watch on one file; stops when dropped.
#[derive(Debug)]
pub struct Watcher {
    /// The watched file.
    pub path: PathBuf,
    /// New stamps of the file, as they appear.
    pub changes: Receiver<Option<FileStamp>>,
    stop: Arc<AtomicBool>,
}

impl Watcher {
    /// Starts watching `path`, waking `ctx` on every change.
    pub fn start(path: PathBuf, ctx: egui::Context, every: Duration) -> Watcher {
        let (tx, rx): (Sender<Option<FileStamp>>, _) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = stop.clone();
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("archcanvas-watch".into())
            .spawn(move || {
                let mut last = FileStamp::of(&thread_path);
                while !thread_stop.load(Ordering::Relaxed) {
                    std::thread::sleep(every);
                    let now = FileStamp::of(&thread_path);
                    if now != last {
                        last = now;
                        if tx.send(now).is_err() {
                            break;
                        }
                        ctx.request_repaint();
                    }
                }
            });
        if spawned.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        Watcher {
            path,
            changes: rx,
            stop,
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
