//! Concurrent claims of one device.

use std::sync::Arc;

use account_domain::children::CreateWithDeviceError;
use account_domain::store::Repositories;
use tokio::sync::Barrier;

use crate::contract::fixtures::{registered, t0};
use crate::contract::lux_fixtures::{claim, claimed, live_children, new_child, provisioned};

pub async fn racing_claims_of_one_device_let_exactly_one_win(repos: &Repositories) {
    let parents = [
        registered(repos, "first@example.com").await,
        registered(repos, "second@example.com").await,
    ];
    let mut winners = Vec::new();
    for round in 0..5 {
        let serial_code = format!("SL2040100{round}");
        let unique_id = format!("unique-{round}");
        provisioned(repos, &serial_code, &unique_id).await;
        let start = Arc::new(Barrier::new(parents.len()));
        let racers = parents.clone().map(|parent| {
            let (repos, start) = (repos.clone(), start.clone());
            let claim = claim(&serial_code, &unique_id);
            tokio::spawn(async move {
                let child = new_child(parent.id, "Racer", t0());
                start.wait().await;
                claimed(&repos, &child, &claim).await
            })
        });
        let mut won = Vec::new();
        for racer in racers {
            match racer.await.expect("the task completes") {
                Ok(created) => won.push(created),
                Err(CreateWithDeviceError::DeviceTaken) => {}
                Err(other) => panic!("round {round}: unexpected {other:?}"),
            }
        }
        assert_eq!(won.len(), 1, "round {round}: exactly one claim wins");
        let winner = won.remove(0);
        assert_eq!(winner.device.real_user_id, Some(winner.child.id));
        winners.push(winner.child.id);
        assert_eq!(
            live_children(repos).await,
            winners,
            "round {round}: the loser left no child user behind"
        );
    }
    let mut bound = Vec::new();
    for parent in &parents {
        bound.extend(
            repos
                .devices
                .list_for_root_user(parent.id)
                .await
                .expect("list")
                .into_iter()
                .map(|owned| owned.child.id),
        );
    }
    bound.sort();
    assert_eq!(bound, winners, "each device is bound to its winner only");
}
