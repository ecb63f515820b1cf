//! Faults the service must live through (docs/RELIABILITY.md): its database stopped and
//! restarted, its connection pool exhausted, SIGTERM under load, a full disk.

mod cluster;
mod permission_denied;
mod pool_exhaustion;
mod postgres_outage;
mod shutdown;
mod sqlite_disk;
