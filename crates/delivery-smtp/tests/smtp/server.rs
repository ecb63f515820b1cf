use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::certs::TestCa;

/// How the server is started.
#[derive(Default)]
pub struct Options {
    /// Certificate and key; `true` for implicit TLS, `false` for STARTTLS (required).
    pub tls: Option<(PathBuf, PathBuf, bool)>,
    /// AUTH PLAIN/LOGIN required with this user and password.
    pub auth: Option<(&'static str, &'static str)>,
}

impl Options {
    /// TLS with the test CA's server certificate, and AUTH required.
    pub fn tls_and_auth(ca: &TestCa, implicit: bool, password: &'static str) -> Self {
        Self {
            tls: Some((ca.server_cert.clone(), ca.server_key.clone(), implicit)),
            auth: Some(("mailer", password)),
        }
    }
}

/// aiosmtpd on 127.0.0.1, killed when dropped.
pub struct SmtpServer {
    child: Option<Child>,
    pub port: u16,
    dir: tempfile::TempDir,
}

fn python() -> String {
    std::env::var("ACCOUNT_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

const HOW_TO_RUN: &str = "run the tests with scripts/test, which installs aiosmtpd==1.4.6 into a venv \
     and sets ACCOUNT_TEST_PYTHON, or set ACCOUNT_TEST_PYTHON=$(scripts/test-servers/python-tools)";

impl SmtpServer {
    pub fn start(options: Options) -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_server.py");
        let python = python();
        let mut command = Command::new(&python);
        command
            .arg(&script)
            .arg("--out")
            .arg(dir.path())
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some((cert, key, implicit)) = &options.tls {
            command
                .arg("--tls-cert")
                .arg(cert)
                .arg("--tls-key")
                .arg(key);
            if *implicit {
                command.arg("--implicit-tls");
            }
        }
        if let Some((user, password)) = options.auth {
            command
                .args(["--auth-user", user])
                .args(["--auth-password", password]);
        }
        let mut child = command.spawn().unwrap_or_else(|e| {
            panic!("cannot start the test SMTP server with {python:?} ({e}): {HOW_TO_RUN}")
        });

        let stdout = child.stdout.take().expect("piped stdout");
        let (ready_tx, ready_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = ready_tx.send(line);
        });
        let line = ready_rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_default();
        let Some(port) = line
            .strip_prefix("READY ")
            .and_then(|port| port.trim().parse().ok())
        else {
            let _ = child.kill();
            let status = child.wait().ok();
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = pipe.read_to_string(&mut stderr);
            }
            if status.and_then(|s| s.code()) == Some(3) {
                panic!("the test SMTP server needs aiosmtpd: {HOW_TO_RUN}\n{stderr}");
            }
            panic!("the test SMTP server did not start (status {status:?}):\n{stderr}");
        };
        wait_until_accepting(port);
        Self {
            child: Some(child),
            port,
            dir,
        }
    }

    /// The messages received so far, as `smtp_server.py` wrote them.
    pub fn messages(&self) -> Vec<Value> {
        let path = self.dir.path().join("messages.jsonl");
        let Ok(content) = std::fs::read_to_string(path) else {
            return Vec::new();
        };
        content
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect()
    }

    /// The one message received so far.
    pub fn only_message(&self) -> Value {
        let mut messages = self.messages();
        assert_eq!(messages.len(), 1, "{messages:#?}");
        messages.remove(0)
    }

    /// Kills the server and waits until its port is closed.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn wait_until_accepting(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "the test SMTP server does not accept connections on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
