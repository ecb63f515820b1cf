DROP TABLE push_tokens;
DROP TABLE notification_settings;
DROP TABLE consent_records;
DROP TABLE policies;
DROP TABLE devices;
DROP TABLE child_users;
