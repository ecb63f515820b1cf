//! Driver errors stop here: a diesel error becomes an [`UnexpectedError`] (marked unavailable
//! when the store could not be reached or cannot take writes), except a unique violation the
//! domain gives a meaning to, which callers recognise with [`violated_unique_key`].

use account_domain::UnexpectedError;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// For `map_err`: wraps a diesel error with what the store was doing.
pub fn db_error(doing: &'static str) -> impl FnOnce(DieselError) -> UnexpectedError {
    move |err| driver_error(doing, err)
}

fn driver_error(doing: &'static str, err: DieselError) -> UnexpectedError {
    if means_unavailable(&err) {
        UnexpectedError::unavailable(doing, err)
    } else {
        UnexpectedError::with_source(doing, err)
    }
}

/// What the servers say when they cannot serve any statement right now. diesel gives these no
/// kind of their own (PostgreSQL's SQLSTATE is not passed on), so their fixed English texts,
/// compared whole, tell them apart: PostgreSQL's during a shutdown, a crash recovery or a
/// start-up (57P01, 57P02, 57P03; a server with translated `lc_messages` says them otherwise,
/// and its first failure after a shutdown is a 500), SQLite's for a full disk, a read-only file
/// or a lock held past the busy timeout.
const UNAVAILABLE_MESSAGES: [&str; 9] = [
    "terminating connection due to administrator command",
    "terminating connection because of crash of another server process",
    "the database system is shutting down",
    "the database system is starting up",
    "database or disk is full",
    "attempt to write a readonly database",
    "disk I/O error",
    "unable to open database file",
    "database is locked",
];

/// Whether a driver error says the store is out of reach or cannot write, rather than that one
/// statement failed.
fn means_unavailable(err: &DieselError) -> bool {
    match err {
        DieselError::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        ) => true,
        DieselError::DatabaseError(_, info) => UNAVAILABLE_MESSAGES.contains(&info.message()),
        DieselError::RollbackErrorOnCommit { commit_error, .. } => means_unavailable(commit_error),
        _ => false,
    }
}

/// For `map_err` on a pool's `get`: no connection could be had (none free within the pool's
/// wait, or a new one could not be opened), so the store is unavailable.
pub fn no_connection<E>(doing: impl Into<String>) -> impl FnOnce(E) -> UnexpectedError
where
    E: std::error::Error + Send + Sync + 'static,
{
    move |err| UnexpectedError::unavailable(doing, err)
}

/// What a transaction body fails with: the driver, or stored data that does not convert.
#[derive(Debug)]
pub enum TxError {
    Db(DieselError),
    Unexpected(UnexpectedError),
}

impl From<DieselError> for TxError {
    fn from(err: DieselError) -> Self {
        Self::Db(err)
    }
}

impl From<UnexpectedError> for TxError {
    fn from(err: UnexpectedError) -> Self {
        Self::Unexpected(err)
    }
}

/// For `map_err`: a failed transaction as an [`UnexpectedError`] saying what it was doing.
pub fn tx_error(doing: &'static str) -> impl FnOnce(TxError) -> UnexpectedError {
    move |err| match err {
        TxError::Db(err) => driver_error(doing, err),
        TxError::Unexpected(err) => UnexpectedError::with_source(doing, err),
    }
}

/// A unique index with a meaning in the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueKey {
    AccountEmail,
    AccountLoginId,
    AccountNickname,
    AccountPhone,
    RefreshTokenDigest,
    CurrentVerificationCode,
    PlayerAccount,
    PlayerNickname,
}

impl UniqueKey {
    /// Whether the key is one of an account's identifiers (email, login id, nickname, checked
    /// phone), which a live account holds alone.
    pub fn is_an_account_identifier(self) -> bool {
        matches!(
            self,
            Self::AccountEmail | Self::AccountLoginId | Self::AccountNickname | Self::AccountPhone
        )
    }

    const ALL: [UniqueKey; 8] = [
        Self::AccountEmail,
        Self::AccountLoginId,
        Self::AccountNickname,
        Self::AccountPhone,
        Self::RefreshTokenDigest,
        Self::CurrentVerificationCode,
        Self::PlayerAccount,
        Self::PlayerNickname,
    ];

    /// The index name, as PostgreSQL reports it (see `migrations/postgres`).
    fn index_name(self) -> &'static str {
        match self {
            Self::AccountEmail => "accounts_email_lower_live_key",
            Self::AccountLoginId => "accounts_login_id_lower_live_key",
            Self::AccountNickname => "accounts_nickname_live_key",
            Self::AccountPhone => "accounts_phone_checked_live_key",
            Self::RefreshTokenDigest => "refresh_tokens_token_digest_key",
            Self::CurrentVerificationCode => "verification_codes_current_key",
            Self::PlayerAccount => "player_profiles_pkey",
            Self::PlayerNickname => "player_profiles_nickname_lower_key",
        }
    }

    /// The indexed columns, as SQLite reports them (`UNIQUE constraint failed: <columns>`).
    fn columns(self) -> &'static str {
        match self {
            Self::AccountEmail => "accounts.email_lower",
            Self::AccountLoginId => "accounts.login_id_lower",
            Self::AccountNickname => "accounts.nickname",
            Self::AccountPhone => "accounts.phone",
            Self::RefreshTokenDigest => "refresh_tokens.token_digest",
            Self::CurrentVerificationCode => {
                "verification_codes.purpose, verification_codes.target"
            }
            Self::PlayerAccount => "player_profiles.account_id",
            Self::PlayerNickname => "player_profiles.nickname_lower",
        }
    }
}

/// Which known unique index `err` violates, if it is a unique violation of one.
pub fn violated_unique_key(err: &DieselError) -> Option<UniqueKey> {
    let DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) = err else {
        return None;
    };
    if let Some(index) = info.constraint_name() {
        return UniqueKey::ALL
            .into_iter()
            .find(|key| key.index_name() == index);
    }
    let columns = info.message().strip_prefix("UNIQUE constraint failed: ")?;
    UniqueKey::ALL
        .into_iter()
        .find(|key| key.columns() == columns)
}

#[cfg(test)]
mod tests {
    use diesel::result::DatabaseErrorInformation;

    use super::*;

    struct PgInfo(&'static str);

    impl DatabaseErrorInformation for PgInfo {
        fn message(&self) -> &str {
            "duplicate key value violates unique constraint"
        }
        fn details(&self) -> Option<&str> {
            None
        }
        fn hint(&self) -> Option<&str> {
            None
        }
        fn table_name(&self) -> Option<&str> {
            Some("accounts")
        }
        fn column_name(&self) -> Option<&str> {
            None
        }
        fn constraint_name(&self) -> Option<&str> {
            Some(self.0)
        }
        fn statement_position(&self) -> Option<i32> {
            None
        }
    }

    fn unique_violation(
        info: impl DatabaseErrorInformation + Send + Sync + 'static,
    ) -> DieselError {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, Box::new(info))
    }

    #[test]
    fn postgres_violations_are_recognised_by_index_name() {
        let err = unique_violation(PgInfo("accounts_login_id_lower_live_key"));
        assert_eq!(violated_unique_key(&err), Some(UniqueKey::AccountLoginId));
        assert_eq!(
            violated_unique_key(&unique_violation(PgInfo("other_key"))),
            None
        );
    }

    #[test]
    fn sqlite_violations_are_recognised_by_columns() {
        let err = unique_violation("UNIQUE constraint failed: accounts.email_lower".to_owned());
        assert_eq!(violated_unique_key(&err), Some(UniqueKey::AccountEmail));
        let err = unique_violation(
            "UNIQUE constraint failed: verification_codes.purpose, verification_codes.target"
                .to_owned(),
        );
        assert_eq!(
            violated_unique_key(&err),
            Some(UniqueKey::CurrentVerificationCode)
        );
        let err = unique_violation("UNIQUE constraint failed: accounts.email".to_owned());
        assert_eq!(violated_unique_key(&err), None);
    }

    #[test]
    fn other_errors_are_not_unique_violations() {
        assert_eq!(violated_unique_key(&DieselError::NotFound), None);
        let err = DieselError::DatabaseError(
            DatabaseErrorKind::ForeignKeyViolation,
            Box::new("UNIQUE constraint failed: accounts.email_lower".to_owned()),
        );
        assert_eq!(violated_unique_key(&err), None);
    }
}
