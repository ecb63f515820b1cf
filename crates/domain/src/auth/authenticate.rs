use super::model::Principal;
use super::ports::TokenError;
use super::service::AuthService;
use crate::UnexpectedError;

#[derive(Debug, thiserror::Error)]
pub enum AuthenticateError {
    #[error("access token is invalid")]
    InvalidToken,
    #[error("access token is expired")]
    ExpiredToken,
    /// The token was valid but its session was ended (log-out, revocation, password change).
    #[error("session has ended")]
    SessionEnded,
    #[error("account does not exist")]
    AccountNotFound,
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl AuthService {
    /// Checks a bearer access token: signature and claims, then that its account still exists
    /// and that neither its session nor the account's "not before" instant has ended it.
    pub async fn authenticate(&self, access_token: &str) -> Result<Principal, AuthenticateError> {
        let now = self.ports.clock.now();
        let claims = self
            .ports
            .tokens
            .verify(access_token, now)
            .map_err(|e| match e {
                TokenError::Expired => AuthenticateError::ExpiredToken,
                TokenError::Invalid => AuthenticateError::InvalidToken,
            })?;
        let account = self
            .ports
            .accounts
            .find_by_id(claims.account_id)
            .await?
            .ok_or(AuthenticateError::AccountNotFound)?;
        if account.is_deleted() {
            return Err(AuthenticateError::AccountDeleted);
        }
        // `iat` has whole seconds; the session check below covers a revocation within the
        // second the token was issued.
        if claims.issued_at.timestamp() < account.tokens_valid_after.timestamp() {
            return Err(AuthenticateError::SessionEnded);
        }
        match self.ports.sessions.find(claims.session_id).await? {
            Some(session) if session.account_id == account.id && session.is_active(now) => {}
            _ => return Err(AuthenticateError::SessionEnded),
        }
        Ok(Principal {
            account_id: account.id,
            session_id: claims.session_id,
            roles: account.roles,
        })
    }
}
