//! What the service sends and the ports that send it, one per channel. A message is typed
//! (template, locale, recipient, parameters), never pre-rendered text: the templates render it
//! in one place (`account-templates`), and each adapter turns the rendering into its
//! provider's request. The outbox stores the same typed message, its secret part sealed.

mod link;
mod message;
mod ports;

pub use link::link_with_query;
pub use message::{
    EmailMessage, IdempotencyKey, Locale, MessageParams, PushMessage, SmsKind, SmsMessage,
    TemplateId,
};
pub use ports::{EmailSender, PushError, PushSender, SmsSender};
#[cfg(any(test, feature = "mock"))]
pub use ports::{MockEmailSender, MockPushSender, MockSmsSender};
