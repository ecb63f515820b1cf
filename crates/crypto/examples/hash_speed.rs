//! Time per argon2id verification and pool throughput at the configured parameters (default
//! OWASP m=19 MiB, t=2, p=1):
//!
//! ```sh
//! cargo run --release -p account-crypto --example hash_speed [total]
//! ```

use std::sync::Arc;
use std::time::Instant;

use account_crypto::{Argon2PasswordHasher, Argon2Settings};
use account_domain::auth::PasswordHasher;
use account_domain::values::Password;
use tokio::task::JoinSet;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: u32 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let hasher = Arc::new(Argon2PasswordHasher::new(&Argon2Settings::default())?);
    let phc = hasher
        .hash(&Password::parse("correct horse battery")?)
        .await?;

    let rounds = 10;
    let started = Instant::now();
    for _ in 0..rounds {
        assert!(hasher.verify("correct horse battery", &phc).await?);
    }
    let single = started.elapsed() / rounds;

    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..total {
        let (hasher, phc) = (Arc::clone(&hasher), phc.clone());
        tasks.spawn(async move { hasher.verify("correct horse battery", &phc).await });
    }
    let mut failures = 0;
    while let Some(result) = tasks.join_next().await {
        if !matches!(result, Ok(Ok(true))) {
            failures += 1;
        }
    }
    let per_second = f64::from(total) / started.elapsed().as_secs_f64();
    println!("{hasher:?}");
    println!(
        "{single:?} per verification alone; {per_second:.1} verifications/s with {total} concurrent ({failures} failures)"
    );
    Ok(())
}
