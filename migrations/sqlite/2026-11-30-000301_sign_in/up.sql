-- Sign-in with an outside provider (Google). Every time is written by the service's clock.

-- Which account an outside identity (provider, subject) signs in to: one account per identity.
CREATE TABLE linked_identities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    linked_at TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX linked_identities_provider_subject_key ON linked_identities (provider, subject);
CREATE INDEX linked_identities_account_id_idx ON linked_identities (account_id);

-- Sign-ins sent to the provider: found by the keyed digest of their state, used once.
CREATE TABLE pending_authorizations (
    state_digest TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE INDEX pending_authorizations_expires_at_idx ON pending_authorizations (expires_at);

-- Sign-ups the provider gave too little for, waiting for the user's fields: the provider's
-- claims under the keyed digest of the token the browser holds.
CREATE TABLE pending_registrations (
    token_digest TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    email TEXT,
    email_verified BOOLEAN NOT NULL,
    name TEXT,
    picture TEXT,
    locale TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE INDEX pending_registrations_expires_at_idx ON pending_registrations (expires_at);

-- Sessions of browsers: the keyed digest of the session cookie's secret. The session itself is
-- an ordinary session row (listed, revoked, ended like any other).
CREATE TABLE browser_sessions (
    session_id BIGINT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    cookie_digest TEXT NOT NULL
);

CREATE UNIQUE INDEX browser_sessions_cookie_digest_key ON browser_sessions (cookie_digest);
