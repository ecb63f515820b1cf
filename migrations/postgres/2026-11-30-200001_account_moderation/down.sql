DROP TRIGGER audit_log_append_only ON audit_log;
DROP FUNCTION audit_log_is_append_only();
DROP TABLE audit_log;
DROP INDEX accounts_awaiting_anonymisation;
ALTER TABLE accounts DROP COLUMN anonymized_at;
ALTER TABLE accounts DROP COLUMN banned_at;
