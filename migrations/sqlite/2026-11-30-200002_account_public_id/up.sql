-- The service user account document's `UserID`: a stable public id of 64 hex characters,
-- random at creation (the service writes it for new accounts), never derived from the integer
-- id or a key. Existing accounts get one here, from SQLite's CSPRNG (randomblob). SQLite
-- cannot add a NOT NULL column without a constant default: the column stays nullable, the
-- service always writes it, and the unique index keeps each one distinct.
ALTER TABLE accounts ADD COLUMN public_id TEXT;
UPDATE accounts SET public_id = lower(hex(randomblob(32)));
CREATE UNIQUE INDEX accounts_public_id_key ON accounts (public_id);

-- Codes that stand alone (the service user account document's `?Token=`) are looked up by
-- their keyed digest among the current codes of their purpose.
CREATE INDEX verification_codes_current_digest_idx ON verification_codes (purpose, code_digest)
    WHERE consumed_at IS NULL AND NOT superseded;
