//! A root user's device alert switches (Lux `PATCH notification`, shown by `GET me`).

mod model;
mod ports;
mod service;

pub use model::NotificationSettings;
#[cfg(any(test, feature = "mock"))]
pub use ports::MockNotificationSettingsRepository;
pub use ports::NotificationSettingsRepository;
pub use service::{NotificationService, UpdateNotificationsError};
