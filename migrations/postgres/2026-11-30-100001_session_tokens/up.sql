-- Sessions whose credential is an opaque token sent in a header (SG-Finder's session-token):
-- the keyed digest of that token, on the session row; null for refresh-token sessions.
ALTER TABLE sessions ADD COLUMN token_digest TEXT;
CREATE UNIQUE INDEX sessions_token_digest_key ON sessions (token_digest);
