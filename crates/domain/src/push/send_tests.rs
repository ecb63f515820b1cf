use std::sync::{Arc, Mutex};

use super::*;
use crate::UnexpectedError;
use crate::accounts::AccountId;
use crate::auth::SessionId;
use crate::delivery::{Locale, TemplateId};
use crate::notifications::{MockNotificationSettingsRepository, NotificationSettings};
use crate::outbox::OutgoingMessage;
use crate::policies::Policy;
use crate::security_events::capture::capture;
use crate::store::{MockStoreTransaction, MockedUnitOfWork};
use crate::testing::{account, clock_at, principal, t0};
use crate::values::{FcmToken, Role};

fn install(session: i64) -> PushToken {
    PushToken {
        account_id: AccountId(12),
        session_id: SessionId(session),
        token: FcmToken::parse(&format!("fcm:install-{session}")).unwrap(),
        registered_at: t0(),
    }
}

fn policy(push: bool, marketing: bool) -> Policy {
    Policy {
        is_push_agree: push,
        is_marketing_agree: marketing,
        ..Policy::default_for(AccountId(12))
    }
}

fn muted(muted: bool) -> NotificationSettings {
    NotificationSettings {
        is_device_muted: muted,
        ..NotificationSettings::default()
    }
}

fn text() -> PushText {
    PushText::parse("Update", "New firmware is ready.").unwrap()
}

fn request(kind: PushKind) -> PushRequest {
    PushRequest {
        account: AccountId(12),
        kind,
        text: text(),
    }
}

// ---- the rule ----

#[test]
fn a_push_goes_to_every_install_of_an_account_that_agreed_and_did_not_mute() {
    let plan = plan_push(
        PushKind::Notice,
        &policy(true, false),
        &muted(false),
        vec![install(2), install(1)],
    );
    assert_eq!(plan.send_to, [install(2), install(1)]);
    assert!(plan.skipped.is_empty());
    let plan = plan_push(
        PushKind::Marketing,
        &policy(true, true),
        &muted(false),
        vec![install(1)],
    );
    assert_eq!(plan.send_to, [install(1)]);
}

#[test]
fn consent_then_marketing_consent_then_mute_decide_why_installs_are_skipped() {
    let cases = [
        (
            PushKind::Notice,
            policy(false, true),
            false,
            SkipReason::NoPushConsent,
        ),
        (
            PushKind::Marketing,
            policy(false, false),
            true,
            SkipReason::NoPushConsent,
        ),
        (
            PushKind::Marketing,
            policy(true, false),
            true,
            SkipReason::NoMarketingConsent,
        ),
        (
            PushKind::Notice,
            policy(true, false),
            true,
            SkipReason::Muted,
        ),
        (
            PushKind::Marketing,
            policy(true, true),
            true,
            SkipReason::Muted,
        ),
    ];
    for (kind, consents, is_muted, reason) in cases {
        let plan = plan_push(
            kind,
            &consents,
            &muted(is_muted),
            vec![install(2), install(1)],
        );
        assert!(plan.send_to.is_empty(), "{kind:?} {reason:?}");
        assert_eq!(
            plan.skipped,
            [
                Skipped {
                    install: Some(SessionId(2)),
                    reason
                },
                Skipped {
                    install: Some(SessionId(1)),
                    reason
                },
            ]
        );
        let none = plan_push(kind, &consents, &muted(is_muted), Vec::new());
        assert_eq!(
            none.skipped,
            [Skipped {
                install: None,
                reason
            }]
        );
    }
}

#[test]
fn an_account_without_installs_is_skipped_as_a_whole() {
    let plan = plan_push(
        PushKind::Notice,
        &policy(true, true),
        &muted(false),
        Vec::new(),
    );
    assert!(plan.send_to.is_empty());
    assert_eq!(
        plan.skipped,
        [Skipped {
            install: None,
            reason: SkipReason::NoInstalls
        }]
    );
}

#[test]
fn push_texts_are_trimmed_bounded_and_one_line() {
    let parsed = PushText::parse("  Update ", " Ready. ").unwrap();
    assert_eq!((parsed.title(), parsed.body()), ("Update", "Ready."));
    let longest_title = "가".repeat(PushText::MAX_TITLE_CHARS);
    let longest_body = "b".repeat(PushText::MAX_BODY_CHARS);
    assert!(PushText::parse(&longest_title, &longest_body).is_ok());
    let too_long_title = "t".repeat(PushText::MAX_TITLE_CHARS + 1);
    let too_long_body = "b".repeat(PushText::MAX_BODY_CHARS + 1);
    assert_eq!(
        PushText::parse(&too_long_title, &too_long_body),
        Err(vec![PushTextField::Title, PushTextField::Body])
    );
    assert_eq!(
        PushText::parse("  ", "two\nlines"),
        Err(vec![PushTextField::Title, PushTextField::Body])
    );
    assert_eq!(PushKind::parse("marketing"), Some(PushKind::Marketing));
    assert_eq!(PushKind::parse("Notice"), None);
    assert_eq!(PushKind::Notice.template(), TemplateId::PushNotice);
    assert_eq!(PushKind::Marketing.template(), TemplateId::PushMarketing);
}

// ---- the use case ----

struct Setup {
    settings: MockNotificationSettingsRepository,
    tx: MockStoreTransaction,
    queued: Arc<Mutex<Vec<OutgoingMessage>>>,
}

/// Account 12 (English when `locale` says so) with `consents`, unmuted, and `installs`.
fn setup(locale: Option<&'static str>, consents: Policy, installs: Vec<PushToken>) -> Setup {
    let mut settings = MockNotificationSettingsRepository::new();
    settings
        .expect_find()
        .withf(|a| *a == AccountId(12))
        .returning(|_| Ok(None));
    let mut tx = MockStoreTransaction::new();
    tx.expect_lock_account()
        .withf(|a| *a == AccountId(12))
        .returning(move |id| {
            let mut holder = account(id.0, "user@example.com");
            holder.locale = locale.map(str::to_owned);
            Ok(Some(holder))
        });
    tx.expect_lock_policy()
        .withf(|a, now| *a == AccountId(12) && *now == t0())
        .returning(move |_, _| Ok(Some(consents.clone())));
    tx.expect_active_push_tokens()
        .withf(|a, now| *a == AccountId(12) && *now == t0())
        .returning(move |_, _| Ok(installs.clone()));
    let queued = Arc::new(Mutex::new(Vec::new()));
    let sink = queued.clone();
    tx.expect_enqueue_message().returning(move |message, now| {
        assert_eq!(now, t0());
        sink.lock().unwrap().push(message.clone());
        Ok(())
    });
    Setup {
        settings,
        tx,
        queued,
    }
}

fn service(
    settings: MockNotificationSettingsRepository,
    tx: MockStoreTransaction,
) -> PushSendService {
    PushSendService::new(
        Arc::new(settings),
        Arc::new(MockedUnitOfWork::new(tx)),
        Arc::new(clock_at(t0())),
    )
}

#[tokio::test]
async fn a_server_queues_one_message_per_install_in_the_accounts_language() {
    let s = setup(
        Some("en-US"),
        policy(true, true),
        vec![install(2), install(1)],
    );
    let report = service(s.settings, s.tx)
        .send(&principal(1, &[Role::Server]), request(PushKind::Marketing))
        .await
        .unwrap();
    assert_eq!(report.queued, [SessionId(2), SessionId(1)]);
    assert!(report.skipped.is_empty());
    let queued = s.queued.lock().unwrap().clone();
    let tokens: Vec<&str> = queued.iter().map(OutgoingMessage::recipient).collect();
    assert_eq!(tokens, ["fcm:install-2", "fcm:install-1"]);
    for message in &queued {
        assert_eq!(message.template(), TemplateId::PushMarketing);
        assert_eq!(message.locale(), Locale::En);
        assert_eq!(message.params().get("title"), Some("Update"));
        assert_eq!(message.params().get("body"), Some("New firmware is ready."));
        assert!(message.params().secret.is_empty());
    }
}

#[tokio::test]
async fn skipped_installs_queue_nothing_and_say_why() {
    let s = setup(None, policy(true, false), vec![install(1)]);
    let report = service(s.settings, s.tx)
        .send(&principal(1, &[Role::Admin]), request(PushKind::Marketing))
        .await
        .unwrap();
    assert!(report.queued.is_empty());
    assert_eq!(
        report.skipped,
        [Skipped {
            install: Some(SessionId(1)),
            reason: SkipReason::NoMarketingConsent
        }]
    );
    assert!(s.queued.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_muted_account_gets_nothing() {
    let mut s = setup(None, policy(true, true), vec![install(1)]);
    s.settings = MockNotificationSettingsRepository::new();
    s.settings
        .expect_find()
        .returning(|_| Ok(Some(muted(true))));
    let report = service(s.settings, s.tx)
        .send(&principal(1, &[Role::Server]), request(PushKind::Notice))
        .await
        .unwrap();
    assert_eq!(report.skipped[0].reason, SkipReason::Muted);
    assert!(s.queued.lock().unwrap().is_empty());
}

#[tokio::test]
async fn only_server_and_admin_send_and_a_refusal_is_an_event() {
    for roles in [&[Role::User][..], &[Role::Staff, Role::User]] {
        let mut tx = MockStoreTransaction::new();
        tx.expect_lock_account().never();
        tx.expect_enqueue_message().never();
        let mut settings = MockNotificationSettingsRepository::new();
        settings.expect_find().never();
        let caller = principal(1, roles);
        let (result, log) =
            capture(service(settings, tx).send(&caller, request(PushKind::Notice))).await;
        assert!(
            matches!(result, Err(SendPushError::Forbidden)),
            "{result:?}"
        );
        log.only("role_denied");
    }
}

#[tokio::test]
async fn a_missing_or_deleted_account_gets_nothing() {
    for deleted in [None, Some(true)] {
        let mut settings = MockNotificationSettingsRepository::new();
        settings.expect_find().returning(|_| Ok(None));
        let mut tx = MockStoreTransaction::new();
        tx.expect_lock_account().returning(move |id| {
            Ok(deleted.map(|_| {
                let mut gone = account(id.0, "gone@example.com");
                gone.deleted_at = Some(t0());
                gone
            }))
        });
        tx.expect_lock_policy().never();
        tx.expect_enqueue_message().never();
        let result = service(settings, tx)
            .send(&principal(1, &[Role::Server]), request(PushKind::Notice))
            .await;
        match deleted {
            None => assert!(
                matches!(result, Err(SendPushError::AccountNotFound)),
                "{result:?}"
            ),
            Some(_) => assert!(
                matches!(result, Err(SendPushError::AccountDeleted)),
                "{result:?}"
            ),
        }
    }
}

#[tokio::test]
async fn a_store_failure_queues_nothing_and_passes_on() {
    let mut s = setup(None, policy(true, true), vec![install(1)]);
    s.tx = MockStoreTransaction::new();
    s.tx.expect_lock_account()
        .returning(|id| Ok(Some(account(id.0, "user@example.com"))));
    s.tx.expect_lock_policy()
        .returning(|_, _| Ok(Some(policy(true, true))));
    s.tx.expect_active_push_tokens()
        .returning(|_, _| Err(UnexpectedError::new("db down")));
    s.tx.expect_enqueue_message().never();
    let result = service(s.settings, s.tx)
        .send(&principal(1, &[Role::Server]), request(PushKind::Notice))
        .await;
    assert!(
        matches!(result, Err(SendPushError::Unexpected(_))),
        "{result:?}"
    );
}
