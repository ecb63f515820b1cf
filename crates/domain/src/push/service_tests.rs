use std::sync::Arc;

use super::*;
use crate::accounts::AccountId;
use crate::auth::SessionId;
use crate::policies::{MockPolicyRepository, Policy};
use crate::push::MockPushTokenRepository;
use crate::testing::{clock_at, principal, t0};

fn service(tokens: MockPushTokenRepository, policies: MockPolicyRepository) -> PushService {
    PushService::new(
        Arc::new(tokens),
        Arc::new(policies),
        Arc::new(clock_at(t0())),
    )
}

fn token() -> FcmToken {
    FcmToken::parse("dQw4w9WgXcQ:APA91bHx_-9").unwrap()
}

fn policies(push_agreed: Option<bool>) -> MockPolicyRepository {
    let mut policies = MockPolicyRepository::new();
    policies
        .expect_find()
        .withf(|a| *a == AccountId(1))
        .returning(move |a| {
            Ok(push_agreed.map(|agreed| {
                let mut policy = Policy::default_for(a);
                policy.is_push_agree = agreed;
                policy.push_agree_date = agreed.then(t0);
                policy
            }))
        });
    policies
}

#[tokio::test]
async fn set_token_registers_it_for_the_callers_session() {
    let mut tokens = MockPushTokenRepository::new();
    tokens
        .expect_register()
        .withf(|a, s, t, now| {
            *a == AccountId(1) && *s == SessionId(5) && *t == token() && *now == t0()
        })
        .times(1)
        .returning(|a, s, t, now| {
            Ok(PushToken {
                account_id: a,
                session_id: s,
                token: t.clone(),
                registered_at: now,
            })
        });
    let stored = service(tokens, policies(Some(true)))
        .set_token(&principal(1, &[]), token())
        .await
        .unwrap();
    assert_eq!(stored.session_id, SessionId(5));
    assert_eq!(stored.token, token());
}

#[tokio::test]
async fn set_token_without_push_consent_is_denied() {
    for push_agreed in [None, Some(false)] {
        let mut tokens = MockPushTokenRepository::new();
        tokens.expect_register().never();
        let err = service(tokens, policies(push_agreed))
            .set_token(&principal(1, &[]), token())
            .await
            .unwrap_err();
        assert!(matches!(err, SetPushTokenError::PushNotAgreed), "{err:?}");
    }
}

#[tokio::test]
async fn set_token_passes_store_failures_on() {
    let mut failing = MockPolicyRepository::new();
    failing
        .expect_find()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service(MockPushTokenRepository::new(), failing)
        .set_token(&principal(1, &[]), token())
        .await
        .unwrap_err();
    assert!(matches!(err, SetPushTokenError::Unexpected(_)), "{err:?}");

    let mut tokens = MockPushTokenRepository::new();
    tokens
        .expect_register()
        .returning(|_, _, _, _| Err(UnexpectedError::new("db down")));
    let err = service(tokens, policies(Some(true)))
        .set_token(&principal(1, &[]), token())
        .await
        .unwrap_err();
    assert!(matches!(err, SetPushTokenError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn remove_token_forgets_the_current_sessions_token() {
    for (deleted, had_one) in [(1, true), (0, false)] {
        let mut tokens = MockPushTokenRepository::new();
        tokens
            .expect_remove_for_session()
            .withf(|s| *s == SessionId(5))
            .times(1)
            .returning(move |_| Ok(deleted));
        let removed = service(tokens, MockPolicyRepository::new())
            .remove_token(&principal(1, &[]))
            .await
            .unwrap();
        assert_eq!(removed, had_one);
    }
}

#[tokio::test]
async fn remove_token_passes_store_failures_on() {
    let mut tokens = MockPushTokenRepository::new();
    tokens
        .expect_remove_for_session()
        .returning(|_| Err(UnexpectedError::new("db down")));
    assert!(
        service(tokens, MockPolicyRepository::new())
            .remove_token(&principal(1, &[]))
            .await
            .is_err()
    );
}
