//! The contract every store must keep, written once against [`Repositories`] (domain types
//! only) and run against each backend by [`store_contract_tests!`](crate::store_contract_tests).
//!
//! Each test is a `pub async fn(&Repositories)` that panics when the store breaks the contract
//! of its port (the doc comments in `account_domain`'s `ports.rs` files).
//!
//! [`Repositories`]: account_domain::store::Repositories

pub mod accounts;
pub mod codes;
pub mod fixtures;
pub mod health;
pub mod outbox;
pub mod sessions;
pub mod throttle;

/// Expands every contract test for one store, as `#[tokio::test]`s on a four-worker
/// multi-thread runtime, grouped in modules named after the ports.
///
/// `$factory` is an expression evaluating to a `Future<Output = StoreUnderTest>`; it is
/// evaluated afresh by each test, inside a module that glob-imports the invoking one, so a
/// function defined next to the invocation can be named directly:
///
/// ```text
/// async fn sqlite_store() -> StoreUnderTest { ... }
/// account_test_support::store_contract_tests!(sqlite_store());
/// ```
#[macro_export]
macro_rules! store_contract_tests {
    ($factory:expr) => {
        $crate::__contract_tests! {
            $factory;
            accounts: [
                create_stores_every_field,
                social_accounts_have_no_password_change_time,
                finds_by_email_and_login_id_whatever_their_case,
                unknown_accounts_are_not_found,
                an_email_is_taken_whatever_its_case,
                a_login_id_is_taken_whatever_its_case,
                racing_registrations_of_one_email_let_exactly_one_win,
                soft_delete_releases_email_and_login_id,
                soft_delete_revokes_sessions_and_ends_tokens,
            ],
            sessions: [
                create_then_find_and_list_active,
                revoke_ends_only_an_own_active_session,
                revoke_all_keeps_the_given_session,
                a_current_token_rotates_to_its_successor,
                a_replay_within_grace_changes_nothing,
                a_replay_after_grace_revokes_the_family,
                a_replay_after_the_successor_was_used_revokes_the_family,
                unknown_expired_and_revoked_tokens_are_invalid,
                concurrent_rotations_of_one_token_rotate_once,
            ],
            throttle: [
                hits_count_up_to_the_limit_then_block,
                a_passed_window_restarts_the_count,
                blocked_until_reports_the_latest_block_in_force,
                concurrent_hits_are_all_counted,
                reset_forgets_the_counter,
            ],
            codes: [
                an_accepted_code_verifies_the_email_and_is_consumed,
                a_resend_within_the_cooldown_is_refused,
                a_new_code_supersedes_the_previous_one,
                wrong_codes_use_attempts_until_exhausted,
                concurrent_wrong_codes_each_use_an_attempt,
                an_expired_code_is_expired,
                no_code_is_not_found,
                a_phone_change_sets_the_phone_checked,
                a_phone_verified_by_another_account_is_taken,
                the_message_is_queued_with_the_code,
                concurrent_issues_for_one_target_issue_once,
                concurrent_phone_changes_to_one_number_let_one_win,
            ],
            outbox: [
                enqueued_messages_are_pending_oldest_first,
                a_claim_leases_due_messages_oldest_first,
                concurrent_claims_take_disjoint_messages,
                a_sent_message_is_done,
                a_failed_message_is_retried_at_the_given_time,
                a_message_given_up_is_never_claimed_again,
            ],
            health: [ping_answers],
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __contract_tests {
    ($factory:expr; $($port:ident: [$($test:ident),* $(,)?]),* $(,)?) => {
        $(
            mod $port {
                #[allow(unused_imports)]
                use super::*;

                $(
                    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                    async fn $test() {
                        let store: $crate::StoreUnderTest = $factory.await;
                        $crate::contract::$port::$test(&store.repos).await;
                    }
                )*
            }
        )*
    };
}
