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
            ("DATABASE_URL", "postgres://u:hunter2@db/x"),
        ]),
    )
    .unwrap();
    let printed = format!("{config:?}");
    assert!(!printed.contains("s3cr3t"), "{printed}");
    assert!(!printed.contains("hunter2"), "{printed}");
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
    let result = Config::from_sources(None, &env(&[("ACCOUNT_ENVIRONMENT", "production")]));
    assert!(matches!(result, Err(ConfigError::Invalid(m)) if m.contains("jwt_secret")));
}
