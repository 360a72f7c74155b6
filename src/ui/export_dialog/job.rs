//! One export running on its own thread: plan, then write, reporting progress.
//!
//! The window polls [`Job::poll`] each frame. Cancelling before writing starts writes
//! nothing; cancelling while writing stops before the next file
//! ([`export::write_plan_until`]), and the manifest still names every file an export wrote,
//! so exporting again finishes the job.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex, PoisonError};

use crate::export::{self, ExportOptions, WriteOptions, WriteReport};
use crate::model::Architecture;

/// Where a running export is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Files written so far (0 while planning).
    pub done: usize,
    /// Files in the plan (0 while planning).
    pub total: usize,
    /// The file just handled.
    pub path: String,
}

/// How an export ended.
#[derive(Clone, Debug)]
pub enum Finished {
    /// Written (some files may have been skipped, and the report says whether the write
    /// was stopped part of the way).
    Done {
        /// The folder.
        dir: PathBuf,
        /// What happened to each file.
        report: WriteReport,
        /// The plan's warnings (things the model asks for that the export cannot do).
        warnings: Vec<String>,
    },
    /// Stopped before anything was written.
    Cancelled,
    /// Planning or writing failed; the message says what and where.
    Failed(String),
}

/// A running export.
#[derive(Debug)]
pub struct Job {
    status: Arc<Mutex<Status>>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Finished>,
}

impl Job {
    /// Starts exporting `arch` into `dir`; `repaint` is called whenever there is news.
    pub fn start(
        arch: Architecture,
        options: ExportOptions,
        dir: PathBuf,
        write: WriteOptions,
        repaint: impl Fn() + Send + 'static,
    ) -> Result<Self, String> {
        let status = Arc::new(Mutex::new(Status::default()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, result) = channel();
        let (st, cn) = (Arc::clone(&status), Arc::clone(&cancel));
        std::thread::Builder::new()
            .name("archcanvas-export".into())
            .spawn(move || {
                let finished = run(&arch, &options, dir, write, &st, &cn, &repaint);
                let _ = tx.send(finished);
                repaint();
            })
            .map_err(|e| format!("could not start the export: {e}"))?;
        Ok(Self {
            status,
            cancel,
            result,
        })
    }

    /// Where the export is now.
    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Whether writing has started (a cancel then stops it after the current file).
    pub fn is_writing(&self) -> bool {
        self.status().total > 0
    }

    /// Whether [`Job::cancel`] was called.
    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// Asks the export to stop: before it writes, or after the file it is writing.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// How it ended, once it has.
    pub fn poll(&self) -> Option<Finished> {
        match self.result.try_recv() {
            Ok(f) => Some(f),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Finished::Failed(
                "the export stopped unexpectedly; the folder may be incomplete, export again"
                    .to_owned(),
            )),
        }
    }
}

fn run(
    arch: &Architecture,
    options: &ExportOptions,
    dir: PathBuf,
    write: WriteOptions,
    status: &Mutex<Status>,
    cancel: &AtomicBool,
    repaint: &dyn Fn(),
) -> Finished {
    let plan = match export::plan(arch, options) {
        Ok(plan) => plan,
        Err(e) => return Finished::Failed(format!("could not plan the export: {e}")),
    };
    if cancel.load(Ordering::SeqCst) {
        return Finished::Cancelled;
    }
    let total = plan.len().max(1);
    if let Ok(mut s) = status.lock() {
        s.total = total;
    }
    repaint();
    let mut on_progress = |p: export::Progress<'_>| {
        if let Ok(mut s) = status.lock() {
            s.done = p.done;
            s.total = p.total.max(1);
            p.path.clone_into(&mut s.path);
        }
        repaint();
    };
    match export::write_plan_until(&plan, &dir, write, &mut on_progress, cancel) {
        Ok(report) => Finished::Done {
            dir,
            report,
            warnings: plan.warnings.clone(),
        },
        Err(e) => Finished::Failed(format!("the export stopped: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(job: &Job) -> Finished {
        for _ in 0..2_000 {
            if let Some(f) = job.poll() {
                return f;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the export did not finish");
    }

    #[test]
    fn writes_the_plan_and_reports_progress() {
        let arch = crate::file::parse(include_str!("../../../examples/shop.ron")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let job = Job::start(
            arch,
            ExportOptions::default(),
            dir.path().to_owned(),
            WriteOptions::default(),
            || {},
        )
        .unwrap();
        let Finished::Done { report, .. } = wait(&job) else {
            panic!("the export failed");
        };
        assert!(report.written() > 0);
        assert!(dir.path().join("docker-compose.yml").is_file());
        let s = job.status();
        assert_eq!(s.done, s.total, "progress reached the end");
    }

    #[test]
    fn a_cancel_once_writing_started_stops_the_write() {
        let arch = crate::file::parse(include_str!("../../../examples/shop.ron")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        // The first news after planning (writing is about to start) cancels the job; it
        // waits until the test has handed it the job's flag.
        let job: Arc<Mutex<Option<Arc<AtomicBool>>>> = Arc::default();
        let flag = Arc::clone(&job);
        let started = Job::start(
            arch,
            ExportOptions::default(),
            dir.path().to_owned(),
            WriteOptions::default(),
            move || loop {
                if let Some(c) = flag.lock().unwrap().as_ref() {
                    c.store(true, Ordering::SeqCst);
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            },
        )
        .unwrap();
        *job.lock().unwrap() = Some(Arc::clone(&started.cancel));
        let Finished::Done { report, .. } = wait(&started) else {
            panic!("a stopped export still reports what it wrote");
        };
        assert!(report.stopped, "{report:?}");
        let s = started.status();
        assert!(s.done < s.total, "stopped early: {s:?}");
        assert!(
            dir.path().join(export::MANIFEST_NAME).is_file(),
            "the manifest names what was written"
        );
    }

    #[test]
    fn a_file_as_target_fails_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "x").unwrap();
        let arch = crate::file::parse(include_str!("../../../examples/shop.ron")).unwrap();
        let job = Job::start(
            arch,
            ExportOptions::default(),
            file.clone(),
            WriteOptions::default(),
            || {},
        )
        .unwrap();
        let Finished::Failed(message) = wait(&job) else {
            panic!("writing into a file must fail");
        };
        assert!(message.contains("not-a-folder"), "{message}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "x",
            "left untouched"
        );
    }
}
