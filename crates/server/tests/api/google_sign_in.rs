//! Google sign-in end to end: the real binary, configured with a stand-in OpenID provider on
//! loopback (oauth2-mock-server, which enforces PKCE S256; `scripts/test` installs it), driven
//! as a browser drives it: the redirect to the provider, the provider's redirect back, the
//! session cookie, `POST /account/register`.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use account_test_support::{StandInProvider, TestDatabase};
use serde_json::{Value, json};

use crate::binary::free_port;
use crate::http_client::request;

const CLIENT_ID: &str = "account-service-e2e";

/// The service binary, Google sign-in pointed at `provider`; killed when dropped.
pub(crate) struct Service {
    child: Child,
    pub(crate) port: u16,
    _data: tempfile::TempDir,
    _database: Option<TestDatabase>,
}

impl Service {
    pub(crate) fn start(provider: &StandInProvider, postgres: bool) -> Self {
        let data = tempfile::tempdir().expect("temp dir");
        let database = postgres.then(TestDatabase::create);
        let port = free_port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_account-service"));
        command
            .current_dir(data.path())
            .env_clear()
            .env("ACCOUNT_BIND", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .env("ACCOUNT_GOOGLE_CLIENT_ID", CLIENT_ID)
            .env("ACCOUNT_GOOGLE_CLIENT_SECRET", "e2e-secret")
            .env(
                "ACCOUNT_GOOGLE_REDIRECT_URI",
                format!("http://127.0.0.1:{port}/login/oauth2/code/google"),
            )
            .env(
                "ACCOUNT_GOOGLE_AUTHORIZATION_ENDPOINT",
                provider.authorization_endpoint(),
            )
            .env("ACCOUNT_GOOGLE_TOKEN_ENDPOINT", provider.token_endpoint())
            .env("ACCOUNT_GOOGLE_JWKS_URI", provider.jwks_uri())
            .env("ACCOUNT_GOOGLE_ISSUER", &provider.issuer)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if let Some(database) = &database {
            command.env("DATABASE_URL", database.url());
        }
        let child = command.spawn().expect("the binary starts");
        let service = Self {
            child,
            port,
            _data: data,
            _database: database,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if request(port, "GET", "/health/ready", None).is_ok_and(|r| r.status == 200) {
                return service;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the service did not become ready on port {port}");
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) struct Reply {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn set_cookies(&self) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }
}

/// One HTTP/1.1 exchange with 127.0.0.1:`port`, `Host` naming that port.
pub(crate) fn send(
    port: u16,
    method: &str,
    target: &str,
    headers: &[(&str, String)],
    body: Option<&str>,
) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body = body.unwrap_or("");
    if !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(head.as_bytes()).expect("write");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw.as_str(), ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    crate::status_record::record(method, target, status);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// A browser: its cookie jar (by name; the service scopes them by path, the tests do not need
/// to).
pub(crate) struct Browser {
    port: u16,
    cookies: HashMap<String, String>,
}

impl Browser {
    pub(crate) fn new(service: &Service) -> Self {
        Self {
            port: service.port,
            cookies: HashMap::new(),
        }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn cookie_header(&self) -> Vec<(&'static str, String)> {
        if self.cookies.is_empty() {
            return Vec::new();
        }
        let jar: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        vec![("Cookie", jar.join("; "))]
    }

    fn keep_cookies(&mut self, reply: &Reply) {
        for set in reply.set_cookies() {
            let pair = set.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    }

    fn call(&mut self, method: &str, target: &str, body: Option<&str>, origin: bool) -> Reply {
        let mut headers = self.cookie_header();
        if origin {
            headers.push(("Origin", self.origin()));
        }
        let reply = send(self.port, method, target, &headers, body);
        self.keep_cookies(&reply);
        reply
    }

    /// `GET /account/login/oauth2/authorization/google`: the provider's authorization URL.
    pub(crate) fn start(&mut self) -> String {
        let reply = self.call(
            "GET",
            "/account/login/oauth2/authorization/google",
            None,
            false,
        );
        assert_eq!(reply.status, 302, "{}", reply.body);
        let state_cookie = reply
            .set_cookies()
            .into_iter()
            .find(|c| c.starts_with("oauth2_state="))
            .map(str::to_owned)
            .expect("the state cookie");
        assert!(state_cookie.contains("HttpOnly") && state_cookie.contains("SameSite=Lax"));
        assert!(state_cookie.contains("Path=/login/oauth2/code"));
        reply.header("location").expect("a Location").to_owned()
    }

    /// The callback with `query` as the provider's redirect carried it.
    pub(crate) fn callback(&mut self, query: &str) -> Reply {
        self.call(
            "GET",
            &format!("/login/oauth2/code/google?{query}"),
            None,
            false,
        )
    }

    /// Starts a sign-in, lets the provider approve it and comes back: the callback's reply.
    pub(crate) fn sign_in(&mut self) -> Reply {
        let authorize = self.start();
        let query = approve(&authorize);
        self.callback(&query)
    }
}

/// What the provider's authorization endpoint redirects back with (`code=..&state=..`), after
/// checking the request the service built.
pub(crate) fn approve(authorize_url: &str) -> String {
    let url = url_parts(authorize_url);
    assert!(
        url.query.contains("code_challenge_method=S256"),
        "{authorize_url}"
    );
    assert!(url.query.contains("nonce="), "{authorize_url}");
    let reply = send(
        url.port,
        "GET",
        &format!("{}?{}", url.path, url.query),
        &[],
        None,
    );
    assert_eq!(reply.status, 302, "the provider approves: {}", reply.body);
    let back = reply
        .header("location")
        .expect("the provider redirects back");
    back.split_once('?')
        .map(|(_, q)| q.to_owned())
        .expect("a query")
}

struct UrlParts {
    port: u16,
    path: String,
    query: String,
}

fn url_parts(url: &str) -> UrlParts {
    let rest = url
        .strip_prefix("http://127.0.0.1:")
        .expect("a loopback URL");
    let (port, rest) = rest.split_once('/').expect("a path");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    UrlParts {
        port: port.parse().expect("a port"),
        path: format!("/{path}"),
        query: query.to_owned(),
    }
}

pub(crate) fn provider(claims: Value) -> StandInProvider {
    StandInProvider::start(&json!({ "claims": claims }).to_string())
}

fn minji() -> Value {
    json!({"sub": "g-minji", "email": "minji@example.com", "email_verified": true,
           "name": "Kim Minji", "picture": "https://example.com/minji.png"})
}

fn signs_in_creates_an_account_and_the_cookie_serves_the_accounts_paths(postgres: bool) {
    let provider = provider(minji());
    let service = Service::start(&provider, postgres);
    let mut browser = Browser::new(&service);

    let reply = browser.sign_in();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let body = reply.json();
    assert_eq!(body["name"], "Kim Minji");
    assert_eq!(body["roles"], json!(["USER"]));
    assert_eq!(body["profileImageUri"], "https://example.com/minji.png");
    let id = body["userId"].as_i64().expect("an integer userId");
    let session = reply
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("account_session="))
        .map(str::to_owned)
        .expect("the session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(session.contains(attribute), "{session}");
    }
    assert!(
        !session.contains("Secure"),
        "not Secure outside production: {session}"
    );
    assert!(
        !browser.cookies.contains_key("oauth2_state"),
        "the state cookie is cleared"
    );

    let account = browser.call("GET", &format!("/accounts/{id}"), None, false);
    assert_eq!(account.status, 200, "{}", account.body);
    let account = account.json();
    assert_eq!(account["email"], "minji@example.com");
    assert_eq!(
        account["emailVerified"], true,
        "Google vouched for the address"
    );

    // Unsafe requests on the cookie need the service's own Origin.
    let patch = r#"{"gender":"FEMALE"}"#;
    let refused = browser.call("PATCH", &format!("/accounts/{id}"), Some(patch), false);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(refused.json(), json!({"message": "Origin not allowed"}));
    let changed = browser.call("PATCH", &format!("/accounts/{id}"), Some(patch), true);
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.json()["gender"], "FEMALE");

    // The same identity signs in to the same account.
    let mut other_browser = Browser::new(&service);
    let again = other_browser.sign_in();
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["userId"], id);

    // Log-out ends the cookie's session.
    let out = browser.call("POST", "/account/logout", None, true);
    assert_eq!(out.status, 204, "{}", out.body);
    let mut stale = Browser::new(&service);
    stale
        .cookies
        .insert("account_session".into(), session_value(&session));
    let after = stale.call("GET", &format!("/accounts/{id}"), None, false);
    assert_eq!(after.status, 401, "{}", after.body);
    // The other browser's session lives on.
    let other = other_browser.call("GET", &format!("/accounts/{id}"), None, false);
    assert_eq!(other.status, 200, "{}", other.body);
}

fn session_value(set_cookie: &str) -> String {
    let pair = set_cookie.split(';').next().unwrap_or_default();
    pair.split_once('=')
        .map(|(_, v)| v.to_owned())
        .unwrap_or_default()
}

#[test]
fn google_sign_in_on_sqlite() {
    signs_in_creates_an_account_and_the_cookie_serves_the_accounts_paths(false);
}

#[test]
fn google_sign_in_on_postgres() {
    signs_in_creates_an_account_and_the_cookie_serves_the_accounts_paths(true);
}

#[test]
fn a_wrong_pkce_verifier_is_refused() {
    let provider = provider(minji());
    let service = Service::start(&provider, false);
    let mut browser = Browser::new(&service);
    // Two sign-ins: the code of the first arrives with the state of the second (an injected
    // code), so the service proves it with the second's verifier.
    let first = approve(&browser.start());
    let second = approve(&browser.start());
    let code_of = |query: &str| {
        query
            .split('&')
            .find(|p| p.starts_with("code="))
            .map(str::to_owned)
            .expect("a code")
    };
    let state_of = |query: &str| {
        query
            .split('&')
            .find(|p| p.starts_with("state="))
            .map(str::to_owned)
            .expect("a state")
    };
    let injected = format!("{}&{}", code_of(&first), state_of(&second));
    let reply = browser.callback(&injected);
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(
        reply.json(),
        json!({"message": "The provider refused the authorization code"})
    );
    assert!(
        !reply
            .set_cookies()
            .iter()
            .any(|c| c.starts_with("account_session="))
    );
}

#[test]
fn a_replayed_state_and_a_state_of_another_browser_are_refused() {
    let provider = provider(minji());
    let service = Service::start(&provider, false);
    let mut browser = Browser::new(&service);
    let query = approve(&browser.start());
    let state_cookie = browser
        .cookies
        .get("oauth2_state")
        .cloned()
        .expect("state cookie");
    let reply = browser.callback(&query);
    assert_eq!(reply.status, 200, "{}", reply.body);

    // The same redirect again, cookie and all.
    browser.cookies.insert("oauth2_state".into(), state_cookie);
    let replayed = browser.callback(&query);
    assert_eq!(replayed.status, 401, "{}", replayed.body);
    assert_eq!(replayed.json(), json!({"message": "Invalid sign-in state"}));

    // A redirect meant for one browser, followed in another.
    let mut victim = Browser::new(&service);
    let mut attacker = Browser::new(&service);
    let attackers_query = approve(&attacker.start());
    victim.start();
    let reply = victim.callback(&attackers_query);
    assert_eq!(reply.status, 401, "{}", reply.body);
}

#[test]
fn a_token_for_another_audience_is_refused() {
    let provider =
        StandInProvider::start(&json!({"claims": minji(), "aud": "another-client"}).to_string());
    let service = Service::start(&provider, false);
    let mut browser = Browser::new(&service);
    let reply = browser.sign_in();
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(
        reply.json(),
        json!({"message": "The provider's ID token is not valid"})
    );
    assert!(!browser.cookies.contains_key("account_session"));
}

/// Registers an email-and-password account for `email`; its id.
pub(crate) fn register(service: &Service, email: &str) -> i64 {
    let reply = send(
        service.port,
        "POST",
        "/auth/accounts/register",
        &[],
        Some(
            &json!({"email": email, "password": "correct horse battery", "name": "Squat Ter"})
                .to_string(),
        ),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let login = send(
        service.port,
        "POST",
        "/auth/accounts/login",
        &[],
        Some(&json!({"email": email, "password": "correct horse battery"}).to_string()),
    );
    assert_eq!(login.status, 200, "{}", login.body);
    let token = login.json()["accessToken"]
        .as_str()
        .expect("a token")
        .to_owned();
    let profile = send(
        service.port,
        "GET",
        "/auth/accounts/profile",
        &[("Authorization", format!("Bearer {token}"))],
        None,
    );
    assert_eq!(profile.status, 200, "{}", profile.body);
    let profile = profile.json();
    profile["id"]
        .as_i64()
        .or_else(|| profile["userId"].as_i64())
        .unwrap_or_else(|| panic!("an id in {profile}"))
}

#[test]
fn an_unverified_address_does_not_link_the_account_holding_it() {
    let provider = provider(json!({"sub": "g-claimer", "email": "victim@example.com",
                                   "email_verified": false, "name": "Clai Mer"}));
    let service = Service::start(&provider, false);
    let victim = register(&service, "victim@example.com");

    let mut browser = Browser::new(&service);
    let reply = browser.sign_in();
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(
        reply.json(),
        json!({"message": "insufficient user info", "invalidFields": ["email"]})
    );
    assert!(!browser.cookies.contains_key("account_session"));
    assert!(browser.cookies.contains_key("oauth2_registration"));

    // Claiming the address again by typing it changes nothing either.
    let typed = browser.call(
        "POST",
        "/account/register",
        Some(r#"{"email":"victim@example.com"}"#),
        true,
    );
    assert_eq!(typed.status, 400, "{}", typed.body);
    assert_eq!(typed.json()["invalidFields"], json!(["email"]));

    // Another address completes the sign-up: a new account, not the victim's.
    let done = browser.call(
        "POST",
        "/account/register",
        Some(r#"{"email":"claimer@example.com"}"#),
        true,
    );
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(
        done.json(),
        json!({"message": "successfully registered and logged in"})
    );
    let mut again = Browser::new(&service);
    let signed_in = again.sign_in();
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    let id = signed_in.json()["userId"].as_i64().expect("userId");
    assert_ne!(id, victim);
    let account = again
        .call("GET", &format!("/accounts/{id}"), None, false)
        .json();
    assert_eq!(account["email"], "claimer@example.com");
    assert_eq!(
        account["emailVerified"], false,
        "a typed address is not verified"
    );
    let victims = again.call("GET", &format!("/accounts/{victim}"), None, false);
    assert_eq!(victims.status, 403, "{}", victims.body);
}

#[test]
fn a_verified_address_links_the_account_holding_it() {
    let provider = provider(json!({"sub": "g-owner", "email": "owner@example.com",
                                   "email_verified": true, "name": "Own Er"}));
    let service = Service::start(&provider, false);
    let owner = register(&service, "owner@example.com");
    let mut browser = Browser::new(&service);
    let reply = browser.sign_in();
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["userId"], owner);
    let account = browser
        .call("GET", &format!("/accounts/{owner}"), None, false)
        .json();
    assert_eq!(account["emailVerified"], true);
}

#[test]
fn too_little_information_is_completed_by_account_register() {
    let provider = provider(json!({"sub": "g-terse"}));
    let service = Service::start(&provider, false);
    let mut browser = Browser::new(&service);
    let reply = browser.sign_in();
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(
        reply.json(),
        json!({"message": "insufficient user info", "invalidFields": ["name", "email"]})
    );
    let registration = reply
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("oauth2_registration="))
        .map(str::to_owned)
        .expect("the sign-up cookie");
    assert!(registration.contains("Path=/account/register") && registration.contains("HttpOnly"));

    let mut stranger = Browser::new(&service);
    let no_cookie = stranger.call("POST", "/account/register", Some(r#"{"name":"Kim"}"#), true);
    assert_eq!(no_cookie.status, 401, "{}", no_cookie.body);

    let short = browser.call("POST", "/account/register", Some(r#"{"name":"K"}"#), true);
    assert_eq!(short.status, 400, "{}", short.body);
    assert_eq!(
        short.json(),
        json!({"message": "insufficient user info", "invalidFields": ["name", "email"]})
    );
    let complete = json!({"name": "Kim Minji", "email": "terse@example.com",
                          "gender": "FEMALE", "birthDate": "1990-05-01"});
    let done = browser.call(
        "POST",
        "/account/register",
        Some(&complete.to_string()),
        true,
    );
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(
        done.json(),
        json!({"message": "successfully registered and logged in"})
    );
    assert!(browser.cookies.contains_key("account_session"));
    assert!(
        !browser.cookies.contains_key("oauth2_registration"),
        "the sign-up cookie is cleared"
    );
    let used = browser.call(
        "POST",
        "/account/register",
        Some(&complete.to_string()),
        true,
    );
    assert_eq!(
        (used.status, used.json()),
        (403, json!({"message": "Already signed in"})),
        "the browser is signed in now: the document refuses sign-up while logged in"
    );

    // The identity is linked: signing in again goes straight to the account.
    let mut later = Browser::new(&service);
    let signed_in = later.sign_in();
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    let body = signed_in.json();
    assert_eq!(body["name"], "Kim Minji");
    let id = body["userId"].as_i64().expect("userId");
    let account = browser
        .call("GET", &format!("/accounts/{id}"), None, false)
        .json();
    assert_eq!(account["gender"], "FEMALE");
    assert_eq!(account["birthDate"], "1990-05-01");
    assert_eq!(account["email"], "terse@example.com");
}

#[test]
fn an_unknown_provider_is_not_found() {
    let provider = provider(minji());
    let service = Service::start(&provider, false);
    let reply = send(
        service.port,
        "GET",
        "/account/login/oauth2/authorization/facebook",
        &[],
        None,
    );
    assert_eq!(reply.status, 404, "{}", reply.body);
    assert_eq!(reply.json(), json!({"message": "Unknown registration id"}));
}
