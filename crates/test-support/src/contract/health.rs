//! `StoreHealth`.

use account_domain::store::Repositories;

pub async fn ping_answers(repos: &Repositories) {
    repos
        .health
        .ping()
        .await
        .expect("a reachable store answers the ping");
}
