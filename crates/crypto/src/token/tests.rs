use account_domain::accounts::AccountId;
use account_domain::auth::{AccessClaims, SessionId, TokenError, TokenIssuer, TokenVerifier};
use account_domain::values::{Role, Roles};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use super::{JwtSettings, JwtSetupError, JwtTokenIssuer};
use crate::KeyTooShort;

const SECRET: &[u8] = b"an HS256 secret of at least 32 bytes";
const ISSUER: &str = "https://accounts.example.com";
const AUDIENCE: &str = "lux-api";

fn settings() -> JwtSettings {
    JwtSettings {
        issuer: ISSUER.into(),
        audience: AUDIENCE.into(),
        leeway_seconds: 0,
    }
}

fn issuer() -> JwtTokenIssuer {
    JwtTokenIssuer::new(SECRET, settings()).unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn claims() -> AccessClaims {
    AccessClaims {
        account_id: AccountId(42),
        session_id: SessionId(7),
        roles: Roles::new([Role::User, Role::Admin]),
        issued_at: now(),
        expires_at: now() + Duration::minutes(15),
    }
}

/// The payload `issue` would sign for `claims()`.
fn payload() -> Value {
    let iat = now().timestamp();
    json!({
        "iss": ISSUER, "aud": AUDIENCE, "sub": "42", "sid": 7, "roles": ["ADMIN", "USER"],
        "iat": iat, "nbf": iat, "exp": iat + 900, "jti": "abc",
    })
}

fn header(alg: Algorithm, typ: Option<&str>) -> Header {
    let mut header = Header::new(alg);
    header.typ = typ.map(str::to_owned);
    header
}

fn craft(header: &Header, payload: &Value, secret: &[u8]) -> String {
    jsonwebtoken::encode(header, payload, &EncodingKey::from_secret(secret)).unwrap()
}

fn craft_valid(payload: &Value) -> String {
    craft(&header(Algorithm::HS256, Some("at+jwt")), payload, SECRET)
}

fn b64_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

fn decode_part(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

fn verify(token: &str) -> Result<AccessClaims, TokenError> {
    issuer().verify(token, now())
}

#[test]
fn issued_token_verifies_to_the_same_claims() {
    let token = issuer().issue(&claims()).unwrap();
    assert_eq!(verify(&token), Ok(claims()));
}

#[test]
fn issued_token_has_the_pinned_header_and_every_claim() {
    let token = issuer().issue(&claims()).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(
        decode_part(parts[0]),
        json!({"alg": "HS256", "typ": "at+jwt"})
    );
    let body = decode_part(parts[1]);
    let mut expected = payload();
    expected["jti"] = body["jti"].clone();
    assert_eq!(body, expected);
    assert_eq!(body["jti"].as_str().unwrap().len(), 22);
    let again = decode_part(
        issuer()
            .issue(&claims())
            .unwrap()
            .split('.')
            .nth(1)
            .unwrap(),
    );
    assert_ne!(again["jti"], body["jti"]);
}

#[test]
fn crafted_token_with_the_same_content_verifies() {
    assert_eq!(verify(&craft_valid(&payload())), Ok(claims()));
    let media_type = craft(
        &header(Algorithm::HS256, Some("application/at+jwt")),
        &payload(),
        SECRET,
    );
    assert_eq!(verify(&media_type), Ok(claims()));
}

#[test]
fn token_is_expired_from_its_exp_on() {
    let token = issuer().issue(&claims()).unwrap();
    let exp = claims().expires_at;
    assert!(issuer().verify(&token, exp - Duration::seconds(1)).is_ok());
    assert_eq!(issuer().verify(&token, exp), Err(TokenError::Expired));
    assert_eq!(
        issuer().verify(&token, exp + Duration::days(1)),
        Err(TokenError::Expired)
    );
}

#[test]
fn leeway_extends_both_ends() {
    let lenient = JwtTokenIssuer::new(
        SECRET,
        JwtSettings {
            leeway_seconds: 30,
            ..settings()
        },
    )
    .unwrap();
    let token = lenient.issue(&claims()).unwrap();
    assert!(
        lenient
            .verify(&token, claims().expires_at + Duration::seconds(29))
            .is_ok()
    );
    assert!(
        lenient
            .verify(&token, now() - Duration::seconds(30))
            .is_ok()
    );
    assert_eq!(
        lenient.verify(&token, now() - Duration::seconds(31)),
        Err(TokenError::Invalid)
    );
}

#[test]
fn token_not_yet_valid_is_invalid() {
    let token = issuer().issue(&claims()).unwrap();
    assert_eq!(
        issuer().verify(&token, now() - Duration::seconds(1)),
        Err(TokenError::Invalid)
    );
    let mut future_nbf = payload();
    future_nbf["nbf"] = json!(now().timestamp() + 60);
    assert_eq!(verify(&craft_valid(&future_nbf)), Err(TokenError::Invalid));
}

#[test]
fn other_algorithms_are_rejected() {
    for alg in [Algorithm::HS384, Algorithm::HS512] {
        let token = craft(&header(alg, Some("at+jwt")), &payload(), SECRET);
        assert_eq!(verify(&token), Err(TokenError::Invalid), "{alg:?}");
    }
}

#[test]
fn unsigned_alg_none_token_is_rejected() {
    for alg in ["none", "None", "NONE"] {
        let head = b64_json(&json!({"alg": alg, "typ": "at+jwt"}));
        let token = format!("{head}.{}.", b64_json(&payload()));
        assert_eq!(verify(&token), Err(TokenError::Invalid), "{alg}");
        // With the signature of a valid token pasted on.
        let signature = craft_valid(&payload())
            .rsplit('.')
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(
            verify(&format!("{token}{signature}")),
            Err(TokenError::Invalid),
            "{alg}"
        );
    }
}

#[test]
fn other_token_types_are_rejected() {
    for typ in [Some("JWT"), Some("jwt"), Some("dpop+jwt"), Some(""), None] {
        let token = craft(&header(Algorithm::HS256, typ), &payload(), SECRET);
        assert_eq!(verify(&token), Err(TokenError::Invalid), "{typ:?}");
    }
}

#[test]
fn critical_header_parameters_are_rejected() {
    let mut head = header(Algorithm::HS256, Some("at+jwt"));
    head.crit = Some(vec!["exp".into()]);
    assert_eq!(
        verify(&craft(&head, &payload(), SECRET)),
        Err(TokenError::Invalid)
    );
}

#[test]
fn other_issuer_or_audience_is_rejected() {
    for (claim, value) in [
        ("iss", json!("https://evil.example.com")),
        ("aud", json!("other-api")),
        ("aud", json!(["other-api"])),
        ("iss", json!(42)),
    ] {
        let mut changed = payload();
        changed[claim] = value.clone();
        assert_eq!(
            verify(&craft_valid(&changed)),
            Err(TokenError::Invalid),
            "{claim} = {value}"
        );
    }
}

#[test]
fn tampered_tokens_are_rejected() {
    let token = issuer().issue(&claims()).unwrap();
    let (head, rest) = token.split_once('.').unwrap();
    let (body, signature) = rest.split_once('.').unwrap();

    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    let bad_signature = format!("{head}.{body}.{flipped}{}", &signature[1..]);
    assert_eq!(verify(&bad_signature), Err(TokenError::Invalid));

    let mut admin = decode_part(body);
    admin["sub"] = json!("1");
    let swapped_body = format!("{head}.{}.{signature}", b64_json(&admin));
    assert_eq!(verify(&swapped_body), Err(TokenError::Invalid));

    assert_eq!(verify(&format!("{head}.{body}.")), Err(TokenError::Invalid));
    let other_secret = craft_valid_with(b"another secret of at least 32 bytes!!");
    assert_eq!(verify(&other_secret), Err(TokenError::Invalid));
}

fn craft_valid_with(secret: &[u8]) -> String {
    craft(
        &header(Algorithm::HS256, Some("at+jwt")),
        &payload(),
        secret,
    )
}

#[test]
fn signature_is_checked_before_expiry() {
    let token = craft_valid_with(b"another secret of at least 32 bytes!!");
    assert_eq!(
        issuer().verify(&token, now() + Duration::days(1)),
        Err(TokenError::Invalid)
    );
}

#[test]
fn every_claim_is_required() {
    for claim in [
        "iss", "aud", "sub", "sid", "roles", "iat", "nbf", "exp", "jti",
    ] {
        let mut missing = payload();
        missing.as_object_mut().unwrap().remove(claim);
        assert_eq!(
            verify(&craft_valid(&missing)),
            Err(TokenError::Invalid),
            "{claim}"
        );
    }
}

#[test]
fn claims_that_do_not_parse_are_invalid_even_when_expired() {
    for (claim, value) in [
        ("roles", json!(["USER", "ROOT"])),
        ("roles", json!("USER")),
        ("sub", json!("forty-two")),
        ("sub", json!(42)),
        ("sid", json!("7")),
        ("exp", json!("soon")),
        ("iat", json!(i64::MAX)),
    ] {
        let mut changed = payload();
        changed[claim] = value.clone();
        let token = craft_valid(&changed);
        assert_eq!(
            verify(&token),
            Err(TokenError::Invalid),
            "{claim} = {value}"
        );
        let later = issuer().verify(&token, now() + Duration::days(1));
        assert_eq!(later, Err(TokenError::Invalid), "{claim} = {value}");
    }
}

#[test]
fn malformed_tokens_are_invalid() {
    for token in ["", "abc", "a.b.c", "...", "a.b", "e30.e30.e30"] {
        assert_eq!(verify(token), Err(TokenError::Invalid), "{token}");
    }
}

#[test]
fn setup_rejects_short_keys_and_blank_names() {
    let short = JwtTokenIssuer::new(&SECRET[..31], settings()).unwrap_err();
    assert_eq!(short, JwtSetupError::KeyTooShort(KeyTooShort { got: 31 }));
    let no_issuer = JwtSettings {
        issuer: String::new(),
        ..settings()
    };
    assert_eq!(
        JwtTokenIssuer::new(SECRET, no_issuer).unwrap_err(),
        JwtSetupError::MissingIssuer
    );
    let no_audience = JwtSettings {
        audience: String::new(),
        ..settings()
    };
    assert_eq!(
        JwtTokenIssuer::new(SECRET, no_audience).unwrap_err(),
        JwtSetupError::MissingAudience
    );
}

#[test]
fn debug_hides_the_secret() {
    let debug = format!("{:?}", issuer());
    assert!(debug.contains(ISSUER));
    assert!(!debug.contains("HS256 secret"));
}
