use chrono::{DateTime, Utc};

use super::public_id::PublicAccountId;
use crate::values::{
    Birthdate, Email, Gender, Introduce, LoginId, Nickname, PersonName, Phone, Roles,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub i64);

/// How the account was created: `E` email and password, `G` Google, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterType {
    Email,
    Google,
}

impl RegisterType {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Email => "E",
            Self::Google => "G",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "E" => Some(Self::Email),
            "G" => Some(Self::Google),
            _ => None,
        }
    }
}

/// A root user. Deletion is soft: `deleted_at` is set and the row stays.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: AccountId,
    /// The stable public id, drawn at creation.
    pub public_id: PublicAccountId,
    pub email: Email,
    pub login_id: Option<LoginId>,
    pub nickname: Option<String>,
    /// PHC string (argon2id); `None` for social-only accounts.
    pub password_hash: Option<String>,
    /// The display name the user chose (account management, the roles document, SG-Finder's
    /// `userName`, the sign-in provider); `None` when only Lux's first and last names were
    /// given. Shown through [`Account::display_name`].
    pub name: Option<String>,
    pub first_name: Option<String>,
    /// `None` until given; `Some("")` when the person has no last name (see
    /// [`PersonName::parse_last_name`]).
    pub last_name: Option<String>,
    pub birthdate: Option<Birthdate>,
    pub gender: Option<Gender>,
    pub phone: Option<Phone>,
    pub is_phone_number_checked: bool,
    pub register_type: RegisterType,
    pub national_code: Option<String>,
    pub locale: Option<String>,
    pub introduce: Option<String>,
    pub email_verified: bool,
    pub profile_image_key: Option<String>,
    pub roles: Roles,
    pub password_changed_at: Option<DateTime<Utc>>,
    /// Access tokens issued before this instant are no longer accepted (logout everywhere,
    /// password change, deletion).
    pub tokens_valid_after: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Set while an ADMIN bans the account: it cannot log in or use its tokens.
    pub banned_at: Option<DateTime<Utc>>,
    /// Set when the personal fields of a deleted account were erased after the retention
    /// period (see [`admin::retention`](crate::admin)); it cannot be restored then.
    pub anonymized_at: Option<DateTime<Utc>>,
}

impl Account {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    pub fn is_banned(&self) -> bool {
        self.banned_at.is_some()
    }
}

/// What registration writes; the store assigns the id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAccount {
    /// Drawn by the use case that creates the account ([`PublicAccountId::random`]).
    pub public_id: PublicAccountId,
    pub email: Email,
    pub login_id: Option<LoginId>,
    /// The account nickname (only the service user account document sets one at sign-up).
    pub nickname: Option<Nickname>,
    pub password_hash: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub birthdate: Option<Birthdate>,
    pub gender: Option<Gender>,
    pub phone: Option<Phone>,
    pub introduce: Option<Introduce>,
    pub register_type: RegisterType,
    pub roles: Roles,
    pub now: DateTime<Utc>,
}

/// A partial update of the own profile (Lux `PATCH root-user`); `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfilePatch {
    /// The display name, as the use case validated it (the `/accounts` paths: 2 to 20
    /// characters); never split into first and last names.
    pub name: Option<String>,
    pub first_name: Option<PersonName>,
    /// `Some(None)`: the person has no last name ([`PersonName::parse_last_name`]); stored as
    /// `""`, an answer, so the profile no longer asks for it.
    pub last_name: Option<Option<PersonName>>,
    pub birthdate: Option<Birthdate>,
    pub gender: Option<Gender>,
    pub introduce: Option<Introduce>,
    /// The account nickname (unique among live accounts; the use case checks it is free).
    pub nickname: Option<Nickname>,
    /// A new phone number, entered and therefore not checked: the store clears
    /// `is_phone_number_checked` with it. The use case leaves out a number the account holds
    /// already, so that a checked number stays checked.
    pub phone: Option<Phone>,
}

impl ProfilePatch {
    pub fn is_empty(&self) -> bool {
        self.nickname.is_none()
            && self.phone.is_none()
            && self.name.is_none()
            && self.first_name.is_none()
            && self.last_name.is_none()
            && self.birthdate.is_none()
            && self.gender.is_none()
            && self.introduce.is_none()
    }
}
