-- One-time codes, stored as keyed digests. At most one current (unconsumed, not superseded)
-- code per purpose and target.
CREATE TABLE verification_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose TEXT NOT NULL,
    target TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts (id),
    code_digest TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    attempts_left INTEGER NOT NULL,
    consumed_at TIMESTAMP,
    superseded BOOLEAN NOT NULL
);

CREATE INDEX verification_codes_target_idx ON verification_codes (purpose, target, created_at);
CREATE UNIQUE INDEX verification_codes_current_key ON verification_codes (purpose, target)
    WHERE consumed_at IS NULL AND NOT superseded;
