//! Operator commands beside `serve`.

pub mod commands;
pub mod device_file;
pub mod healthcheck;
pub mod import_progress;
