//! Time per argon2id verification and pool throughput at the configured parameters (default
//! OWASP m=19 MiB, t=2, p=1):
//!
//! ```sh
//! cargo run --release -p account-crypto --example hash_speed [total | --seconds N]
//! ```
//!
//! `total` verifications are started at once (default 200); with `--seconds N`, 200 are kept
//! running for N seconds instead, so that the rate is taken over as long as a benchmark run.

use std::sync::Arc;
use std::time::{Duration, Instant};

use account_crypto::{Argon2PasswordHasher, Argon2Settings};
use account_domain::auth::PasswordHasher;
use account_domain::values::Password;
use tokio::task::JoinSet;

const PASSWORD: &str = "correct horse battery";
const IN_FLIGHT: u32 = 200;

/// How long the throughput run lasts.
enum Run {
    Total(u32),
    For(Duration),
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let run = match args.as_slice() {
        [flag, seconds] if flag == "--seconds" => Run::For(Duration::from_secs(seconds.parse()?)),
        [total] => Run::Total(total.parse()?),
        _ => Run::Total(IN_FLIGHT),
    };
    let hasher = Arc::new(Argon2PasswordHasher::new(&Argon2Settings::default())?);
    let phc = hasher.hash(&Password::parse(PASSWORD)?).await?;

    let rounds = 10;
    let started = Instant::now();
    for _ in 0..rounds {
        assert!(hasher.verify(PASSWORD, &phc).await?);
    }
    let single = started.elapsed() / rounds;

    let started = Instant::now();
    let mut tasks = JoinSet::new();
    let spawn = |tasks: &mut JoinSet<_>| {
        let (hasher, phc) = (Arc::clone(&hasher), phc.clone());
        tasks.spawn(async move { hasher.verify(PASSWORD, &phc).await });
    };
    let first = match run {
        Run::Total(total) => total,
        Run::For(_) => IN_FLIGHT,
    };
    for _ in 0..first {
        spawn(&mut tasks);
    }
    let (mut done, mut failures) = (0u32, 0u32);
    while let Some(result) = tasks.join_next().await {
        done += 1;
        if !matches!(result, Ok(Ok(true))) {
            failures += 1;
        }
        if let Run::For(duration) = run
            && started.elapsed() < duration
        {
            spawn(&mut tasks);
        }
    }
    let per_second = f64::from(done) / started.elapsed().as_secs_f64();
    println!("{hasher:?}");
    println!(
        "{single:?} per verification alone; {per_second:.1} verifications/s with {first} concurrent ({failures} failures)"
    );
    Ok(())
}
