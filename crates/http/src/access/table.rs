use super::Callers::{Anonymous, Roles, SessionToken};
use super::Refusal::{Forbidden, LuxNotAuthorizedUser};
use super::{
    ADMINISTRATION, ADMINS, ANY_ACCOUNT, INVENTORY, PEOPLE, PUSH_SENDERS, RouteAccess, USERS,
};
use crate::pages::{NEW_RESET_LINK_PATH, RESET_PATH, VERIFY_EMAIL_PATH};
use crate::routes::docs::SCALAR_PATH;

const fn route(method: &'static str, path: &'static str, callers: super::Callers) -> RouteAccess {
    RouteAccess {
        method,
        path,
        callers,
        refusal: Forbidden,
    }
}

const fn lux(method: &'static str, path: &'static str, callers: super::Callers) -> RouteAccess {
    RouteAccess {
        method,
        path,
        callers,
        refusal: LuxNotAuthorizedUser,
    }
}

/// Every route the service serves, in the order of `docs/ROUTES.md`.
pub const ROUTES: &[RouteAccess] = &[
    // Account management.
    route("POST", "/auth/accounts/register", Anonymous),
    route("POST", "/auth/accounts/login", Anonymous),
    route("POST", "/auth/accounts/token", Anonymous),
    route("POST", "/auth/accounts/refresh", Anonymous),
    route("POST", "/auth/accounts/email/code", Anonymous),
    route("POST", "/auth/accounts/email/verify", Anonymous),
    route("POST", "/auth/accounts/reset/request", Anonymous),
    route("POST", "/auth/accounts/reset", Anonymous),
    route("POST", "/auth/accounts/logout", Roles(ANY_ACCOUNT)),
    route("GET", "/auth/accounts/sessions", Roles(ANY_ACCOUNT)),
    route("DELETE", "/auth/accounts/sessions", Roles(ANY_ACCOUNT)),
    route("DELETE", "/auth/accounts/sessions/{id}", Roles(ANY_ACCOUNT)),
    route("GET", "/auth/accounts/profile", Roles(ANY_ACCOUNT)),
    route("PATCH", "/auth/accounts/password", Roles(ANY_ACCOUNT)),
    route("POST", "/auth/accounts/password/verify", Roles(ANY_ACCOUNT)),
    route("DELETE", "/auth/accounts", Roles(ANY_ACCOUNT)),
    // Lux user API.
    lux("GET", "/api/v1/lux/user/me", Roles(PEOPLE)),
    lux("PATCH", "/api/v1/lux/user/root-user", Roles(PEOPLE)),
    lux("DELETE", "/api/v1/lux/user/root-user", Roles(PEOPLE)),
    lux("POST", "/api/v1/lux/user/create-real-user", Roles(USERS)),
    lux(
        "GET",
        "/api/v1/lux/user/real-user/{real_user_id}",
        Roles(PEOPLE),
    ),
    lux(
        "PATCH",
        "/api/v1/lux/user/real-user/{real_user_id}",
        Roles(PEOPLE),
    ),
    lux("DELETE", "/api/v1/lux/user/delete-real-user", Roles(PEOPLE)),
    lux("PATCH", "/api/v1/lux/user/notification", Roles(PEOPLE)),
    lux("PATCH", "/api/v1/lux/user/policy", Roles(PEOPLE)),
    lux("GET", "/api/v1/lux/user/policy/history", Roles(PEOPLE)),
    lux("POST", "/api/v1/lux/user/push/set-token", Roles(PEOPLE)),
    lux("POST", "/api/v1/lux/user/send-sms", Roles(PEOPLE)),
    lux("POST", "/api/v1/lux/user/change-phone", Roles(PEOPLE)),
    lux("GET", "/api/v1/lux/device/get-all-device", Roles(PEOPLE)),
    // Accounts with roles (who may act on which account is the domain's decision).
    route("GET", "/accounts/{accountId}", Roles(ANY_ACCOUNT)),
    route("PATCH", "/accounts/{accountId}", Roles(ANY_ACCOUNT)),
    route("DELETE", "/accounts/{accountId}", Roles(ANY_ACCOUNT)),
    route("GET", "/accounts/{accountId}/summary", Roles(ANY_ACCOUNT)),
    route("GET", "/users/{userId}/profile", Roles(ANY_ACCOUNT)),
    route("POST", "/account/logout", Roles(ANY_ACCOUNT)),
    route(
        "GET",
        "/account/login/oauth2/authorization/{registrationId}",
        Anonymous,
    ),
    route("GET", "/login/oauth2/code/{registrationId}", Anonymous),
    route("POST", "/account/register", Anonymous),
    route(
        "GET",
        "/accounts/{accountId}/profile/image/signed-put-url",
        Roles(ANY_ACCOUNT),
    ),
    route(
        "DELETE",
        "/accounts/{accountId}/profile/image",
        Roles(ANY_ACCOUNT),
    ),
    route(
        "DELETE",
        "/account/{accountId}/profile/imag",
        Roles(ANY_ACCOUNT),
    ),
    // SG-Finder (the session-token routes take any account's token).
    route("POST", "/user/signup", Anonymous),
    route("POST", "/user/signin", Anonymous),
    route("GET", "/user/signout", SessionToken(ANY_ACCOUNT)),
    route("GET", "/user/checkDup/{userId}", Anonymous),
    route("POST", "/user/register/game", SessionToken(ANY_ACCOUNT)),
    route("GET", "/user/{userId}", SessionToken(ANY_ACCOUNT)),
    route("PUT", "/user/{userId}", SessionToken(ANY_ACCOUNT)),
    route("DELETE", "/user/{userId}", SessionToken(ANY_ACCOUNT)),
    // Service user account (the code routes are anonymous: the emailed code is the proof).
    route("POST", "/v1/account/auth", Anonymous),
    route("POST", "/v1/account/add", Anonymous),
    route("PUT", "/v1/account/update", Roles(ANY_ACCOUNT)),
    route("PUT", "/v1/account/auth/update", Roles(ANY_ACCOUNT)),
    route("DELETE", "/v1/account/delete", Roles(ANY_ACCOUNT)),
    route("GET", "/v1/account/info", Roles(ANY_ACCOUNT)),
    route("POST", "/v1/account/find", Anonymous),
    route("POST", "/v1/account/login", Anonymous),
    route("POST", "/v1/account/refresh", Anonymous),
    // Administration.
    route("POST", "/admin/devices", Roles(INVENTORY)),
    route(
        "GET",
        "/admin/accounts/{id}/consent-history",
        Roles(ANY_ACCOUNT),
    ),
    // Profile images kept by the local store: the signed URL is the credential.
    route("PUT", "/profile-images/{accountId}/{file}", Anonymous),
    route("GET", "/profile-images/{accountId}/{file}", Anonymous),
    route("GET", "/admin/accounts", Roles(ADMINISTRATION)),
    route("GET", "/admin/accounts/{id}", Roles(ADMINISTRATION)),
    route("PUT", "/admin/accounts/{id}/roles", Roles(ADMINS)),
    route("POST", "/admin/accounts/{id}/ban", Roles(ADMINS)),
    route("DELETE", "/admin/accounts/{id}/ban", Roles(ADMINS)),
    route("POST", "/admin/accounts/{id}/restore", Roles(ADMINS)),
    route("GET", "/admin/audit-log", Roles(ADMINS)),
    route("GET", "/admin/outbox", Roles(ADMINS)),
    route("POST", "/admin/outbox/{id}/retry", Roles(ADMINS)),
    route("POST", "/admin/push", Roles(PUSH_SENDERS)),
    // The service itself.
    route("GET", "/health/live", Anonymous),
    route("GET", "/health/ready", Anonymous),
    // The metrics token (or development) is the credential: see `metrics::MetricsAccess`.
    route("GET", "/metrics", Anonymous),
    route("GET", "/openapi.json", Anonymous),
    route("GET", "/docs", Anonymous),
    route("GET", SCALAR_PATH, Anonymous),
    // The pages the emailed links land on: the link's token or code is the credential.
    route("GET", RESET_PATH, Anonymous),
    route("POST", RESET_PATH, Anonymous),
    route("POST", NEW_RESET_LINK_PATH, Anonymous),
    route("GET", VERIFY_EMAIL_PATH, Anonymous),
    route("POST", VERIFY_EMAIL_PATH, Anonymous),
];
