//! A push sent to a root user's installs by a server or an operator: what it says, and the
//! rule that decides, per install, whether it goes or why not.

use super::model::PushToken;
use crate::auth::SessionId;
use crate::delivery::TemplateId;
use crate::notifications::NotificationSettings;
use crate::policies::Policy;

/// What a push is, which decides the consent it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PushKind {
    /// Service information (a firmware update, a notice): needs push consent.
    Notice,
    /// Advertising: needs push and marketing consent, and is marked as advertising.
    Marketing,
}

impl PushKind {
    pub const ALL: [PushKind; 2] = [PushKind::Notice, PushKind::Marketing];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Notice => "notice",
            Self::Marketing => "marketing",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    /// The template the push is written with (its `title` and `body` in a frame per kind).
    pub fn template(self) -> TemplateId {
        match self {
            Self::Notice => TemplateId::PushNotice,
            Self::Marketing => TemplateId::PushMarketing,
        }
    }
}

/// A push's text: a title and a body, trimmed, not empty, bounded, one line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushText {
    title: String,
    body: String,
}

/// A part of a push's text that breaks its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PushTextField {
    Title,
    Body,
}

impl PushText {
    /// Characters a title may have: what a notification shows on one line, with room.
    pub const MAX_TITLE_CHARS: usize = 100;
    /// Characters a body may have: well within FCM's 4 KB payload in any script.
    pub const MAX_BODY_CHARS: usize = 1000;

    /// The text, or every part at fault: empty once trimmed, too long, or holding a control
    /// character (a line break included: notifications show one line).
    pub fn parse(title: &str, body: &str) -> Result<Self, Vec<PushTextField>> {
        let fits = |text: &str, max: usize| {
            let chars = text.chars().count();
            (1..=max).contains(&chars) && !text.chars().any(char::is_control)
        };
        let (title, body) = (title.trim(), body.trim());
        let mut invalid = Vec::new();
        if !fits(title, Self::MAX_TITLE_CHARS) {
            invalid.push(PushTextField::Title);
        }
        if !fits(body, Self::MAX_BODY_CHARS) {
            invalid.push(PushTextField::Body);
        }
        if invalid.is_empty() {
            Ok(Self {
                title: title.to_owned(),
                body: body.to_owned(),
            })
        } else {
            Err(invalid)
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn body(&self) -> &str {
        &self.body
    }
}

/// Why a push did not go to an install (or to the account, when it has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// The account has not agreed to push notifications.
    NoPushConsent,
    /// A marketing push, and the account has not agreed to marketing.
    NoMarketingConsent,
    /// The account muted its devices' notifications.
    Muted,
    /// The account has no install signed in with a push token.
    NoInstalls,
}

impl SkipReason {
    /// The stable name shown to callers.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoPushConsent => "no_push_consent",
            Self::NoMarketingConsent => "no_marketing_consent",
            Self::Muted => "muted",
            Self::NoInstalls => "no_installs",
        }
    }
}

/// A push not sent: to which install (`None`: the account as a whole, having none), and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skipped {
    pub install: Option<SessionId>,
    pub reason: SkipReason,
}

/// Where a push goes and where it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushPlan {
    pub send_to: Vec<PushToken>,
    pub skipped: Vec<Skipped>,
}

/// Decides where a push of `kind` goes among the account's `installs`, given its consents and
/// notification settings. Push consent comes first, then marketing consent for a marketing
/// push, then the mute switch; a reason applies to every install. An account without an
/// install is skipped as a whole, with the first reason that holds, or `no_installs`.
pub fn plan_push(
    kind: PushKind,
    policy: &Policy,
    settings: &NotificationSettings,
    installs: Vec<PushToken>,
) -> PushPlan {
    let refusal = if !policy.is_push_agree {
        Some(SkipReason::NoPushConsent)
    } else if kind == PushKind::Marketing && !policy.is_marketing_agree {
        Some(SkipReason::NoMarketingConsent)
    } else if settings.is_device_muted {
        Some(SkipReason::Muted)
    } else {
        None
    };
    if installs.is_empty() {
        return PushPlan {
            send_to: Vec::new(),
            skipped: vec![Skipped {
                install: None,
                reason: refusal.unwrap_or(SkipReason::NoInstalls),
            }],
        };
    }
    match refusal {
        None => PushPlan {
            send_to: installs,
            skipped: Vec::new(),
        },
        Some(reason) => PushPlan {
            send_to: Vec::new(),
            skipped: installs
                .iter()
                .map(|install| Skipped {
                    install: Some(install.session_id),
                    reason,
                })
                .collect(),
        },
    }
}
