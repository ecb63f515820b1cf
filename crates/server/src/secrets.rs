//! The service keys (access tokens, digests, the outbox sealer): from configuration, or
//! (development only) generated once and kept in the data directory so that tokens and queued
//! messages survive restarts.

use std::io::Write;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::{GeneralPurpose, URL_SAFE_NO_PAD};
use base64::engine::{DecodePaddingMode, GeneralPurposeConfig};

use crate::config::{Config, Environment};

pub struct ServiceKeys {
    pub jwt: Vec<u8>,
    pub digest: Vec<u8>,
    /// Exactly 32 bytes: the key of the outbox sealer.
    pub outbox: Vec<u8>,
}

/// Bytes of the outbox key.
const OUTBOX_KEY_BYTES: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{name} must be at least 32 bytes")]
    TooShort { name: &'static str },
    #[error("production needs {name} to be configured")]
    Missing { name: &'static str },
    #[error("cannot keep a generated key in {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot generate a key: {0}")]
    Random(String),
    #[error("{name} must be 32 bytes in base64")]
    NotA32ByteKey { name: &'static str },
}

pub fn resolve(config: &Config) -> Result<ServiceKeys, KeyError> {
    Ok(ServiceKeys {
        jwt: key(
            config,
            config.jwt_secret.as_deref(),
            "jwt_secret",
            "jwt-secret",
        )?,
        digest: key(
            config,
            config.digest_secret.as_deref(),
            "digest_secret",
            "digest-secret",
        )?,
        outbox: outbox_key(config)?,
    })
}

/// `outbox_key` decoded (32 bytes, base64 in either alphabet, padded or not), or in
/// development the key kept in `data_dir/outbox-key`, generated on first use.
fn outbox_key(config: &Config) -> Result<Vec<u8>, KeyError> {
    const NAME: &str = "outbox_key";
    let encoded = match config.outbox_key.as_deref() {
        Some(value) => value.trim().to_owned(),
        None if config.environment == Environment::Production => {
            return Err(KeyError::Missing { name: NAME });
        }
        None => {
            let path = config.data_dir.join("outbox-key");
            let value = load_or_generate(&path, OUTBOX_KEY_BYTES)?;
            tracing::warn!(key = NAME, path = %path.display(), "using a generated key kept in the data directory; configure one for production");
            value
        }
    };
    let lenient = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_encode_padding(false);
    [
        GeneralPurpose::new(&base64::alphabet::STANDARD, lenient),
        GeneralPurpose::new(&base64::alphabet::URL_SAFE, lenient),
    ]
    .iter()
    .find_map(|engine| engine.decode(&encoded).ok())
    .filter(|key| key.len() == OUTBOX_KEY_BYTES)
    .ok_or(KeyError::NotA32ByteKey { name: NAME })
}

fn key(
    config: &Config,
    configured: Option<&str>,
    name: &'static str,
    file: &str,
) -> Result<Vec<u8>, KeyError> {
    if let Some(value) = configured {
        return if value.len() >= 32 {
            Ok(value.as_bytes().to_vec())
        } else {
            Err(KeyError::TooShort { name })
        };
    }
    if config.environment == Environment::Production {
        return Err(KeyError::Missing { name });
    }
    let path = config.data_dir.join(file);
    let value = load_or_generate(&path, 48)?;
    tracing::warn!(key = name, path = %path.display(), "using a generated key kept in the data directory; configure one for production");
    Ok(value.into_bytes())
}

/// The key kept at `path`, or `bytes` random bytes (base64, URL-safe) written there first.
fn load_or_generate(path: &Path, bytes: usize) -> Result<String, KeyError> {
    let io = |source| KeyError::Io {
        path: path.display().to_string(),
        source,
    };
    match std::fs::read_to_string(path) {
        Ok(existing) if existing.trim().len() >= 32 => {
            account_private_files::warn_if_exposed(path, "generated key file");
            return Ok(existing.trim().to_owned());
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let mut bytes = vec![0u8; bytes];
    getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
    let value = URL_SAFE_NO_PAD.encode(&bytes);
    // The data directory `0700`, the key `0600`, when they are created here.
    account_private_files::create_parent_dir(path).map_err(io)?;
    let mut file = account_private_files::file_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(io)?;
    file.write_all(value.as_bytes()).map_err(io)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_in(dir: &Path) -> Config {
        Config {
            data_dir: dir.to_owned(),
            ..Config::default()
        }
    }

    #[test]
    fn generated_keys_are_kept_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = resolve(&config_in(dir.path())).unwrap();
        let second = resolve(&config_in(dir.path())).unwrap();
        assert_eq!(first.jwt, second.jwt);
        assert_ne!(first.jwt, first.digest);
        assert!(first.jwt.len() >= 32);
    }

    #[cfg(unix)]
    #[test]
    fn the_data_directory_and_the_generated_keys_are_private() {
        let mode = |path: &Path| format!("{:o}", account_private_files::mode(path).unwrap());
        let root = tempfile::tempdir().unwrap();
        let data_dir = root.path().join("data");
        resolve(&config_in(&data_dir)).unwrap();
        assert_eq!(mode(&data_dir), "700");
        assert_eq!(mode(&data_dir.join("jwt-secret")), "600");
        assert_eq!(mode(&data_dir.join("digest-secret")), "600");
        assert_eq!(mode(&data_dir.join("outbox-key")), "600");
    }

    #[test]
    fn the_outbox_key_is_32_bytes_of_base64_generated_in_development_only() {
        use base64::engine::general_purpose::STANDARD;
        let dir = tempfile::tempdir().unwrap();
        let first = resolve(&config_in(dir.path())).unwrap();
        assert_eq!(first.outbox.len(), 32);
        assert_eq!(
            resolve(&config_in(dir.path())).unwrap().outbox,
            first.outbox
        );

        let configured = |key: &str| Config {
            outbox_key: Some(key.into()),
            ..config_in(dir.path())
        };
        let key = STANDARD.encode([7u8; 32]);
        assert_eq!(resolve(&configured(&key)).unwrap().outbox, vec![7u8; 32]);
        let url_safe = URL_SAFE_NO_PAD.encode([0xfbu8; 32]);
        assert_eq!(
            resolve(&configured(&url_safe)).unwrap().outbox,
            vec![0xfb; 32]
        );
        for wrong in ["short", &STANDARD.encode([7u8; 31]), "not base64!"] {
            assert!(matches!(
                resolve(&configured(wrong)),
                Err(KeyError::NotA32ByteKey { .. })
            ));
        }
        let production = Config {
            environment: Environment::Production,
            jwt_secret: Some("j".repeat(32)),
            digest_secret: Some("d".repeat(32)),
            ..config_in(dir.path())
        };
        assert!(matches!(
            resolve(&production),
            Err(KeyError::Missing { name: "outbox_key" })
        ));
    }

    #[test]
    fn configured_keys_must_be_long_enough() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            jwt_secret: Some("short".into()),
            ..config_in(dir.path())
        };
        assert!(matches!(
            resolve(&config),
            Err(KeyError::TooShort { name: "jwt_secret" })
        ));
    }
}
