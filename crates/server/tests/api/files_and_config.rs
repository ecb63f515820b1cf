//! Issue 7, point 8, on the real binary: the data directory and its files are the service
//! user's alone whatever the umask, Kubernetes' `ACCOUNT_*` Service variables do not stop
//! the service, and a database password never reaches the log.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::binary::free_port;
use crate::http_client::request;

/// The service started by `/bin/sh` with umask `000`, so that only the modes the service
/// asks for stand between its files and other users.
struct Service(Child);

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_with_open_umask(dir: &Path, port: u16, env: &[(&str, &str)]) -> Service {
    let log = std::fs::File::create(dir.join("service.log")).expect("a log file");
    let child = Command::new("/bin/sh")
        .args(["-c", "umask 000 && exec \"$0\""])
        .arg(env!("CARGO_BIN_EXE_account-service"))
        .current_dir(dir)
        .env_clear()
        .env("ACCOUNT_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::from(log.try_clone().expect("a second handle")))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("the binary starts");
    let mut service = Service(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(exit)) = service.0.try_wait() {
            panic!("the service stopped ({exit}):\n{}", log_of(dir));
        }
        if request(port, "GET", "/health/ready", None).is_ok_and(|r| r.status == 200) {
            return service;
        }
        assert!(Instant::now() < deadline, "not ready:\n{}", log_of(dir));
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn log_of(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("service.log")).unwrap_or_default()
}

/// The permission bits, in octal.
fn mode(path: &Path) -> String {
    let mode =
        account_private_files::mode(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    format!("{mode:o}")
}

#[test]
fn the_data_directory_and_its_files_are_private_whatever_the_umask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _service = start_with_open_umask(dir.path(), port, &[]);

    let body = r#"{"email":"files@example.com","password":"correct horse battery","name":"F"}"#;
    let registered = request(port, "POST", "/auth/accounts/register", Some(body)).expect("up");
    assert_eq!(registered.status, 201, "{}", registered.body);
    let asked = request(
        port,
        "POST",
        "/auth/accounts/email/code",
        Some(r#"{"email":"files@example.com"}"#),
    )
    .expect("code");
    assert_eq!(asked.status, 200, "{}", asked.body);
    let data = dir.path().join("data");
    let outbox = data.join("outbox.jsonl");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !outbox.exists() {
        assert!(Instant::now() < deadline, "no outbox file");
        std::thread::sleep(Duration::from_millis(100));
    }

    // While the service runs, so the WAL and shared-memory files exist.
    assert_eq!(mode(&data), "700", "data directory");
    for file in [
        "accounts.db",
        "accounts.db-wal",
        "accounts.db-shm",
        "jwt-secret",
        "digest-secret",
        "outbox.jsonl",
    ] {
        assert_eq!(mode(&data.join(file)), "600", "{file}");
    }
}

#[test]
fn kubernetes_service_variables_are_warned_about_and_do_not_stop_the_service() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _service = start_with_open_umask(
        dir.path(),
        port,
        &[
            ("ACCOUNT_PORT", "tcp://10.0.0.1:8080"),
            ("ACCOUNT_SERVICE_HOST", "10.0.0.1"),
            ("ACCOUNT_PORT_8080_TCP_ADDR", "10.0.0.1"),
        ],
    );
    let log = log_of(dir.path());
    assert!(
        log.contains("ignoring ACCOUNT_ environment variables"),
        "{log}"
    );
    for name in [
        "ACCOUNT_PORT,",
        "ACCOUNT_PORT_8080_TCP_ADDR",
        "ACCOUNT_SERVICE_HOST",
    ] {
        assert!(log.contains(name), "{name} named in:\n{log}");
    }
    assert!(!log.contains("10.0.0.1"), "values are not logged:\n{log}");
}

#[test]
fn a_database_password_in_the_url_never_reaches_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Nothing listens on port 1: the service logs its start, fails to connect and exits.
    let url = "postgres://u:hunter2@127.0.0.1:1/accounts?password=hunter3&sslmode=disable";
    let output = Command::new(env!("CARGO_BIN_EXE_account-service"))
        .current_dir(dir.path())
        .env_clear()
        .env("RUST_LOG", "info")
        .env("DATABASE_URL", url)
        .output()
        .expect("the binary runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!output.status.success(), "{log}");
    assert!(log.contains("postgres://127.0.0.1:1/accounts"), "{log}");
    assert!(!log.contains("hunter"), "{log}");
    assert!(
        !log.contains("sslmode"),
        "the query string is dropped:\n{log}"
    );
}
