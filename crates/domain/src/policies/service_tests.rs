use std::sync::Arc;

use super::*;
use crate::auth::SessionId;
use crate::policies::{ConsentKind, MockPolicyRepository};
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{clock_at, principal, t0};

fn service(policies: MockPolicyRepository) -> PolicyService {
    updating(policies, MockStoreTransaction::new())
}

fn updating(policies: MockPolicyRepository, tx: MockStoreTransaction) -> PolicyService {
    PolicyService::new(
        Arc::new(policies),
        Arc::new(MockedUnitOfWork::new(tx)),
        Arc::new(clock_at(t0())),
    )
}

fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("10.0.0.7".into()),
        user_agent: Some("app".into()),
    }
}

fn record(account: i64) -> ConsentRecord {
    ConsentRecord {
        id: 1,
        account_id: AccountId(account),
        kind: ConsentKind::Push,
        agreed: true,
        session_id: Some(SessionId(5)),
        ip: Some("10.0.0.7".into()),
        recorded_at: t0(),
    }
}

#[tokio::test]
async fn policy_defaults_to_nothing_agreed() {
    let mut policies = MockPolicyRepository::new();
    policies.expect_find().returning(|_| Ok(None));
    assert_eq!(
        service(policies).policy(AccountId(1)).await.unwrap(),
        Policy::default_for(AccountId(1))
    );
}

#[tokio::test]
async fn policy_returns_the_stored_one() {
    let mut stored = Policy::default_for(AccountId(1));
    stored.is_marketing_agree = true;
    stored.marketing_agree_date = Some(t0());
    let found = stored.clone();
    let mut policies = MockPolicyRepository::new();
    policies.expect_find().return_once(move |_| Ok(Some(found)));
    assert_eq!(
        service(policies).policy(AccountId(1)).await.unwrap(),
        stored
    );
}

#[tokio::test]
async fn policy_passes_store_failures_on() {
    let mut policies = MockPolicyRepository::new();
    policies
        .expect_find()
        .returning(|_| Err(UnexpectedError::new("db down")));
    assert!(service(policies).policy(AccountId(1)).await.is_err());
}

#[tokio::test]
async fn update_records_the_callers_session_ip_and_time() {
    let patch = PolicyPatch {
        is_push_agree: Some(true),
        is_marketing_agree: None,
    };
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_policy()
        .withf(|account, at| *account == AccountId(1) && *at == t0())
        .times(1)
        .returning(|account, _| Ok(Some(Policy::default_for(account))));
    tx.expect_save_policy().times(1).returning(|_, _| Ok(()));
    tx.expect_record_consent()
        .withf(|account, _, origin| {
            *account == AccountId(1)
                && origin.session_id == Some(SessionId(5))
                && origin.ip.as_deref() == Some("10.0.0.7")
                && origin.at == t0()
        })
        .times(1)
        .returning(|_, _, _| Ok(()));
    let policy = updating(MockPolicyRepository::new(), tx)
        .update(&principal(1, &[]), patch, &client())
        .await
        .unwrap();
    assert!(policy.is_push_agree);
    assert_eq!(policy.push_agree_date, Some(t0()));
}

#[tokio::test]
async fn update_of_a_missing_account_fails() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_policy().returning(|_, _| Ok(None));
    let patch = PolicyPatch {
        is_push_agree: Some(true),
        is_marketing_agree: None,
    };
    let err = updating(MockPolicyRepository::new(), tx)
        .update(&principal(1, &[]), patch, &client())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdatePolicyError::AccountNotFound), "{err:?}");
}

#[tokio::test]
async fn update_passes_store_failures_on() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_policy()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    let err = updating(MockPolicyRepository::new(), tx)
        .update(&principal(1, &[]), PolicyPatch::default(), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, UpdatePolicyError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn users_and_admins_read_a_consent_history() {
    for (caller, roles) in [(1, vec![Role::User]), (9, vec![Role::Admin])] {
        let mut policies = MockPolicyRepository::new();
        policies
            .expect_history()
            .withf(|a| *a == AccountId(1))
            .times(1)
            .returning(|a| Ok(vec![record(a.0)]));
        let history = service(policies)
            .consent_history(&principal(caller, &roles), AccountId(1))
            .await
            .unwrap();
        assert_eq!(history, vec![record(1)]);
    }
}

#[tokio::test]
async fn other_users_and_staff_may_not_read_a_consent_history() {
    for roles in [vec![Role::User], vec![Role::Staff], vec![Role::Server]] {
        let mut policies = MockPolicyRepository::new();
        policies.expect_history().never();
        let err = service(policies)
            .consent_history(&principal(2, &roles), AccountId(1))
            .await
            .unwrap_err();
        assert!(matches!(err, ConsentHistoryError::Forbidden), "{err:?}");
    }
}

#[tokio::test]
async fn consent_history_passes_store_failures_on() {
    let mut policies = MockPolicyRepository::new();
    policies
        .expect_history()
        .returning(|_| Err(UnexpectedError::new("db down")));
    let err = service(policies)
        .consent_history(&principal(1, &[]), AccountId(1))
        .await
        .unwrap_err();
    assert!(matches!(err, ConsentHistoryError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn reading_another_accounts_consent_history_is_a_security_event() {
    let mut policies = MockPolicyRepository::new();
    policies.expect_history().never();
    let caller = principal(2, &[Role::Staff]);
    let (refused, log) = capture(service(policies).consent_history(&caller, AccountId(1))).await;
    assert!(matches!(refused, Err(ConsentHistoryError::Forbidden)));
    let expected = [
        ("account_id", "2"),
        ("resource", "consent_history"),
        ("resource_id", "1"),
    ];
    log.only("ownership_denied")
        .assert_has(tracing::Level::WARN, &expected);

    let mut policies = MockPolicyRepository::new();
    policies.expect_history().returning(|_| Ok(vec![]));
    let own = principal(1, &[]);
    let (read, log) = capture(service(policies).consent_history(&own, AccountId(1))).await;
    assert!(read.is_ok());
    assert!(log.events().is_empty(), "{:?}", log.events());
}
