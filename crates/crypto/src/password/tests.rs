use std::collections::HashSet;
use std::sync::Arc;

use account_domain::auth::PasswordHasher;
use account_domain::values::Password;
use argon2::{Algorithm, Argon2, Params, PasswordHasher as _, Version};
use tokio::task::JoinSet;

use super::{Argon2PasswordHasher, Argon2Settings, Argon2SetupError};

/// Cheap parameters for tests about the pool rather than the cost.
fn cheap(workers: usize, queue: usize) -> Argon2Settings {
    Argon2Settings {
        memory_kib: 256,
        iterations: 1,
        parallelism: 1,
        workers,
        queue,
        new_password_workers: 0,
    }
}

fn password(raw: &str) -> Password {
    Password::parse(raw).unwrap()
}

#[test]
fn defaults_are_owasp_minimums() {
    let settings = Argon2Settings::default();
    assert_eq!(
        (
            settings.memory_kib,
            settings.iterations,
            settings.parallelism
        ),
        (19_456, 2, 1)
    );
    assert!(settings.workers >= 1 && settings.queue >= settings.workers);
}

#[tokio::test]
async fn hash_and_verify_round_trip_with_default_parameters() {
    let hasher = Argon2PasswordHasher::new(&Argon2Settings::default()).unwrap();
    let phc = hasher
        .hash(&password("correct horse battery"))
        .await
        .unwrap();
    assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    let fields: Vec<&str> = phc.split('$').collect();
    assert_eq!(fields[4].len(), 22, "16-byte salt");
    assert_eq!(fields[5].len(), 43, "32-byte hash");
    assert!(hasher.verify("correct horse battery", &phc).await.unwrap());
    assert!(!hasher.verify("correct horse batterY", &phc).await.unwrap());
}

#[tokio::test]
async fn the_same_password_gets_a_new_salt_each_time() {
    let hasher = Argon2PasswordHasher::new(&cheap(1, 1)).unwrap();
    let first = hasher
        .hash(&password("correct horse battery"))
        .await
        .unwrap();
    let second = hasher
        .hash(&password("correct horse battery"))
        .await
        .unwrap();
    assert_ne!(first, second);
}

#[tokio::test]
async fn verifies_hashes_made_with_other_parameters() {
    let hasher = Argon2PasswordHasher::new(&cheap(1, 4)).unwrap();
    let params = Params::new(4096, 3, 2, None).unwrap();
    let foreign = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_with_salt(b"legacy password", b"legacy-salt-1234")
        .unwrap()
        .to_string();
    assert!(foreign.starts_with("$argon2id$v=19$m=4096,t=3,p=2$"));
    assert!(hasher.verify("legacy password", &foreign).await.unwrap());
    assert!(!hasher.verify("legacy passwore", &foreign).await.unwrap());
}

#[tokio::test]
async fn a_malformed_hash_is_an_error() {
    let hasher = Argon2PasswordHasher::new(&cheap(1, 1)).unwrap();
    for bad in [
        "",
        "not a hash",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$",
    ] {
        assert!(hasher.verify("whatever", bad).await.is_err(), "{bad}");
    }
}

#[tokio::test]
async fn the_dummy_hash_matches_nothing_and_costs_a_real_verification() {
    let hasher = Argon2PasswordHasher::new(&cheap(1, 1)).unwrap();
    let dummy = hasher.dummy_hash();
    assert_eq!(dummy, hasher.dummy_hash());
    assert!(
        dummy.starts_with("$argon2id$v=19$m=256,t=1,p=1$"),
        "{dummy}"
    );
    for guess in ["", "password", "correct horse battery", &dummy] {
        assert!(!hasher.verify(guess, &dummy).await.unwrap(), "{guess}");
    }
    let other = Argon2PasswordHasher::new(&cheap(1, 1)).unwrap();
    assert_ne!(other.dummy_hash(), dummy);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_hashes_complete_through_a_small_queue() {
    let hasher = Arc::new(Argon2PasswordHasher::new(&cheap(2, 2)).unwrap());
    let mut tasks = JoinSet::new();
    for i in 0..64 {
        let hasher = Arc::clone(&hasher);
        tasks.spawn(async move {
            let secret = format!("password number {i}");
            let phc = hasher.hash(&password(&secret)).await.unwrap();
            assert!(hasher.verify(&secret, &phc).await.unwrap());
            phc
        });
    }
    let hashes: HashSet<String> = tasks.join_all().await.into_iter().collect();
    assert_eq!(hashes.len(), 64);
}

#[test]
fn setup_rejects_an_empty_pool_and_invalid_parameters() {
    assert!(matches!(
        Argon2PasswordHasher::new(&cheap(0, 1)),
        Err(Argon2SetupError::Pool)
    ));
    assert!(matches!(
        Argon2PasswordHasher::new(&cheap(1, 0)),
        Err(Argon2SetupError::Pool)
    ));
    let too_little_memory = Argon2Settings {
        memory_kib: 1,
        ..cheap(1, 1)
    };
    assert!(matches!(
        Argon2PasswordHasher::new(&too_little_memory),
        Err(Argon2SetupError::Params(_))
    ));
}

#[test]
fn debug_shows_the_parameters() {
    let hasher = Argon2PasswordHasher::new(&cheap(1, 1)).unwrap();
    let debug = format!("{hasher:?}");
    assert!(
        debug.contains("memory_kib: 256") && !debug.contains("argon2id$"),
        "{debug}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_passwords_take_only_their_share_and_log_ins_pass_them() {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let settings = Argon2Settings {
        memory_kib: 8 * 1024,
        new_password_workers: 1,
        ..cheap(2, 16)
    };
    assert_eq!(cheap(2, 16).new_password_share(), 1, "half of two workers");
    assert_eq!(cheap(8, 16).new_password_share(), 4);
    let hasher = Arc::new(Argon2PasswordHasher::new(&settings).unwrap());
    let stored = hasher
        .hash(&password("correct horse battery"))
        .await
        .unwrap();

    let hashed = Arc::new(AtomicUsize::new(0));
    let mut sign_ups = JoinSet::new();
    for _ in 0..12 {
        let (hasher, hashed) = (Arc::clone(&hasher), Arc::clone(&hashed));
        sign_ups.spawn(async move {
            hasher.hash(&password("a new passphrase")).await.unwrap();
            hashed.fetch_add(1, Ordering::SeqCst);
        });
    }
    // Lets the sign-ups reach the pool first; the assertion counts, it does not time.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let before = hashed.load(Ordering::SeqCst);
    assert!(
        hasher
            .verify("correct horse battery", &stored)
            .await
            .unwrap()
    );
    let during = hashed.load(Ordering::SeqCst) - before;
    sign_ups.join_all().await;
    assert_eq!(hashed.load(Ordering::SeqCst), 12);
    assert!(
        during <= 2,
        "the log-in ran on a worker sign-ups may not take, not after the queued sign-ups \
         ({during} sign-ups were hashed while it waited)"
    );
}
