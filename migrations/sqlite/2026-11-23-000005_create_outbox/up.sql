-- Outgoing email, SMS and push messages, written in the transaction that caused them and
-- delivered by the dispatcher with retries.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    leased_until TIMESTAMP,
    sent_at TIMESTAMP,
    dead_at TIMESTAMP,
    last_error TEXT
);

CREATE INDEX outbox_undelivered_idx ON outbox (created_at, id) WHERE sent_at IS NULL AND dead_at IS NULL;
