//! Forgery protection of the pages' forms: a random token in an `HttpOnly`, `SameSite=Strict`
//! cookie and the same token in a hidden field (double submit, compared in constant time), and
//! a refusal of any request the browser marks as sent from another site (`Sec-Fetch-Site`).
//! Another site can neither read the cookie nor make the browser send it. The `Origin` header
//! cannot serve here: the pages' `Referrer-Policy: no-referrer` makes browsers send
//! `Origin: null` with their own form posts. With `secure_cookies` the cookie is a `__Host-`
//! cookie, which a neighbouring subdomain cannot plant.

use actix_web::HttpRequest;
use actix_web::http::header::HeaderValue;

use crate::browser_session::cookie;
use crate::settings::HttpSettings;

const COOKIE: &str = "page_csrf";
const SECURE_COOKIE: &str = "__Host-page_csrf";
/// Hex characters of a token (128 bits).
const TOKEN_CHARS: usize = 32;
/// How long a form may stay open before it must be opened again.
const MAX_AGE_SECS: u32 = 3600;

/// The form token of this browser: the one its cookie already holds (so that two open tabs
/// both work), else a new one.
pub fn token_for(request: &HttpRequest, settings: &HttpSettings) -> String {
    cookie(request, cookie_name(settings))
        .filter(|token| well_formed(token))
        .unwrap_or_else(new_token)
}

/// The `Set-Cookie` value carrying `token`.
pub fn set_cookie(settings: &HttpSettings, token: &str) -> HeaderValue {
    let (name, secure) = if settings.secure_cookies {
        (SECURE_COOKIE, "; Secure")
    } else {
        (COOKIE, "")
    };
    let value = format!(
        "{name}={token}; Path=/; Max-Age={MAX_AGE_SECS}; HttpOnly; SameSite=Strict{secure}"
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether a form post is this browser's own: not marked cross-site, carrying the cookie, and
/// the field equal to it.
pub fn accepts(request: &HttpRequest, settings: &HttpSettings, field: &str) -> bool {
    let cross_site = request
        .headers()
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|site| site != "same-origin" && site != "none");
    let Some(expected) = cookie(request, cookie_name(settings)) else {
        return false;
    };
    !cross_site && well_formed(&expected) && constant_time_eq(expected.as_bytes(), field.as_bytes())
}

fn cookie_name(settings: &HttpSettings) -> &'static str {
    if settings.secure_cookies {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_CHARS / 2];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_CHARS && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Equality whose time depends on the lengths only, not on where the bytes first differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use actix_web::http::header;
    use actix_web::test::TestRequest;

    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn post(cookie: Option<&str>, site: Option<&str>) -> HttpRequest {
        let mut request = TestRequest::post();
        if let Some(cookie) = cookie {
            request = request.insert_header((header::COOKIE, cookie));
        }
        if let Some(site) = site {
            request = request.insert_header(("sec-fetch-site", site));
        }
        request.to_http_request()
    }

    #[test]
    fn the_field_must_equal_the_cookie() {
        let dev = HttpSettings::default();
        let cookie = format!("page_csrf={TOKEN}");
        assert!(accepts(
            &post(Some(&cookie), Some("same-origin")),
            &dev,
            TOKEN
        ));
        assert!(accepts(&post(Some(&cookie), None), &dev, TOKEN));
        assert!(!accepts(
            &post(Some(&cookie), None),
            &dev,
            &TOKEN.replace('0', "1")
        ));
        assert!(!accepts(&post(Some(&cookie), None), &dev, ""));
        assert!(!accepts(&post(None, None), &dev, TOKEN));
        assert!(!accepts(
            &post(Some("page_csrf=short"), None),
            &dev,
            "short"
        ));
    }

    #[test]
    fn a_post_from_another_site_is_refused_even_with_the_token() {
        let cookie = format!("page_csrf={TOKEN}");
        for site in ["cross-site", "same-site"] {
            assert!(!accepts(
                &post(Some(&cookie), Some(site)),
                &HttpSettings::default(),
                TOKEN
            ));
        }
    }

    #[test]
    fn the_cookie_is_strict_http_only_and_host_bound_in_production() {
        let dev = set_cookie(&HttpSettings::default(), TOKEN);
        assert_eq!(
            dev.to_str().unwrap(),
            format!("page_csrf={TOKEN}; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict")
        );
        let production = HttpSettings {
            secure_cookies: true,
            ..HttpSettings::default()
        };
        let secure = set_cookie(&production, TOKEN);
        assert!(secure.to_str().unwrap().starts_with("__Host-page_csrf="));
        assert!(secure.to_str().unwrap().ends_with("; Secure"));
        let cookie = format!("page_csrf={TOKEN}");
        assert!(!accepts(&post(Some(&cookie), None), &production, TOKEN));
    }

    #[test]
    fn a_browser_keeps_its_token_and_a_new_one_gets_a_fresh_one() {
        let dev = HttpSettings::default();
        let known = TestRequest::get()
            .insert_header((header::COOKIE, format!("page_csrf={TOKEN}")))
            .to_http_request();
        assert_eq!(token_for(&known, &dev), TOKEN);
        let fresh = token_for(&TestRequest::get().to_http_request(), &dev);
        assert!(well_formed(&fresh));
        assert_ne!(
            fresh,
            token_for(&TestRequest::get().to_http_request(), &dev)
        );
    }
}
