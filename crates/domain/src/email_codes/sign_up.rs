//! Creating the account of the address a code went to.

use chrono::{DateTime, Utc};

use super::redeem::{Redemption, redeem_standalone_code};
use super::service::EmailCodeService;
use crate::UnexpectedError;
use crate::accounts::{Account, CreateAccountError, NewAccount, PublicAccountId, RegisterType};
use crate::auth::ClientInfo;
use crate::store::{StoreTransaction, transact};
use crate::values::{Email, Nickname, Password, PasswordError, PersonName, Phone, Roles};

/// What the document's `add` sends with the code.
#[derive(Debug, Clone)]
pub struct SignUpDetails {
    pub password: Password,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub nickname: Nickname,
    /// Entered, not checked.
    pub phone: Phone,
}

#[derive(Debug, thiserror::Error)]
pub enum SignUpWithCodeError {
    /// No current code is stored under it, or it expired: one answer for all. `guessed` when
    /// no current code had it (the try counts against the client).
    #[error("invalid or expired code")]
    InvalidCode { guessed: bool },
    /// A live account holds the address or the nickname. The code still works.
    #[error("the address or the nickname is taken")]
    Taken,
    /// The code still works.
    #[error(transparent)]
    WeakPassword(PasswordError),
    /// Too many wrong codes from this IP.
    #[error("too many wrong codes")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl EmailCodeService {
    /// Creates a USER account for the address `code` was sent to, with a fresh public id,
    /// the email verified (the code proved it) and the phone unchecked
    /// ([`sign_up_with_code`]). Each try is reserved against the client's IP before the
    /// password is hashed, and given back unless the code was a guess.
    pub async fn sign_up(
        &self,
        code: &str,
        details: SignUpDetails,
        client: &ClientInfo,
    ) -> Result<Account, SignUpWithCodeError> {
        let now = self.ports.clock.now();
        let budget = self.check_budget(client);
        if let Some(retry_at) = self.reserve_check(&budget, now).await? {
            return Err(SignUpWithCodeError::Throttled { retry_at });
        }
        let password_hash = self.ports.hasher.hash(&details.password).await?;
        let public_id = PublicAccountId::random(&*self.ports.secrets);
        let digest = self.digest_of(code);
        let result = transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move {
                sign_up_with_code(tx, &digest, details, password_hash, public_id, now).await
            })
        })
        .await;
        let guessed = matches!(
            result,
            Err(SignUpWithCodeError::InvalidCode { guessed: true })
        );
        self.settle_check(&budget, guessed, now).await?;
        result
    }
}

/// In the caller's transaction: the code stored under `code_digest` is spent and the account of
/// its address created. Any refusal is an `Err`, so that the transaction rolls back and a code
/// refused for a taken nickname or a weak password still works.
pub async fn sign_up_with_code(
    tx: &mut dyn StoreTransaction,
    code_digest: &str,
    details: SignUpDetails,
    password_hash: String,
    public_id: PublicAccountId,
    now: DateTime<Utc>,
) -> Result<Account, SignUpWithCodeError> {
    let target = match redeem_standalone_code(tx, code_digest, now).await? {
        Redemption::Accepted { target, .. } => target,
        Redemption::Refused { guessed } => {
            return Err(SignUpWithCodeError::InvalidCode { guessed });
        }
    };
    let email = Email::parse(&target).map_err(|err| {
        UnexpectedError::with_source("an account code was sent to an invalid address", err)
    })?;
    details
        .password
        .ensure_differs_from([email.as_str(), details.nickname.as_str()])
        .map_err(SignUpWithCodeError::WeakPassword)?;
    let new_account = NewAccount {
        public_id,
        email,
        login_id: None,
        nickname: Some(details.nickname.clone()),
        password_hash: Some(password_hash),
        name: None,
        first_name: Some(details.first_name.as_str().to_owned()),
        last_name: Some(details.last_name.as_str().to_owned()),
        birthdate: None,
        gender: None,
        phone: Some(details.phone),
        introduce: None,
        register_type: RegisterType::Email,
        roles: Roles::user(),
        now,
    };
    if tx.nickname_held_elsewhere(None, &details.nickname).await? {
        return Err(SignUpWithCodeError::Taken);
    }
    let mut account = tx
        .insert_account(&new_account)
        .await
        .map_err(|err| match err {
            CreateAccountError::EmailTaken
            | CreateAccountError::LoginIdTaken
            | CreateAccountError::NicknameTaken => SignUpWithCodeError::Taken,
            CreateAccountError::Unexpected(err) => SignUpWithCodeError::Unexpected(err),
        })?;
    tx.mark_email_verified(account.id, now).await?;
    account.email_verified = true;
    Ok(account)
}
