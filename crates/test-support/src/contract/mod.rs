//! The contract every store must keep, written once against [`Repositories`] (domain types
//! only) and run against each backend by [`store_contract_tests!`](crate::store_contract_tests).
//!
//! Each test is a `pub async fn(&Repositories)` that panics when the store breaks the contract of its port (the doc
//! comments in `account_domain`'s `ports.rs` files).
//!
//! [`Repositories`]: account_domain::store::Repositories

pub mod account_codes;
pub mod accounts;
pub mod admin;
pub mod append_only;
pub mod audit;
pub mod children;
pub mod codes;
pub mod devices;
pub mod fixtures;
pub mod health;
pub mod image_store;
pub mod lux_fixtures;
pub mod notices;
pub mod notifications;
pub mod outbox;
pub mod outbox_delivery;
pub mod password_resets;
pub mod passwords;
pub mod players;
pub mod policies;
pub mod profile_image_keys;
pub mod profiles;
pub mod purge;
pub mod push_tokens;
pub mod roles;
pub mod sealing;
pub mod sessions;
pub mod sign_in;
pub mod throttle;
pub mod throttle_race;
pub mod unit_of_work;

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
            accounts(repos): [
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
            sessions(repos): [
                create_then_find_and_list_active,
                a_session_whose_token_cannot_be_stored_is_not_created,
                revoke_ends_only_an_own_active_session,
                revoke_all_keeps_the_given_session,
                find_with_account_reads_the_session_and_its_account_together,
                a_current_token_rotates_to_its_successor,
                a_replay_within_grace_changes_nothing,
                a_replay_after_grace_revokes_the_family,
                a_replay_after_the_successor_was_used_revokes_the_family,
                unknown_expired_and_revoked_tokens_are_invalid,
                concurrent_rotations_of_one_token_rotate_once,
                a_token_session_is_found_by_its_digest_with_its_account,
                touching_moves_the_deadline_of_an_unrevoked_session_only,
                ending_all_sessions_ends_token_sessions_too,
            ],
            throttle(repos): [
                hits_count_up_to_the_limit_then_block,
                a_passed_window_restarts_the_count,
                blocked_until_reports_the_latest_block_in_force,
                concurrent_hits_are_all_counted,
                reset_forgets_the_counter,
                resets_racing_hits_never_fail,
                a_refund_gives_back_one_attempt_and_never_lifts_a_block,
                concurrent_refunds_are_all_applied,
                settling_leaves_a_missing_counter_missing,
                a_refund_gives_back_within_the_rules_window_only,
                settlements_naming_one_counter_twice_all_apply,
                settling_agrees_with_the_domain_for_every_kind_of_counter,
                hitting_agrees_with_the_domain_for_every_kind_of_counter,
                hits_naming_one_counter_twice_all_count,
                counters_are_read_in_the_order_asked,
                a_batch_writes_every_counter_and_answers_in_order,
                a_change_planned_from_a_stale_read_applies_to_the_counter_as_stored,
                batches_in_opposite_orders_never_deadlock,
            ],
            codes(repos): [
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
                a_suppressed_code_message_is_written_like_a_sent_one,
                concurrent_issues_for_one_target_issue_once,
                concurrent_phone_changes_to_one_number_let_one_win,
            ],
            outbox(repos): [
                enqueued_messages_are_pending_oldest_first,
                a_claim_leases_due_messages_oldest_first,
                concurrent_claims_take_disjoint_messages,
                a_sent_message_is_done,
                a_failed_message_is_retried_at_the_given_time,
                a_message_given_up_is_never_claimed_again,
                operators_see_depth_and_dead_messages_and_requeue_one,
            ],
            outbox_delivery(repos): [
                a_provider_failing_twice_then_accepting_delivers_once,
                a_provider_down_for_a_whole_run_leaves_the_message_waiting,
                a_permanent_failure_ends_the_message_dead,
                two_workers_never_send_one_message_twice,
            ],
            sealing(repos, raw): [queued_codes_are_sealed_at_rest],
            throttle_race(repos, raw): [
                a_hit_that_loses_its_race_is_counted_all_the_same,
                a_refund_waiting_for_a_hit_applies_after_it,
                a_purge_skips_a_counter_another_writer_holds,
            ],
            health(repos): [ping_answers],
            profiles(repos): [
                update_profile_sets_only_the_given_fields,
                a_nickname_and_a_new_phone_are_set_the_phone_unchecked,
                update_profile_refuses_deleted_and_unknown_accounts,
            ],
            profile_image_keys(repos): [
                replacing_the_key_returns_the_previous_one,
                deleted_and_unknown_accounts_get_no_key,
                racing_replacements_each_see_a_different_previous_key,
            ],
            roles(repos): [
                set_roles_replaces_the_roles_of_a_live_account,
                set_roles_refuses_deleted_and_unknown_accounts,
            ],
            children(repos): [
                a_claim_creates_the_child_and_binds_the_device,
                an_unknown_serial_code_is_not_found_and_writes_nothing,
                a_mac_id_mismatch_is_not_found_and_writes_nothing,
                a_unique_id_mismatch_is_not_found_and_writes_nothing,
                a_taken_device_is_taken_and_writes_nothing,
                racing_claims_of_one_device_let_exactly_one_win,
                find_returns_only_live_children,
                update_sets_only_the_given_fields,
                update_refuses_deleted_and_unknown_children,
                delete_and_release_frees_the_device_for_a_new_claim,
                delete_and_release_refuses_unknown_children_and_unbound_devices,
                withdrawing_the_parent_deletes_the_children_and_releases_their_devices,
            ],
            devices(repos): [
                provision_creates_unbound_devices_in_batch_order,
                provision_reports_duplicates_within_a_batch,
                provision_reports_duplicates_against_the_inventory,
                concurrent_overlapping_batches_report_duplicates_not_errors,
                list_for_root_user_lists_the_devices_of_live_children,
            ],
            policies(repos): [
                an_account_that_never_changed_a_consent_has_no_policy,
                an_update_stores_the_policy_and_records_each_change,
                repeating_a_consent_keeps_its_date_and_records_nothing,
                history_is_appended_in_order_and_never_rewritten,
                withdrawing_push_consent_deletes_the_push_tokens,
                updates_of_deleted_or_unknown_accounts_write_nothing,
                concurrent_updates_record_only_real_changes,
            ],
            notifications(repos): [
                settings_are_not_stored_until_saved,
                save_stores_and_replaces_the_settings,
                save_refuses_deleted_and_unknown_accounts,
            ],
            push_tokens(repos): [
                register_stores_the_token_of_the_session,
                a_session_holds_one_token,
                a_token_moves_to_the_session_that_registers_it,
                list_skips_revoked_and_expired_sessions_newest_first,
                concurrent_registrations_of_one_token_keep_one,
                remove_token_deletes_the_token_whoever_holds_it,
                a_registration_racing_a_revocation_leaves_no_token_behind,
                logging_out_deletes_the_token_of_the_session,
                revoke_all_deletes_the_tokens_of_the_revoked_sessions,
                reuse_detection_deletes_the_token_of_the_family,
                soft_delete_deletes_every_token_of_the_account,
            ],
            unit_of_work(repos): [
                a_refused_unit_of_work_changes_nothing,
                a_unit_of_work_commits_every_change_together,
                operations_touch_only_what_they_name,
            ],
            notices(repos): [
                a_message_queued_in_a_unit_of_work_is_kept_only_if_it_commits,
                lock_account_reads_the_account_deleted_or_not,
                a_withdrawal_queues_its_notice_to_the_accounts_email,
                a_phone_change_queues_its_notices_to_the_previous_phone_and_email,
            ],
            passwords(repos): [
                a_password_change_sets_the_hash_and_the_not_before_instant,
                a_deleted_account_keeps_its_password,
            ],
            sign_in(repos): [
                a_link_is_found_listed_and_verifies_the_email,
                an_identity_links_to_one_account_only,
                link_refuses_deleted_and_unknown_accounts,
                creating_an_account_with_its_identity_writes_both_or_neither,
                racing_sign_ups_of_one_identity_let_exactly_one_win,
                a_pending_sign_in_is_taken_once,
                concurrent_takes_of_one_state_give_it_once,
                an_expired_sign_in_is_never_returned_and_is_purged,
                a_pending_sign_up_is_found_until_removed_or_expired,
                a_browser_session_is_found_by_its_cookie_with_its_account,
            ],
            password_resets(repos): [
                a_reset_sets_the_password_verifies_the_email_and_ends_every_session,
                wrong_reset_tokens_spend_the_token_and_change_nothing,
                an_expired_reset_token_is_refused,
            ],
            admin(repos): [
                search_filters_by_email_name_role_and_state,
                a_ban_sets_the_not_before_instant_and_lifting_it_keeps_it,
                lock_admins_lists_live_unbanned_admins_and_roles_change_on_live_accounts,
                a_restore_brings_the_account_and_its_identifiers_back,
                a_restore_is_refused_when_a_live_account_took_an_identifier,
                anonymising_erases_the_personal_fields_and_ends_restoring,
                anonymising_child_users_erases_their_names_and_birth_dates,
                accounts_awaiting_anonymisation_are_listed_by_deletion_before_the_cutoff,
                the_retention_lifecycle_runs_on_the_clock,
            ],
            audit(repos): [
                appended_entries_read_back_whole_newest_first,
                filters_combine_and_pages_count_every_match,
                an_entry_is_kept_only_if_its_unit_of_work_commits,
            ],
            append_only(repos, raw): [the_store_refuses_to_change_or_remove_entries],
            purge(repos): [
                sent_messages_are_purged_after_the_cutoff_and_dead_ones_never,
                a_purge_takes_at_most_its_limit_oldest_first,
                expired_codes_are_purged_after_the_cutoff,
                ended_sessions_go_with_their_tokens_and_live_ones_stay,
                expired_refresh_tokens_are_purged_but_a_chain_is_never_cut,
                stale_throttle_counters_are_purged_and_counting_ones_stay,
                the_purge_job_keeps_accounts_the_audit_log_and_dead_messages,
            ],
            account_codes(repos): [
                a_code_is_found_by_its_digest_with_its_address_and_spent_once,
                an_expired_or_superseded_code_is_refused,
                a_code_signs_up_its_address_verified_with_its_public_id_and_nickname,
                a_taken_address_or_nickname_rolls_back_and_the_code_still_works,
                a_nickname_is_held_by_one_live_account,
            ],
            players(repos): [
                a_player_is_stored_with_its_weapons_in_order,
                a_second_player_of_an_account_is_refused_and_writes_nothing,
                a_game_nickname_is_taken_whatever_its_case,
                racing_registrations_of_one_nickname_let_exactly_one_win,
            ],
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __contract_tests {
    ($factory:expr; $($port:ident $fields:tt: [$($test:ident),* $(,)?]),* $(,)?) => {
        $(
            mod $port {
                #[allow(unused_imports)]
                use super::*;

                $(
                    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                    async fn $test() {
                        let store: $crate::StoreUnderTest = $factory.await;
                        $crate::__contract_call!(store, $port, $test, $fields);
                    }
                )*
            }
        )*
    };
}

/// Calls `contract::$port::$test` with the named fields of the `StoreUnderTest`.
#[doc(hidden)]
#[macro_export]
macro_rules! __contract_call {
    ($store:ident, $port:ident, $test:ident, ($($field:ident),+)) => {
        $crate::contract::$port::$test($(&$store.$field),+).await
    };
}
