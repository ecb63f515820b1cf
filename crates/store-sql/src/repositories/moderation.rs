//! The unit-of-work operations of account administration: roles, bans, restoring and
//! anonymising, each one plain statement on the accounts (or child users) table.

use account_domain::accounts::AccountId;
use account_domain::admin::{ANONYMOUS_BIRTHDATE, Undelete};
use account_domain::values::{Email, Roles};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;
use diesel_async::RunQueryDsl;

use crate::errors::{UniqueKey, violated_unique_key};
use crate::schema::{accounts, child_users};
use crate::time::StoredTime;
use crate::{Conn, db_run, keyed_by_sql};

pub async fn set_account_roles(
    conn: &mut Conn<'_>,
    account: AccountId,
    roles: &Roles,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let (roles, at) = (roles.to_csv(), StoredTime(now));
    db_run!(conn => {
        keyed_by_sql(
            diesel::update(
                accounts::table
                    .find(account.0)
                    .filter(accounts::deleted_at.is_null()),
            )
            .set((accounts::roles.eq(&roles), accounts::updated_at.eq(at))),
        )
        .execute(conn)
        .await
    })
}

pub async fn lock_admins(conn: &mut Conn<'_>) -> QueryResult<Vec<i64>> {
    // Role names are not substrings of one another: `%ADMIN%` matches ADMIN exactly.
    let admins = accounts::table
        .filter(accounts::roles.like("%ADMIN%"))
        .filter(accounts::deleted_at.is_null())
        .filter(accounts::banned_at.is_null())
        .order(accounts::id.asc())
        .select(accounts::id);
    db_run!(conn =>
        postgres: admins.for_update().load(conn).await,
        sqlite: admins.load(conn).await,
    )
}

pub async fn set_account_ban(
    conn: &mut Conn<'_>,
    account: AccountId,
    banned: bool,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let at = StoredTime(now);
    let live = accounts::table
        .find(account.0)
        .filter(accounts::deleted_at.is_null());
    if banned {
        db_run!(conn => {
            keyed_by_sql(diesel::update(live).set((
                accounts::banned_at.eq(Some(at)),
                accounts::tokens_valid_after.eq(at),
                accounts::updated_at.eq(at),
            )))
            .execute(conn)
            .await
        })
    } else {
        db_run!(conn => {
            keyed_by_sql(diesel::update(live).set((
                accounts::banned_at.eq(None::<StoredTime>),
                accounts::updated_at.eq(at),
            )))
            .execute(conn)
            .await
        })
    }
}

pub async fn undelete_account(
    conn: &mut Conn<'_>,
    account: AccountId,
    now: DateTime<Utc>,
) -> QueryResult<Undelete> {
    let at = StoredTime(now);
    let restorable = accounts::table
        .find(account.0)
        .filter(accounts::deleted_at.is_not_null())
        .filter(accounts::anonymized_at.is_null());
    let restored = db_run!(conn => {
        keyed_by_sql(diesel::update(restorable).set((
            accounts::deleted_at.eq(None::<StoredTime>),
            accounts::updated_at.eq(at),
        )))
        .execute(conn)
        .await
    });
    match restored {
        Ok(0) => Ok(Undelete::NotDeleted),
        Ok(_) => Ok(Undelete::Restored),
        Err(err) if violated_unique_key(&err).is_some_and(UniqueKey::is_an_account_identifier) => {
            Ok(Undelete::IdentifierTaken)
        }
        Err(err) => Err(err),
    }
}

pub async fn anonymize_account(
    conn: &mut Conn<'_>,
    account: AccountId,
    placeholder: &Email,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let at = StoredTime(now);
    let (email, email_lower) = (placeholder.as_str().to_owned(), placeholder.normalized());
    let due = accounts::table
        .find(account.0)
        .filter(accounts::deleted_at.is_not_null())
        .filter(accounts::anonymized_at.is_null());
    let none = None::<String>;
    db_run!(conn => {
        keyed_by_sql(diesel::update(due).set((
            (
                accounts::email.eq(&email),
                accounts::email_lower.eq(&email_lower),
                accounts::login_id.eq(&none),
                accounts::login_id_lower.eq(&none),
                accounts::nickname.eq(&none),
                accounts::password_hash.eq(&none),
                accounts::name.eq(&none),
                accounts::first_name.eq(&none),
                accounts::last_name.eq(&none),
            ),
            (
                accounts::birthdate.eq(None::<NaiveDate>),
                accounts::gender.eq(&none),
                accounts::phone.eq(&none),
                accounts::is_phone_number_checked.eq(false),
                accounts::national_code.eq(&none),
                accounts::locale.eq(&none),
                accounts::introduce.eq(&none),
                accounts::profile_image_key.eq(&none),
                accounts::anonymized_at.eq(Some(at)),
                accounts::updated_at.eq(at),
            ),
        )))
        .execute(conn)
        .await
    })
}

pub async fn anonymize_children(
    conn: &mut Conn<'_>,
    root_user: AccountId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let at = StoredTime(now);
    db_run!(conn => {
        keyed_by_sql(
            diesel::update(child_users::table.filter(child_users::root_user_id.eq(root_user.0)))
                .set((
                    child_users::first_name.eq(""),
                    child_users::last_name.eq(None::<String>),
                    child_users::birthdate.eq(ANONYMOUS_BIRTHDATE),
                    child_users::updated_at.eq(at),
                )),
        )
        .execute(conn)
        .await
    })
}
