//! SIGTERM while requests are in flight: they finish, new connections are refused, the
//! background workers stop, and the process exits 0.

use std::thread;
use std::time::{Duration, Instant};

use crate::helpers::LoggedService;
use crate::http_client::request;

fn sign_up(port: u16, n: usize) -> std::io::Result<crate::http_client::RawReply> {
    let body = format!(
        r#"{{"email":"term-{n}@example.com","password":"correct horse battery","name":"Term Lee"}}"#
    );
    request(port, "POST", "/auth/accounts/register", Some(&body))
}

#[test]
fn sigterm_lets_requests_in_flight_finish_and_refuses_new_ones() {
    // One slow hashing thread: eight sign-ups queue behind each other for a second or two.
    let mut service = LoggedService::start_with_env(
        &[
            ("ACCOUNT_HASH_WORKERS", "1"),
            ("ACCOUNT_ARGON2_MEMORY_KIB", "32768"),
            ("ACCOUNT_ARGON2_ITERATIONS", "4"),
        ],
        |_| {},
    );
    let port = service.port;
    let in_flight: Vec<_> = (0..8)
        .map(|n| {
            thread::spawn(move || {
                let reply = sign_up(port, n);
                (reply, Instant::now())
            })
        })
        .collect();
    thread::sleep(Duration::from_millis(300));
    service.terminate();
    let terminated = Instant::now();
    let refused = crate::helpers::eventually(Duration::from_secs(5), || {
        request(port, "GET", "/health/live", None).is_err()
    });

    let mut finished_after_sigterm = 0;
    for client in in_flight {
        let (reply, at) = client.join().expect("a client");
        let reply = reply.expect("an answer, not a reset");
        assert_eq!(
            reply.status, 201,
            "a sign-up in flight finishes: {}",
            reply.body
        );
        finished_after_sigterm += usize::from(at > terminated);
    }
    assert!(
        finished_after_sigterm > 0,
        "the test is meant to catch sign-ups in flight at SIGTERM"
    );
    assert!(refused, "connections opened after SIGTERM are refused");
    let exit = service.exit_within(Duration::from_secs(15));
    assert!(
        exit.is_some_and(|status| status.success()),
        "exits 0 after draining, got {exit:?}:\n{}",
        service.log()
    );
    let log = service.log();
    assert!(
        log.contains("stopped"),
        "the workers stopped cleanly:\n{log}"
    );
    assert!(!log.contains("panicked"), "{log}");
}
