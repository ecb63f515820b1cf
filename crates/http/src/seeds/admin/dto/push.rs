use account_domain::accounts::AccountId;
use account_domain::push::{
    PushKind, PushRequest, PushSendReport, PushText, PushTextField, Skipped,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::FieldErrors;
use crate::errors::ApiError;

/// A push to a root user's installs (`POST /admin/push`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": 12, "kind": "notice", "title": "Firmware update", "body": "A new firmware is ready for your device."}))]
pub struct PushSendRequest {
    /// The root user (account id).
    #[schema(required = true, value_type = i64)]
    pub user_id: Option<i64>,
    /// `notice` (needs push consent) or `marketing` (needs marketing consent too).
    #[schema(required = true, value_type = String, example = "notice")]
    pub kind: Option<String>,
    /// 1 to 100 characters, one line.
    #[schema(required = true, value_type = String)]
    pub title: Option<String>,
    /// 1 to 1000 characters, one line.
    #[schema(required = true, value_type = String)]
    pub body: Option<String>,
}

impl PushSendRequest {
    pub fn try_into_domain(self) -> Result<PushRequest, ApiError> {
        let mut errors = FieldErrors::new();
        let account = match self.user_id {
            Some(id) if id > 0 => Some(AccountId(id)),
            Some(_) => {
                errors.add("userId", "userId must be a positive integer");
                None
            }
            None => {
                errors.add("userId", "userId is required");
                None
            }
        };
        let kind = errors.parse("kind", self.kind, |raw| {
            PushKind::parse(raw.trim()).ok_or("kind must be notice or marketing")
        });
        let title = errors.required("title", self.title);
        let body = errors.required("body", self.body);
        let text = match (title, body) {
            (Some(title), Some(body)) => match PushText::parse(&title, &body) {
                Ok(text) => Some(text),
                Err(fields) => {
                    for field in fields {
                        match field {
                            PushTextField::Title => errors.add(
                                "title",
                                format_args!(
                                    "title must be 1 to {} characters on one line",
                                    PushText::MAX_TITLE_CHARS
                                ),
                            ),
                            PushTextField::Body => errors.add(
                                "body",
                                format_args!(
                                    "body must be 1 to {} characters on one line",
                                    PushText::MAX_BODY_CHARS
                                ),
                            ),
                        }
                    }
                    None
                }
            },
            _ => None,
        };
        match (account, kind, text) {
            (Some(account), Some(kind), Some(text)) if errors.is_empty() => Ok(PushRequest {
                account,
                kind,
                text,
            }),
            _ => Err(errors.into()),
        }
    }
}

/// What was queued and what was skipped, and why.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(example = json!({"userId": 12, "kind": "marketing", "queued": [{"sessionId": 31}], "skipped": [{"sessionId": 30, "reason": "muted"}]}))]
pub struct PushSendResponse {
    pub user_id: i64,
    #[schema(example = "notice")]
    pub kind: &'static str,
    /// The installs a push was queued for (one outbox message each), newest first.
    pub queued: Vec<QueuedInstall>,
    /// The installs skipped; one entry without `sessionId` when the account has none.
    pub skipped: Vec<SkippedInstall>,
}

/// An app install, named by the session it signed in with.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueuedInstall {
    pub session_id: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SkippedInstall {
    /// Absent when the account as a whole was skipped (it has no install).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_id: Option<i64>,
    /// `no_push_consent`, `no_marketing_consent`, `muted` or `no_installs`.
    #[schema(example = "no_push_consent")]
    pub reason: &'static str,
}

impl From<PushSendReport> for PushSendResponse {
    fn from(report: PushSendReport) -> Self {
        Self {
            user_id: report.account.0,
            kind: report.kind.as_str(),
            queued: report
                .queued
                .into_iter()
                .map(|session| QueuedInstall {
                    session_id: session.0,
                })
                .collect(),
            skipped: report.skipped.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<Skipped> for SkippedInstall {
    fn from(skipped: Skipped) -> Self {
        Self {
            session_id: skipped.install.map(|session| session.0),
            reason: skipped.reason.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(user_id: Option<i64>, kind: &str, title: &str, body: &str) -> PushSendRequest {
        PushSendRequest {
            user_id,
            kind: Some(kind.into()),
            title: Some(title.into()),
            body: Some(body.into()),
        }
    }

    #[test]
    fn converts_a_valid_request() {
        let push = request(Some(12), "marketing", " Sale ", "Half price today.")
            .try_into_domain()
            .unwrap();
        assert_eq!(push.account, AccountId(12));
        assert_eq!(push.kind, PushKind::Marketing);
        assert_eq!(push.text.title(), "Sale");
    }

    #[test]
    fn names_every_field_at_fault() {
        let error = request(Some(0), "alert", "two\nlines", &"b".repeat(1001))
            .try_into_domain()
            .unwrap_err();
        assert_eq!(error.invalid_fields, ["userId", "kind", "title", "body"]);
        let missing = PushSendRequest {
            user_id: None,
            kind: None,
            title: None,
            body: None,
        }
        .try_into_domain()
        .unwrap_err();
        assert_eq!(missing.invalid_fields, ["userId", "kind", "title", "body"]);
    }
}
