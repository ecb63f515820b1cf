use std::collections::HashMap;

use super::*;

fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn defaults_run_on_an_sqlite_file_in_the_data_directory() {
    let config = Config::from_sources(None, &env(&[])).unwrap();
    assert_eq!(config.database_url(), "sqlite://data/accounts.db");
    assert_eq!(config.access_token_ttl_secs, 900);
    assert_eq!(config.refresh_grace_secs, 10);
    assert_eq!(
        (
            config.argon2_memory_kib,
            config.argon2_iterations,
            config.argon2_parallelism
        ),
        (19_456, 2, 1)
    );
}

#[test]
fn the_environment_overrides_the_file() {
    let file = "bind = \"0.0.0.0:9000\"\naccess_token_ttl_secs = 600\n";
    let config = Config::from_sources(
        Some(file),
        &env(&[
            ("DATABASE_URL", "postgres://u:pw@db/accounts"),
            ("ACCOUNT_ACCESS_TOKEN_TTL_SECS", "300"),
            ("ACCOUNT_TRUST_FORWARDED_FOR", "true"),
        ]),
    )
    .unwrap();
    assert_eq!(config.bind, "0.0.0.0:9000");
    assert_eq!(config.access_token_ttl_secs, 300);
    assert!(config.trust_forwarded_for);
    assert_eq!(config.database_url(), "postgres://u:pw@db/accounts");
}

#[test]
fn debug_output_hides_secrets_and_passwords() {
    let config = Config::from_sources(
        None,
        &env(&[
            ("JWT_SECRET", "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t"),
            ("ACCOUNT_METRICS_TOKEN", "s3cr3t-scrape-token"),
            (
                "DATABASE_URL",
                "postgres://u:hunter2@db:5432/x?password=hunter3&sslmode=require",
            ),
        ]),
    )
    .unwrap();
    let printed = format!("{config:?}");
    assert!(!printed.contains("s3cr3t"), "{printed}");
    assert!(!printed.contains("hunter"), "{printed}");
    assert!(printed.contains("postgres://db:5432/x"), "{printed}");
    assert!(printed.contains("metrics_token: \"<set>\""), "{printed}");
}

/// What a Kubernetes Service named `account` puts in every pod's environment.
const KUBERNETES_SERVICE_ENV: [(&str, &str); 7] = [
    ("ACCOUNT_PORT", "tcp://10.0.0.1:8080"),
    ("ACCOUNT_SERVICE_HOST", "10.0.0.1"),
    ("ACCOUNT_SERVICE_PORT", "8080"),
    ("ACCOUNT_PORT_8080_TCP", "tcp://10.0.0.1:8080"),
    ("ACCOUNT_PORT_8080_TCP_ADDR", "10.0.0.1"),
    ("ACCOUNT_PORT_8080_TCP_PORT", "8080"),
    ("ACCOUNT_PORT_8080_TCP_PROTO", "tcp"),
];

#[test]
fn unrelated_account_variables_are_ignored_and_named_for_a_warning() {
    let mut vars = env(&KUBERNETES_SERVICE_ENV);
    vars.extend(env(&[
        ("ACCOUNT_BIND", "0.0.0.0:9000"),
        ("ACCOUNT_CONFIG", "/etc/account-service.toml"),
        ("ACCOUNT_JWT_SECRETT", "a typo is not read either"),
    ]));
    let config = Config::from_sources(None, &vars).expect("the service starts");
    assert_eq!(config.bind, "0.0.0.0:9000", "known keys still apply");
    let mut expected: Vec<&str> = KUBERNETES_SERVICE_ENV.iter().map(|(k, _)| *k).collect();
    expected.push("ACCOUNT_JWT_SECRETT");
    expected.sort_unstable();
    assert_eq!(Config::ignored_environment(&vars), expected);
}

#[test]
fn a_known_key_in_the_environment_still_overrides_the_file() {
    let vars = env(&[
        ("ACCOUNT_PORT", "tcp://10.0.0.1:8080"),
        ("ACCOUNT_HTTP_WORKERS", "3"),
    ]);
    let config = Config::from_sources(Some("http_workers = 2\n"), &vars).unwrap();
    assert_eq!(config.http_workers, 3);
    assert_eq!(Config::ignored_environment(&vars), ["ACCOUNT_PORT"]);
}

#[test]
fn unknown_keys_in_the_file_are_still_an_error() {
    let result = Config::from_sources(Some("port = 8080\n"), &env(&[]));
    assert!(
        matches!(&result, Err(ConfigError::Invalid(m)) if m.contains("port")),
        "{:?}",
        result.err()
    );
}

#[test]
fn the_keys_are_the_fields_of_the_file_and_none_is_a_kubernetes_name() {
    let keys = Config::keys();
    for key in [
        "environment",
        "bind",
        "database_url",
        "jwt_secret",
        "outbox_poll_millis",
    ] {
        assert!(keys.contains(&key), "{key}");
    }
    // A key named so would be set by the Service variables of a Service named `account`.
    assert!(
        keys.iter()
            .all(|k| *k != "port" && !k.starts_with("port_") && !k.starts_with("service_")),
        "{keys:?}"
    );
}

#[test]
fn numeric_looking_secrets_stay_strings() {
    let config = Config::from_sources(
        None,
        &env(&[("JWT_SECRET", "12345678901234567890123456789012")]),
    )
    .unwrap();
    assert_eq!(
        config.jwt_secret.as_deref(),
        Some("12345678901234567890123456789012")
    );
}

#[test]
fn bad_values_are_refused_with_a_reason() {
    for (key, value) in [
        ("ACCOUNT_ACCESS_TOKEN_TTL_SECS", "0"),
        ("ACCOUNT_SESSION_MAX_AGE_SECS", "9223372036854775807"),
        ("ACCOUNT_REFRESH_GRACE_SECS", "-1"),
        ("ACCOUNT_ARGON2_MEMORY_KIB", "1024"),
        ("ACCOUNT_DB_POOL_SIZE", "many"),
        ("ACCOUNT_DB_POOL_WAIT_MS", "0"),
        ("ACCOUNT_REGISTER_PER_IP_LIMIT", "0"),
        ("ACCOUNT_REGISTER_PER_IP_WINDOW_SECS", "0"),
        ("ACCOUNT_REGISTER_PER_EMAIL_LIMIT", "0"),
        ("ACCOUNT_PURGE_RETENTION_DAYS", "0"),
        ("ACCOUNT_PURGE_POLL_SECS", "0"),
    ] {
        let result = Config::from_sources(None, &env(&[(key, value)]));
        assert!(
            matches!(result, Err(ConfigError::Invalid(_))),
            "{key}={value}"
        );
    }
    assert!(matches!(
        Config::from_sources(Some("no_such_key = 1"), &env(&[])),
        Err(ConfigError::Invalid(_))
    ));
}

#[test]
fn production_requires_configured_secrets() {
    let senders = [
        ("ACCOUNT_ENVIRONMENT", "production"),
        ("ACCOUNT_EMAIL_SENDER", "smtp"),
        ("ACCOUNT_SMTP_URL", "smtp://127.0.0.1:2525"),
        ("ACCOUNT_SMS_SENDER", "disabled"),
    ];
    let result = Config::from_sources(None, &env(&senders));
    assert!(matches!(result, Err(ConfigError::Invalid(m)) if m.contains("jwt_secret")));
}

#[test]
fn each_channel_chooses_its_sender_and_production_refuses_the_dev_outbox_for_codes() {
    let defaults = Config::from_sources(None, &env(&[])).unwrap();
    assert_eq!(
        (
            defaults.email_sender,
            defaults.sms_sender,
            defaults.push_sender
        ),
        (SenderChoice::Dev, SenderChoice::Dev, SenderChoice::Dev)
    );
    let chosen = Config::from_sources(
        Some(
            "email_sender = \"smtp\"\nsmtp_url = \"smtp://127.0.0.1:2525\"\nsms_sender = \"nhn\"\n\
             nhn_sms_app_key = \"app\"\nnhn_sms_secret_key = \"secret\"\nnhn_send_no = \"15446859\"\n",
        ),
        &env(&[("ACCOUNT_PUSH_SENDER", "disabled")]),
    )
    .unwrap();
    assert_eq!(
        (chosen.email_sender, chosen.sms_sender, chosen.push_sender),
        (
            SenderChoice::Smtp,
            SenderChoice::Nhn,
            SenderChoice::Disabled
        )
    );
    for wrong in [
        "email_sender = \"nhn\"",
        "push_sender = \"smtp\"",
        "sms_sender = \"x\"",
    ] {
        assert!(
            matches!(
                Config::from_sources(Some(wrong), &env(&[])),
                Err(ConfigError::Invalid(_))
            ),
            "{wrong}"
        );
    }
    let secrets = [
        ("ACCOUNT_ENVIRONMENT", "production"),
        ("JWT_SECRET", "j-j-j-j-j-j-j-j-j-j-j-j-j-j-j-j-j"),
        ("ACCOUNT_DIGEST_SECRET", "d-d-d-d-d-d-d-d-d-d-d-d-d-d-d-d-d"),
        (
            "ACCOUNT_OUTBOX_KEY",
            "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=",
        ),
        ("ACCOUNT_SMTP_URL", "smtps://mailer:pw@mail.example.com:465"),
        ("ACCOUNT_NHN_SMS_APP_KEY", "app"),
        ("ACCOUNT_NHN_SMS_SECRET_KEY", "secret"),
        ("ACCOUNT_NHN_SEND_NO", "15446859"),
    ];
    for (email, sms, refused) in [
        ("dev", "nhn", true),
        ("smtp", "dev", true),
        ("smtp", "nhn", false),
        ("disabled", "disabled", false),
    ] {
        let mut vars = secrets.to_vec();
        vars.extend([("ACCOUNT_EMAIL_SENDER", email), ("ACCOUNT_SMS_SENDER", sms)]);
        let result = Config::from_sources(None, &env(&vars));
        assert_eq!(
            matches!(&result, Err(ConfigError::Invalid(m)) if m.contains("dev outbox")),
            refused,
            "{email}/{sms}: {:?}",
            result.err()
        );
    }
}

#[test]
fn sign_up_limits_and_the_hashing_share_are_configurable() {
    let defaults = Config::from_sources(None, &env(&[])).unwrap();
    assert_eq!(
        (
            defaults.register_per_ip_limit,
            defaults.register_per_ip_window_secs,
            defaults.register_per_email_limit,
            defaults.hash_new_password_workers
        ),
        (30, 300, 5, 0)
    );
    let config = Config::from_sources(
        Some("register_per_ip_limit = 100\nhash_new_password_workers = 3\n"),
        &env(&[("ACCOUNT_REGISTER_PER_IP_WINDOW_SECS", "60")]),
    )
    .unwrap();
    assert_eq!(config.register_per_ip_limit, 100);
    assert_eq!(config.register_per_ip_window_secs, 60);
    assert_eq!(config.hash_new_password_workers, 3);
}

#[test]
fn smtp_needs_its_url_and_keeps_it_out_of_debug_output() {
    let missing = Config::from_sources(Some("email_sender = \"smtp\"\n"), &env(&[]));
    assert!(matches!(missing, Err(ConfigError::Invalid(_))));
    let config = Config::from_sources(
        Some("email_sender = \"smtp\"\nsmtp_from = \"A <a@example.com>\"\n"),
        &env(&[(
            "ACCOUNT_SMTP_URL",
            "smtps://mailer:s3cret-pw@mail.example.com:465",
        )]),
    )
    .unwrap();
    assert_eq!(config.smtp_from, "A <a@example.com>");
    assert_eq!(config.smtp_timeout_secs, 30);
    assert!(!format!("{config:?}").contains("s3cret-pw"));
}

#[test]
fn nhn_and_fcm_need_their_keys_and_keep_secrets_out_of_debug_output() {
    let missing = Config::from_sources(Some("sms_sender = \"nhn\"\n"), &env(&[]));
    assert!(matches!(missing, Err(ConfigError::Invalid(m)) if m.contains("nhn_sms_app_key")));
    let missing = Config::from_sources(Some("push_sender = \"fcm\"\n"), &env(&[]));
    assert!(
        matches!(missing, Err(ConfigError::Invalid(m)) if m.contains("fcm_service_account_file"))
    );
    let config = Config::from_sources(
        Some("sms_sender = \"nhn\"\npush_sender = \"fcm\"\n"),
        &env(&[
            ("ACCOUNT_NHN_SMS_APP_KEY", "sms-app"),
            ("ACCOUNT_NHN_SMS_SECRET_KEY", "sms-s3cret"),
            ("ACCOUNT_NHN_SEND_NO", "0215446859"),
            ("ACCOUNT_NHN_ALIMTALK_SECRET_KEY", "talk-s3cret"),
            ("ACCOUNT_FCM_SERVICE_ACCOUNT_FILE", "/etc/account/fcm.json"),
            ("ACCOUNT_NHN_TIMEOUT_SECS", "5"),
        ]),
    )
    .unwrap();
    // A number stays text: its leading zero is kept.
    assert_eq!(config.nhn_send_no.as_deref(), Some("0215446859"));
    assert_eq!(config.nhn_timeout_secs, 5);
    assert_eq!(config.nhn_sms_base_url, "https://api-sms.cloud.toast.com");
    assert_eq!(config.fcm_base_url, "https://fcm.googleapis.com");
    let shown = format!("{config:?}");
    assert!(
        !shown.contains("sms-s3cret") && !shown.contains("talk-s3cret"),
        "{shown}"
    );
    let slow = Config::from_sources(Some("fcm_timeout_secs = 0\n"), &env(&[]));
    assert!(matches!(slow, Err(ConfigError::Invalid(m)) if m.contains("fcm_timeout_secs")));
}

#[test]
fn the_s3_image_store_needs_its_bucket_and_credentials_and_hides_the_secret() {
    let complete = [
        ("ACCOUNT_PROFILE_IMAGE_STORE", "s3"),
        ("ACCOUNT_S3_ENDPOINT", "http://127.0.0.1:8333"),
        ("ACCOUNT_S3_BUCKET", "images"),
        ("ACCOUNT_S3_ACCESS_KEY_ID", "12345"),
        ("ACCOUNT_S3_SECRET_ACCESS_KEY", "s3-secret-never-logged"),
    ];
    for missing in 1..complete.len() {
        let partial: Vec<_> = complete
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != missing)
            .map(|(_, pair)| *pair)
            .collect();
        let result = Config::from_sources(None, &env(&partial));
        let name = complete[missing]
            .0
            .trim_start_matches("ACCOUNT_")
            .to_lowercase();
        assert!(
            matches!(&result, Err(ConfigError::Invalid(m)) if m.contains(&name)),
            "{name}: {:?}",
            result.err()
        );
    }
    let config = Config::from_sources(None, &env(&complete)).expect("complete");
    assert_eq!(config.profile_image_store, ImageStoreChoice::S3);
    assert_eq!(
        config.s3_access_key_id.as_deref(),
        Some("12345"),
        "a string"
    );
    assert!(!format!("{config:?}").contains("s3-secret-never-logged"));
}

#[test]
fn image_limits_are_bounded_and_the_base_url_follows_bind() {
    for (key, value) in [
        ("ACCOUNT_PROFILE_IMAGE_MAX_BYTES", "0"),
        ("ACCOUNT_PROFILE_IMAGE_URL_TTL_SECS", "0"),
        ("ACCOUNT_PROFILE_IMAGE_URL_TTL_SECS", "604801"),
    ] {
        assert!(
            Config::from_sources(None, &env(&[(key, value)])).is_err(),
            "{key}={value}"
        );
    }
    let config = Config::from_sources(None, &env(&[("ACCOUNT_BIND", "127.0.0.1:9000")])).unwrap();
    assert_eq!(config.public_base_url(), "http://127.0.0.1:9000");
}

#[test]
fn the_purge_keeps_a_week_and_never_forgets_a_counter_still_counting() {
    let config = Config::from_sources(None, &env(&[])).unwrap();
    assert_eq!(
        (config.purge_retention_days, config.purge_poll_secs),
        (7, 3600)
    );
    let too_long = [
        ("ACCOUNT_PURGE_RETENTION_DAYS", "1"),
        ("ACCOUNT_REGISTER_PER_IP_WINDOW_SECS", "86401"),
    ];
    let result = Config::from_sources(None, &env(&too_long));
    assert!(
        matches!(&result, Err(ConfigError::Invalid(m)) if m.contains("purge_retention_days")),
        "{:?}",
        result.err()
    );
    let fits = [
        ("ACCOUNT_PURGE_RETENTION_DAYS", "1"),
        ("ACCOUNT_REGISTER_PER_IP_WINDOW_SECS", "86400"),
    ];
    assert!(Config::from_sources(None, &env(&fits)).is_ok());
}

#[test]
fn a_wrong_type_names_the_key_its_source_and_the_type_expected() {
    let from_file = Config::from_sources(Some("http_workers = \"many\"\n"), &env(&[]));
    assert!(
        matches!(&from_file, Err(ConfigError::Invalid(m))
            if m.contains("\"http_workers\"") && m.contains("TOML") && m.contains("usize")),
        "{:?}",
        from_file.err()
    );
    let from_env = Config::from_sources(None, &env(&[("ACCOUNT_DB_POOL_SIZE", "many")]));
    assert!(
        matches!(&from_env, Err(ConfigError::Invalid(m))
            if m.contains("\"ACCOUNT_DB_POOL_SIZE\"") && m.contains("environment") && m.contains("usize")),
        "{:?}",
        from_env.err()
    );
    let common =
        Config::from_sources(None, &env(&[("JWT_SECRET", "")])).map(|config| config.jwt_secret);
    assert_eq!(common.ok(), Some(Some(String::new())), "text as it is");
}

#[test]
fn the_file_named_by_account_config_must_exist_and_is_named_in_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("service.toml");
    let named = env(&[("ACCOUNT_CONFIG", path.to_str().expect("utf-8"))]);
    assert!(
        matches!(Config::load(&named), Err(ConfigError::Read { path: p, .. }) if p == path),
        "a missing file is an error"
    );
    std::fs::write(&path, "bind = \"127.0.0.1:9999\"\nhttp_workers = 2\n").expect("write");
    let config = Config::load(&named).expect("the file loads");
    assert_eq!(
        (config.bind.as_str(), config.http_workers),
        ("127.0.0.1:9999", 2)
    );
    for (text, reason) in [("prot = 8080\n", "prot"), ("bind = \n", "line 1")] {
        std::fs::write(&path, text).expect("write");
        let error = Config::load(&named).err().map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|m| m.contains(reason) && m.contains("service.toml")),
            "{text}: {error:?}"
        );
    }
}

/// A value from the environment stays text exactly for the keys that read text: otherwise a
/// secret of digits would be refused as a number, or a number refused as text.
#[test]
fn the_text_keys_are_the_keys_of_type_string_or_path() {
    use figment::value::{Dict, Value};
    let reads_text = |key: &str| {
        let mut dict = Dict::new();
        dict.insert(key.to_owned(), Value::from("1".to_owned()));
        figment::Figment::from(figment::providers::Serialized::defaults(dict))
            .extract::<Config>()
            .is_ok()
    };
    let text: Vec<&str> = Config::keys()
        .iter()
        .copied()
        .filter(|key| reads_text(key))
        .collect();
    let mut listed = environment_variables::TEXT_KEYS.to_vec();
    listed.sort_unstable();
    let mut text_sorted = text.clone();
    text_sorted.sort_unstable();
    assert_eq!(listed, text_sorted);
}
