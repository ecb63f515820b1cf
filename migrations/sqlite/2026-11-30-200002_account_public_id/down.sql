DROP INDEX verification_codes_current_digest_idx;
DROP INDEX accounts_public_id_key;
ALTER TABLE accounts DROP COLUMN public_id;
