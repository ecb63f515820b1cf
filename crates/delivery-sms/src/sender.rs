use account_domain::delivery::{IdempotencyKey, SmsKind, SmsMessage, SmsSender};
use account_domain::outbox::DeliveryError;
use account_templates::{AlimTalk, SHORT_SMS_BYTES, sms_byte_estimate};
use async_trait::async_trait;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::classify::{self, Api, Outcome};
use crate::number::domestic_korean;
use crate::settings::NhnCloudSmsSettings;
use crate::wire::{
    AlimTalkRecipient, AlimTalkRequest, AlimTalkResponse, RecipientResult, ResendParameter,
    SmsRecipient, SmsRequest, SmsResponse,
};

/// NHN Cloud's limit on `senderGroupingKey` and `recipientGroupingKey`.
const GROUPING_KEY_MAX_CHARS: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum SmsSetupError {
    #[error("cannot build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

/// Sends through NHN Cloud: SMS/LMS with Notification > SMS API v3.0, alim talk with
/// KakaoTalk Bizmessage AlimTalk API v2.3 (with its SMS fallback).
pub struct NhnCloudSmsSender {
    client: reqwest::Client,
    settings: NhnCloudSmsSettings,
}

impl NhnCloudSmsSender {
    /// Installs rustls' ring provider for the process if none is installed yet, then builds
    /// the HTTP client.
    pub fn new(settings: NhnCloudSmsSettings) -> Result<Self, SmsSetupError> {
        // Err only means a provider is installed already (by the server or another adapter).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .build()
            .map_err(SmsSetupError::Client)?;
        Ok(Self { client, settings })
    }

    async fn send_text(
        &self,
        recipient_no: &str,
        text: &str,
        key: &str,
    ) -> Result<(), DeliveryError> {
        let long = sms_byte_estimate(text) > SHORT_SMS_BYTES;
        let (endpoint, title) = if long {
            ("mms", Some(self.settings.long_message_title.as_str()))
        } else {
            ("sms", None)
        };
        let url = format!(
            "{}/sms/v3.0/appKeys/{}/sender/{endpoint}",
            self.settings.sms_base_url, self.settings.sms_app_key
        );
        let request = SmsRequest {
            title,
            body: text,
            send_no: &self.settings.send_no,
            sender_grouping_key: key,
            recipient_list: [SmsRecipient {
                recipient_no,
                country_code: "82",
                recipient_grouping_key: key,
            }],
        };
        let call = self
            .client
            .post(url)
            .header("X-Secret-Key", &self.settings.sms_secret_key);
        let answer: SmsResponse = self.call(Api::Sms, call, &request).await?;
        judge(Api::Sms, &answer.header, answer.recipients())?;
        tracing::debug!(request_id = answer.request_id(), lms = long, "SMS accepted");
        Ok(())
    }

    async fn send_alim_talk(
        &self,
        recipient_no: &str,
        talk: &AlimTalk,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError> {
        let grouping_key = grouping_key(key);
        let long = sms_byte_estimate(&talk.fallback_text) > SHORT_SMS_BYTES;
        let url = format!(
            "{}/alimtalk/v2.3/appkeys/{}/messages",
            self.settings.alimtalk_base_url, self.settings.alimtalk_app_key
        );
        let request = AlimTalkRequest {
            sender_key: &self.settings.sender_key,
            template_code: talk.template_code,
            sender_grouping_key: grouping_key,
            recipient_list: [AlimTalkRecipient {
                recipient_no,
                template_parameter: &talk.variables,
                resend_parameter: ResendParameter {
                    is_resend: true,
                    resend_type: if long { "LMS" } else { "SMS" },
                    resend_title: long.then_some(self.settings.long_message_title.as_str()),
                    resend_content: &talk.fallback_text,
                    resend_send_no: &self.settings.send_no,
                },
                recipient_grouping_key: grouping_key,
            }],
        };
        let call = self
            .client
            .post(url)
            .header("X-Secret-Key", &self.settings.alimtalk_secret_key)
            .header("X-NC-API-IDEMPOTENCY-KEY", key.as_str());
        let answer: AlimTalkResponse = self.call(Api::AlimTalk, call, &request).await?;
        judge(Api::AlimTalk, &answer.header, answer.recipients())?;
        tracing::debug!(request_id = answer.request_id(), "alim talk accepted");
        Ok(())
    }

    /// Sends the JSON body and reads the answer: a non-2xx status or no answer is classified
    /// here; a 2xx answer is returned for its result codes to be judged.
    async fn call<T: DeserializeOwned>(
        &self,
        api: Api,
        request: reqwest::RequestBuilder,
        body: &impl Serialize,
    ) -> Result<T, DeliveryError> {
        let response =
            request
                .header("Content-Type", "application/json;charset=UTF-8")
                .body(serde_json::to_vec(body).map_err(|e| {
                    DeliveryError::Permanent(format!("cannot encode the request: {e}"))
                })?)
                .send()
                .await
                .map_err(|e| classify::transport(api, &e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(classify::http_status(api, status, response.headers()));
        }
        let bytes = response
            .bytes()
            .await
            .map_err(|e| classify::transport(api, &e))?;
        serde_json::from_slice(&bytes).map_err(|_| {
            DeliveryError::Transient(format!(
                "NHN Cloud {}: unreadable answer to HTTP {}",
                api.name(),
                status.as_u16()
            ))
        })
    }
}

/// The header first (a failed call), then the one recipient (a refused number, say). An
/// accepted non-zero code (a repeated idempotency key) has no recipients to look at.
fn judge(
    api: Api,
    header: &crate::wire::Header,
    recipients: &[RecipientResult],
) -> Result<(), DeliveryError> {
    match classify::result_code(api, header.result_code, &header.result_message) {
        Outcome::Failed(error) => return Err(error),
        Outcome::Accepted if header.result_code != 0 => return Ok(()),
        Outcome::Accepted => {}
    }
    if !header.is_successful {
        return Err(DeliveryError::Permanent(format!(
            "NHN Cloud {} reported failure ({})",
            api.name(),
            header.result_message
        )));
    }
    for recipient in recipients {
        if let Outcome::Failed(error) =
            classify::result_code(api, recipient.result_code, &recipient.result_message)
        {
            return Err(error);
        }
    }
    Ok(())
}

fn grouping_key(key: &IdempotencyKey) -> &str {
    let raw = key.as_str();
    match raw.char_indices().nth(GROUPING_KEY_MAX_CHARS) {
        Some((cut, _)) => &raw[..cut],
        None => raw,
    }
}

#[async_trait]
impl SmsSender for NhnCloudSmsSender {
    #[tracing::instrument(
        name = "nhn_cloud_sms",
        skip_all,
        fields(template = message.template.as_str(), kind = ?message.kind, key = key.as_str())
    )]
    async fn send_sms(
        &self,
        message: &SmsMessage,
        key: &IdempotencyKey,
    ) -> Result<(), DeliveryError> {
        let recipient_no = domestic_korean(&message.to).ok_or_else(|| {
            DeliveryError::Permanent("not a Korean mobile number (+82)".to_owned())
        })?;
        let rendering =
            |e: account_templates::TemplateError| DeliveryError::Permanent(e.to_string());
        match message.kind {
            SmsKind::Sms => {
                let text = account_templates::render_sms(message).map_err(rendering)?;
                self.send_text(&recipient_no, &text, grouping_key(key))
                    .await
            }
            SmsKind::AlimTalk => {
                let talk = account_templates::alim_talk(message).map_err(rendering)?;
                self.send_alim_talk(&recipient_no, &talk, key).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_keys_are_cut_to_the_provider_limit() {
        let long = IdempotencyKey("k".repeat(150));
        assert_eq!(grouping_key(&long).len(), GROUPING_KEY_MAX_CHARS);
        let short = IdempotencyKey("outbox-42".to_owned());
        assert_eq!(grouping_key(&short), "outbox-42");
    }
}
