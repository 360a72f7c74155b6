//! A layout running on a worker thread, for models too large to lay out within a frame.
//!
//! The layout engine takes a cancel flag and a progress callback ([`layout::Options`]); this
//! type owns both ends: the thread gets a copy of the model and the options, the UI polls
//! for the result each frame, shows [`LayoutJob::progress`] and may [`LayoutJob::cancel`].
//! The progress is kept as the bits of an `f32` in an atomic, so the callback never blocks.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::layout::{self, Cancelled, Options};
use crate::model::{Architecture, Layout};

/// A layout being computed off the UI thread.
#[derive(Debug)]
pub struct LayoutJob {
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicU32>,
    answer: Receiver<Result<Layout, Cancelled>>,
    /// How many components are being laid out (for the progress window).
    pub count: usize,
}

impl LayoutJob {
    /// Starts laying out `arch` with `options` (its cancel flag and progress callback are
    /// replaced by the job's). `ctx` is asked to repaint as the layout progresses and when it
    /// ends, so the UI polls promptly.
    pub fn start(
        arch: Architecture,
        mut options: Options,
        count: usize,
        ctx: Option<egui::Context>,
    ) -> std::io::Result<Self> {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        options.cancel = Some(cancel.clone());
        let (feed, repaint) = (progress.clone(), ctx.clone());
        options.progress = Some(Arc::new(move |p: layout::Progress| {
            feed.store(p.done.clamp(0.0, 1.0).to_bits(), Ordering::Relaxed);
            if let Some(ctx) = &repaint {
                ctx.request_repaint();
            }
        }));
        let (tx, answer) = channel();
        std::thread::Builder::new()
            .name("archcanvas-layout".into())
            .spawn(move || {
                let _ = tx.send(layout::auto(&arch, &options));
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            })?;
        Ok(Self {
            cancel,
            progress,
            answer,
            count,
        })
    }

    /// How much is done, from 0 to 1.
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// Asks the layout to stop; [`LayoutJob::poll`] then answers [`Cancelled`] soon.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether [`LayoutJob::cancel`] was called.
    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The result once the layout has ended; `None` while it runs. A worker that died
    /// without answering counts as cancelled.
    pub fn poll(&self) -> Option<Result<Layout, Cancelled>> {
        match self.answer.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Cancelled)),
        }
    }
}

impl Drop for LayoutJob {
    fn drop(&mut self) {
        // A job nobody waits for should not keep a core busy.
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(job: &LayoutJob) -> Result<Layout, Cancelled> {
        for _ in 0..2000 {
            if let Some(r) = job.poll() {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the layout did not finish");
    }

    #[test]
    fn lays_out_on_a_worker_and_reports_progress() {
        let arch = crate::layout::generate::layered(400, 7);
        let expected = layout::auto(&arch, &Options::default()).unwrap();
        let job = LayoutJob::start(arch, Options::default(), 400, None).unwrap();
        assert_eq!(wait(&job), Ok(expected));
        assert_eq!(job.progress(), 1.0);
    }

    #[test]
    fn cancel_stops_it() {
        let arch = crate::layout::generate::layered(3000, 7);
        let job = LayoutJob::start(arch, Options::default(), 3000, None).unwrap();
        job.cancel();
        assert!(job.is_cancelling());
        assert_eq!(wait(&job), Err(Cancelled));
    }
}
