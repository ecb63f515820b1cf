//! `POST /account/register`: the user completes a sign-up the provider gave too little for.

use super::fields::judge;
use super::model::{BrowserLogin, RegistrationInput, SignUpField};
use super::service::{AccountLookup, SignInService};
use crate::UnexpectedError;
use crate::auth::{ClientInfo, Principal};

#[derive(Debug, thiserror::Error)]
pub enum CompleteRegistrationError {
    /// The caller is signed in already (a valid session cookie or access token): an account
    /// holder does not sign up (the roles document's 403 "로그인을 한 상태에서 회원가입 API를 호출").
    #[error("already signed in")]
    AlreadySignedIn,
    /// No pending sign-up under this token (none, expired, or completed already).
    #[error("no pending sign-up")]
    NoPendingRegistration,
    /// Fields still missing or invalid, in the order of [`SignUpField`].
    #[error("insufficient user info: {0:?}")]
    Insufficient(Vec<SignUpField>),
    /// The identity is linked meanwhile to an account that is deleted.
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl SignInService {
    /// Completes the pending sign-up of `token` with the fields the user typed (a typed email
    /// is not verified), creates the account linked to the identity and signs the browser in.
    /// The pending sign-up stays until it succeeds, so the user can correct a field.
    ///
    /// `signed_in` is the caller when the request carries a valid credential: someone signed
    /// in is refused before anything is read, and the pending sign-up stays.
    pub async fn complete_registration(
        &self,
        signed_in: Option<&Principal>,
        token: &str,
        input: RegistrationInput,
        client: &ClientInfo,
    ) -> Result<BrowserLogin, CompleteRegistrationError> {
        if signed_in.is_some() {
            return Err(CompleteRegistrationError::AlreadySignedIn);
        }
        let now = self.ports.clock.now();
        let digest = self.ports.digester.digest(token);
        let pending = self
            .ports
            .pending
            .find_registration(&digest, now)
            .await?
            .ok_or(CompleteRegistrationError::NoPendingRegistration)?;
        let details = judge(&pending.claims, &input, now.date_naive())
            .map_err(CompleteRegistrationError::Insufficient)?;
        let identity = &pending.claims.identity;
        let account = match self.account_for(identity, Some(&details), now).await? {
            AccountLookup::Found(account) => *account,
            AccountLookup::Deleted => return Err(CompleteRegistrationError::AccountDeleted),
            AccountLookup::EmailHeldElsewhere => {
                return Err(CompleteRegistrationError::Insufficient(vec![
                    SignUpField::Email,
                ]));
            }
            AccountLookup::None => match self.create_account(identity, details, now).await? {
                Some(account) => account,
                None => {
                    return Err(CompleteRegistrationError::Insufficient(vec![
                        SignUpField::Email,
                    ]));
                }
            },
        };
        self.ports.pending.remove_registration(&digest).await?;
        let picture = pending.claims.picture.clone();
        Ok(self
            .open_browser_session(account, picture, client, now)
            .await?)
    }
}
