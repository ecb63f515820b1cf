//! FCM registration tokens: one per logged-in app install, owned by the session that set it,
//! accepted only with push consent (Lux `POST push/set-token`); and pushes sent to a root
//! user's installs by other services and operators, as consent and the mute switch allow.

mod model;
mod ports;
mod send;
mod send_service;
mod service;

pub use model::PushToken;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockPushTokenRepository;
pub use ports::PushTokenRepository;
pub use send::{PushKind, PushPlan, PushText, PushTextField, SkipReason, Skipped, plan_push};
pub use send_service::{PushRequest, PushSendReport, PushSendService, SendPushError};
pub use service::{PushService, SetPushTokenError};

#[cfg(test)]
mod send_tests;
