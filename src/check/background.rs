//! Checking off the UI thread: the editor submits the model after each edit and polls.
//!
//! One worker thread, one slot: a submission replaces any submission that has not started
//! yet, so a burst of edits on a large model costs one check per finished check, not one per
//! edit, and the report that arrives is always for the newest model the worker saw. The
//! editor keeps showing the last report until a newer one arrives.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use crate::model::Architecture;

use super::Report;

/// A callback the worker calls when a report is ready (the editor passes
/// `ctx.request_repaint()`), so the UI need not poll on a timer.
type Notify = Box<dyn Fn() + Send + 'static>;

/// What the editor hands to the worker.
#[derive(Default)]
struct Slot {
    pending: Option<(u64, Arc<Architecture>)>,
    shutdown: bool,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
}

/// A checker running on its own thread.
///
/// ```
/// use std::sync::Arc;
/// use archcanvas::check::Background;
/// use archcanvas::model::Architecture;
///
/// let mut checker = Background::new(|| {});
/// let generation = checker.submit(Arc::new(Architecture::new("Empty")));
/// let (done, report) = checker.wait();
/// assert_eq!(done, generation);
/// assert!(report.is_clean());
/// ```
pub struct Background {
    shared: Arc<Shared>,
    results: Receiver<(u64, Report)>,
    /// Used to check inline when no thread could be started.
    inline: Option<Sender<(u64, Report)>>,
    submitted: u64,
    received: u64,
}

impl Background {
    /// Starts the worker; `notify` is called (on the worker thread) whenever a report is
    /// ready.
    pub fn new(notify: impl Fn() + Send + 'static) -> Self {
        let shared = Arc::new(Shared::default());
        let (tx, results) = mpsc::channel();
        let worker_shared = Arc::clone(&shared);
        let worker_tx = tx.clone();
        let notify: Notify = Box::new(notify);
        let started = std::thread::Builder::new()
            .name("archcanvas-check".into())
            .spawn(move || work(&worker_shared, &worker_tx, &notify))
            .is_ok();
        Self {
            shared,
            results,
            inline: (!started).then_some(tx),
            submitted: 0,
            received: 0,
        }
    }

    /// Queues `arch` for checking, replacing a queued model not yet started. Returns the
    /// submission's generation number (increasing from 1).
    pub fn submit(&mut self, arch: Arc<Architecture>) -> u64 {
        self.submitted += 1;
        let generation = self.submitted;
        if let Some(tx) = &self.inline {
            let _ = tx.send((generation, super::run(&arch)));
            return generation;
        }
        let mut slot = self
            .shared
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        slot.pending = Some((generation, arch));
        drop(slot);
        self.shared.wake.notify_one();
        generation
    }

    /// The newest report that arrived since the last call, with the generation of the model
    /// it is for; older arrivals are dropped.
    pub fn poll(&mut self) -> Option<(u64, Report)> {
        let newest = self.results.try_iter().last()?;
        self.received = newest.0;
        Some(newest)
    }

    /// Whether the newest submission has no report yet.
    pub fn is_busy(&self) -> bool {
        self.received < self.submitted
    }

    /// Blocks until the report for the newest submission arrives (for tests and the CLI;
    /// the editor polls).
    pub fn wait(&mut self) -> (u64, Report) {
        loop {
            match self.results.recv() {
                Ok((generation, report)) => {
                    self.received = generation;
                    if generation >= self.submitted {
                        return (generation, report);
                    }
                }
                // The worker is gone (it never panics, but be safe): check here.
                Err(_) => return (self.submitted, Report::default()),
            }
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let mut slot = self
            .shared
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        slot.shutdown = true;
        drop(slot);
        self.shared.wake.notify_all();
    }
}

fn work(shared: &Shared, results: &Sender<(u64, Report)>, notify: &Notify) {
    loop {
        let (generation, arch) = {
            let mut slot = shared.slot.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if slot.shutdown {
                    return;
                }
                if let Some(job) = slot.pending.take() {
                    break job;
                }
                slot = shared
                    .wake
                    .wait(slot)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let report = super::run(&arch);
        if results.send((generation, report)).is_err() {
            return;
        }
        notify();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::check::testing::model;

    #[test]
    fn reports_arrive_for_the_newest_model_and_notify() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        let mut checker = Background::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        assert!(!checker.is_busy());
        let lonely = Arc::new(model().services(&["lonely"]).build());
        let fine = Arc::new(Architecture::new("Empty"));
        checker.submit(Arc::clone(&lonely));
        checker.submit(Arc::clone(&lonely));
        let last = checker.submit(fine);
        assert!(checker.is_busy());
        let (generation, report) = checker.wait();
        assert_eq!(generation, last);
        assert!(report.is_clean(), "the newest model is empty: {report:?}");
        assert!(!checker.is_busy());
        // The worker notifies right after it hands the report over; give it a moment.
        let notified = (0..500).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            calls.load(Ordering::SeqCst) >= 1
        });
        assert!(notified, "the worker never called notify");

        let again = checker.submit(lonely);
        let (generation, report) = checker.wait();
        assert_eq!(generation, again);
        assert!(report.findings().iter().any(|f| f.rule == "orphan"));
    }

    #[test]
    fn poll_returns_nothing_until_a_report_arrives() {
        let mut checker = Background::new(|| {});
        assert!(checker.poll().is_none());
        checker.submit(Arc::new(model().services(&["a"]).build()));
        let (_, report) = checker.wait();
        assert!(!report.is_clean());
        assert!(checker.poll().is_none(), "wait took the report");
    }
}
