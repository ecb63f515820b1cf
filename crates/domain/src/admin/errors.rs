//! One error enum per administration use case.

use crate::UnexpectedError;

/// Reading accounts as ADMIN or STAFF.
#[derive(Debug, thiserror::Error)]
pub enum AccountAdminError {
    /// Neither ADMIN nor STAFF.
    #[error("only ADMIN and STAFF administer accounts")]
    Forbidden,
    #[error("account does not exist")]
    NotFound,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Changing an account's roles.
#[derive(Debug, thiserror::Error)]
pub enum SetAccountRolesError {
    /// Only ADMIN changes roles.
    #[error("only ADMIN changes roles")]
    Forbidden,
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    /// Every account keeps USER.
    #[error("roles must include USER")]
    MissingUserRole,
    /// The change would leave no ADMIN who can sign in.
    #[error("the last ADMIN keeps ADMIN")]
    LastAdmin,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Banning or lifting a ban.
#[derive(Debug, thiserror::Error)]
pub enum BanError {
    /// Only ADMIN bans.
    #[error("only ADMIN bans accounts")]
    Forbidden,
    #[error("account does not exist")]
    NotFound,
    #[error("account is deleted")]
    Deleted,
    /// An ADMIN cannot ban their own account.
    #[error("an ADMIN cannot ban their own account")]
    OwnAccount,
    /// The ban would leave no ADMIN who can sign in.
    #[error("the last ADMIN cannot be banned")]
    LastAdmin,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Restoring a deleted account.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// Only ADMIN restores.
    #[error("only ADMIN restores accounts")]
    Forbidden,
    #[error("account does not exist")]
    NotFound,
    /// The account is not deleted.
    #[error("account is not deleted")]
    NotDeleted,
    /// The retention period is over (or the account was anonymised).
    #[error("the retention period is over")]
    RetentionOver,
    /// A live account took its email, login id, nickname or checked phone meanwhile.
    #[error("a live account holds its email, login id, nickname or phone")]
    IdentifierTaken,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}
