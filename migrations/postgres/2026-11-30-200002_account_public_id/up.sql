-- The service user account document's `UserID`: a stable public id of 64 hex characters,
-- random at creation (the service writes it for new accounts), never derived from the integer
-- id or a key. Existing accounts get one here, from PostgreSQL's CSPRNG (gen_random_uuid, built
-- in since PostgreSQL 13; two of them hashed into 256 uniform-looking bits).
ALTER TABLE accounts ADD COLUMN public_id TEXT;
UPDATE accounts
    SET public_id = encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex');
ALTER TABLE accounts ALTER COLUMN public_id SET NOT NULL;
CREATE UNIQUE INDEX accounts_public_id_key ON accounts (public_id);

-- Codes that stand alone (the service user account document's `?Token=`) are looked up by
-- their keyed digest among the current codes of their purpose.
CREATE INDEX verification_codes_current_digest_idx ON verification_codes (purpose, code_digest)
    WHERE consumed_at IS NULL AND NOT superseded;
