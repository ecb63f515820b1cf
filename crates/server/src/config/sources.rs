//! Where the configuration comes from, later sources winning: the defaults of [`Config`], the
//! TOML file, `DATABASE_URL` and `JWT_SECRET`, then `ACCOUNT_<KEY>`. figment merges them and
//! names, in an error, the key, the source it came from and the type it should have.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use figment::error::Kind;
use figment::providers::{Data, Format};
use figment::value::{Dict, Map};
use figment::{Figment, Metadata, Profile, Provider};
use serde::de::DeserializeOwned;

use super::environment_variables::{Names, Variables, config_key};
use super::{Config, ConfigError};

/// The file read when `ACCOUNT_CONFIG` names none, if it exists.
const DEFAULT_FILE: &str = "account-service.toml";

impl Config {
    /// Loads the file named by `ACCOUNT_CONFIG` (must exist) or `./account-service.toml` (if it
    /// exists), then applies the environment.
    pub fn load(env: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let file = match env.get("ACCOUNT_CONFIG") {
            Some(path) => Some(existing(Path::new(path))?),
            None => Path::new(DEFAULT_FILE)
                .exists()
                .then(|| PathBuf::from(DEFAULT_FILE)),
        };
        Self::extract(file.map(|path| ConfigFile(Toml::file_exact(path))), env)
    }

    /// The configuration of a file's text (if any) and an environment, for tests.
    pub fn from_sources(
        file: Option<&str>,
        env: &HashMap<String, String>,
    ) -> Result<Self, ConfigError> {
        Self::extract(file.map(|text| ConfigFile(Toml::string(text))), env)
    }

    /// The names of the `ACCOUNT_` environment variables that are not read (sorted): neither
    /// `ACCOUNT_CONFIG` nor `ACCOUNT_<KEY>` for a key of the file. To be warned about, not
    /// refused: unknown keys are an error in the file only.
    pub fn ignored_environment(env: &HashMap<String, String>) -> Vec<String> {
        let mut names: Vec<String> = env
            .keys()
            .filter(|name| name.starts_with("ACCOUNT_") && name.as_str() != "ACCOUNT_CONFIG")
            .filter(|name| config_key(name).is_none())
            .cloned()
            .collect();
        names.sort();
        names
    }

    fn extract(
        file: Option<ConfigFile>,
        env: &HashMap<String, String>,
    ) -> Result<Self, ConfigError> {
        let mut figment = Figment::new();
        if let Some(file) = file {
            figment = figment.merge(file);
        }
        let config: Config = figment
            .merge(Variables {
                env,
                names: Names::Common,
            })
            .merge(Variables {
                env,
                names: Names::Prefixed,
            })
            .extract()
            .map_err(described)?;
        config.validate()?;
        Ok(config)
    }
}

/// figment's words for each error, except that an unknown key is not followed by the eighty
/// known ones.
fn described(errors: figment::Error) -> ConfigError {
    let lines: Vec<String> = errors
        .into_iter()
        .map(|mut error| {
            if let Kind::UnknownField(name, _) = &error.kind {
                error.kind = Kind::Message(format!(
                    "unknown key {name:?} (docs/CONFIGURATION.md lists the keys)"
                ));
                error.path.clear();
            }
            error.to_string()
        })
        .collect();
    ConfigError::Invalid(lines.join("; "))
}

/// The path, if something is there to read.
fn existing(path: &Path) -> Result<PathBuf, ConfigError> {
    match std::fs::metadata(path) {
        Ok(_) => Ok(path.to_owned()),
        Err(source) => Err(ConfigError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

/// TOML read by the workspace's `toml` (figment's own `Toml` would bring an older one).
struct Toml;

impl Format for Toml {
    type Error = toml::de::Error;
    const NAME: &'static str = "TOML";

    fn from_str<T: DeserializeOwned>(string: &str) -> Result<T, Self::Error> {
        toml::from_str(string)
    }
}

/// The configuration file, its keys named in errors as they are written in it.
struct ConfigFile(Data<Toml>);

impl Provider for ConfigFile {
    fn metadata(&self) -> Metadata {
        self.0
            .metadata()
            .interpolater(|_: &Profile, keys: &[&str]| keys.join("."))
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        self.0.data()
    }
}
