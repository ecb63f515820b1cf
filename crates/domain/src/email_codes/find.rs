//! Finding one's account: the code names the address, the password proves the account.

use chrono::{DateTime, Utc};

use super::redeem::{Redemption, redeem_standalone_code};
use super::service::EmailCodeService;
use crate::UnexpectedError;
use crate::accounts::PublicAccountId;
use crate::auth::ClientInfo;
use crate::store::transact;
use crate::values::Email;

#[derive(Debug, thiserror::Error)]
pub enum FindAccountError {
    /// No current code is stored under it, or it expired.
    #[error("invalid or expired code")]
    InvalidCode,
    /// The address has no live account (deleted, or never created), or it is banned.
    #[error("no account for the address")]
    AccountNotFound,
    /// The password is not the account's. The code is spent: each guess of a password costs a
    /// new code, and codes are sent at most once per resend cooldown.
    #[error("wrong password")]
    WrongPassword,
    #[error("too many wrong codes")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl EmailCodeService {
    /// The public id of the account of the address `code` was sent to, when `password` is its
    /// password. The code is spent whatever the password; each try is reserved against the
    /// client's IP and given back unless the code was a guess.
    pub async fn find_account(
        &self,
        code: &str,
        password: &str,
        client: &ClientInfo,
    ) -> Result<PublicAccountId, FindAccountError> {
        let now = self.ports.clock.now();
        let budget = self.check_budget(client);
        if let Some(retry_at) = self.reserve_check(&budget, now).await? {
            return Err(FindAccountError::Throttled { retry_at });
        }
        let digest = self.digest_of(code);
        let redemption = transact(&*self.ports.unit_of_work, move |tx| {
            Box::pin(async move { redeem_standalone_code(tx, &digest, now).await })
        })
        .await?;
        let target = match redemption {
            Redemption::Accepted { target, .. } => {
                self.settle_check(&budget, false, now).await?;
                target
            }
            Redemption::Refused { guessed } => {
                self.settle_check(&budget, guessed, now).await?;
                return Err(FindAccountError::InvalidCode);
            }
        };
        let email = Email::parse(&target).map_err(|err| {
            UnexpectedError::with_source("an account code was sent to an invalid address", err)
        })?;
        let account = self
            .ports
            .accounts
            .find_by_email(&email)
            .await?
            .filter(|a| !a.is_banned());
        let Some(account) = account else {
            return Err(FindAccountError::AccountNotFound);
        };
        let hash = account
            .password_hash
            .clone()
            .unwrap_or_else(|| self.ports.hasher.dummy_hash());
        let matches = self.ports.hasher.verify(password, &hash).await?;
        if matches && account.password_hash.is_some() {
            Ok(account.public_id)
        } else {
            Err(FindAccountError::WrongPassword)
        }
    }
}
