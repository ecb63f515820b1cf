-- The outbox keeps typed messages instead of rendered text: template, locale, plain parameters
-- (JSON) and the secret parameters (a code, a link token) sealed with an AEAD by the service.
-- A suppressed row is written and claimed like any other, and dropped unsent (a code asked for
-- an address without an unverified account costs the same work as one that is sent).
ALTER TABLE outbox ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN locale TEXT NOT NULL DEFAULT 'ko';
ALTER TABLE outbox ADD COLUMN sms_kind TEXT;
ALTER TABLE outbox ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE outbox ADD COLUMN secret_params BLOB;
ALTER TABLE outbox ADD COLUMN suppressed BOOLEAN NOT NULL DEFAULT FALSE;

-- Messages queued before hold only rendered text, possibly with a code in clear: they are
-- given up, and their text is dropped with the columns (blanked first, so that the old text
-- does not linger in the rewritten pages).
UPDATE outbox
SET dead_at = strftime('%Y-%m-%d %H:%M:%f000', 'now'),
    last_error = 'queued before typed messages; not delivered'
WHERE sent_at IS NULL AND dead_at IS NULL;
UPDATE outbox SET subject = '', body = '';

ALTER TABLE outbox DROP COLUMN subject;
ALTER TABLE outbox DROP COLUMN body;
