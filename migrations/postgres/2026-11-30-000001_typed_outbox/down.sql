ALTER TABLE outbox
    ADD COLUMN subject TEXT NOT NULL DEFAULT '',
    ADD COLUMN body TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox
    DROP COLUMN template,
    DROP COLUMN locale,
    DROP COLUMN sms_kind,
    DROP COLUMN params,
    DROP COLUMN secret_params,
    DROP COLUMN suppressed;
