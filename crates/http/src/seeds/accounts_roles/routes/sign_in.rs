//! The browser sign-in flow: the redirect to the provider, the provider's callback, and the
//! completion of a sign-up the provider gave too little for. The flow ends with the session
//! cookie (SPEC 3.1); the state and sign-up tokens travel in their own short-lived cookies,
//! each sent back only to the path that reads it.

use account_domain::sign_in::{Callback, CompleteRegistrationError, SignInOutcome};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};

use crate::browser_session::{
    REGISTRATION_COOKIE, REGISTRATION_COOKIE_PATH, SESSION_COOKIE, STATE_COOKIE, STATE_COOKIE_PATH,
    clear_cookie, cookie, set_cookie,
};
use crate::errors::ApiError;
use crate::extract::{Client, JsonBody, SignedIn};
use crate::seeds::accounts_roles::AccountsRolesErrorBody;
use crate::seeds::accounts_roles::dto::{
    CallbackQuery, InsufficientUserInfoResponse, SignUpCompletedResponse, SignUpCompletionRequest,
    SignedInResponse,
};
use crate::settings::HttpSettings;
use crate::state::AppState;

fn settings(request: &HttpRequest) -> HttpSettings {
    request
        .app_data::<HttpSettings>()
        .cloned()
        .unwrap_or_default()
}

/// The session cookie of a signed-in browser.
fn session_cookie(state: &AppState, settings: &HttpSettings, secret: &str) -> String {
    let lifetime = state.sign_in.settings().browser_session_ttl.num_seconds();
    set_cookie(settings, SESSION_COOKIE, secret, "/", lifetime)
}

/// Send the browser to the provider (`registrationId`: `google`).
#[utoipa::path(
    tag = "accounts-roles",
    params(("registrationId" = String, Path, description = "The provider: `google`")),
    responses(
        (status = 302, description = "To the provider's authorization endpoint (`Location`), \
            with a fresh `state`, `nonce` and PKCE S256 challenge; the state is also set in the \
            `oauth2_state` cookie"),
        (status = 404, description = "No such provider is configured",
            body = AccountsRolesErrorBody, example = json!({"message": "Unknown registration id"})),
        (status = 429, description = "Too many sign-ins started from this address",
            body = AccountsRolesErrorBody),
    )
)]
#[get("/login/oauth2/authorization/{registrationId}")]
pub async fn start_sign_in(
    state: web::Data<AppState>,
    request: HttpRequest,
    Client(client): Client,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let started = state.sign_in.start(&path.into_inner(), &client).await?;
    let lifetime = state.sign_in.settings().pending_ttl.num_seconds();
    let settings = settings(&request);
    Ok(HttpResponse::Found()
        .insert_header((header::LOCATION, started.redirect_url.as_str()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .append_header((
            header::SET_COOKIE,
            set_cookie(
                &settings,
                STATE_COOKIE,
                &started.state,
                STATE_COOKIE_PATH,
                lifetime,
            ),
        ))
        .finish())
}

/// Where the provider sends the browser back: signs in (the session cookie), or names the
/// fields `POST /account/register` must complete.
#[utoipa::path(
    tag = "accounts-roles",
    params(
        ("registrationId" = String, Path, description = "The provider: `google`"),
        CallbackQuery,
    ),
    responses(
        (status = 200, description = "Signed in: the `account_session` cookie is set \
            (`HttpOnly; SameSite=Lax`, `Secure` in production)", body = SignedInResponse),
        (status = 400, description = "`insufficient user info`: complete with \
            `POST /account/register` (the `oauth2_registration` cookie is set)",
            body = InsufficientUserInfoResponse),
        (status = 401, description = "A state this browser did not start, used or expired; \
            the provider declined, refused the code or sent an ID token that is not valid",
            body = AccountsRolesErrorBody, example = json!({"message": "Invalid sign-in state"})),
        (status = 403, description = "The identity's account is deleted",
            body = AccountsRolesErrorBody),
        (status = 404, description = "No such provider is configured",
            body = AccountsRolesErrorBody),
        (status = 502, description = "The provider is unavailable", body = AccountsRolesErrorBody),
    )
)]
#[get("/oauth2/code/{registrationId}")]
pub async fn sign_in_callback(
    state: web::Data<AppState>,
    request: HttpRequest,
    Client(client): Client,
    path: web::Path<String>,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let callback = Callback {
        code: query.code,
        state: query.state,
        error: query.error,
        browser_state: cookie(&request, STATE_COOKIE),
    };
    let settings = settings(&request);
    let outcome = state
        .sign_in
        .complete(&path.into_inner(), callback, &client)
        .await?;
    let clear_state = clear_cookie(&settings, STATE_COOKIE, STATE_COOKIE_PATH);
    Ok(match outcome {
        SignInOutcome::SignedIn(login) => {
            let body = SignedInResponse::new(&login, login.provider_picture.clone());
            HttpResponse::Ok()
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .append_header((header::SET_COOKIE, clear_state))
                .append_header((
                    header::SET_COOKIE,
                    session_cookie(&state, &settings, &login.cookie_secret),
                ))
                .json(body)
        }
        SignInOutcome::NeedsRegistration { token, missing } => {
            let lifetime = state.sign_in.settings().registration_ttl.num_seconds();
            HttpResponse::BadRequest()
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .append_header((header::SET_COOKIE, clear_state))
                .append_header((
                    header::SET_COOKIE,
                    set_cookie(
                        &settings,
                        REGISTRATION_COOKIE,
                        &token,
                        REGISTRATION_COOKIE_PATH,
                        lifetime,
                    ),
                ))
                .json(InsufficientUserInfoResponse::new(&missing))
        }
    })
}

/// Complete a sign-up the provider gave too little for, with the fields the callback named
/// (the `oauth2_registration` cookie says which sign-up); signs the browser in.
#[utoipa::path(
    tag = "accounts-roles",
    request_body = SignUpCompletionRequest,
    responses(
        (status = 200, description = "Registered and signed in: the `account_session` cookie \
            is set", body = SignUpCompletedResponse),
        (status = 400, description = "`insufficient user info`: fields still missing or invalid",
            body = InsufficientUserInfoResponse),
        (status = 401, description = "No sign-up to complete (no cookie, expired, or done)",
            body = AccountsRolesErrorBody),
        (status = 403, description = "`Already signed in`: the request carries a valid \
            session cookie or access token (the document: calling sign-up while logged in is \
            403); or the identity's account is deleted", body = AccountsRolesErrorBody,
            example = json!({"message": "Already signed in"})),
    )
)]
#[post("/register")]
pub async fn complete_registration(
    state: web::Data<AppState>,
    request: HttpRequest,
    Client(client): Client,
    SignedIn(signed_in): SignedIn,
    body: JsonBody<SignUpCompletionRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = cookie(&request, REGISTRATION_COOKIE).unwrap_or_default();
    let settings = settings(&request);
    let result = state
        .sign_in
        .complete_registration(signed_in.as_ref(), &token, body.0.into_domain(), &client)
        .await;
    match result {
        Ok(login) => Ok(HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .append_header((
                header::SET_COOKIE,
                clear_cookie(&settings, REGISTRATION_COOKIE, REGISTRATION_COOKIE_PATH),
            ))
            .append_header((
                header::SET_COOKIE,
                session_cookie(&state, &settings, &login.cookie_secret),
            ))
            .json(SignUpCompletedResponse {
                message: SignUpCompletedResponse::MESSAGE,
            })),
        Err(CompleteRegistrationError::Insufficient(fields)) => Ok(HttpResponse::BadRequest()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(InsufficientUserInfoResponse::new(&fields))),
        Err(other) => Err(other.into()),
    }
}
