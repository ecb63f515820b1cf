DROP INDEX sessions_token_digest_key;
ALTER TABLE sessions DROP COLUMN token_digest;
