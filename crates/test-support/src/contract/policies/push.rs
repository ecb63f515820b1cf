//! Withdrawing push consent deletes the push tokens in the same transaction.

use account_domain::store::Repositories;

use super::{patch, update};
use crate::contract::fixtures::{logged_in, new_session, refresh_token, secs, t0};
use crate::contract::lux_fixtures::fcm;

pub async fn withdrawing_push_consent_deletes_the_push_tokens(repos: &Repositories) {
    let phone = logged_in(repos, "pushy@example.com", "d1").await;
    let account = phone.account_id;
    let tablet = repos
        .sessions
        .create(
            &new_session(account, t0()),
            &refresh_token("d2", t0() + secs(86_400)),
        )
        .await
        .expect("create");
    let bystander = logged_in(repos, "bystander@example.com", "d3").await;
    update(repos, &phone, patch(Some(true), Some(true)), t0() + secs(1)).await;
    for (session, token) in [
        (&phone, "phone"),
        (&tablet, "tablet"),
        (&bystander, "other"),
    ] {
        repos
            .push_tokens
            .register(session.account_id, session.id, &fcm(token), t0() + secs(2))
            .await
            .expect("register");
    }
    let listed = |account| async move {
        repos
            .push_tokens
            .list_for_account(account, t0() + secs(10))
            .await
            .expect("list")
            .len()
    };

    update(repos, &phone, patch(None, Some(false)), t0() + secs(3)).await;
    assert_eq!(listed(account).await, 2, "marketing is not push");
    update(repos, &phone, patch(Some(true), None), t0() + secs(4)).await;
    assert_eq!(listed(account).await, 2, "push stays on");

    update(repos, &phone, patch(Some(false), None), t0() + secs(5)).await;
    assert_eq!(listed(account).await, 0, "push withdrawn");
    for session in [&phone, &tablet] {
        assert_eq!(
            repos
                .push_tokens
                .remove_for_session(session.id)
                .await
                .expect("remove"),
            0,
            "the rows are gone, not just hidden"
        );
    }
    assert_eq!(
        listed(bystander.account_id).await,
        1,
        "other accounts keep theirs"
    );
}
