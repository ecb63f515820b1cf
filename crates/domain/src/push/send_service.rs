use std::sync::Arc;

use super::send::{PushKind, PushText, Skipped, plan_push};
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::auth::{Principal, SessionId};
use crate::clock::Clock;
use crate::delivery::{Locale, MessageParams, PushMessage};
use crate::notifications::NotificationSettingsRepository;
use crate::outbox::OutgoingMessage;
use crate::security_events::{self, SecurityEvent};
use crate::store::{UnitOfWork, transact};
use crate::values::Role;

/// A push to send to one root user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushRequest {
    pub account: AccountId,
    pub kind: PushKind,
    pub text: PushText,
}

/// What a push send did: the installs a message was queued for, and those skipped with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSendReport {
    pub account: AccountId,
    pub kind: PushKind,
    /// One outbox message each, newest install first.
    pub queued: Vec<SessionId>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, thiserror::Error)]
pub enum SendPushError {
    /// Neither SERVER nor ADMIN.
    #[error("only SERVER and ADMIN send pushes")]
    Forbidden,
    #[error("account does not exist")]
    AccountNotFound,
    #[error("account is deleted")]
    AccountDeleted,
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// Sends pushes to root users on behalf of other services (SERVER) and operators (ADMIN).
pub struct PushSendService {
    notifications: Arc<dyn NotificationSettingsRepository>,
    unit_of_work: Arc<dyn UnitOfWork>,
    clock: Arc<dyn Clock>,
}

impl PushSendService {
    pub fn new(
        notifications: Arc<dyn NotificationSettingsRepository>,
        unit_of_work: Arc<dyn UnitOfWork>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            notifications,
            unit_of_work,
            clock,
        }
    }

    /// Whether `caller` may send pushes (SERVER or ADMIN); a refusal is a security event.
    pub fn ensure_may_send(&self, caller: &Principal) -> Result<(), SendPushError> {
        if caller.roles.any_of(&[Role::Server, Role::Admin]) {
            return Ok(());
        }
        security_events::record(&SecurityEvent::RoleDenied {
            account: caller.account_id,
            session: Some(caller.session_id),
            action: "send_push",
            required: "SERVER|ADMIN",
        });
        Err(SendPushError::Forbidden)
    }

    /// Queues `request`'s push for each install of its live account, in the account's
    /// language, as [`plan_push`] decides: one outbox message per install, all in one unit of
    /// work that holds the account's policy locked, so that a consent withdrawn meanwhile
    /// (which deletes the push tokens under the same lock) is either seen or comes after.
    pub async fn send(
        &self,
        caller: &Principal,
        request: PushRequest,
    ) -> Result<PushSendReport, SendPushError> {
        self.ensure_may_send(caller)?;
        let account = request.account;
        let settings = self.notifications.find(account).await?.unwrap_or_default();
        let now = self.clock.now();
        let report = transact(&*self.unit_of_work, move |tx| {
            Box::pin(async move {
                let holder = tx
                    .lock_account(account)
                    .await?
                    .ok_or(SendPushError::AccountNotFound)?;
                if holder.is_deleted() {
                    return Err(SendPushError::AccountDeleted);
                }
                let policy = tx
                    .lock_policy(account, now)
                    .await?
                    .ok_or(SendPushError::AccountDeleted)?;
                let installs = tx.active_push_tokens(account, now).await?;
                let plan = plan_push(request.kind, &policy, &settings, installs);
                let locale = Locale::of_account(holder.locale.as_deref());
                let params = MessageParams::new()
                    .plain("title", request.text.title())
                    .plain("body", request.text.body());
                for install in &plan.send_to {
                    let message = OutgoingMessage::Push(PushMessage {
                        token: install.token.as_str().to_owned(),
                        template: request.kind.template(),
                        locale,
                        params: params.clone(),
                    });
                    tx.enqueue_message(&message, now).await?;
                }
                Ok(PushSendReport {
                    account,
                    kind: request.kind,
                    queued: plan.send_to.iter().map(|i| i.session_id).collect(),
                    skipped: plan.skipped,
                })
            })
        })
        .await?;
        tracing::info!(
            account = account.0,
            by = caller.account_id.0,
            kind = report.kind.as_str(),
            queued = report.queued.len(),
            skipped = report.skipped.len(),
            "push: queued for the account's installs"
        );
        Ok(report)
    }
}
