-- The Lux stage: child users and the device inventory they claim, consents with their history,
-- notification settings and push tokens. Every time is written by the service from its clock,
-- as UTC text `YYYY-MM-DD HH:MM:SS.ffffff` (fixed width, so text order is time order).

-- Dependants of a root user. Deletion is soft (deleted_at); the row stays.
CREATE TABLE child_users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    root_user_id BIGINT NOT NULL REFERENCES accounts (id),
    first_name TEXT NOT NULL,
    last_name TEXT,
    birthdate DATE NOT NULL,
    gender TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);

CREATE INDEX child_users_root_user_id_idx ON child_users (root_user_id);

-- The device inventory. A device is free while real_user_id is null; claiming sets it in the
-- transaction that creates the child user, releasing clears it when the child is deleted.
CREATE TABLE devices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    serial_code TEXT NOT NULL,
    mac_id TEXT NOT NULL,
    unique_id TEXT NOT NULL,
    device_alias TEXT,
    now_firmware_id BIGINT,
    last_log_file_id BIGINT,
    real_user_id BIGINT REFERENCES child_users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT devices_serial_code_key UNIQUE (serial_code),
    CONSTRAINT devices_unique_id_key UNIQUE (unique_id)
);

CREATE INDEX devices_real_user_id_idx ON devices (real_user_id);

-- Each account's current consents; a row is created on its first change.
CREATE TABLE policies (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    is_push_agree BOOLEAN NOT NULL,
    push_agree_date TIMESTAMP,
    is_marketing_agree BOOLEAN NOT NULL,
    marketing_agree_date TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

-- Every consent change, append-only: the store inserts here and never updates or deletes.
-- session_id has no foreign key: the record must outlive any clean-up of old sessions.
CREATE TABLE consent_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    agreed BOOLEAN NOT NULL,
    at TIMESTAMP NOT NULL,
    session_id BIGINT,
    ip TEXT
);

CREATE INDEX consent_records_account_id_idx ON consent_records (account_id, at, id);

-- Each account's notification switches; a row is created on its first save.
CREATE TABLE notification_settings (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    is_device_muted BOOLEAN NOT NULL,
    is_device_alim_talk_enabled BOOLEAN NOT NULL,
    is_basestation_alert_enabled BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- FCM tokens: at most one per session, each token held by one session. Revoking a session
-- marks it rather than deleting it, so the statements that revoke sessions delete their tokens
-- themselves; the cascade covers session rows that are deleted.
CREATE TABLE push_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT push_tokens_session_id_key UNIQUE (session_id),
    CONSTRAINT push_tokens_token_key UNIQUE (token)
);

CREATE INDEX push_tokens_account_id_idx ON push_tokens (account_id);
