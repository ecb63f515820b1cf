use super::model::{ConsentChange, ConsentKind, ConsentOrigin, Policy, PolicyPatch};
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::auth::SessionEnding;
use crate::store::StoreTransaction;

/// What changing consents does, in the caller's transaction: the account's policy is locked,
/// the patch applied ([`Policy::apply`]), each real change appended to the history with its
/// origin, and when push consent is withdrawn every push token of the account is deleted (no
/// push may reach a user who withdrew it). Returns the policy as it is now; `None`, changing
/// nothing, when the account is not live.
pub async fn change_consents(
    tx: &mut dyn StoreTransaction,
    account: AccountId,
    patch: &PolicyPatch,
    origin: &ConsentOrigin,
) -> Result<Option<Policy>, UnexpectedError> {
    let Some(current) = tx.lock_policy(account, origin.at).await? else {
        return Ok(None);
    };
    let (next, changes) = current.apply(patch, origin.at);
    if changes.is_empty() {
        return Ok(Some(next));
    }
    tx.save_policy(&next, origin.at).await?;
    for change in &changes {
        tx.record_consent(account, *change, origin).await?;
    }
    if withdraws_push(&changes) {
        tx.delete_push_tokens(account, SessionEnding::AllBut(None))
            .await?;
    }
    Ok(Some(next))
}

fn withdraws_push(changes: &[ConsentChange]) -> bool {
    changes.contains(&ConsentChange {
        kind: ConsentKind::Push,
        agreed: false,
    })
}

#[cfg(test)]
mod tests {
    use mockall::predicate::eq;

    use super::*;
    use crate::store::MockStoreTransaction;
    use crate::testing::t0;

    fn origin() -> ConsentOrigin {
        ConsentOrigin {
            session_id: None,
            ip: Some("10.0.0.7".into()),
            at: t0(),
        }
    }

    fn patch(push: Option<bool>, marketing: Option<bool>) -> PolicyPatch {
        PolicyPatch {
            is_push_agree: push,
            is_marketing_agree: marketing,
        }
    }

    fn locked(tx: &mut MockStoreTransaction, policy: Policy) {
        tx.expect_lock_policy()
            .with(eq(AccountId(1)), eq(t0()))
            .return_once(move |_, _| Ok(Some(policy)));
    }

    #[tokio::test]
    async fn each_change_is_stored_and_recorded_in_order() {
        let mut tx = MockStoreTransaction::new();
        locked(&mut tx, Policy::default_for(AccountId(1)));
        let mut seq = mockall::Sequence::new();
        tx.expect_save_policy()
            .withf(|p, at| p.is_push_agree && p.is_marketing_agree && *at == t0())
            .times(1)
            .in_sequence(&mut seq)
            .returning(|_, _| Ok(()));
        for kind in [ConsentKind::Push, ConsentKind::Marketing] {
            tx.expect_record_consent()
                .withf(move |a, c, o| {
                    *a == AccountId(1) && c.kind == kind && c.agreed && *o == origin()
                })
                .times(1)
                .in_sequence(&mut seq)
                .returning(|_, _, _| Ok(()));
        }
        tx.expect_delete_push_tokens().never();
        let next = change_consents(
            &mut tx,
            AccountId(1),
            &patch(Some(true), Some(true)),
            &origin(),
        )
        .await
        .unwrap();
        assert_eq!(next.map(|p| p.push_agree_date), Some(Some(t0())));
    }

    #[tokio::test]
    async fn withdrawing_push_deletes_every_push_token_of_the_account() {
        let mut agreed = Policy::default_for(AccountId(1));
        agreed.is_push_agree = true;
        let mut tx = MockStoreTransaction::new();
        locked(&mut tx, agreed);
        tx.expect_save_policy().returning(|_, _| Ok(()));
        tx.expect_record_consent()
            .times(1)
            .returning(|_, _, _| Ok(()));
        tx.expect_delete_push_tokens()
            .with(eq(AccountId(1)), eq(SessionEnding::AllBut(None)))
            .times(1)
            .returning(|_, _| Ok(2));
        let next = change_consents(&mut tx, AccountId(1), &patch(Some(false), None), &origin())
            .await
            .unwrap();
        assert_eq!(next.map(|p| p.is_push_agree), Some(false));
    }

    #[tokio::test]
    async fn repeating_a_consent_writes_nothing() {
        let mut agreed = Policy::default_for(AccountId(1));
        agreed.is_marketing_agree = true;
        let mut tx = MockStoreTransaction::new();
        locked(&mut tx, agreed.clone());
        tx.expect_save_policy().never();
        tx.expect_record_consent().never();
        let next = change_consents(
            &mut tx,
            AccountId(1),
            &patch(Some(false), Some(true)),
            &origin(),
        )
        .await
        .unwrap();
        assert_eq!(next, Some(agreed));
    }

    #[tokio::test]
    async fn an_account_that_is_not_live_changes_nothing() {
        let mut tx = MockStoreTransaction::new();
        tx.expect_lock_policy().return_once(|_, _| Ok(None));
        tx.expect_save_policy().never();
        let next = change_consents(&mut tx, AccountId(1), &patch(Some(true), None), &origin())
            .await
            .unwrap();
        assert_eq!(next, None);
    }
}
