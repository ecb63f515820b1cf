//! `UnitOfWork` and `StoreTransaction`: the domain's units of work run in one transaction of
//! the [`Database`], each operation one plain statement or two.

use std::sync::Arc;

use account_domain::UnexpectedError;
use account_domain::accounts::{Account, AccountId, CreateAccountError, NewAccount, ProfilePatch};
use account_domain::admin::Undelete;
use account_domain::audit::NewAuditEntry;
use account_domain::auth::{
    NewRefreshToken, PresentedToken, RefreshTokenId, Session, SessionEnding, SessionId,
    StoredRefreshToken,
};
use account_domain::children::{ChildId, ChildUser, NewChild};
use account_domain::devices::{Device, DeviceId};
use account_domain::outbox::OutgoingMessage;
use account_domain::policies::{ConsentChange, ConsentOrigin, Policy};
use account_domain::push::PushToken;
use account_domain::secrets::SecretSealer;
use account_domain::store::{StoreTransaction, TransactionWork, UnitOfWork};
use account_domain::values::{DeviceUniqueId, Email, Nickname, Phone, Roles, SerialCode};
use account_domain::verification::{AddressedCode, CodeId, CodePurpose, StoredCode};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use super::accounts::{
    create_error, insert_account, mark_email_verified, nickname_held_elsewhere,
    phone_checked_elsewhere, set_checked_phone,
};
use super::audit::append_audit;
use super::children;
use super::moderation;
use super::policies::{lock_policy, record_consent, save_policy};
use super::profiles::update_profile;
use super::push_tokens::active_tokens;
use super::session_end::{delete_push_tokens, revoke_sessions};
use super::sessions::{find_presented, spend, successor_unused};
use super::verification::{consume, find_current, find_current_by_digest, use_attempt};
use crate::errors::{TxError, db_error};
use crate::rows::{AccountRow, DeviceRow, NewAccountRow, NewOutboxRow, PolicyRow, PushTokenRow};
use crate::schema::{accounts, child_users, devices, outbox};
use crate::time::StoredTime;
use crate::{Conn, Database, db_run, keyed_by_sql};

/// Runs the domain's units of work, each in one write transaction.
#[derive(Clone)]
pub struct SqlUnitOfWork {
    db: Database,
    sealer: Arc<dyn SecretSealer>,
}

impl SqlUnitOfWork {
    pub fn new(db: Database, sealer: Arc<dyn SecretSealer>) -> Self {
        Self { db, sealer }
    }
}

#[async_trait]
impl UnitOfWork for SqlUnitOfWork {
    async fn run(&self, work: TransactionWork) -> Result<(), UnexpectedError> {
        let sealer = self.sealer.clone();
        self.db
            .write("running a unit of work", move |conn| {
                Box::pin(async move {
                    work(&mut SqlTransaction::new(conn, &*sealer))
                        .await
                        .map_err(TxError::Unexpected)
                })
            })
            .await
    }
}

/// The store operations of one open transaction.
pub struct SqlTransaction<'c, 'k> {
    conn: &'c mut Conn<'k>,
    sealer: &'c dyn SecretSealer,
}

impl<'c, 'k> SqlTransaction<'c, 'k> {
    /// The operations on `conn`, which must be inside a transaction; the secret parameters of
    /// the messages it queues are sealed with `sealer`.
    pub fn new(conn: &'c mut Conn<'k>, sealer: &'c dyn SecretSealer) -> Self {
        Self { conn, sealer }
    }
}

/// The account with this id if it is live (not deleted), as a statement's target.
fn live_account(account: AccountId) -> LiveAccount {
    accounts::table
        .find(account.0)
        .filter(accounts::deleted_at.is_null())
}

type LiveAccount = diesel::dsl::Filter<
    diesel::dsl::Find<accounts::table, i64>,
    diesel::dsl::IsNull<accounts::deleted_at>,
>;

fn count(doing: &'static str, result: QueryResult<usize>) -> Result<u64, UnexpectedError> {
    let rows = result.map_err(db_error(doing))?;
    u64::try_from(rows).map_err(|err| UnexpectedError::with_source(doing, err))
}

#[async_trait]
impl StoreTransaction for SqlTransaction<'_, '_> {
    async fn mark_account_deleted(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let at = StoredTime(now);
        let conn = &mut *self.conn;
        let deleted = db_run!(conn => {
            keyed_by_sql(diesel::update(live_account(account)).set((
                accounts::deleted_at.eq(at),
                accounts::tokens_valid_after.eq(at),
                accounts::updated_at.eq(at),
            )))
            .execute(conn)
            .await
        });
        Ok(count("marking an account deleted", deleted)? > 0)
    }

    async fn set_password(
        &mut self,
        account: AccountId,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let at = StoredTime(now);
        let conn = &mut *self.conn;
        let changed = db_run!(conn => {
            keyed_by_sql(diesel::update(live_account(account)).set((
                accounts::password_hash.eq(password_hash),
                accounts::password_changed_at.eq(at),
                accounts::tokens_valid_after.eq(at),
                accounts::updated_at.eq(at),
            )))
            .execute(conn)
            .await
        });
        Ok(count("setting a password", changed)? > 0)
    }

    async fn revoke_sessions(
        &mut self,
        account: AccountId,
        ending: SessionEnding,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let revoked = revoke_sessions(self.conn, account, ending, now).await;
        count("revoking sessions", revoked)
    }

    async fn lock_refresh_token(
        &mut self,
        digest: &str,
    ) -> Result<Option<StoredRefreshToken>, UnexpectedError> {
        let doing = "locking a refresh token";
        let Some((token, session)) = find_presented(self.conn, digest)
            .await
            .map_err(db_error(doing))?
        else {
            return Ok(None);
        };
        let successor_unused = successor_unused(self.conn, token.successor_id)
            .await
            .map_err(db_error(doing))?;
        Ok(Some(StoredRefreshToken {
            id: RefreshTokenId(token.id),
            session: session.into_domain(),
            state: PresentedToken {
                expires_at: token.expires_at.into(),
                rotated_at: token.rotated_at.map(Into::into),
                successor_unused,
            },
        }))
    }

    async fn spend_refresh_token(
        &mut self,
        token: RefreshTokenId,
        session: SessionId,
        successor: &NewRefreshToken,
        now: DateTime<Utc>,
    ) -> Result<Session, UnexpectedError> {
        let session = spend(self.conn, token.0, session.0, successor, now)
            .await
            .map_err(db_error("rotating a refresh token"))?;
        Ok(session.into_domain())
    }

    async fn delete_push_tokens(
        &mut self,
        account: AccountId,
        ending: SessionEnding,
    ) -> Result<u64, UnexpectedError> {
        let deleted = delete_push_tokens(self.conn, account, ending).await;
        count("deleting the push tokens of sessions", deleted)
    }

    async fn lock_policy(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Option<Policy>, UnexpectedError> {
        let row = lock_policy(self.conn, account, now)
            .await
            .map_err(db_error("locking a policy"))?;
        Ok(row.map(PolicyRow::into_domain))
    }

    async fn save_policy(
        &mut self,
        policy: &Policy,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        save_policy(self.conn, policy, now)
            .await
            .map_err(db_error("storing a policy"))
    }

    async fn record_consent(
        &mut self,
        account: AccountId,
        change: ConsentChange,
        origin: &ConsentOrigin,
    ) -> Result<(), UnexpectedError> {
        record_consent(self.conn, account, &change, origin)
            .await
            .map_err(db_error("recording a consent change"))
    }

    async fn lock_current_code(
        &mut self,
        purpose: CodePurpose,
        target: &str,
    ) -> Result<Option<StoredCode>, UnexpectedError> {
        let row = find_current(self.conn, purpose, target)
            .await
            .map_err(db_error("locking the current verification code"))?;
        row.map(|row| {
            Ok(StoredCode {
                id: CodeId(row.id),
                account_id: row.account_id(),
                current: row.current_code()?,
            })
        })
        .transpose()
    }

    async fn use_code_attempt(&mut self, code: CodeId) -> Result<(), UnexpectedError> {
        use_attempt(self.conn, code.0)
            .await
            .map_err(db_error("using an attempt of a verification code"))
    }

    async fn consume_code(
        &mut self,
        code: CodeId,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        consume(self.conn, code.0, now)
            .await
            .map_err(db_error("consuming a verification code"))
    }

    async fn mark_email_verified(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        mark_email_verified(self.conn, account, now)
            .await
            .map_err(db_error("marking an email verified"))
    }

    async fn phone_checked_elsewhere(
        &mut self,
        account: AccountId,
        phone: &Phone,
    ) -> Result<bool, UnexpectedError> {
        phone_checked_elsewhere(self.conn, account, phone)
            .await
            .map_err(db_error("looking for the holder of a phone number"))
    }

    async fn set_checked_phone(
        &mut self,
        account: AccountId,
        phone: &Phone,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        set_checked_phone(self.conn, account, phone, now)
            .await
            .map_err(db_error("setting a checked phone number"))
    }

    async fn lock_device_by_serial(
        &mut self,
        serial_code: &SerialCode,
    ) -> Result<Option<Device>, UnexpectedError> {
        let row = children::lock_device_by_serial(self.conn, serial_code)
            .await
            .map_err(db_error("locking a device"))?;
        row.map(DeviceRow::into_domain).transpose()
    }

    async fn insert_child(&mut self, child: &NewChild) -> Result<ChildUser, UnexpectedError> {
        children::insert_child(self.conn, child)
            .await
            .map_err(db_error("creating a child user"))?
            .into_domain()
    }

    async fn bind_device(
        &mut self,
        device: DeviceId,
        child: ChildId,
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, UnexpectedError> {
        let row = children::bind_device(self.conn, device.0, child.0, now)
            .await
            .map_err(db_error("binding a device"))?;
        row.map(DeviceRow::into_domain).transpose()
    }

    async fn lock_live_child(&mut self, child: ChildId) -> Result<bool, UnexpectedError> {
        children::lock_live_child(self.conn, child)
            .await
            .map_err(db_error("locking a child user"))
    }

    async fn device_bound_to(
        &mut self,
        unique_id: &DeviceUniqueId,
        child: ChildId,
    ) -> Result<bool, UnexpectedError> {
        children::device_bound_to(self.conn, unique_id, child)
            .await
            .map_err(db_error("looking for a bound device"))
    }

    async fn release_devices_of_child(
        &mut self,
        child: ChildId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let released = children::release_devices_of_child(self.conn, child, now).await;
        count("releasing the devices of a child user", released)
    }

    async fn delete_child(
        &mut self,
        child: ChildId,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        children::delete_child(self.conn, child, now)
            .await
            .map_err(db_error("deleting a child user"))
    }

    async fn release_devices_of_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let at = StoredTime(now);
        let conn = &mut *self.conn;
        let released = db_run!(conn => {
            let children = child_users::table
                .filter(child_users::root_user_id.eq(root_user.0))
                .select(child_users::id.nullable());
            keyed_by_sql(
                diesel::update(devices::table.filter(devices::real_user_id.eq_any(children))).set(
                    (
                        devices::real_user_id.eq(None::<i64>),
                        devices::updated_at.eq(at),
                    ),
                ),
            )
            .execute(conn)
            .await
        });
        count("releasing the devices of child users", released)
    }

    async fn delete_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let at = StoredTime(now);
        let conn = &mut *self.conn;
        let deleted = db_run!(conn => {
            keyed_by_sql(
                diesel::update(
                    child_users::table
                        .filter(child_users::root_user_id.eq(root_user.0))
                        .filter(child_users::deleted_at.is_null()),
                )
                .set((
                    child_users::deleted_at.eq(Some(at)),
                    child_users::updated_at.eq(at),
                )),
            )
            .execute(conn)
            .await
        });
        count("deleting child users", deleted)
    }

    async fn lock_account(
        &mut self,
        account: AccountId,
    ) -> Result<Option<Account>, UnexpectedError> {
        let found = accounts::table.find(account.0);
        let conn = &mut *self.conn;
        let row = db_run!(conn =>
            postgres: found
                .select(AccountRow::as_select())
                .for_update()
                .get_result(conn)
                .await
                .optional(),
            sqlite: found
                .select(AccountRow::as_select())
                .get_result(conn)
                .await
                .optional(),
        )
        .map_err(db_error("locking an account"))?;
        row.map(AccountRow::into_domain).transpose()
    }

    async fn set_account_roles(
        &mut self,
        account: AccountId,
        roles: &Roles,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let changed = moderation::set_account_roles(self.conn, account, roles, now).await;
        Ok(count("setting the roles of an account", changed)? > 0)
    }

    async fn lock_admins(&mut self) -> Result<Vec<AccountId>, UnexpectedError> {
        let admins = moderation::lock_admins(self.conn)
            .await
            .map_err(db_error("locking the ADMIN accounts"))?;
        Ok(admins.into_iter().map(AccountId).collect())
    }

    async fn set_account_ban(
        &mut self,
        account: AccountId,
        banned: bool,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let changed = moderation::set_account_ban(self.conn, account, banned, now).await;
        Ok(count("banning or un-banning an account", changed)? > 0)
    }

    async fn undelete_account(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Undelete, UnexpectedError> {
        moderation::undelete_account(self.conn, account, now)
            .await
            .map_err(db_error("restoring an account"))
    }

    async fn anonymize_account(
        &mut self,
        account: AccountId,
        placeholder: &Email,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let changed = moderation::anonymize_account(self.conn, account, placeholder, now).await;
        Ok(count("anonymising an account", changed)? > 0)
    }

    async fn anonymize_children(
        &mut self,
        root_user: AccountId,
        now: DateTime<Utc>,
    ) -> Result<u64, UnexpectedError> {
        let changed = moderation::anonymize_children(self.conn, root_user, now).await;
        count("anonymising child users", changed)
    }

    async fn update_profile(
        &mut self,
        account: AccountId,
        patch: &ProfilePatch,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, UnexpectedError> {
        update_profile(self.conn, account, patch, now)
            .await
            .map_err(db_error("updating an account profile"))?
            .map(AccountRow::into_domain)
            .transpose()
    }

    async fn append_audit(&mut self, entry: &NewAuditEntry) -> Result<(), UnexpectedError> {
        append_audit(self.conn, entry)
            .await
            .map_err(db_error("appending to the audit log"))
    }

    async fn active_push_tokens(
        &mut self,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> Result<Vec<PushToken>, UnexpectedError> {
        let rows = active_tokens(self.conn, account, now)
            .await
            .map_err(db_error("listing the push tokens of an account"))?;
        rows.into_iter().map(PushTokenRow::into_domain).collect()
    }

    async fn enqueue_message(
        &mut self,
        message: &OutgoingMessage,
        now: DateTime<Utc>,
    ) -> Result<(), UnexpectedError> {
        let row = NewOutboxRow::new(message, now, self.sealer)?;
        let conn = &mut *self.conn;
        let inserted = db_run!(conn => {
            keyed_by_sql(diesel::insert_into(outbox::table).values(&row))
                .execute(conn)
                .await
        });
        count("adding a message to the outbox", inserted).map(|_| ())
    }

    async fn email_held_elsewhere(
        &mut self,
        account: AccountId,
        email: &Email,
    ) -> Result<bool, UnexpectedError> {
        let email = email.normalized();
        let conn = &mut *self.conn;
        let holder: Option<i64> = db_run!(conn => {
            accounts::table
                .filter(accounts::email_lower.eq(&email))
                .filter(accounts::deleted_at.is_null())
                .filter(accounts::id.ne(account.0))
                .select(accounts::id)
                .first(conn)
                .await
                .optional()
        })
        .map_err(db_error("looking for the holder of an email"))?;
        Ok(holder.is_some())
    }

    async fn set_unverified_email(
        &mut self,
        account: AccountId,
        email: &Email,
        now: DateTime<Utc>,
    ) -> Result<bool, UnexpectedError> {
        let at = StoredTime(now);
        let (address, lower) = (email.as_str().to_owned(), email.normalized());
        let conn = &mut *self.conn;
        let changed = db_run!(conn => {
            keyed_by_sql(diesel::update(live_account(account)).set((
                accounts::email.eq(&address),
                accounts::email_lower.eq(&lower),
                accounts::email_verified.eq(false),
                accounts::updated_at.eq(at),
            )))
            .execute(conn)
            .await
        });
        Ok(count("changing an email", changed)? > 0)
    }

    async fn lock_current_code_by_digest(
        &mut self,
        purpose: CodePurpose,
        code_digest: &str,
    ) -> Result<Option<AddressedCode>, UnexpectedError> {
        let found = find_current_by_digest(self.conn, purpose, code_digest)
            .await
            .map_err(db_error("locking a verification code by its digest"))?;
        found
            .map(|(row, target)| {
                Ok(AddressedCode {
                    code: StoredCode {
                        id: CodeId(row.id),
                        account_id: row.account_id(),
                        current: row.current_code()?,
                    },
                    target,
                })
            })
            .transpose()
    }

    async fn insert_account(
        &mut self,
        account: &NewAccount,
    ) -> Result<Account, CreateAccountError> {
        let row = NewAccountRow::from_domain(account);
        let stored = insert_account(self.conn, &row)
            .await
            .map_err(create_error)?;
        Ok(stored.into_domain()?)
    }

    async fn nickname_held_elsewhere(
        &mut self,
        except: Option<AccountId>,
        nickname: &Nickname,
    ) -> Result<bool, UnexpectedError> {
        nickname_held_elsewhere(self.conn, except, nickname)
            .await
            .map_err(db_error("looking for the holder of a nickname"))
    }
}
