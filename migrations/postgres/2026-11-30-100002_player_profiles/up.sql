-- SG-Finder game players: one per account at most, apart from the account's own columns.
-- The game nickname is its own namespace (not accounts.nickname), unique case-insensitively.
CREATE TABLE player_profiles (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    nickname TEXT NOT NULL,
    nickname_lower TEXT NOT NULL,
    tier TEXT NOT NULL,
    score BIGINT NOT NULL,
    point BIGINT NOT NULL,
    win BIGINT NOT NULL,
    lose BIGINT NOT NULL,
    one_shot BIGINT NOT NULL,
    finder BIGINT NOT NULL,
    last_week_rank BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX player_profiles_nickname_lower_key ON player_profiles (nickname_lower);

-- The weapons a player holds, in the order acquired (position).
CREATE TABLE player_weapons (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES player_profiles (account_id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    damage BIGINT NOT NULL,
    price BIGINT NOT NULL,
    usable_count INTEGER NOT NULL
);

CREATE UNIQUE INDEX player_weapons_account_position_key ON player_weapons (account_id, position);
