//! The cookies of the browser sign-in flow (SPEC 3.1): the session cookie it ends with
//! (`HttpOnly`, `SameSite=Lax`, `Secure` in production), the short-lived cookies that bind a
//! sign-in to the browser that started it, and the `Origin` check that unsafe requests
//! authenticated by the session cookie must pass.

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::settings::HttpSettings;

/// The browser session: the secret whose digest the session row holds.
pub const SESSION_COOKIE: &str = "account_session";
/// The `state` of a sign-in under way, sent back only to the provider's callback path.
pub const STATE_COOKIE: &str = "oauth2_state";
/// The token of a sign-up waiting for the user's fields, sent only to `/account/register`.
pub const REGISTRATION_COOKIE: &str = "oauth2_registration";

pub const STATE_COOKIE_PATH: &str = "/login/oauth2/code";
pub const REGISTRATION_COOKIE_PATH: &str = "/account/register";

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Lax` (sent on the top-level redirect back from
/// the provider, not on cross-site subrequests), `Secure` when the settings say so.
pub fn set_cookie(
    settings: &HttpSettings,
    name: &str,
    value: &str,
    path: &str,
    max_age_secs: i64,
) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path={path}; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}")
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear_cookie(settings: &HttpSettings, name: &str, path: &str) -> String {
    set_cookie(settings, name, "", path, 0)
}

/// The value of the request's cookie `name`, if it sent one.
pub fn cookie(request: &HttpRequest, name: &str) -> Option<String> {
    request
        .headers()
        .get_all(header::COOKIE)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// Whether a request that a cookie authenticates may change something: its `Origin` is one
/// of the allowed origins, or (none configured) the service's own (`Host`). A request without
/// `Origin` is refused: browsers send it on every unsafe cross-origin and same-origin request.
pub fn origin_allowed(request: &HttpRequest, settings: &HttpSettings) -> bool {
    let Some(origin) = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    if !settings.allowed_origins.is_empty() {
        return settings
            .allowed_origins
            .iter()
            .any(|allowed| allowed == origin);
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    host.is_some() && origin_host == host
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn cookies_are_http_only_lax_and_secure_when_asked() {
        let dev = HttpSettings::default();
        assert_eq!(
            set_cookie(&dev, "a", "b", "/", 60),
            "a=b; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"
        );
        let production = HttpSettings {
            secure_cookies: true,
            ..HttpSettings::default()
        };
        assert!(set_cookie(&production, "a", "b", "/", 60).ends_with("; Secure"));
        assert!(clear_cookie(&production, "a", "/x").starts_with("a=; Path=/x; Max-Age=0"));
    }

    #[test]
    fn reads_one_cookie_among_several() {
        let request = TestRequest::default()
            .insert_header((header::COOKIE, "x=1; account_session=abc; y=2"))
            .to_http_request();
        assert_eq!(cookie(&request, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&request, STATE_COOKIE), None);
    }

    #[test]
    fn the_origin_must_be_allowed_or_the_services_own() {
        let same = TestRequest::default()
            .insert_header((header::HOST, "accounts.example.com"))
            .insert_header((header::ORIGIN, "https://accounts.example.com"))
            .to_http_request();
        let cross = TestRequest::default()
            .insert_header((header::HOST, "accounts.example.com"))
            .insert_header((header::ORIGIN, "https://evil.example.com"))
            .to_http_request();
        let none = TestRequest::default()
            .insert_header((header::HOST, "accounts.example.com"))
            .to_http_request();
        let dev = HttpSettings::default();
        assert!(origin_allowed(&same, &dev));
        assert!(!origin_allowed(&cross, &dev));
        assert!(!origin_allowed(&none, &dev));
        let listed = HttpSettings {
            allowed_origins: vec!["https://evil.example.com".into()],
            ..HttpSettings::default()
        };
        assert!(origin_allowed(&cross, &listed));
        assert!(!origin_allowed(&same, &listed));
    }
}
