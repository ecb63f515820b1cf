//! Development delivery: messages are rendered and written to a JSON-lines file instead of a
//! provider, so a developer can read the codes and links they carry; the log only says that a
//! message went.

mod outbox_sender;

pub use outbox_sender::DevOutbox;
