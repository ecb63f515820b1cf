use super::model::Principal;
use super::ports::TokenError;
use super::service::AuthService;
use crate::UnexpectedError;
use crate::accounts::AccountId;

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
    /// Banned by an ADMIN: its tokens are refused until the ban is lifted.
    #[error("account is banned")]
    AccountBanned,
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
            .verifier
            .verify(access_token, now)
            .map_err(|e| match e {
                TokenError::Expired => AuthenticateError::ExpiredToken,
                TokenError::Invalid => AuthenticateError::InvalidToken,
            })?;
        let found = self
            .ports
            .sessions
            .find_with_account(claims.session_id)
            .await?;
        let (session, account) = match found {
            Some((session, account)) if account.id == claims.account_id => (session, account),
            // A session of another account, or none: the token names an account of its own.
            Some(_) | None => return Err(self.missing_account(claims.account_id).await?),
        };
        if account.is_deleted() {
            return Err(AuthenticateError::AccountDeleted);
        }
        if account.is_banned() {
            return Err(AuthenticateError::AccountBanned);
        }
        // `iat` has whole seconds; the session check below covers a revocation within the
        // second the token was issued.
        if claims.issued_at.timestamp() < account.tokens_valid_after.timestamp()
            || !session.is_active(now)
        {
            return Err(AuthenticateError::SessionEnded);
        }
        Ok(Principal {
            account_id: account.id,
            session_id: claims.session_id,
            roles: account.roles.clone(),
            account,
        })
    }

    /// Why a validly signed token finds no session of its account: the account is gone or
    /// deleted, or else its session ended. Only tokens of ended sessions get here, so this
    /// extra read is off the hot path.
    async fn missing_account(
        &self,
        account: AccountId,
    ) -> Result<AuthenticateError, UnexpectedError> {
        Ok(match self.ports.accounts.find_by_id(account).await? {
            None => AuthenticateError::AccountNotFound,
            Some(account) if account.is_deleted() => AuthenticateError::AccountDeleted,
            Some(account) if account.is_banned() => AuthenticateError::AccountBanned,
            Some(_) => AuthenticateError::SessionEnded,
        })
    }
}
