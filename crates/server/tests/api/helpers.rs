use std::path::PathBuf;
use std::sync::Arc;

use account_crypto::XChaChaSealer;

use account_domain::store::Repositories;
use account_server::config::Config;
use account_server::secrets::ServiceKeys;
use account_server::wiring::{self, Services};
use account_test_support::TestDatabase;
use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::{App, test};
use serde_json::Value;

/// Which store a test runs on; every journey runs on both.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A wired service over a fresh store, plus what keeps that store alive.
pub struct TestApp {
    pub services: Services,
    pub config: Config,
    _data_dir: tempfile::TempDir,
    _database: Option<TestDatabase>,
}

impl TestApp {
    pub async fn new(backend: Backend) -> Self {
        Self::with_config(backend, |_| {}).await
    }

    pub async fn with_config(backend: Backend, adjust: impl FnOnce(&mut Config)) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let database = matches!(backend, Backend::Postgres).then(TestDatabase::create);
        let url = match &database {
            Some(db) => db.url().to_owned(),
            None => format!("sqlite://{}", data_dir.path().join("accounts.db").display()),
        };
        let mut config = Config {
            data_dir: data_dir.path().to_owned(),
            database_url: Some(url),
            ..Config::default()
        };
        adjust(&mut config);
        let services = build(&config).await;
        Self {
            services,
            config,
            _data_dir: data_dir,
            _database: database,
        }
    }

    /// The same store opened again, as after a restart of the service.
    pub async fn restarted(&self) -> Services {
        build(&self.config).await
    }

    pub fn repositories(&self) -> &Repositories {
        &self.services.repositories
    }

    pub fn outbox_file(&self) -> PathBuf {
        self.config.data_dir.join("outbox.jsonl")
    }

    /// The code (a secret parameter) of the newest pending message to `to`.
    pub async fn emailed_code(&self, to: &str) -> String {
        let pending = self.repositories().outbox.pending().await.expect("outbox");
        let message = pending
            .iter()
            .rev()
            .find(|m| m.message.recipient() == to)
            .expect("an email was queued");
        let code = message.message.params().secret.get("code");
        code.cloned().expect("the email carries a code")
    }
}

pub fn six_digits(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .map(str::to_owned)
}

fn keys() -> ServiceKeys {
    ServiceKeys {
        jwt: b"test-jwt-key-test-jwt-key-test-jwt-key".to_vec(),
        digest: b"test-digest-key-test-digest-key-test".to_vec(),
        outbox: [7u8; 32].to_vec(),
    }
}

async fn build(config: &Config) -> Services {
    let sealer = XChaChaSealer::new(&keys().outbox).expect("outbox key");
    let repositories = account_server::store::open_sealed(
        &config.database_url(),
        account_store_sql::PoolLimits::of_size(4),
        Arc::new(sealer),
    )
    .await
    .expect("store opens");
    wiring::build(config, repositories, &keys()).expect("services build")
}

/// An in-process HTTP service over the app's wiring.
pub async fn http(
    services: &Services,
    config: &Config,
) -> impl Service<Request, Response = ServiceResponse<impl MessageBody>, Error = actix_web::Error> {
    let state = services.state.clone();
    let settings = account_server::app::http_settings(config);
    test::init_service(
        App::new().configure(move |cfg| account_http::configure(cfg, state, settings)),
    )
    .await
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

pub async fn send<S, B>(app: &S, request: test::TestRequest) -> Reply
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    send_from(app, request, "10.1.2.3").await
}

/// [`send`] from the client at `ip`.
pub async fn send_from<S, B>(app: &S, request: test::TestRequest, ip: &str) -> Reply
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let peer = format!("{ip}:4000").parse().expect("addr");
    let response = crate::status_record::call(app, request.peer_addr(peer)).await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = test::read_body(response).await;
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    };
    Reply {
        status,
        headers,
        body,
    }
}

pub fn post_json(path: &str, body: Value) -> test::TestRequest {
    test::TestRequest::post().uri(path).set_json(body)
}

pub fn with_bearer(request: test::TestRequest, token: &str) -> test::TestRequest {
    request.insert_header(("Authorization", format!("Bearer {token}")))
}

/// Runs a journey on both stores.
#[macro_export]
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            )*
        }
    };
}

/// The real binary as an operator runs it (default log filter: `info`), serving from its own
/// data directory on a free port, everything it prints kept in a file; killed on drop.
pub struct LoggedService {
    child: std::process::Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl LoggedService {
    /// Starts the service in a new directory after `prepare` ran there (for operator commands
    /// such as `provision-devices`, through [`LoggedService::operator`]).
    pub fn start(prepare: impl FnOnce(&std::path::Path)) -> Self {
        Self::start_with_env(&[], prepare)
    }

    /// [`LoggedService::start`] with these environment variables set (the rest cleared).
    pub fn start_with_env(env: &[(&str, &str)], prepare: impl FnOnce(&std::path::Path)) -> Self {
        Self::start_on(crate::binary::free_port(), env, prepare)
    }

    /// [`LoggedService::start_with_env`] on `port` (for settings that name the service's own
    /// address).
    pub fn start_on(
        port: u16,
        env: &[(&str, &str)],
        prepare: impl FnOnce(&std::path::Path),
    ) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        prepare(dir.path());
        let log = std::fs::File::create(dir.path().join("service.log")).expect("a log file");
        let copy = log.try_clone().expect("a second handle on the log file");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_account-service"))
            .current_dir(dir.path())
            .env_clear()
            .env("ACCOUNT_BIND", format!("127.0.0.1:{port}"))
            .envs(env.iter().copied())
            .stdout(log)
            .stderr(copy)
            .spawn()
            .expect("the binary starts");
        let service = Self { child, port, dir };
        let ready = || {
            crate::http_client::request(port, "GET", "/health/ready", None)
                .is_ok_and(|r| r.status == 200)
        };
        assert!(
            eventually(std::time::Duration::from_secs(30), ready),
            "the service did not become ready:\n{}",
            service.log()
        );
        service
    }

    /// Runs an operator command (`account-service <args>`) in `dir` at the default log level;
    /// whether it succeeded, and all it printed.
    pub fn operator(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_account-service"))
            .current_dir(dir)
            .env_clear()
            .args(args)
            .output()
            .expect("the binary runs");
        let printed = [output.stdout, output.stderr].concat();
        let text = strip_ansi(&String::from_utf8_lossy(&printed));
        (output.status.success(), text)
    }

    /// [`LoggedService::operator`] in the service's directory, while it runs.
    pub fn operate(&self, args: &[&str]) -> (bool, String) {
        Self::operator(self.dir.path(), args)
    }

    /// The directory the service runs in (its `data/` is below).
    pub fn dir_path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Everything the service printed so far, without terminal colours.
    pub fn log(&self) -> String {
        let raw = std::fs::read(self.dir.path().join("service.log")).unwrap_or_default();
        strip_ansi(&String::from_utf8_lossy(&raw))
    }

    /// The messages the dev outbox delivered so far (`data/outbox.jsonl`), oldest first.
    pub fn outbox(&self) -> Vec<Value> {
        let path = self.dir.path().join("data/outbox.jsonl");
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    }

    /// The newest delivered message to `to` of `template` (e.g. `phone_code`), waiting for the
    /// outbox worker (it polls once a second) up to 20 s.
    pub fn delivered(&self, to: &str, template: &str) -> Value {
        let find = || {
            self.outbox()
                .into_iter()
                .rev()
                .find(|m| m["recipient"] == to && m["template"] == template)
        };
        let mut found = None;
        eventually(std::time::Duration::from_secs(20), || {
            found = find();
            found.is_some()
        });
        found.unwrap_or_else(|| panic!("no {template} to {to}: {:?}", self.outbox()))
    }

    /// Sends SIGTERM, as an orchestrator stopping a container does.
    pub fn terminate(&self) {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -TERM {pid}");
    }

    /// How the process ended, if it did within `limit`.
    pub fn exit_within(&mut self, limit: std::time::Duration) -> Option<std::process::ExitStatus> {
        let mut exit = None;
        eventually(limit, || {
            exit = self.child.try_wait().ok().flatten();
            exit.is_some()
        });
        exit
    }

    /// Stops the service (SIGKILL) and answers everything it printed.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.log()
    }
}

impl Drop for LoggedService {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether `done` became true within `limit`, asking every 100 ms.
pub fn eventually(limit: std::time::Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if done() {
            return true;
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// `text` without ANSI escape sequences (`ESC [ ... letter`).
pub fn strip_ansi(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}
