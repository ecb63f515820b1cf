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
        banned_at -> Nullable<UtcTimestamp>,
        anonymized_at -> Nullable<UtcTimestamp>,
        public_id -> Nullable<Text>,
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
        token_digest -> Nullable<Text>,
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
        created_at -> UtcTimestamp,
        attempts -> Integer,
        next_attempt_at -> UtcTimestamp,
        leased_until -> Nullable<UtcTimestamp>,
        sent_at -> Nullable<UtcTimestamp>,
        dead_at -> Nullable<UtcTimestamp>,
        last_error -> Nullable<Text>,
        template -> Text,
        locale -> Text,
        sms_kind -> Nullable<Text>,
        params -> Text,
        secret_params -> Nullable<Binary>,
        suppressed -> Bool,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    child_users (id) {
        id -> BigInt,
        root_user_id -> BigInt,
        first_name -> Text,
        last_name -> Nullable<Text>,
        birthdate -> Date,
        gender -> Text,
        created_at -> UtcTimestamp,
        updated_at -> UtcTimestamp,
        deleted_at -> Nullable<UtcTimestamp>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    devices (id) {
        id -> BigInt,
        serial_code -> Text,
        mac_id -> Text,
        unique_id -> Text,
        device_alias -> Nullable<Text>,
        now_firmware_id -> Nullable<BigInt>,
        last_log_file_id -> Nullable<BigInt>,
        real_user_id -> Nullable<BigInt>,
        created_at -> UtcTimestamp,
        updated_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    policies (account_id) {
        account_id -> BigInt,
        is_push_agree -> Bool,
        push_agree_date -> Nullable<UtcTimestamp>,
        is_marketing_agree -> Bool,
        marketing_agree_date -> Nullable<UtcTimestamp>,
        updated_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    consent_records (id) {
        id -> BigInt,
        account_id -> BigInt,
        kind -> Text,
        agreed -> Bool,
        at -> UtcTimestamp,
        session_id -> Nullable<BigInt>,
        ip -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    notification_settings (account_id) {
        account_id -> BigInt,
        is_device_muted -> Bool,
        is_device_alim_talk_enabled -> Bool,
        is_basestation_alert_enabled -> Bool,
        updated_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    push_tokens (id) {
        id -> BigInt,
        account_id -> BigInt,
        session_id -> BigInt,
        token -> Text,
        created_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    linked_identities (id) {
        id -> BigInt,
        provider -> Text,
        subject -> Text,
        account_id -> BigInt,
        linked_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    pending_authorizations (state_digest) {
        state_digest -> Text,
        provider -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        created_at -> UtcTimestamp,
        expires_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    pending_registrations (token_digest) {
        token_digest -> Text,
        provider -> Text,
        subject -> Text,
        email -> Nullable<Text>,
        email_verified -> Bool,
        name -> Nullable<Text>,
        picture -> Nullable<Text>,
        locale -> Nullable<Text>,
        created_at -> UtcTimestamp,
        expires_at -> UtcTimestamp,
    }
}

diesel::table! {
    browser_sessions (session_id) {
        session_id -> BigInt,
        cookie_digest -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    audit_log (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        target_id -> BigInt,
        detail -> Nullable<Text>,
        ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
        created_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::UtcTimestamp;

    player_profiles (account_id) {
        account_id -> BigInt,
        nickname -> Text,
        nickname_lower -> Text,
        tier -> Text,
        score -> BigInt,
        point -> BigInt,
        win -> BigInt,
        lose -> BigInt,
        one_shot -> BigInt,
        finder -> BigInt,
        last_week_rank -> BigInt,
        created_at -> UtcTimestamp,
        updated_at -> UtcTimestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;

    player_weapons (id) {
        id -> BigInt,
        account_id -> BigInt,
        position -> Integer,
        name -> Text,
        damage -> BigInt,
        price -> BigInt,
        usable_count -> Integer,
    }
}

diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(verification_codes -> accounts (account_id));
diesel::joinable!(child_users -> accounts (root_user_id));
diesel::joinable!(devices -> child_users (real_user_id));
diesel::joinable!(policies -> accounts (account_id));
diesel::joinable!(consent_records -> accounts (account_id));
diesel::joinable!(notification_settings -> accounts (account_id));
diesel::joinable!(push_tokens -> sessions (session_id));
diesel::joinable!(linked_identities -> accounts (account_id));
diesel::joinable!(browser_sessions -> sessions (session_id));
diesel::joinable!(player_profiles -> accounts (account_id));
diesel::joinable!(player_weapons -> player_profiles (account_id));

diesel::allow_tables_to_appear_in_same_query!(
    accounts,
    audit_log,
    sessions,
    refresh_tokens,
    throttle_counters,
    verification_codes,
    outbox,
    child_users,
    devices,
    policies,
    consent_records,
    notification_settings,
    push_tokens,
    linked_identities,
    pending_authorizations,
    pending_registrations,
    browser_sessions,
    player_profiles,
    player_weapons,
);
