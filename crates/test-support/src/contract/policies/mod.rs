//! `PolicyRepository`: consents, their dates, and the append-only history of their changes.

mod consents;
mod history;
mod push;

pub use consents::*;
pub use history::*;
pub use push::*;

use account_domain::UnexpectedError;
use account_domain::accounts::AccountId;
use account_domain::auth::Session;
use account_domain::policies::{
    ConsentKind, ConsentOrigin, ConsentRecord, Policy, PolicyPatch, change_consents,
};
use account_domain::store::{Repositories, transact};
use chrono::{DateTime, Utc};

use super::lux_fixtures::origin;

fn patch(push: Option<bool>, marketing: Option<bool>) -> PolicyPatch {
    PolicyPatch {
        is_push_agree: push,
        is_marketing_agree: marketing,
    }
}

async fn update(
    repos: &Repositories,
    session: &Session,
    changes: PolicyPatch,
    at: DateTime<Utc>,
) -> Policy {
    consents_changed(repos, session.account_id, changes, origin(session.id, at))
        .await
        .expect("update")
        .expect("a live account")
}

/// Changes consents as the domain does (`policies::change_consents`, in one unit of work).
async fn consents_changed(
    repos: &Repositories,
    account: AccountId,
    patch: PolicyPatch,
    origin: ConsentOrigin,
) -> Result<Option<Policy>, UnexpectedError> {
    transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { change_consents(tx, account, &patch, &origin).await })
    })
    .await
}

async fn history(repos: &Repositories, account: AccountId) -> Vec<ConsentRecord> {
    repos.policies.history(account).await.expect("history")
}

/// What the history holds after a change of `kind` to `agreed` in `session` at `at`.
fn record(session: &Session, kind: ConsentKind, agreed: bool, at: DateTime<Utc>) -> ConsentRecord {
    ConsentRecord {
        id: 0,
        account_id: session.account_id,
        kind,
        agreed,
        session_id: Some(session.id),
        ip: Some("198.51.100.4".into()),
        recorded_at: at,
    }
}

/// The history without the ids the store assigned, after checking they increase.
fn without_ids(records: &[ConsentRecord]) -> Vec<ConsentRecord> {
    assert!(
        records.windows(2).all(|pair| pair[0].id < pair[1].id),
        "ids increase: {records:?}"
    );
    records
        .iter()
        .map(|r| ConsentRecord { id: 0, ..r.clone() })
        .collect()
}
