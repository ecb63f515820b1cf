use chrono::{DateTime, Duration, Utc};

/// How long ended records are kept before they are purged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurgePolicy {
    /// Kept this long after they ended (sent, expired, revoked).
    pub retention: Duration,
}

impl Default for PurgePolicy {
    fn default() -> Self {
        Self {
            retention: Duration::days(7),
        }
    }
}

impl PurgePolicy {
    /// The shortest retention: longer than every built-in throttle window (an hour at most),
    /// so that no counter still counting is purged. (The configurable sign-up window is held
    /// to the retention by the server's configuration.)
    pub const MIN_RETENTION: Duration = Duration::days(1);

    /// A policy keeping records `retention` long, never less than [`Self::MIN_RETENTION`].
    pub fn new(retention: Duration) -> Self {
        Self {
            retention: retention.max(Self::MIN_RETENTION),
        }
    }

    /// Records that ended before this instant are purged at `now`.
    pub fn cutoff(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now.checked_sub_signed(self.retention)
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}
