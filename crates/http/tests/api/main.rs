//! HTTP tests: every route through `actix_web::test`, over real use cases with mocked ports.

mod support;

mod access;
mod accounts_roles;
mod admin;
mod admin_accounts;
mod admin_outbox_push;
mod email_verification;
mod health;
mod login;
mod logout;
mod lux;
mod metrics;
mod oauth_token;
mod openapi;
mod openapi_links;
mod openapi_seeds;
mod password;
mod profile;
mod refresh;
mod register;
mod request_errors;
mod security_headers;
mod service_user;
mod sessions;
