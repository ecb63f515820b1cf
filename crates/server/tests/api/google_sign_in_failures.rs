//! Google sign-in when it cannot succeed, against the stand-in provider on the real binary:
//! too many sign-ins started from one address (429), an identity whose account was withdrawn
//! (403, `{"message"}`), and a provider gone between the approval and the code exchange (502,
//! the accounts-roles shape of a server error).

use serde_json::json;

use crate::google_sign_in::{Browser, Service, approve, provider, register, send};

const START: &str = "/account/login/oauth2/authorization/google";

#[test]
fn sign_ins_started_past_the_limit_are_429() {
    let provider = provider(json!({"sub": "g-crowd", "email": "crowd@example.com",
                                   "email_verified": true, "name": "Crowd"}));
    let service = Service::start(&provider, false);
    let statuses: Vec<u16> = (0..61)
        .map(|_| send(service.port, "GET", START, &[], None).status)
        .collect();
    assert!(statuses[..60].iter().all(|s| *s == 302), "{statuses:?}");
    let refused = send(service.port, "GET", START, &[], None);
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert!(refused.json()["message"].is_string(), "{}", refused.body);
}

#[test]
fn the_identity_of_a_withdrawn_account_is_403() {
    let provider = provider(json!({"sub": "g-leaver", "email": "leaver@example.com",
                                   "email_verified": true, "name": "Lea Ver"}));
    let service = Service::start(&provider, false);
    register(&service, "leaver@example.com");
    let linked = Browser::new(&service).sign_in();
    assert_eq!(linked.status, 200, "{}", linked.body);
    let login = json!({"email": "leaver@example.com", "password": "correct horse battery"});
    let tokens = send(
        service.port,
        "POST",
        "/auth/accounts/login",
        &[],
        Some(&login.to_string()),
    );
    let token = tokens.json()["accessToken"].as_str().map(str::to_owned);
    let bearer = format!("Bearer {}", token.expect("a token"));
    let withdrawn = send(
        service.port,
        "DELETE",
        "/api/v1/lux/user/root-user",
        &[("Authorization", bearer)],
        None,
    );
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);

    let again = Browser::new(&service).sign_in();
    assert_eq!(again.status, 403, "{}", again.body);
    assert!(again.json()["message"].is_string(), "{}", again.body);
}

#[test]
fn a_provider_gone_before_the_code_exchange_is_502() {
    let provider = provider(json!({"sub": "g-late", "email": "late@example.com",
                                   "email_verified": true, "name": "La Te"}));
    let service = Service::start(&provider, false);
    let mut browser = Browser::new(&service);
    let approved = approve(&browser.start());
    drop(provider);

    let reply = browser.callback(&approved);
    assert_eq!(reply.status, 502, "{}", reply.body);
    assert_eq!(
        reply.json(),
        json!({"domain": "account", "errorCode": "internal_error",
               "description": "The identity provider is unavailable"})
    );
}
