//! End-to-end tests of the wired service: real stores (SQLite file and PostgreSQL), real
//! crypto, the dev outbox. All in one test binary (see `helpers.rs`).

mod dead_messages_are_queued_again;
mod documented;
mod fixtures;
mod helpers;
mod http_client;
mod status_record;

mod accounts_roles;
mod admin;
mod admin_acts_on_other_accounts;
mod bad_input;
mod binary;
mod browser;
mod connection_reset;
mod ended_sessions_are_refused;
mod faults;
mod files_and_config;
mod google_sign_in;
mod google_sign_in_failures;
mod import_progress;
mod instances;
mod journeys;
mod logging;
mod lux;
mod metrics;
mod metrics_access;
mod operator;
mod oversized_and_mistyped_bodies;
mod pages;
mod pages_forgery;
mod password_care;
mod password_reset;
mod profile_image_store_faults;
mod profile_images;
mod push_delivery;
mod security_events;
mod service_user;
mod session_ids_and_deletion_fields;
mod sg_finder;
mod sg_finder_other_users;
mod sms_delivery;
mod smtp_delivery;
mod throttled_after_repeated_failures;
mod throttling;
mod withdrawn_parents_phone_routes;
