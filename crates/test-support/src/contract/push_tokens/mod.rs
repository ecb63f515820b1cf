//! `PushTokenRepository`: one token per session, a token held by one session only, and the
//! token ends with its session on every store path that ends sessions.

mod registration;
mod session_end;

pub use registration::*;
pub use session_end::*;

use account_domain::accounts::AccountId;
use account_domain::auth::{Session, SessionId};
use account_domain::push::PushToken;
use account_domain::store::Repositories;
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{new_session, refresh_token, t0};
use super::lux_fixtures::fcm;

/// Another session of `account`, created at `t0`, with refresh token `digest`.
async fn another_session(repos: &Repositories, account: AccountId, digest: &str) -> Session {
    repos
        .sessions
        .create(
            &new_session(account, t0()),
            &refresh_token(digest, t0() + Duration::days(1)),
        )
        .await
        .expect("create")
}

async fn register(
    repos: &Repositories,
    session: &Session,
    token: &str,
    at: DateTime<Utc>,
) -> PushToken {
    repos
        .push_tokens
        .register(session.account_id, session.id, &fcm(token), at)
        .await
        .expect("register")
}

/// Where a push to `account` goes at `now`: (session, token), newest first.
async fn tokens_of(
    repos: &Repositories,
    account: AccountId,
    now: DateTime<Utc>,
) -> Vec<(SessionId, String)> {
    repos
        .push_tokens
        .list_for_account(account, now)
        .await
        .expect("list")
        .into_iter()
        .map(|t| (t.session_id, t.token.as_str().to_owned()))
        .collect()
}

/// Deletes the token `session` holds, and says whether there was one: whether a row is left,
/// also for a session the listing no longer shows.
async fn holds_a_token(repos: &Repositories, session: SessionId) -> bool {
    repos
        .push_tokens
        .remove_for_session(session)
        .await
        .expect("remove")
        == 1
}
