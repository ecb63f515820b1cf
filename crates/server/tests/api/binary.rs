//! The real binary, as an operator runs it: default SQLite store in a data directory, a real
//! port, SIGTERM, and a restart that keeps the accounts.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::http_client::request;

pub struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn start(data_dir: &Path, port: u16) -> Running {
    start_with_output(data_dir, port, Stdio::null(), Stdio::null())
}

/// [`start`], writing everything the service prints (its log, any panic) to `log`.
pub fn start_logging_to(data_dir: &Path, port: u16, log: &Path) -> Running {
    let file = std::fs::File::create(log).expect("a log file");
    let copy = file.try_clone().expect("a second handle on the log file");
    start_with_output(data_dir, port, Stdio::from(file), Stdio::from(copy))
}

fn start_with_output(data_dir: &Path, port: u16, stdout: Stdio, stderr: Stdio) -> Running {
    let child = Command::new(env!("CARGO_BIN_EXE_account-service"))
        .current_dir(data_dir)
        .env_clear()
        .env("ACCOUNT_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("the binary starts");
    let running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if request(port, "GET", "/health/ready", None).is_ok_and(|r| r.status == 200) {
            return running;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the service did not become ready on port {port}");
}

fn terminate(mut running: Running) {
    let pid = running.0.id().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if let Ok(Some(exit)) = running.0.try_wait() {
            assert!(exit.success(), "graceful shutdown exits 0, got {exit}");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the service did not stop on SIGTERM");
}

#[test]
fn runs_on_the_embedded_default_and_keeps_accounts_across_restarts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let service = start(dir.path(), port);

    let registered = request(
        port,
        "POST",
        "/auth/accounts/register",
        Some(
            r#"{"email":"binary@example.com","password":"correct horse battery","name":"Bin Ary"}"#,
        ),
    )
    .expect("register");
    assert_eq!(registered.status, 201, "{}", registered.body);
    assert!(
        dir.path().join("data/accounts.db").exists(),
        "SQLite file under ./data"
    );
    assert!(
        dir.path().join("data/jwt-secret").exists(),
        "generated key kept in ./data"
    );
    let openapi = request(port, "GET", "/openapi.json", None).expect("openapi");
    assert_eq!(openapi.status, 200);
    assert!(openapi.body.contains("/auth/accounts/register"));
    terminate(service);

    let port = free_port();
    let _service = start(dir.path(), port);
    let login = request(
        port,
        "POST",
        "/auth/accounts/login",
        Some(r#"{"email":"binary@example.com","password":"correct horse battery"}"#),
    )
    .expect("login");
    assert_eq!(login.status, 200, "{}", login.body);
    assert!(login.body.contains("accessToken"));
}

/// Runs `account-service <args>` in `dir` with only `RUST_LOG=warn` set: its exit code and
/// everything it printed.
pub fn run_command(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_account-service"))
        .current_dir(dir)
        .env_clear()
        .env("RUST_LOG", "warn")
        .args(args)
        .output()
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

/// [`run_command`]: whether it succeeded, and what it printed.
pub fn operator(dir: &Path, args: &[&str]) -> (bool, String) {
    let (code, text) = run_command(dir, args);
    (code == Some(0), text)
}
