use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};

use crate::browser_session::{SESSION_COOKIE, clear_cookie};
use crate::errors::ApiError;
use crate::extract::Authenticated;
use crate::seeds::accounts_roles::AccountsRolesErrorBody;
use crate::state::AppState;

/// End the caller's session: its refresh token and its access tokens stop working (a browser
/// session, its cookie: the cookie is also removed).
#[utoipa::path(
    tag = "accounts-roles",
    security(("bearer_auth" = [])),
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "No valid token (also a session that ended already)",
            body = AccountsRolesErrorBody, example = json!({"message": "Unauthorized"})),
    )
)]
#[post("/logout")]
pub async fn end_session(
    state: web::Data<AppState>,
    request: HttpRequest,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    state.auth.logout(&caller).await?;
    let settings = request
        .app_data::<crate::settings::HttpSettings>()
        .cloned()
        .unwrap_or_default();
    Ok(HttpResponse::NoContent()
        .append_header((
            header::SET_COOKIE,
            clear_cookie(&settings, SESSION_COOKIE, "/"),
        ))
        .finish())
}
