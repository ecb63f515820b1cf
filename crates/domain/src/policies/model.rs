use chrono::{DateTime, Utc};

use crate::accounts::AccountId;
use crate::auth::SessionId;

/// What a user can consent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentKind {
    /// Push notifications; without it no push token is accepted.
    Push,
    /// Marketing messages.
    Marketing,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 2] = [ConsentKind::Push, ConsentKind::Marketing];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Push => "push",
            Self::Marketing => "marketing",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// An account's consents. An account that never changed one has [`Policy::default_for`]:
/// nothing agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub account_id: AccountId,
    pub is_push_agree: bool,
    /// When push consent was given; `None` while it is off (the history keeps earlier dates).
    pub push_agree_date: Option<DateTime<Utc>>,
    pub is_marketing_agree: bool,
    /// When marketing consent was given; `None` while it is off.
    pub marketing_agree_date: Option<DateTime<Utc>>,
}

/// The consents a request sets; `None` leaves one as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PolicyPatch {
    pub is_push_agree: Option<bool>,
    pub is_marketing_agree: Option<bool>,
}

impl PolicyPatch {
    pub fn is_empty(&self) -> bool {
        self.is_push_agree.is_none() && self.is_marketing_agree.is_none()
    }
}

/// One consent turned on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentChange {
    pub kind: ConsentKind,
    pub agreed: bool,
}

/// Who changed consents, from where and when; recorded with each change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentOrigin {
    /// The session the change was made in; `None` for changes not made by the user in a
    /// session (none yet).
    pub session_id: Option<SessionId>,
    pub ip: Option<String>,
    pub at: DateTime<Utc>,
}

/// One entry of an account's consent history. Entries are only ever appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub id: i64,
    pub account_id: AccountId,
    pub kind: ConsentKind,
    /// True when the consent was given, false when it was withdrawn.
    pub agreed: bool,
    pub session_id: Option<SessionId>,
    pub ip: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl Policy {
    /// The policy of an account that never changed a consent.
    pub fn default_for(account_id: AccountId) -> Self {
        Self {
            account_id,
            is_push_agree: false,
            push_agree_date: None,
            is_marketing_agree: false,
            marketing_agree_date: None,
        }
    }

    pub fn agrees_to(&self, kind: ConsentKind) -> bool {
        match kind {
            ConsentKind::Push => self.is_push_agree,
            ConsentKind::Marketing => self.is_marketing_agree,
        }
    }

    /// The policy after `patch` at `at`, and the consents that changed, in [`ConsentKind::ALL`]
    /// order: what the history must record.
    ///
    /// Turning a consent on sets its date to `at`; turning it off clears the date. Setting a
    /// consent to the value it already has changes nothing: its date stays and nothing is
    /// recorded. [`change_consents`](super::change_consents) calls this inside the transaction
    /// that holds the policy's lock, so the rule lives here and only here.
    pub fn apply(&self, patch: &PolicyPatch, at: DateTime<Utc>) -> (Policy, Vec<ConsentChange>) {
        let mut next = self.clone();
        let mut changes = Vec::new();
        for kind in ConsentKind::ALL {
            let wanted = match kind {
                ConsentKind::Push => patch.is_push_agree,
                ConsentKind::Marketing => patch.is_marketing_agree,
            };
            let Some(agreed) = wanted.filter(|agreed| *agreed != self.agrees_to(kind)) else {
                continue;
            };
            let date = agreed.then_some(at);
            match kind {
                ConsentKind::Push => (next.is_push_agree, next.push_agree_date) = (agreed, date),
                ConsentKind::Marketing => {
                    (next.is_marketing_agree, next.marketing_agree_date) = (agreed, date)
                }
            }
            changes.push(ConsentChange { kind, agreed });
        }
        (next, changes)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::testing::t0;

    fn agreed_earlier() -> Policy {
        Policy {
            account_id: AccountId(1),
            is_push_agree: true,
            push_agree_date: Some(t0() - Duration::days(3)),
            is_marketing_agree: false,
            marketing_agree_date: None,
        }
    }

    #[test]
    fn turning_a_consent_on_dates_and_records_it() {
        let patch = PolicyPatch {
            is_push_agree: Some(true),
            is_marketing_agree: Some(true),
        };
        let (next, changes) = Policy::default_for(AccountId(1)).apply(&patch, t0());
        assert!(next.is_push_agree && next.is_marketing_agree);
        assert_eq!(next.push_agree_date, Some(t0()));
        assert_eq!(next.marketing_agree_date, Some(t0()));
        assert_eq!(
            changes,
            vec![
                ConsentChange {
                    kind: ConsentKind::Push,
                    agreed: true
                },
                ConsentChange {
                    kind: ConsentKind::Marketing,
                    agreed: true
                },
            ]
        );
    }

    #[test]
    fn repeating_a_consent_keeps_its_date_and_records_nothing() {
        let patch = PolicyPatch {
            is_push_agree: Some(true),
            is_marketing_agree: Some(false),
        };
        let (next, changes) = agreed_earlier().apply(&patch, t0());
        assert_eq!(next, agreed_earlier());
        assert!(changes.is_empty());
    }

    #[test]
    fn withdrawing_a_consent_clears_its_date_and_records_it() {
        let patch = PolicyPatch {
            is_push_agree: Some(false),
            is_marketing_agree: None,
        };
        let (next, changes) = agreed_earlier().apply(&patch, t0());
        assert!(!next.is_push_agree);
        assert_eq!(next.push_agree_date, None);
        assert_eq!(
            changes,
            vec![ConsentChange {
                kind: ConsentKind::Push,
                agreed: false
            }]
        );
    }

    #[test]
    fn an_empty_patch_changes_nothing() {
        assert!(PolicyPatch::default().is_empty());
        let (next, changes) = agreed_earlier().apply(&PolicyPatch::default(), t0());
        assert_eq!(next, agreed_earlier());
        assert!(changes.is_empty());
    }

    #[test]
    fn kinds_round_trip() {
        for kind in ConsentKind::ALL {
            assert_eq!(ConsentKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ConsentKind::parse("sms"), None);
    }
}
