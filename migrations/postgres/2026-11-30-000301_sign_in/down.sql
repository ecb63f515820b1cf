DROP TABLE browser_sessions;
DROP TABLE pending_registrations;
DROP TABLE pending_authorizations;
DROP TABLE linked_identities;
