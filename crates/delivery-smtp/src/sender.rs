use std::fmt;
use std::time::Duration;

use account_domain::delivery::{EmailMessage, EmailSender, IdempotencyKey};
use account_domain::outbox::DeliveryError;
use async_trait::async_trait;
use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::classify::{Failure, classify, from_smtp};
use crate::message;
use crate::settings::{Endpoint, SmtpSettings, SmtpSetupError, TlsMode};

/// Sends the domain's emails through one SMTP server (see `SmtpSettings` for the URL forms).
pub struct SmtpEmailSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    endpoint: Endpoint,
    timeout: Duration,
}

impl fmt::Debug for SmtpEmailSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpEmailSender")
            .field("endpoint", &self.endpoint)
            .field("from", &self.from.to_string())
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl SmtpEmailSender {
    /// Checks the settings and prepares the pool; connects only when the first email goes.
    pub fn new(settings: SmtpSettings) -> Result<Self, SmtpSetupError> {
        let endpoint = Endpoint::parse(&settings.url)?;
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                SmtpSetupError::From(settings.from.clone(), e.to_string())
            })?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&endpoint.host)
            .port(endpoint.port)
            .timeout(Some(settings.timeout))
            .pool_config(PoolConfig::new().max_size(settings.pool_size.max(1)));
        if endpoint.tls != TlsMode::None {
            let parameters = tls_parameters(&endpoint.host, &settings)?;
            builder = builder.tls(match endpoint.tls {
                TlsMode::Implicit => Tls::Wrapper(parameters),
                _ => Tls::Required(parameters),
            });
        }
        if let Some(credentials) = endpoint.credentials() {
            builder = builder.credentials(credentials);
        }
        Ok(Self {
            transport: builder.build(),
            from,
            endpoint,
            timeout: settings.timeout,
        })
    }

    pub fn tls_mode(&self) -> TlsMode {
        self.endpoint.tls
    }
}

fn tls_parameters(host: &str, settings: &SmtpSettings) -> Result<TlsParameters, SmtpSetupError> {
    let mut builder = TlsParameters::builder(host.to_owned());
    if let Some(path) = &settings.extra_root_ca {
        let pem = std::fs::read(path).map_err(|source| SmtpSetupError::ReadRootCa {
            path: path.clone(),
            source,
        })?;
        let certificate =
            Certificate::from_pem(&pem).map_err(|e| SmtpSetupError::Tls(e.to_string()))?;
        builder = builder.add_root_certificate(certificate);
    }
    builder
        .build_rustls()
        .map_err(|e| SmtpSetupError::Tls(e.to_string()))
}

#[async_trait]
impl EmailSender for SmtpEmailSender {
    #[tracing::instrument(
        name = "smtp_send",
        skip_all,
        fields(template = message.template.as_str(), key = key.as_str())
    )]
    async fn send_email(
        &self,
        message: &EmailMessage,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError> {
        let to: Mailbox = message.to.parse().map_err(|_| {
            DeliveryError::Permanent("smtp: the recipient is not a valid email address".to_owned())
        })?;
        let rendered = account_templates::render_email(message)
            .map_err(|e| DeliveryError::Permanent(format!("smtp: {e}")))?;
        let email = message::build(&self.from, to, rendered, key)
            .map_err(|e| DeliveryError::Permanent(format!("smtp: cannot build the email: {e}")))?;
        // lettre bounds only the TCP connect: a server that accepts and then never answers
        // would hold this send (and the outbox worker) forever.
        let Ok(sent) = tokio::time::timeout(self.timeout, self.transport.send(email)).await else {
            let error = classify(
                Failure::Timeout,
                format!("no answer within {:?}", self.timeout),
            );
            tracing::warn!(%error, "email not sent");
            return Err(error);
        };
        match sent {
            Ok(response) => {
                tracing::debug!(code = %response.code(), "email accepted by the SMTP server");
                Ok(())
            }
            Err(error) => {
                let classified = from_smtp(&error);
                tracing::warn!(error = %classified, "email not sent");
                Err(classified)
            }
        }
    }
}
