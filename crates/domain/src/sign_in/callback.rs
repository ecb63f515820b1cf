//! The provider's redirect back: the state proves the sign-in is one this browser started
//! (single use), the code is exchanged with the PKCE verifier, the ID token's claims decide
//! the account.

use super::fields::judge;
use super::model::{
    Callback, PendingRegistration, ProviderClaims, RegistrationInput, SignInOutcome, SignUpField,
};
use super::ports::ExchangeError;
use super::service::{AccountLookup, SignInService, same_secret};
use crate::UnexpectedError;
use crate::auth::ClientInfo;

#[derive(Debug, thiserror::Error)]
pub enum CompleteSignInError {
    #[error("unknown provider")]
    UnknownProvider,
    /// No state, a state this browser was not given, an unknown, expired or used one.
    #[error("the sign-in state is invalid")]
    InvalidState,
    /// The provider sent an error (the user declined) or no code.
    #[error("the provider did not authorize the sign-in")]
    ProviderDenied,
    /// The provider refused the code (wrong PKCE verifier, used or expired code).
    #[error("the provider refused the authorization code")]
    CodeRefused,
    #[error("the ID token is invalid")]
    InvalidIdToken,
    #[error("the provider is unavailable")]
    ProviderUnavailable(#[source] UnexpectedError),
    /// The identity's account is deleted.
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl SignInService {
    /// Completes a sign-in from the provider's callback: signs in the account linked to the
    /// identity, or links the account holding the provider-verified address, or creates an
    /// account; when the provider gave too little for that, keeps its claims for
    /// [`SignInService::complete_registration`] and names the missing fields.
    pub async fn complete(
        &self,
        provider_name: &str,
        callback: Callback,
        client: &ClientInfo,
    ) -> Result<SignInOutcome, CompleteSignInError> {
        let provider = self
            .provider(provider_name)
            .ok_or(CompleteSignInError::UnknownProvider)?
            .clone();
        let now = self.ports.clock.now();
        let state = callback
            .state
            .as_deref()
            .ok_or(CompleteSignInError::InvalidState)?;
        let bound = callback
            .browser_state
            .as_deref()
            .is_some_and(|browser| same_secret(browser, state));
        if !bound {
            return Err(CompleteSignInError::InvalidState);
        }
        let pending = self
            .ports
            .pending
            .take(&self.ports.digester.digest(state), now)
            .await?
            .filter(|pending| pending.provider == provider.provider())
            .ok_or(CompleteSignInError::InvalidState)?;
        let code = match (callback.error, callback.code) {
            (None, Some(code)) => code,
            _ => return Err(CompleteSignInError::ProviderDenied),
        };
        let claims = provider
            .exchange_code(&code, &pending.pkce_verifier, &pending.nonce)
            .await
            .map_err(|e| match e {
                ExchangeError::CodeRefused => CompleteSignInError::CodeRefused,
                ExchangeError::InvalidIdToken(reason) => {
                    tracing::warn!(%reason, "refused an ID token");
                    CompleteSignInError::InvalidIdToken
                }
                ExchangeError::Unavailable(e) => CompleteSignInError::ProviderUnavailable(e),
            })?;
        self.sign_in_with(claims, client, now).await
    }

    async fn sign_in_with(
        &self,
        claims: ProviderClaims,
        client: &ClientInfo,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<SignInOutcome, CompleteSignInError> {
        let judged = judge(&claims, &RegistrationInput::default(), now.date_naive());
        let lookup = self
            .account_for(&claims.identity, judged.as_ref().ok(), now)
            .await?;
        let missing = match (lookup, judged) {
            (AccountLookup::Found(account), _) => {
                let login = self
                    .open_browser_session(*account, claims.picture.clone(), client, now)
                    .await?;
                return Ok(SignInOutcome::SignedIn(Box::new(login)));
            }
            (AccountLookup::Deleted, _) => return Err(CompleteSignInError::AccountDeleted),
            (AccountLookup::EmailHeldElsewhere, _) => vec![SignUpField::Email],
            (AccountLookup::None, Ok(details)) => {
                match self.create_account(&claims.identity, details, now).await? {
                    Some(account) => {
                        let login = self
                            .open_browser_session(account, claims.picture.clone(), client, now)
                            .await?;
                        return Ok(SignInOutcome::SignedIn(Box::new(login)));
                    }
                    None => vec![SignUpField::Email],
                }
            }
            (AccountLookup::None, Err(missing)) => missing,
        };
        let token = self.ports.secrets.random_token();
        let registration = PendingRegistration {
            token_digest: self.ports.digester.digest(&token),
            claims,
            created_at: now,
            expires_at: now + self.settings.registration_ttl,
        };
        self.ports.pending.save_registration(&registration).await?;
        Ok(SignInOutcome::NeedsRegistration { token, missing })
    }
}
