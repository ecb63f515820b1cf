//! Push notifications through Firebase Cloud Messaging's HTTP v1 API: `FcmPushSender`
//! implements the domain's `PushSender`. A service account's key signs an RS256 JWT assertion,
//! exchanged at the account's token endpoint for an OAuth access token that is cached until
//! shortly before it expires (one exchange however many sends run at once), then
//! `POST /v1/projects/{project}/messages:send`. Wording comes from `account-templates`.
//! See `docs/delivery/push.md`.

mod classify;
mod sender;
mod service_account;
mod token;

pub use sender::{
    DEFAULT_FCM_BASE_URL, FcmPushSender, FcmSettings, FcmSetupError, IDEMPOTENCY_DATA_KEY,
};
pub use service_account::ServiceAccount;
