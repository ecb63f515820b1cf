use mockall::predicate::eq;

use super::*;
use crate::accounts::AccountId;
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{principal, t0};

/// A transaction in which ending `ending` of account 1 revokes `revoked` sessions.
fn revoking(ending: SessionEnding, revoked: u64) -> MockedUnitOfWork {
    let mut tx = MockStoreTransaction::new();
    tx.expect_revoke_sessions()
        .with(eq(AccountId(1)), eq(ending), eq(t0()))
        .times(1)
        .return_once(move |_, _, _| Ok(revoked));
    tx.expect_delete_push_tokens().returning(|_, _| Ok(0));
    MockedUnitOfWork::new(tx)
}

#[tokio::test]
async fn each_revocation_is_a_security_event_with_the_callers_ids() {
    let caller = principal(1, &[]);
    let cases = [
        (
            Revocation::Logout,
            SessionEnding::One(SessionId(5)),
            "logout",
            1,
        ),
        (
            Revocation::One(SessionId(8)),
            SessionEnding::One(SessionId(8)),
            "one",
            1,
        ),
        (
            Revocation::AllOthers,
            SessionEnding::AllBut(Some(SessionId(5))),
            "all_others",
            3,
        ),
    ];
    for (revocation, ending, scope, revoked) in cases {
        let uow = revoking(ending, revoked);
        let (ended, log) = capture(revoke(&uow, &caller, revocation, t0())).await;
        assert_eq!(ended.ok(), Some(revoked));
        let count = revoked.to_string();
        let expected = [
            ("account_id", "1"),
            ("session_id", "5"),
            ("scope", scope),
            ("count", count.as_str()),
        ];
        log.only("sessions_revoked")
            .assert_has(tracing::Level::INFO, &expected);
    }
}

#[tokio::test]
async fn nothing_revoked_is_no_event() {
    let caller = principal(1, &[]);
    let uow = revoking(SessionEnding::One(SessionId(77)), 0);
    let revocation = Revocation::One(SessionId(77));
    let (ended, log) = capture(revoke(&uow, &caller, revocation, t0())).await;
    assert_eq!(ended.ok(), Some(0));
    assert!(log.events().is_empty(), "{:?}", log.events());
}

#[tokio::test]
async fn a_revocation_that_fails_is_no_event() {
    let mut tx = MockStoreTransaction::new();
    tx.expect_revoke_sessions()
        .returning(|_, _, _| Err(crate::UnexpectedError::new("db down")));
    let uow = MockedUnitOfWork::new(tx);
    let caller = principal(1, &[]);
    let (ended, log) = capture(revoke(&uow, &caller, Revocation::AllOthers, t0())).await;
    assert!(ended.is_err());
    assert!(log.events().is_empty(), "{:?}", log.events());
}
