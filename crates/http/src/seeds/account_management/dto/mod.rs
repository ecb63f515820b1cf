//! Bodies of the account-management routes (camelCase, as the document; the OAuth2 token
//! endpoint in RFC 6749's snake_case).

mod account;
mod email_verification;
mod login;
mod oauth_token;
mod password;
mod password_reset;
mod refresh;
mod register;
mod sessions;
mod success;

pub use account::AccountResponse;
pub use email_verification::{EmailCodeRequest, EmailConfirmation, EmailVerifyRequest};
pub use login::{LoginRequest, TokenResponse};
pub use oauth_token::{OAuthTokenRequest, OAuthTokenResponse, TokenGrant};
pub use password::{ChangePasswordRequest, PasswordChange, PasswordCheck, PasswordCheckRequest};
pub use password_reset::{PasswordReset, PasswordResetRequest, ResetPasswordRequest};
pub use refresh::RefreshRequest;
pub use register::RegisterRequest;
pub use sessions::{RevokedSessionsResponse, SessionPath, SessionResponse};
pub use success::SuccessResponse;
