DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP TABLE audit_log;
DROP INDEX accounts_awaiting_anonymisation;
ALTER TABLE accounts DROP COLUMN anonymized_at;
ALTER TABLE accounts DROP COLUMN banned_at;
