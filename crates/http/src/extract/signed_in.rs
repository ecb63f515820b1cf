use std::future::Future;
use std::pin::Pin;

use account_domain::auth::Principal;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use super::authenticated::bearer_token;
use crate::browser_session::{SESSION_COOKIE, cookie};
use crate::errors::ApiError;
use crate::state::AppState;

/// Who the request is signed in as, if anyone: a valid `Authorization: Bearer` access token,
/// else a valid browser session cookie; `None` without one, or when the credential is not (or
/// no longer) valid. For routes open to anyone whose answer depends on being signed in
/// (`POST /account/register`); it refuses nothing itself.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Option<Principal>);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = request.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(request.headers()).map(str::to_owned);
        let secret = cookie(request, SESSION_COOKIE);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(&"AppState is not registered"))?;
            if let Some(token) = token
                && let Ok(principal) = state.auth.authenticate(&token).await
            {
                return Ok(SignedIn(Some(principal)));
            }
            let principal = match secret {
                Some(secret) => state.sign_in.authenticate_cookie(&secret).await.ok(),
                None => None,
            };
            Ok(SignedIn(principal))
        })
    }
}
