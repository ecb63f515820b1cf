-- Account moderation: bans, anonymisation after the retention period, and the audit log of
-- administrative actions. The audit log is append-only: triggers refuse UPDATE and DELETE.
ALTER TABLE accounts ADD COLUMN banned_at TIMESTAMP;
ALTER TABLE accounts ADD COLUMN anonymized_at TIMESTAMP;
-- The anonymisation job looks for deleted accounts not yet anonymised, oldest first.
CREATE INDEX accounts_awaiting_anonymisation ON accounts (deleted_at)
    WHERE deleted_at IS NOT NULL AND anonymized_at IS NULL;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL when the service or its operator acted (the anonymisation job, the CLI).
    actor_id INTEGER REFERENCES accounts (id),
    action TEXT NOT NULL,
    target_id INTEGER NOT NULL REFERENCES accounts (id),
    detail TEXT,
    ip TEXT,
    user_agent TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_target ON audit_log (target_id, id);
CREATE INDEX audit_log_created_at ON audit_log (created_at, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
