//! Value objects: each parses untrusted input, never panics, and says what is wrong.

mod birthdate;
mod device_unique_id;
mod email;
mod fcm_token;
mod gender;
mod introduce;
mod login_id;
mod mac_id;
mod nickname;
mod password;
mod person_name;
mod phone;
mod role;
mod serial_code;

pub use birthdate::{Birthdate, BirthdateError};
pub use device_unique_id::{DeviceUniqueId, DeviceUniqueIdError};
pub use email::{Email, EmailError};
pub use fcm_token::{FcmToken, FcmTokenError};
pub use gender::{Gender, GenderError};
pub use introduce::{Introduce, IntroduceError};
pub use login_id::{LoginId, LoginIdError};
pub use mac_id::{MacId, MacIdError};
pub use nickname::{Nickname, NicknameError};
pub use password::{Password, PasswordError};
pub use person_name::{PersonName, PersonNameError};
pub use phone::{Phone, PhoneError};
pub use role::{Role, RoleError, Roles};
pub use serial_code::{SerialCode, SerialCodeError};
