//! Issue 8's "done means": with the SMTP server on loopback configured, a code asked for lands
//! in its mailbox; with the server stopped the message waits, and it is delivered once the
//! server is back. A real SMTP server (aiosmtpd, started by this test with the Python that
//! `scripts/test` prepares) and the wired service on SQLite.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use account_server::config::SenderChoice;
use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, http, post_json, send, six_digits};

/// aiosmtpd on 127.0.0.1:`port`, writing what it accepts to `dir/messages.jsonl`; killed when
/// dropped.
struct Mailbox {
    child: Child,
}

impl Mailbox {
    fn start(dir: &Path, port: u16) -> Self {
        let python = std::env::var("ACCOUNT_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../delivery-smtp/tests/smtp_server.py");
        let mut child = Command::new(&python)
            .arg(&script)
            .arg("--out")
            .arg(dir)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run {python}: {e}; run the tests with scripts/test")
            });
        let mut ready = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut ready)
            .expect("a line");
        assert!(
            ready.starts_with("READY"),
            "aiosmtpd did not start ({ready:?}): run the tests with scripts/test, which installs \
             it and sets ACCOUNT_TEST_PYTHON"
        );
        Self { child }
    }

    fn messages(dir: &Path) -> Vec<Value> {
        std::fs::read_to_string(dir.join("messages.jsonl"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    }
}

impl Drop for Mailbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The codes in the emails to `to` the mailbox holds.
fn codes_to(dir: &Path, to: &str) -> Vec<String> {
    Mailbox::messages(dir)
        .iter()
        .filter(|m| m.to_string().contains(to))
        .filter_map(|m| six_digits(&m.to_string()))
        .collect()
}

async fn a_code_reaches_a_real_mailbox_and_waits_while_the_server_is_down(backend: Backend) {
    let mail_dir: PathBuf = tempfile::tempdir().expect("dir").keep();
    let port = free_port();
    let mailbox = Mailbox::start(&mail_dir, port);
    let test_app = TestApp::with_config(backend, |config| {
        config.email_sender = SenderChoice::Smtp;
        config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        config.smtp_from = "Accounts <noreply@example.com>".into();
        config.smtp_timeout_secs = 5;
    })
    .await;
    let app = http(&test_app.services, &test_app.config).await;
    let dispatcher = test_app.services.dispatcher.clone();
    let register_and_ask = |email: &'static str| {
        let app = &app;
        async move {
            let body =
                json!({"email": email, "password": "correct horse battery", "name": "Mail Box"});
            let created = send(app, post_json("/auth/accounts/register", body)).await;
            assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
            let asked = send(
                app,
                post_json("/auth/accounts/email/code", json!({"email": email})),
            )
            .await;
            assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
        }
    };

    register_and_ask("first.mail@example.com").await;
    assert_eq!(dispatcher.run_once().await.expect("dispatch"), 1);
    let delivered = codes_to(&mail_dir, "first.mail@example.com");
    assert_eq!(delivered.len(), 1, "{:?}", Mailbox::messages(&mail_dir));
    let raw = Mailbox::messages(&mail_dir)[0].to_string();
    assert!(raw.contains("noreply@example.com"), "{raw}");

    drop(mailbox);
    register_and_ask("second.mail@example.com").await;
    assert_eq!(
        dispatcher.run_once().await.expect("dispatch"),
        0,
        "the server is down"
    );
    assert!(codes_to(&mail_dir, "second.mail@example.com").is_empty());

    let _mailbox = Mailbox::start(&mail_dir, port);
    let deadline = Instant::now() + Duration::from_secs(30);
    while codes_to(&mail_dir, "second.mail@example.com").is_empty() {
        assert!(
            Instant::now() < deadline,
            "the waiting message was never delivered"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
        dispatcher.run_once().await.expect("dispatch");
    }
    assert_eq!(
        codes_to(&mail_dir, "second.mail@example.com").len(),
        1,
        "delivered once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_reaches_a_real_mailbox_on_sqlite() {
    a_code_reaches_a_real_mailbox_and_waits_while_the_server_is_down(Backend::Sqlite).await;
}
