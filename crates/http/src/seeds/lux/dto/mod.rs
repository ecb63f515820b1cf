//! Bodies of the Lux user API, as its document writes them: snake_case, birthdates
//! `yyyymmdd`, genders `M`/`F`/`N`/`P`, instants `2024-10-28T07:47:53.563Z`, commands answered
//! with `{"statusCode": 200, "message": ...}`.

mod create_real_user;
mod delete_real_user;
mod device;
mod flag;
mod me;
mod notification;
mod phone;
mod policy;
mod push;
mod real_user;
mod root_user;
mod status;
mod timestamp;
mod values;

pub use create_real_user::{CreateRealUserRequest, CreateRealUserResponse};
pub use delete_real_user::{DeleteRealUserRequest, RealUserDeletion};
pub use device::DeviceResponse;
pub use flag::{Flag, FlagForm};
pub use me::MeResponse;
pub use notification::{NotificationRequest, NotificationResponse, NotificationUpdate};
pub use phone::{ChangePhoneRequest, PhoneChange, SendSmsRequest};
pub use policy::{ConsentHistoryEntry, PolicyPatchRequest, PolicyResponse};
pub use push::{PUSH_TOKEN_UPDATED, SetPushTokenRequest};
pub use real_user::{RealUserPatchRequest, RealUserPath, RealUserResponse};
pub use root_user::{RootUserPatchRequest, RootUserResponse};
pub use status::LuxStatusMessage;
pub use timestamp::LuxTimestamp;
