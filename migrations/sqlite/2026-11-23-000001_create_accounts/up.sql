-- Root user accounts. Deletion is soft (deleted_at); the partial unique indexes cover live
-- accounts only, so a deleted account releases its email, login id, nickname and phone.
-- Every time is written by the service from its clock, never by a SQL default, as UTC text
-- `YYYY-MM-DD HH:MM:SS.ffffff` (fixed width, so text order is time order).
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    email_lower TEXT NOT NULL,
    login_id TEXT,
    login_id_lower TEXT,
    nickname TEXT,
    password_hash TEXT,
    name TEXT,
    first_name TEXT,
    last_name TEXT,
    birthdate DATE,
    gender TEXT,
    phone TEXT,
    is_phone_number_checked BOOLEAN NOT NULL,
    register_type TEXT NOT NULL,
    national_code TEXT,
    locale TEXT,
    introduce TEXT,
    email_verified BOOLEAN NOT NULL,
    profile_image_key TEXT,
    roles TEXT NOT NULL,
    password_changed_at TIMESTAMP,
    tokens_valid_after TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);

CREATE UNIQUE INDEX accounts_email_lower_live_key ON accounts (email_lower) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX accounts_login_id_lower_live_key ON accounts (login_id_lower) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX accounts_nickname_live_key ON accounts (nickname) WHERE deleted_at IS NULL;
-- A phone number belongs to the live account that verified it; an unverified number entered
-- at registration does not block its owner.
CREATE UNIQUE INDEX accounts_phone_checked_live_key ON accounts (phone)
    WHERE deleted_at IS NULL AND is_phone_number_checked;
