//! `PlayerRepository`: game players, one per account, nicknames unique among players.

use std::sync::Arc;

use account_domain::accounts::AccountId;
use account_domain::players::{CreatePlayerError, GameNickname, PlayerProfile, Weapon};
use account_domain::store::Repositories;
use tokio::sync::Barrier;

use crate::contract::fixtures::{registered, t0};

fn player(account: AccountId, nickname: &str) -> PlayerProfile {
    let nickname = GameNickname::parse(nickname).expect("a valid nickname");
    PlayerProfile::starting(account, nickname, t0())
}

pub async fn a_player_is_stored_with_its_weapons_in_order(repos: &Repositories) {
    let account = registered(repos, "player@example.com").await;
    assert_eq!(repos.players.find(account.id).await.expect("find"), None);
    let mut new = player(account.id, "Zookeeper");
    new.weapons.push(Weapon {
        name: "slingshot".into(),
        damage: 3,
        price: 120,
        usable_count: 10,
    });
    new.score = 7;
    new.history.win = 2;
    new.history.last_week_rank = 31;
    let stored = repos.players.create(&new).await.expect("create");
    assert_eq!(stored, new);
    assert_eq!(
        repos.players.find(account.id).await.expect("find"),
        Some(new)
    );
}

pub async fn a_second_player_of_an_account_is_refused_and_writes_nothing(repos: &Repositories) {
    let account = registered(repos, "twice@example.com").await;
    let first = player(account.id, "first");
    repos.players.create(&first).await.expect("create");
    let second = repos.players.create(&player(account.id, "second")).await;
    assert!(
        matches!(second, Err(CreatePlayerError::AlreadyRegistered)),
        "{second:?}"
    );
    let other = registered(repos, "other@example.com").await;
    repos
        .players
        .create(&player(other.id, "second"))
        .await
        .expect("the refused nickname was not kept");
    assert_eq!(
        repos.players.find(account.id).await.expect("find"),
        Some(first)
    );
}

pub async fn a_game_nickname_is_taken_whatever_its_case(repos: &Repositories) {
    let one = registered(repos, "one@example.com").await;
    let two = registered(repos, "two@example.com").await;
    repos
        .players
        .create(&player(one.id, "Zookeeper"))
        .await
        .expect("create");
    let taken = repos.players.create(&player(two.id, "ZOOKEEPER")).await;
    assert!(
        matches!(taken, Err(CreatePlayerError::NicknameTaken)),
        "{taken:?}"
    );
    assert_eq!(repos.players.find(two.id).await.expect("find"), None);
}

pub async fn racing_registrations_of_one_nickname_let_exactly_one_win(repos: &Repositories) {
    for round in 0..5 {
        let start = Arc::new(Barrier::new(2));
        let mut accounts = Vec::new();
        for side in ["a", "b"] {
            accounts.push(registered(repos, &format!("race{round}{side}@example.com")).await);
        }
        let racers: Vec<_> = accounts
            .into_iter()
            .map(|account| {
                let (repos, start) = (repos.clone(), start.clone());
                tokio::spawn(async move {
                    start.wait().await;
                    repos
                        .players
                        .create(&player(account.id, &format!("racer{round}")))
                        .await
                })
            })
            .collect();
        let mut won = 0;
        for racer in racers {
            match racer.await.expect("the task completes") {
                Ok(_) => won += 1,
                Err(CreatePlayerError::NicknameTaken) => {}
                Err(other) => panic!("round {round}: unexpected {other:?}"),
            }
        }
        assert_eq!(won, 1, "round {round}: exactly one registration wins");
    }
}
