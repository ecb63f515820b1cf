//! The adapter against a real OpenID provider on loopback (oauth2-mock-server, started per test
//! by `account_test_support::StandInProvider`; `scripts/test` installs it).

use std::time::Duration;

use account_domain::identities::Provider;
use account_domain::sign_in::{ExchangeError, IdentityProvider};
use account_oidc_google::{OidcIdentityProvider, OidcSettings, s256_challenge};
use account_test_support::StandInProvider;

const CLIENT_ID: &str = "account-service-test";

fn adapter(stand_in: &StandInProvider) -> OidcIdentityProvider {
    let settings = OidcSettings {
        authorization_endpoint: stand_in.authorization_endpoint(),
        token_endpoint: stand_in.token_endpoint(),
        jwks_uri: stand_in.jwks_uri(),
        issuer: stand_in.issuer.clone(),
        timeout: Duration::from_secs(5),
        ..OidcSettings::google(
            CLIENT_ID.into(),
            "test-secret".into(),
            "http://127.0.0.1:1/login/oauth2/code/google".into(),
        )
    };
    OidcIdentityProvider::new(settings).expect("the adapter builds")
}

/// Follows the authorization URL as a browser would (the stand-in approves at once) and
/// returns the code its redirect carries, checking the state comes back.
async fn authorize(url: &str, state: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let response = client.get(url).send().await.expect("authorize");
    assert_eq!(
        response.status().as_u16(),
        302,
        "{:?}",
        response.text().await
    );
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .expect("a redirect");
    let location = url::Url::parse(&location).expect("a URL");
    let param = |name: &str| {
        location
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("state").as_deref(), Some(state));
    param("code").expect("a code")
}

const VERIFIER: &str = "verifier-0123456789-0123456789-0123456789-abcdef";

#[tokio::test]
async fn the_authorization_url_carries_the_state_nonce_and_s256_challenge() {
    let stand_in = StandInProvider::start("{}");
    let url = adapter(&stand_in).authorization_url("the-state", "the-nonce", VERIFIER);
    let url = url::Url::parse(&url).expect("a URL");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let has = |k: &str, v: &str| pairs.iter().any(|(a, b)| a == k && b == v);
    assert!(has("response_type", "code"));
    assert!(has("client_id", CLIENT_ID));
    assert!(has("state", "the-state"));
    assert!(has("nonce", "the-nonce"));
    assert!(has("code_challenge_method", "S256"));
    assert!(has("code_challenge", &s256_challenge(VERIFIER)));
    assert!(has("scope", "openid email profile"));
}

#[tokio::test]
async fn a_code_with_its_verifier_gives_the_verified_claims() {
    let stand_in = StandInProvider::start(
        r#"{"claims":{"sub":"g-123","email":"minji@example.com","email_verified":true,"name":"Kim Minji","picture":"https://example.com/p.png","locale":"ko"}}"#,
    );
    let adapter = adapter(&stand_in);
    let code = authorize(&adapter.authorization_url("s1", "n1", VERIFIER), "s1").await;
    let claims = adapter.exchange_code(&code, VERIFIER, "n1").await;
    let claims = claims.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(claims.identity.provider, Provider::Google);
    assert_eq!(claims.identity.subject, "g-123");
    assert_eq!(claims.email.as_deref(), Some("minji@example.com"));
    assert!(claims.email_verified);
    assert_eq!(claims.name.as_deref(), Some("Kim Minji"));
    assert_eq!(claims.locale.as_deref(), Some("ko"));
}

#[tokio::test]
async fn a_wrong_pkce_verifier_is_refused_by_the_provider() {
    let stand_in = StandInProvider::start(r#"{"claims":{"sub":"g-1"}}"#);
    let adapter = adapter(&stand_in);
    let code = authorize(&adapter.authorization_url("s1", "n1", VERIFIER), "s1").await;
    let wrong = "another-verifier-0123456789-0123456789-0123456789";
    let result = adapter.exchange_code(&code, wrong, "n1").await;
    assert!(
        matches!(result, Err(ExchangeError::CodeRefused)),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_token_for_another_audience_is_refused() {
    let stand_in = StandInProvider::start(r#"{"claims":{"sub":"g-1"},"aud":"another-client"}"#);
    let adapter = adapter(&stand_in);
    let code = authorize(&adapter.authorization_url("s1", "n1", VERIFIER), "s1").await;
    let result = adapter.exchange_code(&code, VERIFIER, "n1").await;
    assert!(
        matches!(&result, Err(ExchangeError::InvalidIdToken(reason)) if reason.contains("udience")),
        "{result:?}"
    );
}

#[tokio::test]
async fn another_nonce_an_expired_token_and_another_issuer_are_refused() {
    let stand_in = StandInProvider::start(r#"{"claims":{"sub":"g-1"}}"#);
    let adapter = adapter(&stand_in);
    let code = authorize(&adapter.authorization_url("s1", "n1", VERIFIER), "s1").await;
    let result = adapter.exchange_code(&code, VERIFIER, "n2").await;
    assert!(
        matches!(&result, Err(ExchangeError::InvalidIdToken(reason)) if reason == "nonce"),
        "{result:?}"
    );

    let expired = StandInProvider::start(r#"{"claims":{"sub":"g-1","exp":1000000000}}"#);
    let adapter = self::adapter(&expired);
    let code = authorize(&adapter.authorization_url("s1", "n1", VERIFIER), "s1").await;
    let result = adapter.exchange_code(&code, VERIFIER, "n1").await;
    assert!(
        matches!(&result, Err(ExchangeError::InvalidIdToken(reason)) if reason.contains("xpired")),
        "{result:?}"
    );

    let other_issuer =
        StandInProvider::start(r#"{"claims":{"sub":"g-1","iss":"https://evil.example.com"}}"#);
    let adapter = self::adapter(&other_issuer);
    let code = authorize(&adapter.authorization_url("s1", "n1", VERIFIER), "s1").await;
    let result = adapter.exchange_code(&code, VERIFIER, "n1").await;
    assert!(
        matches!(&result, Err(ExchangeError::InvalidIdToken(reason)) if reason.contains("ssuer")),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_token_signed_by_a_key_the_provider_does_not_publish_is_refused() {
    // Two providers: the adapter trusts the first's keys but receives the second's token.
    let trusted = StandInProvider::start(r#"{"claims":{"sub":"g-1"}}"#);
    let forger = StandInProvider::start(r#"{"claims":{"sub":"g-1"}}"#);
    let settings = OidcSettings {
        authorization_endpoint: forger.authorization_endpoint(),
        token_endpoint: forger.token_endpoint(),
        jwks_uri: trusted.jwks_uri(),
        issuer: forger.issuer.clone(),
        timeout: Duration::from_secs(5),
        ..OidcSettings::google(CLIENT_ID.into(), "s".into(), "http://127.0.0.1:1/cb".into())
    };
    let adapter = OidcIdentityProvider::new(settings).expect("builds");
    let code = authorize(&adapter.authorization_url("s1", "n1", VERIFIER), "s1").await;
    let result = adapter.exchange_code(&code, VERIFIER, "n1").await;
    assert!(
        matches!(&result, Err(ExchangeError::InvalidIdToken(reason)) if reason.contains("no published key")),
        "{result:?}"
    );
}

#[tokio::test]
async fn an_unreachable_provider_is_unavailable_not_a_refusal() {
    let stand_in = StandInProvider::start("{}");
    let settings = OidcSettings {
        token_endpoint: "http://127.0.0.1:9/token".into(),
        timeout: Duration::from_secs(2),
        ..OidcSettings::google(CLIENT_ID.into(), "s".into(), "http://127.0.0.1:1/cb".into())
    };
    let adapter = OidcIdentityProvider::new(settings).expect("builds");
    drop(stand_in);
    let result = adapter.exchange_code("code", VERIFIER, "n1").await;
    assert!(
        matches!(result, Err(ExchangeError::Unavailable(_))),
        "{result:?}"
    );
}
