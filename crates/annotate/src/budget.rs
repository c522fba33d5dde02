//! A time budget for one document's extraction.
//!
//! Every annotator should be linear in the length of the text, but a rule
//! that is not (or a document built to hurt one) must not stall a batch for
//! minutes. [`extract_within`](crate::extract_within) gives each document a
//! deadline; it is checked between the stages, and any stage's main loop
//! may ask [`spent`] and stop early (its results are thrown away: the
//! document becomes an error naming the stage, never a partial record).
//!
//! The deadline lives in a thread-local so that no annotator's signature
//! has to carry it, and [`spent`] reads the clock only once every
//! [`POLLS_PER_CLOCK`] calls, so a loop can ask on every token.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// Calls of [`spent`] between two readings of the clock: a few
/// microseconds of work at most, so a runaway is seen within a
/// millisecond of its deadline.
const POLLS_PER_CLOCK: u32 = 256;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static POLLS: Cell<u32> = const { Cell::new(0) };
    static SPENT: Cell<bool> = const { Cell::new(false) };
}

/// Whether the document being extracted on this thread has run past its
/// deadline. Once it has, it stays spent until the next document. Always
/// false without a deadline.
#[inline]
pub fn spent() -> bool {
    if SPENT.get() {
        return true;
    }
    let polls = POLLS.get().wrapping_add(1);
    POLLS.set(polls);
    if !polls.is_multiple_of(POLLS_PER_CLOCK) {
        return false;
    }
    spent_now()
}

/// Reads the clock, whatever the count of calls.
pub(crate) fn spent_now() -> bool {
    let over = DEADLINE.get().is_some_and(|d| Instant::now() >= d);
    if over {
        SPENT.set(true);
    }
    over
}

/// Sets this thread's deadline for one document; dropping it clears it,
/// so a later extraction without a limit is not cut short.
pub(crate) struct Deadline;

impl Deadline {
    pub(crate) fn start(limit: Option<Duration>) -> Deadline {
        DEADLINE.set(limit.map(|l| Instant::now() + l));
        POLLS.set(0);
        SPENT.set(false);
        Deadline
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        DEADLINE.set(None);
        SPENT.set(false);
    }
}

/// A document whose extraction ran past its time limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overrun {
    /// The stage that was running when the deadline passed.
    pub stage: &'static str,
    pub limit: Duration,
}

impl std::fmt::Display for Overrun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "extraction took longer than {} s (it was in the {} stage): the document is too long or too strange \
             for one pass; raise --max-extract-seconds, or split it",
            self.limit.as_secs_f64(),
            self.stage
        )
    }
}

impl std::error::Error for Overrun {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_is_seen_by_polling_and_cleared_after() {
        {
            let _d = Deadline::start(Some(Duration::ZERO));
            // The clock is read on the 256th call at the latest.
            assert!((0..POLLS_PER_CLOCK).any(|_| spent()));
            assert!(spent(), "spent stays spent");
        }
        assert!(!spent_now(), "no deadline after the document");
        let _d = Deadline::start(Some(Duration::from_secs(3600)));
        assert!(!(0..POLLS_PER_CLOCK * 4).any(|_| spent()));
        let _none = Deadline::start(None);
        assert!(!spent_now());
    }
}
