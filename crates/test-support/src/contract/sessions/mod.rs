//! `SessionRepository`: sessions and their revocation, refresh-token rotation with grace and
//! reuse detection.

mod lifecycle;
mod rotation;
mod tokens;

pub use lifecycle::*;
pub use rotation::*;
pub use tokens::*;

use account_domain::auth::{NewRefreshToken, RotateOutcome, Session, SessionId};
use account_domain::store::Repositories;
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{refresh_token, rotated, t0};

const GRACE: Duration = Duration::seconds(10);

fn successor(digest: &str) -> NewRefreshToken {
    refresh_token(digest, t0() + Duration::days(2))
}

async fn rotate(
    repos: &Repositories,
    presented: &str,
    next: &str,
    now: DateTime<Utc>,
) -> RotateOutcome {
    rotated(repos, presented, &successor(next), now, GRACE)
        .await
        .expect("rotate")
}

async fn session(repos: &Repositories, id: SessionId) -> Session {
    repos
        .sessions
        .find(id)
        .await
        .expect("find")
        .expect("the session exists")
}
