-- The outbox keeps typed messages instead of rendered text: template, locale, plain parameters
-- (JSON) and the secret parameters (a code, a link token) sealed with an AEAD by the service.
-- A suppressed row is written and claimed like any other, and dropped unsent (a code asked for
-- an address without an unverified account costs the same work as one that is sent).
ALTER TABLE outbox
    ADD COLUMN template TEXT NOT NULL DEFAULT '',
    ADD COLUMN locale TEXT NOT NULL DEFAULT 'ko',
    ADD COLUMN sms_kind TEXT,
    ADD COLUMN params TEXT NOT NULL DEFAULT '{}',
    ADD COLUMN secret_params BYTEA,
    ADD COLUMN suppressed BOOLEAN NOT NULL DEFAULT FALSE;

-- Messages queued before hold only rendered text, possibly with a code in clear: they are
-- given up, and their text is dropped with the columns.
UPDATE outbox
SET dead_at = now(), last_error = 'queued before typed messages; not delivered'
WHERE sent_at IS NULL AND dead_at IS NULL;

ALTER TABLE outbox DROP COLUMN subject, DROP COLUMN body;
