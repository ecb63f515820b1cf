use std::future::Future;
use std::pin::Pin;

use account_domain::auth::Principal;
use actix_web::dev::Payload;
use actix_web::http::header::HeaderMap;
use actix_web::{FromRequest, HttpRequest, web};

use crate::access;
use crate::errors::ApiError;
use crate::errors::mapping::role_denied;
use crate::state::AppState;

/// The header carrying SG-Finder's opaque session token.
pub const SESSION_TOKEN_HEADER: &str = "session-token";
/// The header naming the signed-in user (their login id), checked against the token.
pub const USER_ID_HEADER: &str = "userId";

/// The caller, authenticated by the `session-token` header and the `userId` header, which
/// must name the token's own user; admitted by the route's entry in the access table.
///
/// A missing header, an unknown or ended token, and a token sent with another user's id are
/// all `401 unauthorized`.
#[derive(Debug, Clone)]
pub struct SessionTokenCaller(pub Principal);

/// As [`SessionTokenCaller`], for routes whose document lists no `userId` header: checked
/// against the token when sent, not required.
#[derive(Debug, Clone)]
pub struct SessionTokenOnly(pub Principal);

impl FromRequest for SessionTokenCaller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let caller = authenticate(request, true);
        Box::pin(async move { caller.await.map(SessionTokenCaller) })
    }
}

impl FromRequest for SessionTokenOnly {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let caller = authenticate(request, false);
        Box::pin(async move { caller.await.map(SessionTokenOnly) })
    }
}

fn authenticate(
    request: &HttpRequest,
    user_id_required: bool,
) -> impl Future<Output = Result<Principal, ApiError>> + 'static {
    let state = request.app_data::<web::Data<AppState>>().cloned();
    let token = header_text(request.headers(), SESSION_TOKEN_HEADER);
    let user_id = header_text(request.headers(), USER_ID_HEADER);
    let route = request
        .match_pattern()
        .and_then(|pattern| access::route_of(request.method(), &pattern));
    async move {
        let state = state.ok_or_else(|| ApiError::internal(&"AppState is not registered"))?;
        let route = route.ok_or_else(|| ApiError::internal(&"a route without an access entry"))?;
        let token = token.ok_or_else(ApiError::unauthorized)?;
        if user_id_required && user_id.is_none() {
            return Err(ApiError::unauthorized());
        }
        let principal = state
            .auth
            .authenticate_session_token(&token, user_id.as_deref())
            .await?;
        if !route.admits(&principal) {
            return Err(role_denied(route.refusal));
        }
        Ok(principal)
    }
}

/// A header's value, trimmed; `None` when absent, empty or not text.
fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    #[test]
    fn reads_present_non_empty_headers_only() {
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("session-token"),
            HeaderValue::from_static("  abc  "),
        );
        headers.insert(
            HeaderName::from_static("userid"),
            HeaderValue::from_static(""),
        );
        assert_eq!(
            header_text(&headers, SESSION_TOKEN_HEADER).as_deref(),
            Some("abc")
        );
        assert_eq!(header_text(&headers, USER_ID_HEADER), None);
        assert_eq!(header_text(&HeaderMap::new(), SESSION_TOKEN_HEADER), None);
    }
}
