//! `PlayerRepository`: game players and their weapons, in tables of their own.

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::players::{CreatePlayerError, PlayerProfile, PlayerRepository};
use async_trait::async_trait;
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use diesel_async::RunQueryDsl;

use crate::errors::{UniqueKey, db_error, violated_unique_key};
use crate::rows::{NewPlayerWeaponRow, PlayerProfileRow, PlayerWeaponRow};
use crate::schema::{player_profiles, player_weapons};
use crate::{Conn, Database, db_run, keyed_by_sql};

/// Stores game players.
#[derive(Clone)]
pub struct SqlPlayerRepository {
    db: Database,
}

impl SqlPlayerRepository {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

/// A failed player insert as the port's error.
fn create_error(err: DieselError) -> CreatePlayerError {
    match violated_unique_key(&err) {
        Some(UniqueKey::PlayerAccount) => CreatePlayerError::AlreadyRegistered,
        Some(UniqueKey::PlayerNickname) => CreatePlayerError::NicknameTaken,
        _ => CreatePlayerError::Unexpected(db_error("inserting a player")(err)),
    }
}

#[async_trait]
impl PlayerRepository for SqlPlayerRepository {
    async fn create(&self, player: &PlayerProfile) -> Result<PlayerProfile, CreatePlayerError> {
        let row = PlayerProfileRow::from_domain(player);
        let weapons = NewPlayerWeaponRow::all_of(player);
        let account = player.account_id;
        self.db
            .transaction::<_, CreateTxError, _>(move |conn| {
                Box::pin(async move {
                    // The account's own row first: a second registration is told apart from
                    // a taken nickname even when both hold.
                    let exists: i64 = db_run!(conn => {
                        player_profiles::table
                            .filter(player_profiles::account_id.eq(account.0))
                            .count()
                            .get_result(conn)
                            .await
                    })?;
                    if exists > 0 {
                        return Err(CreateTxError::AlreadyRegistered);
                    }
                    db_run!(conn => {
                        keyed_by_sql(diesel::insert_into(player_profiles::table).values(&row))
                            .execute(conn)
                            .await
                    })?;
                    for weapon in &weapons {
                        db_run!(conn => {
                            keyed_by_sql(diesel::insert_into(player_weapons::table).values(weapon))
                                .execute(conn)
                                .await
                        })?;
                    }
                    Ok(())
                })
            })
            .await
            .map_err(|err| match err {
                CreateTxError::AlreadyRegistered => CreatePlayerError::AlreadyRegistered,
                CreateTxError::Db(err) => create_error(err),
                CreateTxError::Unexpected(err) => CreatePlayerError::Unexpected(err),
            })?;
        self.find(account)
            .await?
            .ok_or_else(|| UnexpectedError::new("a player just stored is missing").into())
    }

    async fn find(&self, account: AccountId) -> Result<Option<PlayerProfile>, UnexpectedError> {
        self.db
            .read("finding a player", move |conn| {
                Box::pin(async move {
                    let Some(row) = find_row(conn, account).await? else {
                        return Ok(None);
                    };
                    let weapons: Vec<PlayerWeaponRow> = db_run!(conn => {
                        player_weapons::table
                            .filter(player_weapons::account_id.eq(account.0))
                            .order(player_weapons::position.asc())
                            .select(PlayerWeaponRow::as_select())
                            .load(conn)
                            .await
                    })?;
                    Ok(Some(row.into_domain(weapons)?))
                })
            })
            .await
    }
}

async fn find_row(
    conn: &mut Conn<'_>,
    account: AccountId,
) -> QueryResult<Option<PlayerProfileRow>> {
    db_run!(conn => {
        player_profiles::table
            .find(account.0)
            .select(PlayerProfileRow::as_select())
            .first(conn)
            .await
            .optional()
    })
}

/// How the registration transaction ends when it does not commit.
enum CreateTxError {
    /// The account has a player: rolled back, nothing written.
    AlreadyRegistered,
    Db(DieselError),
    Unexpected(UnexpectedError),
}

impl From<DieselError> for CreateTxError {
    fn from(err: DieselError) -> Self {
        Self::Db(err)
    }
}

impl From<UnexpectedError> for CreateTxError {
    fn from(err: UnexpectedError) -> Self {
        Self::Unexpected(err)
    }
}
