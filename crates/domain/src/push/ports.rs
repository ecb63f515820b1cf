use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::model::PushToken;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::auth::SessionId;
use crate::values::FcmToken;

/// Stores FCM registration tokens: at most one per session (a logged-in app install), and each
/// token held by one session only. An account has as many tokens as it has installs logged in.
///
/// **A token belongs to the session that set it and ends with it.** The rule is the domain's
/// [`end_sessions`](crate::auth::end_sessions), which every path that ends sessions goes
/// through (log-out, revoking one or all, a reused refresh token, withdrawal): it revokes the
/// sessions and deletes their tokens in one transaction. Sessions are revoked by marking them,
/// not by deleting rows, so an `ON DELETE CASCADE` foreign key from push tokens to sessions
/// covers only session rows that are deleted (e.g. a clean-up job). Tokens of sessions that
/// merely expired are not deleted eagerly, but
/// [`PushTokenRepository::list_for_account`] never returns them.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait PushTokenRepository: Send + Sync {
    /// In one transaction: deletes any row holding `token`, whatever its session or account (an
    /// install that logs in again, possibly as someone else, takes its token along), deletes the
    /// token `session` held before (the app was given a new one), and stores (`account`,
    /// `session`, `token`, `now`). Returns the stored token.
    ///
    /// The caller guarantees that `session` is an active session of `account` (it has just
    /// authenticated with it) and that the account agreed to push notifications.
    async fn register(
        &self,
        account: AccountId,
        session: SessionId,
        token: &FcmToken,
        now: DateTime<Utc>,
    ) -> Result<PushToken, UnexpectedError>;

    /// Deletes the token held by `session`, if any, and returns how many were deleted (0 or 1).
    /// This is what the store does, inside its own transaction, whenever it ends a session (see
    /// the trait's documentation).
    async fn remove_for_session(&self, session: SessionId) -> Result<u64, UnexpectedError>;

    /// Deletes the row holding `token`, whoever's it is, and returns how many were deleted (0
    /// or 1): the push provider answered that the installation no longer has it.
    async fn remove_token(&self, token: &FcmToken) -> Result<u64, UnexpectedError>;

    /// The tokens of the account's active sessions (not revoked, not expired at `now`), newest
    /// first: where a push to this account goes.
    async fn list_for_account(
        &self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Vec<PushToken>, UnexpectedError>;
}
