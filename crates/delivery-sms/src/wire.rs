//! The JSON bodies of NHN Cloud's SMS (API v3.0) and AlimTalk (API v2.3) send calls, field
//! for field as documented.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `POST /sms/v3.0/appKeys/{appKey}/sender/sms` (and `/sender/mms` with a title).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SmsRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    pub body: &'a str,
    pub send_no: &'a str,
    pub sender_grouping_key: &'a str,
    pub recipient_list: [SmsRecipient<'a>; 1],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SmsRecipient<'a> {
    pub recipient_no: &'a str,
    pub country_code: &'a str,
    pub recipient_grouping_key: &'a str,
}

/// `POST /alimtalk/v2.3/appkeys/{appkey}/messages` (a template with its substitutions).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AlimTalkRequest<'a> {
    pub sender_key: &'a str,
    pub template_code: &'a str,
    pub sender_grouping_key: &'a str,
    pub recipient_list: [AlimTalkRecipient<'a>; 1],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AlimTalkRecipient<'a> {
    pub recipient_no: &'a str,
    pub template_parameter: &'a BTreeMap<String, String>,
    pub resend_parameter: ResendParameter<'a>,
    pub recipient_grouping_key: &'a str,
}

/// The text message NHN sends instead when the alim talk cannot be delivered.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResendParameter<'a> {
    pub is_resend: bool,
    /// `SMS` or `LMS`.
    pub resend_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resend_title: Option<&'a str>,
    pub resend_content: &'a str,
    pub resend_send_no: &'a str,
}

/// Both APIs answer with this `header`, also when they fail inside an HTTP 200.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Header {
    pub is_successful: bool,
    pub result_code: i64,
    #[serde(default)]
    pub result_message: String,
}

/// One recipient's outcome (`sendResultList` for SMS, `sendResults` for alim talk).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecipientResult {
    pub result_code: i64,
    #[serde(default)]
    pub result_message: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SmsResponse {
    pub header: Header,
    #[serde(default)]
    pub body: Option<SmsResponseBody>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SmsResponseBody {
    #[serde(default)]
    pub data: Option<SmsResponseData>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SmsResponseData {
    #[serde(default)]
    pub request_id: Option<String>,
    #[serde(default)]
    pub send_result_list: Vec<RecipientResult>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct AlimTalkResponse {
    pub header: Header,
    #[serde(default)]
    pub message: Option<AlimTalkResponseMessage>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AlimTalkResponseMessage {
    #[serde(default)]
    pub request_id: Option<String>,
    #[serde(default)]
    pub send_results: Vec<RecipientResult>,
}

impl SmsResponse {
    pub(crate) fn recipients(&self) -> &[RecipientResult] {
        self.body
            .as_ref()
            .and_then(|b| b.data.as_ref())
            .map_or(&[], |d| d.send_result_list.as_slice())
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        self.body
            .as_ref()
            .and_then(|b| b.data.as_ref())
            .and_then(|d| d.request_id.as_deref())
    }
}

impl AlimTalkResponse {
    pub(crate) fn recipients(&self) -> &[RecipientResult] {
        self.message
            .as_ref()
            .map_or(&[], |m| m.send_results.as_slice())
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        self.message.as_ref().and_then(|m| m.request_id.as_deref())
    }
}
