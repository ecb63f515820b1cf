-- Failure counters with lockouts, shared by every service instance.
CREATE TABLE throttle_counters (
    key TEXT PRIMARY KEY,
    window_started_at TIMESTAMPTZ NOT NULL,
    count INTEGER NOT NULL,
    blocked_until TIMESTAMPTZ
);
