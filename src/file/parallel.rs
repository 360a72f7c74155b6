//! A tiny scoped worker pool for the file module's independent jobs.
//!
//! Loading and saving split a large model into chunks (halves of the component list, of the
//! connection list, …) that are parsed or written on every core and joined in order.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` on every job and returns the results in the jobs' order. With `parallel`
/// false, or a single job, everything runs on the calling thread.
pub fn map<J: Sync, R: Send>(jobs: &[J], parallel: bool, work: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(jobs.len());
    if !parallel || threads <= 1 {
        return jobs.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let r = work(job);
                    if let Ok(mut results) = results.lock()
                        && let Some(slot) = results.get_mut(i)
                    {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    let results = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // A job whose thread panicked has no result; run it again here so the caller gets either
    // every result or the panic itself.
    results
        .into_iter()
        .zip(jobs)
        .map(|(r, job)| match r {
            Some(r) => r,
            None => work(job),
        })
        .collect()
}
