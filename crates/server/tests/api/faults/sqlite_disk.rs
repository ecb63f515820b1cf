//! The SQLite default store on a disk that fills up: writes are refused 503 in the seed's
//! shape, nothing half-written stays behind, and writes work again once there is room. On a
//! read-only disk the service does not start, and says why.
//!
//! The disk is a 4 MiB tmpfs mounted over the data directory, which needs root (CI runs as
//! root); the test fails, never skips, without it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::helpers::LoggedService;
use crate::http_client::request;

const PASSWORD: &str = "correct horse battery";

/// A small tmpfs mounted at a directory; unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path) -> Self {
        std::fs::create_dir_all(at).expect("the mount point");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs"])
            .arg(at)
            .output()
            .expect("mount runs");
        assert!(
            mounted.status.success(),
            "the full-disk test mounts a 4 MiB tmpfs and needs root (CI runs as root): {}",
            String::from_utf8_lossy(&mounted.stderr)
        );
        Self(at.to_owned())
    }

    /// Writes a file until the disk has no room left.
    fn fill(&self) {
        let filled = Command::new("dd")
            .args(["if=/dev/zero", "bs=64k"])
            .arg(format!("of={}", self.0.join("filler").display()))
            .output()
            .expect("dd runs");
        assert!(
            String::from_utf8_lossy(&filled.stderr).contains("No space left"),
            "the disk is full"
        );
    }

    fn free(&self) {
        std::fs::remove_file(self.0.join("filler")).expect("the filler file goes");
    }

    fn remount(&self, mode: &str) {
        let done = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .status()
            .expect("mount runs");
        assert!(done.success(), "remount {mode}");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn sign_up(port: u16, email: &str) -> (u16, Value) {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}","name":"Disk Cho"}}"#);
    let reply = request(port, "POST", "/auth/accounts/register", Some(&body)).expect("an answer");
    (
        reply.status,
        serde_json::from_str(&reply.body).unwrap_or(Value::Null),
    )
}

fn logs_in(port: u16, email: &str) -> bool {
    let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
    request(port, "POST", "/auth/accounts/login", Some(&body)).is_ok_and(|r| r.status == 200)
}

fn assert_refused_in_shape(answer: (u16, Value), when: &str) {
    let (status, body) = answer;
    assert_eq!(status, 503, "a sign-up while {when}: {body}");
    assert_eq!(body["status"], 503, "{body}");
    assert_eq!(body["message"], "Service Unavailable", "{body}");
}

#[test]
fn a_full_disk_refuses_writes_503_and_keeps_nothing_half_written() {
    let mut disk = None;
    let service = LoggedService::start(|dir| disk = Some(SmallDisk::mount(&dir.join("data"))));
    let disk = disk.expect("mounted");
    let port = service.port;
    assert_eq!(sign_up(port, "before@example.com").0, 201);

    disk.fill();
    assert_refused_in_shape(sign_up(port, "full@example.com"), "the disk is full");
    disk.free();
    assert_eq!(
        sign_up(port, "full@example.com").0,
        201,
        "the refused sign-up left nothing behind (its address is free)"
    );
    for email in ["before@example.com", "full@example.com"] {
        assert!(logs_in(port, email), "{email} logs in");
    }
    assert!(!service.log().contains("panicked"), "{}", service.log());
}

#[test]
fn a_read_only_database_is_refused_at_start_with_a_clear_error() {
    let mut disk = None;
    let mut service = LoggedService::start(|dir| disk = Some(SmallDisk::mount(&dir.join("data"))));
    let disk = disk.expect("mounted");
    assert_eq!(sign_up(service.port, "kept@example.com").0, 201);
    service.terminate();
    assert!(service.exit_within(Duration::from_secs(15)).is_some());

    disk.remount("ro");
    let started = Command::new(env!("CARGO_BIN_EXE_account-service"))
        .current_dir(service.dir_path())
        .env_clear()
        .env(
            "ACCOUNT_BIND",
            format!("127.0.0.1:{}", crate::binary::free_port()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let output = wait_with_limit(started, Duration::from_secs(20));
    let printed = crate::helpers::strip_ansi(&output);
    assert!(
        printed.contains("opening the SQLite database data/accounts.db")
            && printed.contains("writes to it and to its directory")
            && printed.contains("unable to open database file"),
        "says which store failed and why: {printed}"
    );
    disk.remount("rw");
}

/// The process's exit and output; kills it (and fails) if it has not exited within `limit`.
fn wait_with_limit(mut child: std::process::Child, limit: Duration) -> String {
    let exited = crate::helpers::eventually(limit, || child.try_wait().ok().flatten().is_some());
    if !exited {
        let _ = child.kill();
    }
    let output = child.wait_with_output().expect("its output");
    assert!(exited, "the service should refuse to start, and it served");
    assert!(!output.status.success(), "exits non-zero");
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
