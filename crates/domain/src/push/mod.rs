//! FCM registration tokens: one per logged-in app install, owned by the session that set it,
//! accepted only with push consent (Lux `POST push/set-token`).

mod model;
mod ports;
mod service;

pub use model::PushToken;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockPushTokenRepository;
pub use ports::PushTokenRepository;
pub use service::{PushService, SetPushTokenError};
