#![no_main]
//! The account-management document's bodies (JSON; the OAuth2 token endpoint's form), read
//! from any bytes as the service reads them and converted as its handlers convert them: no
//! panic, and what cannot be used is a 4xx.

use account_domain::auth::ClientInfo;
use account_fuzz::{form, json_body};
use account_http::seeds::account_management::dto::{
    ChangePasswordRequest, EmailCodeRequest, EmailVerifyRequest, LoginRequest, OAuthTokenRequest,
    PasswordCheckRequest, PasswordResetRequest, RefreshRequest, RegisterRequest,
    ResetPasswordRequest,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    json_body(data, RegisterRequest::try_into_domain);
    json_body(data, |r: LoginRequest| {
        r.try_into_domain(ClientInfo::default())
    });
    json_body(data, RefreshRequest::try_into_domain);
    json_body(data, EmailCodeRequest::try_into_domain);
    json_body(data, EmailVerifyRequest::try_into_domain);
    json_body(data, PasswordCheckRequest::try_into_check);
    json_body(data, ChangePasswordRequest::try_into_change);
    json_body(data, PasswordResetRequest::try_into_domain);
    json_body(data, ResetPasswordRequest::try_into_domain);
    form(data, |r: OAuthTokenRequest| {
        r.try_into_domain(ClientInfo::default())
    });
});
