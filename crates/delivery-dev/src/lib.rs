//! Development delivery: messages go to the log and to a JSON-lines file instead of a
//! provider, so a developer can read the codes and links they carry.

mod outbox_sender;

pub use outbox_sender::DevOutboxSender;
