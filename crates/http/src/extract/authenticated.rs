use std::future::Future;
use std::pin::Pin;

use account_domain::auth::Principal;
use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderMap};
use actix_web::{FromRequest, HttpRequest, web};

use crate::access;
use crate::browser_session::{SESSION_COOKIE, cookie, origin_allowed};
use crate::errors::mapping::role_denied;
use crate::errors::{ApiError, ApiErrorKind};
use crate::seeds::accounts_roles;
use crate::settings::HttpSettings;
use crate::state::AppState;

/// The caller, authenticated by `Authorization: Bearer <access token>` (or, on the routes of
/// the accounts-with-roles document, by the browser session cookie its sign-in flow ends with),
/// and admitted by the route's entry in the access table ([`crate::access`]).
///
/// A request the cookie authenticates with an unsafe method (anything but `GET`, `HEAD`,
/// `OPTIONS`) must come from an allowed `Origin` ([`origin_allowed`]), else `403`: a cookie is
/// sent by the browser whoever made the page that asks.
///
/// A missing or malformed header is `401 unauthorized`; a token the domain rejects is the
/// domain's answer (`token_expired`, `session_ended`, ...); a caller whose roles the route does
/// not admit gets the seed's refusal (403, or Lux's 401 `Not authorized user`).
#[derive(Debug, Clone)]
pub struct Authenticated(pub Principal);

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = request.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(request.headers()).map(str::to_owned);
        let route = request
            .match_pattern()
            .and_then(|pattern| access::route_of(request.method(), &pattern));
        let browser = route
            .filter(|route| accounts_roles::owns(route.path))
            .and_then(|_| cookie(request, SESSION_COOKIE))
            .map(|secret| {
                let settings = request
                    .app_data::<HttpSettings>()
                    .cloned()
                    .unwrap_or_default();
                let safe = request.method().is_safe();
                (secret, safe || origin_allowed(request, &settings))
            });
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(&"AppState is not registered"))?;
            let route =
                route.ok_or_else(|| ApiError::internal(&"a route without an access entry"))?;
            let principal = match (token, browser) {
                (Some(token), _) => state.auth.authenticate(&token).await?,
                (None, Some((_, false))) => return Err(origin_refused()),
                (None, Some((secret, true))) => state.sign_in.authenticate_cookie(&secret).await?,
                (None, None) => return Err(ApiError::unauthorized()),
            };
            if !route.admits(&principal) {
                return Err(role_denied(route.refusal));
            }
            Ok(Authenticated(principal))
        })
    }
}

/// An unsafe request carried a session cookie from an origin that may not use it.
fn origin_refused() -> ApiError {
    ApiError::new(
        actix_web::http::StatusCode::FORBIDDEN,
        ApiErrorKind::Forbidden,
        "Origin not allowed",
    )
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
pub(super) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    let well_formed =
        scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && !token.contains(' ');
    well_formed.then_some(token)
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderValue;

    use super::*;

    fn with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(header::AUTHORIZATION, value);
        }
        headers
    }

    #[test]
    fn reads_bearer_tokens() {
        assert_eq!(
            bearer_token(&with_authorization("Bearer abc.def")),
            Some("abc.def")
        );
        assert_eq!(
            bearer_token(&with_authorization("bearer  abc")),
            Some("abc")
        );
    }

    #[test]
    fn rejects_other_schemes_and_malformed_values() {
        for value in [
            "Basic dXNlcjpwYXNz",
            "Bearer",
            "Bearer ",
            "abc",
            "Bearer a b",
        ] {
            assert_eq!(bearer_token(&with_authorization(value)), None, "{value}");
        }
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
