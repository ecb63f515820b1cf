//! One schema for both backends. Times use [`UtcTimestamp`]: `TIMESTAMPTZ` on PostgreSQL,
//! fixed-width UTC text on SQLite.

use crate::time::UtcTimestamp;

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    accounts (id) {
        id -> BigInt,
        email -> Text,
        email_lower -> Text,
        login_id -> Nullable<Text>,
        login_id_lower -> Nullable<Text>,
        nickname -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        name -> Nullable<Text>,
        first_name -> Nullable<Text>,
        last_name -> Nullable<Text>,
        birthdate -> Nullable<Date>,
        gender -> Nullable<Text>,
        phone -> Nullable<Text>,
        is_phone_number_checked -> Bool,
        register_type -> Text,
        national_code -> Nullable<Text>,
        locale -> Nullable<Text>,
        introduce -> Nullable<Text>,
        email_verified -> Bool,
        profile_image_key -> Nullable<Text>,
        roles -> Text,
        password_changed_at -> Nullable<UtcTimestamp>,
        tokens_valid_after -> UtcTimestamp,
        created_at -> UtcTimestamp,
        updated_at -> UtcTimestamp,
        deleted_at -> Nullable<UtcTimestamp>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    sessions (id) {
        id -> BigInt,
        account_id -> BigInt,
        user_agent -> Nullable<Text>,
        ip -> Nullable<Text>,
        created_at -> UtcTimestamp,
        last_used_at -> UtcTimestamp,
        expires_at -> UtcTimestamp,
        revoked_at -> Nullable<UtcTimestamp>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    refresh_tokens (id) {
        id -> BigInt,
        session_id -> BigInt,
        token_digest -> Text,
        created_at -> UtcTimestamp,
        expires_at -> UtcTimestamp,
        rotated_at -> Nullable<UtcTimestamp>,
        successor_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    throttle_counters (key) {
        key -> Text,
        window_started_at -> UtcTimestamp,
        count -> Integer,
        blocked_until -> Nullable<UtcTimestamp>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    verification_codes (id) {
        id -> BigInt,
        purpose -> Text,
        target -> Text,
        account_id -> Nullable<BigInt>,
        code_digest -> Text,
        created_at -> UtcTimestamp,
        expires_at -> UtcTimestamp,
        attempts_left -> Integer,
        consumed_at -> Nullable<UtcTimestamp>,
        superseded -> Bool,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    outbox (id) {
        id -> BigInt,
        channel -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> UtcTimestamp,
        attempts -> Integer,
        next_attempt_at -> UtcTimestamp,
        leased_until -> Nullable<UtcTimestamp>,
        sent_at -> Nullable<UtcTimestamp>,
        dead_at -> Nullable<UtcTimestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(verification_codes -> accounts (account_id));

diesel::allow_tables_to_appear_in_same_query!(
    accounts,
    sessions,
    refresh_tokens,
    throttle_counters,
    verification_codes,
    outbox,
);
