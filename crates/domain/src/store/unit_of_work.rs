//! Changes to several aggregates that must happen together: the domain says what changes (a
//! use case composes [`StoreTransaction`] operations), the store only makes it atomic.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::UnexpectedError;
use crate::accounts::{Account, AccountId, CreateAccountError, NewAccount, ProfilePatch};
use crate::admin::Undelete;
use crate::audit::NewAuditEntry;
use crate::auth::{
    NewRefreshToken, RefreshTokenId, Session, SessionEnding, SessionId, StoredRefreshToken,
};
use crate::children::{ChildId, ChildUser, NewChild};
use crate::devices::{Device, DeviceId};
use crate::outbox::OutgoingMessage;
use crate::policies::{ConsentChange, ConsentOrigin, Policy};
use crate::push::PushToken;
use crate::values::{DeviceUniqueId, Email, Nickname, Phone, Roles, SerialCode};
use crate::verification::{AddressedCode, CodeId, CodePurpose, StoredCode};

/// The store operations a unit of work composes, all inside one transaction. Each does one
/// plain thing; what cascades from what is decided by the domain function that calls them.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait StoreTransaction: Send {
    /// Marks the live (not deleted) account deleted at `now` and sets its `tokens_valid_after`
    /// and `updated_at` to `now`; its email, login id and phone are free for a new account from
    /// then on. False, changing nothing, when no live account has this id.
    async fn mark_account_deleted(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;

    /// Sets the live account's password hash to `password_hash`, and its `password_changed_at`,
    /// `tokens_valid_after` and `updated_at` to `now`: every access token issued before `now`
    /// stops working. False, changing nothing, when no live account has this id.
    async fn set_password(
        &mut self,
        account: AccountId,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;

    /// Sets `revoked_at = now` on the account's sessions that `ending` names and that are
    /// active at `now` (not revoked, not expired). Returns how many.
    async fn revoke_sessions(
        &mut self,
        account: AccountId,
        ending: SessionEnding,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError>;

    /// The refresh token with this digest and its session, both locked until the transaction
    /// ends (concurrent presentations of one token, or of a token and its successor, are
    /// decided one after the other), with whether its successor exists and is still unused.
    async fn lock_refresh_token(
        &mut self,
        digest: &str,
    ) -> Result<Option<StoredRefreshToken>, UnexpectedError>;

    /// Stores `successor` in `session`, marks `token` rotated at `now` with that successor,
    /// and sets the session's `last_used_at = now`; returns the session.
    async fn spend_refresh_token(
        &mut self,
        token: RefreshTokenId,
        session: SessionId,
        successor: &NewRefreshToken,
        now: DateTime<Utc>,
    ) -> Result<Session, UnexpectedError>;

    /// Deletes the push tokens held by the account's sessions that `ending` names, whatever
    /// their state. Returns how many.
    async fn delete_push_tokens(
        &mut self,
        account: AccountId,
        ending: SessionEnding,
    ) -> Result<u64, UnexpectedError>;

    /// Unbinds every device bound to a child user of `root_user` (`updated_at = now`), so
    /// that it can be claimed again. Returns how many.
    async fn release_devices_of_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError>;

    /// The account's policy, locked until the transaction ends (concurrent changes of one
    /// account's consents take turns); created from [`Policy::default_for`] (with
    /// `updated_at = now`) when it has none. `None`, changing nothing, when no live account
    /// has this id.
    async fn lock_policy(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Option<Policy>, UnexpectedError>;

    /// Stores `policy` as its account's policy (`updated_at = now`).
    async fn save_policy(
        &mut self,
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError>;

    /// Appends `change` to the account's consent history, with `origin`'s session, IP and
    /// instant. Records get increasing ids in the order they are appended.
    async fn record_consent(
        &mut self,
        account: AccountId,
        change: ConsentChange,
        origin: &ConsentOrigin,
    ) -> Result<(), UnexpectedError>;

    /// The current (not consumed, not superseded) code for (`purpose`, `target`), locked until
    /// the transaction ends, so that concurrent attempts are decided one after the other.
    async fn lock_current_code(
        &mut self,
        purpose: CodePurpose,
        target: &str,
    ) -> Result<Option<StoredCode>, UnexpectedError>;

    /// Uses one attempt of the code.
    async fn use_code_attempt(&mut self, code: CodeId) -> Result<(), UnexpectedError>;

    /// Marks the code consumed at `now`: it is never current again.
    async fn consume_code(
        &mut self,
        code: CodeId,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError>;

    /// Marks the account's email verified (`updated_at = now`).
    async fn mark_email_verified(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError>;

    /// True when a live account other than `account` holds `phone` as its checked number.
    async fn phone_checked_elsewhere(
        &mut self,
        account: AccountId,
        phone: &Phone,
    ) -> Result<bool, UnexpectedError>;

    /// Sets the account's phone to `phone`, checked (`updated_at = now`). False when another
    /// live account got it checked first (a concurrent change won): the transaction can then
    /// only be rolled back.
    async fn set_checked_phone(
        &mut self,
        account: AccountId,
        phone: &Phone,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;

    /// The device with this serial code, locked until the transaction ends.
    async fn lock_device_by_serial(
        &mut self,
        serial_code: &SerialCode,
    ) -> Result<Option<Device>, UnexpectedError>;

    /// Inserts the child user (`created_at = updated_at = child.now`) and returns it.
    async fn insert_child(&mut self, child: &NewChild) -> Result<ChildUser, UnexpectedError>;

    /// Binds the device to the child user if it is still free (`updated_at = now`) and returns
    /// it as bound; `None`, changing nothing, when a child user holds it.
    async fn bind_device(
        &mut self,
        device: DeviceId,
        child: ChildId,
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, UnexpectedError>;

    /// Whether the child user is live, locking it until the transaction ends.
    async fn lock_live_child(&mut self, child: ChildId) -> Result<bool, UnexpectedError>;

    /// Whether the device with this unique id is bound to the child user.
    async fn device_bound_to(
        &mut self,
        unique_id: &DeviceUniqueId,
        child: ChildId,
    ) -> Result<bool, UnexpectedError>;

    /// Unbinds every device bound to the child user (`updated_at = now`). Returns how many.
    async fn release_devices_of_child(
        &mut self,
        child: ChildId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError>;

    /// Soft-deletes the child user (`deleted_at = updated_at = now`); the row stays.
    async fn delete_child(
        &mut self,
        child: ChildId,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError>;

    /// Soft-deletes the live child users of `root_user` (`deleted_at = updated_at = now`); the
    /// rows stay. Returns how many.
    async fn delete_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError>;

    /// The account with this id, deleted or not, locked until the transaction ends (concurrent
    /// changes of one account take turns). `None` when no account has this id.
    async fn lock_account(
        &mut self,
        account: AccountId,
    ) -> Result<Option<Account>, UnexpectedError>;

    /// Replaces the roles of the live account (`updated_at = now`). False, changing nothing,
    /// when no live account has this id.
    async fn set_account_roles(
        &mut self,
        account: AccountId,
        roles: &Roles,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;

    /// The live, not banned accounts holding ADMIN, locked until the transaction ends, so that
    /// changes that could take away the last ADMIN take turns. Ordered by id.
    async fn lock_admins(&mut self) -> Result<Vec<AccountId>, UnexpectedError>;

    /// Bans the live account (`banned_at`, `tokens_valid_after` and `updated_at` set to `now`:
    /// every access token issued before stops working) when `banned`, or lifts its ban
    /// (`banned_at` cleared, `updated_at = now`). False, changing nothing, when no live account
    /// has this id.
    async fn set_account_ban(
        &mut self,
        account: AccountId,
        banned: bool,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;

    /// Makes the deleted, not anonymised account live again (`deleted_at` cleared,
    /// `updated_at = now`). [`Undelete::IdentifierTaken`] when a live account holds its email,
    /// login id, nickname or checked phone (the transaction can then only be rolled back);
    /// [`Undelete::NotDeleted`], changing nothing, when the account is live, anonymised or
    /// unknown.
    async fn undelete_account(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Undelete, UnexpectedError>;

    /// Erases the personal fields of the deleted, not yet anonymised account: the email becomes
    /// `placeholder`; login id, nickname, password hash, names, birth date, gender, phone,
    /// national code, locale, introduction and profile image key become empty; the phone is
    /// no longer checked; `anonymized_at` and `updated_at` become `now`. Id, roles and the
    /// creation and deletion times stay for the audit log. False, changing nothing, when the
    /// account is live, anonymised already or unknown.
    async fn anonymize_account(
        &mut self,
        account: AccountId,
        placeholder: &Email,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;

    /// Erases the names and birth dates of the child users of `root_user`, deleted or not
    /// (first name empty, last name none, birth date [`ANONYMOUS_BIRTHDATE`]: the columns are
    /// required; `updated_at = now`). Returns how many.
    ///
    /// [`ANONYMOUS_BIRTHDATE`]: crate::admin::ANONYMOUS_BIRTHDATE
    async fn anonymize_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError>;

    /// Changes the given fields of the live account's profile (`updated_at = now`) and returns
    /// it as updated, as [`AccountProfileRepository::update_profile`] does; `None`, changing
    /// nothing, when no live account has this id.
    ///
    /// [`AccountProfileRepository::update_profile`]: crate::accounts::AccountProfileRepository::update_profile
    async fn update_profile(
        &mut self,
        account: AccountId,
        patch: &ProfilePatch,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, UnexpectedError>;

    /// Appends `entry` to the audit log; it is kept only if the transaction commits. Entries
    /// get increasing ids in the order they are appended and are never changed.
    async fn append_audit(&mut self, entry: &NewAuditEntry) -> Result<(), UnexpectedError>;

    /// The push tokens of the account's active sessions (not revoked, not expired at `now`),
    /// newest first, as [`PushTokenRepository::list_for_account`] reads them: where a push
    /// queued in this transaction goes.
    ///
    /// [`PushTokenRepository::list_for_account`]: crate::push::PushTokenRepository::list_for_account
    async fn active_push_tokens(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Vec<PushToken>, UnexpectedError>;

    /// Adds `message` to the outbox, due at `now` (`created_at = now`): it is delivered only if
    /// the transaction commits, and then exactly as [`OutboxRepository::enqueue`] would.
    ///
    /// [`OutboxRepository::enqueue`]: crate::outbox::OutboxRepository::enqueue
    async fn enqueue_message(
        &mut self,
        message: &OutgoingMessage,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError>;

    /// True when a live account other than `account` holds `email` (case-insensitively).
    async fn email_held_elsewhere(
        &mut self,
        account: AccountId,
        email: &Email,
    ) -> Result<bool, UnexpectedError>;

    /// Sets the live account's email to `email`, not verified (`updated_at = now`). False,
    /// changing nothing, when no live account has this id.
    async fn set_unverified_email(
        &mut self,
        account: AccountId,
        email: &Email,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError>;

    /// The current (not consumed, not superseded) code of `purpose` stored under
    /// `code_digest`, with the target it was sent to, locked until the transaction ends (two
    /// presentations of one code are decided one after the other). `None` when no current code
    /// of the purpose has this digest. For codes that stand alone, naming no target; they are
    /// long enough (50 bits and more) for their digests not to collide.
    async fn lock_current_code_by_digest(
        &mut self,
        purpose: CodePurpose,
        code_digest: &str,
    ) -> Result<Option<AddressedCode>, UnexpectedError>;

    /// Inserts the account as [`AccountRepository::create`] does (email not verified,
    /// `tokens_valid_after = now`) and returns it. MUST return `EmailTaken`, `LoginIdTaken` or
    /// `NicknameTaken` when a live account holds that email, login id or nickname (also when
    /// another transaction inserted it first); the transaction can then only be rolled back.
    ///
    /// [`AccountRepository::create`]: crate::accounts::AccountRepository::create
    async fn insert_account(&mut self, account: &NewAccount)
    -> Result<Account, CreateAccountError>;

    /// True when a live account other than `except` (any, when `None`) holds `nickname`.
    async fn nickname_held_elsewhere(
        &mut self,
        except: Option<AccountId>,
        nickname: &Nickname,
    ) -> Result<bool, UnexpectedError>;
}

/// The future of a unit of work: it borrows the transaction while it runs.
pub type TransactionFuture<'t, T> = Pin<Box<dyn Future<Output = T> + Send + 't>>;

/// A unit of work as [`UnitOfWork::run`] takes it.
pub type TransactionWork = Box<
    dyn for<'t> FnOnce(
            &'t mut dyn StoreTransaction,
        ) -> TransactionFuture<'t, Result<(), UnexpectedError>>
        + Send,
>;

/// Runs units of work atomically.
#[cfg_attr(any(test, feature = "mock"), mockall::automock)]
#[async_trait]
pub trait UnitOfWork: Send + Sync {
    /// Runs `work` in one transaction: every change it made is committed when it returns
    /// `Ok`, none when it returns `Err` or the store fails. Concurrent units of work that change
    /// the same rows are serialised; `work` runs to its end even when the caller stops waiting.
    async fn run(&self, work: TransactionWork) -> Result<(), UnexpectedError>;
}

/// Runs `work` in one transaction of `unit_of_work` and returns what it returned: committed
/// when it is `Ok`, rolled back when it is `Err` (the work's own error comes back as is).
pub async fn transact<T, E, F>(unit_of_work: &dyn UnitOfWork, work: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<UnexpectedError> + Send + 'static,
    F: for<'t> FnOnce(&'t mut dyn StoreTransaction) -> TransactionFuture<'t, Result<T, E>>
        + Send
        + 'static,
{
    let outcome: Arc<Mutex<Option<Result<T, E>>>> = Arc::new(Mutex::new(None));
    let slot = outcome.clone();
    let ran = unit_of_work
        .run(Box::new(move |tx| {
            Box::pin(async move {
                let result = work(tx).await;
                let commit = result.is_ok();
                *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
                if commit {
                    Ok(())
                } else {
                    Err(UnexpectedError::new(
                        "the unit of work refused: rolled back",
                    ))
                }
            })
        }))
        .await;
    let result = outcome
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    match (ran, result) {
        (_, Some(Err(refused))) => Err(refused),
        (Ok(()), Some(Ok(value))) => Ok(value),
        (Err(store), _) => Err(store.into()),
        (Ok(()), None) => Err(UnexpectedError::new("the unit of work did not run").into()),
    }
}

/// A [`UnitOfWork`] for unit tests: runs the work on one [`MockStoreTransaction`], with no
/// atomicity of its own.
#[cfg(any(test, feature = "mock"))]
pub struct MockedUnitOfWork(Mutex<Option<MockStoreTransaction>>);

#[cfg(any(test, feature = "mock"))]
impl MockedUnitOfWork {
    pub fn new(tx: MockStoreTransaction) -> Self {
        Self(Mutex::new(Some(tx)))
    }
}

#[cfg(any(test, feature = "mock"))]
#[async_trait]
impl UnitOfWork for MockedUnitOfWork {
    async fn run(&self, work: TransactionWork) -> Result<(), UnexpectedError> {
        let taken = self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
        let mut tx = taken.ok_or_else(|| UnexpectedError::new("one unit of work per mock"))?;
        let result = work(&mut tx).await;
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(tx);
        result
    }
}
