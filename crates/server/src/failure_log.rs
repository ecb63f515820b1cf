//! What a background loop logs while its work keeps failing (the database down, say): the
//! first failure as an error, then a reminder with the count at most once per
//! [`REMIND_EVERY`], and one line when the work succeeds again, instead of a line per poll.

use std::fmt::Debug;
use std::time::{Duration, Instant};

/// How often a failure that goes on is logged again.
const REMIND_EVERY: Duration = Duration::from_secs(60);

/// One background loop's run of failures.
pub(crate) struct FailureLog {
    what: &'static str,
    run: Option<Run>,
}

struct Run {
    started: Instant,
    failures: u64,
    last_logged: Instant,
}

/// A line to log, if any, for one outcome of the loop's work.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// The first failure after a success (or since start).
    Failing,
    /// The failures go on: how many so far, and since when.
    StillFailing { failures: u64, since: Duration },
    /// The work succeeded after `failures` failures over `lasted`.
    Recovered { failures: u64, lasted: Duration },
}

impl FailureLog {
    /// `what` names the work in each line ("outbox dispatch").
    pub fn new(what: &'static str) -> Self {
        Self { what, run: None }
    }

    /// The work's value when this run of it succeeded, `None` when it failed; either way the
    /// outcome is logged as this type describes.
    pub fn outcome<T, E: Debug>(&mut self, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => {
                self.succeeded();
                Some(value)
            }
            Err(error) => {
                self.failed(&error);
                None
            }
        }
    }

    /// Logs `error` when it is the first of a run or a reminder is due.
    fn failed(&mut self, error: &dyn Debug) {
        match self.failure_at(Instant::now()) {
            Some(Line::Failing) => tracing::error!(
                ?error,
                "{} failed; further failures are logged once a minute",
                self.what
            ),
            Some(Line::StillFailing { failures, since }) => tracing::error!(
                ?error,
                failures,
                failing_for_secs = since.as_secs(),
                "{} still failing",
                self.what
            ),
            _ => tracing::debug!(?error, "{} failed again", self.what),
        }
    }

    /// Logs the recovery when the work had been failing.
    fn succeeded(&mut self) {
        if let Some(Line::Recovered { failures, lasted }) = self.success_at(Instant::now()) {
            tracing::info!(
                failures,
                failed_for_secs = lasted.as_secs(),
                "{} works again",
                self.what
            );
        }
    }

    fn failure_at(&mut self, now: Instant) -> Option<Line> {
        let Some(run) = &mut self.run else {
            self.run = Some(Run {
                started: now,
                failures: 1,
                last_logged: now,
            });
            return Some(Line::Failing);
        };
        run.failures += 1;
        if now.duration_since(run.last_logged) < REMIND_EVERY {
            return None;
        }
        run.last_logged = now;
        Some(Line::StillFailing {
            failures: run.failures,
            since: now.duration_since(run.started),
        })
    }

    fn success_at(&mut self, now: Instant) -> Option<Line> {
        let run = self.run.take()?;
        Some(Line::Recovered {
            failures: run.failures,
            lasted: now.duration_since(run.started),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_failures_is_logged_once_then_reminded_then_closed() {
        let start = Instant::now();
        let at = |secs: u64| start + Duration::from_secs(secs);
        let mut log = FailureLog::new("work");
        assert_eq!(log.failure_at(at(0)), Some(Line::Failing));
        assert_eq!(log.failure_at(at(1)), None);
        assert_eq!(log.failure_at(at(59)), None);
        assert_eq!(
            log.failure_at(at(60)),
            Some(Line::StillFailing {
                failures: 4,
                since: Duration::from_secs(60)
            })
        );
        assert_eq!(log.failure_at(at(61)), None);
        assert_eq!(
            log.success_at(at(75)),
            Some(Line::Recovered {
                failures: 5,
                lasted: Duration::from_secs(75)
            })
        );
    }

    #[test]
    fn success_without_failures_logs_nothing_and_a_new_run_starts_afresh() {
        let start = Instant::now();
        let mut log = FailureLog::new("work");
        assert_eq!(log.success_at(start), None);
        assert_eq!(log.failure_at(start), Some(Line::Failing));
        assert!(log.success_at(start + Duration::from_secs(2)).is_some());
        assert_eq!(log.success_at(start + Duration::from_secs(3)), None);
        assert_eq!(
            log.failure_at(start + Duration::from_secs(4)),
            Some(Line::Failing)
        );
    }
}
