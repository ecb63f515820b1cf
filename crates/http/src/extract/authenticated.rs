use std::future::Future;
use std::pin::Pin;

use account_domain::auth::Principal;
use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderMap};
use actix_web::{FromRequest, HttpRequest, web};

use crate::access;
use crate::errors::ApiError;
use crate::errors::mapping::role_denied;
use crate::state::AppState;

/// The caller, authenticated by `Authorization: Bearer <access token>`, and admitted by the
/// route's entry in the access table ([`crate::access`]).
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
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(&"AppState is not registered"))?;
            let route =
                route.ok_or_else(|| ApiError::internal(&"a route without an access entry"))?;
            let token = token.ok_or_else(ApiError::unauthorized)?;
            let principal = state.auth.authenticate(&token).await?;
            if !route.admits(&principal) {
                return Err(role_denied(route.refusal));
            }
            Ok(Authenticated(principal))
        })
    }
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
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
