use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;

/// How to reach the SMTP server.
///
/// `url` is one of
/// - `smtps://user:pass@host:465`: implicit TLS (RFC 8314), the recommended mode;
/// - `smtp://user:pass@host:587?tls=required`: STARTTLS, refused if the server does not offer it;
/// - `smtp://127.0.0.1:2525`: no TLS, for a relay on the loopback interface only.
///
/// User and password are percent-encoded in the URL. `Debug` never shows the password.
#[derive(Clone)]
pub struct SmtpSettings {
    pub url: String,
    /// The `From` of every email: `noreply@example.com` or `Example <noreply@example.com>`.
    pub from: String,
    /// The longest one send may take: connecting, TLS, AUTH and the message.
    pub timeout: Duration,
    /// Connections kept open at most.
    pub pool_size: u32,
    /// A PEM file of CA certificates trusted besides the public roots (a private CA, tests).
    pub extra_root_ca: Option<PathBuf>,
}

impl SmtpSettings {
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    pub const DEFAULT_POOL_SIZE: u32 = 4;

    /// The given server and sender, with the default timeout and pool size and no extra CA.
    pub fn new(url: impl Into<String>, from: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            from: from.into(),
            timeout: Self::DEFAULT_TIMEOUT,
            pool_size: Self::DEFAULT_POOL_SIZE,
            extra_root_ca: None,
        }
    }
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("url", &redacted_url(&self.url))
            .field("from", &self.from)
            .field("timeout", &self.timeout)
            .field("pool_size", &self.pool_size)
            .field("extra_root_ca", &self.extra_root_ca)
            .finish()
    }
}

/// The URL with its password replaced by `***` (or a placeholder if it does not parse).
pub(crate) fn redacted_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        Err(_) => "<unparsable url>".to_owned(),
    }
}

/// Why the sender could not be built: the configuration is wrong.
#[derive(Debug, thiserror::Error)]
pub enum SmtpSetupError {
    #[error(
        "invalid SMTP url ({0}): expected smtps://user:pass@host:465, smtp://host:587?tls=required or smtp://127.0.0.1:2525"
    )]
    Url(String),
    #[error(
        "SMTP url {0} sends without TLS to a host that is not on the loopback interface: use smtps:// or ?tls=required"
    )]
    PlainTextRemote(String),
    #[error("invalid From address {0:?}: {1}")]
    From(String, String),
    #[error("cannot read the extra root CA file {path}: {source}")]
    ReadRootCa {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("TLS setup failed: {0}")]
    Tls(String),
}

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// TLS from the first byte (`smtps://`).
    Implicit,
    /// Plain connection upgraded with STARTTLS, refused if the server cannot (`?tls=required`).
    StartTls,
    /// No TLS (`smtp://` to a loopback address).
    None,
}

/// The parts of the URL the transport is built from.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Endpoint {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub credentials: Option<(String, String)>,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .finish()
    }
}

impl Endpoint {
    pub fn parse(raw: &str) -> Result<Self, SmtpSetupError> {
        let shown = redacted_url(raw);
        let url = url::Url::parse(raw).map_err(|e| SmtpSetupError::Url(format!("{shown}: {e}")))?;
        let tls_param = url
            .query_pairs()
            .find(|(name, _)| name == "tls")
            .map(|(_, value)| value.into_owned());
        let (tls, default_port) = match (url.scheme(), tls_param.as_deref()) {
            ("smtps", None) => (TlsMode::Implicit, 465),
            ("smtp", Some("required")) => (TlsMode::StartTls, 587),
            ("smtp", None) => (TlsMode::None, 25),
            (scheme, tls) => {
                return Err(SmtpSetupError::Url(format!(
                    "{shown}: scheme {scheme:?} with tls={tls:?}"
                )));
            }
        };
        let host = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => return Err(SmtpSetupError::Url(format!("{shown}: no host"))),
        };
        if tls == TlsMode::None && !is_loopback(&host) {
            return Err(SmtpSetupError::PlainTextRemote(shown));
        }
        let decode = |part: &str| {
            percent_encoding::percent_decode_str(part)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| SmtpSetupError::Url(format!("{shown}: user or password is not UTF-8")))
        };
        let credentials = match url.password() {
            Some(password) => Some((decode(url.username())?, decode(password)?)),
            None if !url.username().is_empty() => {
                return Err(SmtpSetupError::Url(format!(
                    "{shown}: a user without a password"
                )));
            }
            None => None,
        };
        Ok(Self {
            port: url.port().unwrap_or(default_port),
            host,
            tls,
            credentials,
        })
    }

    pub fn credentials(&self) -> Option<Credentials> {
        self.credentials
            .as_ref()
            .map(|(user, password)| Credentials::new(user.clone(), password.clone()))
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_url_form_gives_its_tls_mode_and_default_port() {
        let implicit = Endpoint::parse("smtps://mailer:s%40cret@mail.example.com").unwrap();
        assert_eq!(
            (implicit.host.as_str(), implicit.port, implicit.tls),
            ("mail.example.com", 465, TlsMode::Implicit)
        );
        assert_eq!(
            implicit.credentials,
            Some(("mailer".to_owned(), "s@cret".to_owned()))
        );

        let starttls = Endpoint::parse("smtp://mail.example.com?tls=required").unwrap();
        assert_eq!((starttls.port, starttls.tls), (587, TlsMode::StartTls));
        assert_eq!(starttls.credentials, None);

        let plain = Endpoint::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((plain.port, plain.tls), (2525, TlsMode::None));
        let plain6 = Endpoint::parse("smtp://[::1]:2525").unwrap();
        assert_eq!(plain6.host, "::1");
    }

    #[test]
    fn plain_text_to_a_remote_host_and_unknown_forms_are_refused() {
        assert!(matches!(
            Endpoint::parse("smtp://user:pw@mail.example.com:25"),
            Err(SmtpSetupError::PlainTextRemote(shown)) if !shown.contains("pw")
        ));
        for bad in [
            "smtp://mail.example.com?tls=opportunistic",
            "smtps://mail.example.com?tls=required",
            "http://mail.example.com",
            "smtps://user@mail.example.com",
            "not a url",
        ] {
            assert!(
                matches!(Endpoint::parse(bad), Err(SmtpSetupError::Url(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn debug_output_hides_the_password() {
        let settings = SmtpSettings::new(
            "smtps://mailer:hunter2@mail.example.com:465",
            "noreply@example.com",
        );
        let shown = format!("{settings:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("mailer") && shown.contains("***"), "{shown}");

        let endpoint = Endpoint::parse(&settings.url).unwrap();
        let shown = format!("{endpoint:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
