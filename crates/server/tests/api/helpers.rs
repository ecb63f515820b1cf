use std::path::PathBuf;

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

    /// The six-digit code in the newest pending email to `to`.
    pub async fn emailed_code(&self, to: &str) -> String {
        let pending = self.repositories().outbox.pending().await.expect("outbox");
        let message = pending
            .iter()
            .rev()
            .find(|m| m.message.recipient == to)
            .expect("an email was queued");
        six_digits(&message.message.body).expect("the email carries a code")
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
    }
}

async fn build(config: &Config) -> Services {
    let repositories = account_server::store::open(&config.database_url(), 4)
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
    let response = test::call_service(
        app,
        request
            .peer_addr("10.1.2.3:4000".parse().expect("addr"))
            .to_request(),
    )
    .await;
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
