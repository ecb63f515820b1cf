-- A session is one log-in: the family of refresh tokens rotated from it.
CREATE TABLE sessions (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    user_agent TEXT,
    ip TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

CREATE INDEX sessions_account_id_idx ON sessions (account_id, created_at);

-- Refresh tokens are stored only as keyed digests. A rotated token points at its successor.
CREATE TABLE refresh_tokens (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_digest TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    rotated_at TIMESTAMPTZ,
    successor_id BIGINT REFERENCES refresh_tokens (id)
);

CREATE UNIQUE INDEX refresh_tokens_token_digest_key ON refresh_tokens (token_digest);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);
