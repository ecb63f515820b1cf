//! Value objects: each parses untrusted input, never panics, and says what is wrong.

mod birthdate;
mod email;
mod gender;
mod login_id;
mod password;
mod person_name;
mod phone;
mod role;

pub use birthdate::{Birthdate, BirthdateError};
pub use email::{Email, EmailError};
pub use gender::{Gender, GenderError};
pub use login_id::{LoginId, LoginIdError};
pub use password::{Password, PasswordError};
pub use person_name::{PersonName, PersonNameError};
pub use phone::{Phone, PhoneError};
pub use role::{Role, RoleError, Roles};
