//! Mocked ports behind real use-case services, and the expectations most tests share.

use std::sync::Arc;

use account_domain::accounts::{
    AccountEditor, AccountService, MockAccountProfileRepository, MockAccountRepository,
    RegistrationSettings, RootUserService,
};
use account_domain::admin::{AdminService, MockAccountDirectory, RetentionPolicy};
use account_domain::audit::{AuditService, MockAuditLog};
use account_domain::auth::mock_rotation::expect_rotation;
use account_domain::auth::{
    AuthPorts, AuthService, AuthSettings, MockPasswordHasher, MockSessionRepository,
    MockSessionTokenRepository, MockTokenIssuer, MockTokenVerifier, RotateOutcome,
};
use account_domain::children::{ChildService, ClaimSettings, MockChildRepository};
use account_domain::devices::{DeviceService, MockDeviceRepository};
use account_domain::email_codes::{EmailCodePorts, EmailCodeService, EmailCodeSettings};
use account_domain::identities::MockLinkedIdentityRepository;
use account_domain::notifications::{MockNotificationSettingsRepository, NotificationService};
use account_domain::outbox::{MockOutboxRepository, OutboxOperations};
use account_domain::players::{MockPlayerRepository, PlayerService};
use account_domain::policies::{MockPolicyRepository, PolicyService};
use account_domain::profile_images::{
    ImageSettings, MockProfileImageKeyRepository, MockProfileImageStore, ProfileImagePorts,
    ProfileImageService,
};
use account_domain::push::{MockPushTokenRepository, PushSendService, PushService};
use account_domain::recovery::{PasswordResetService, ResetPorts, ResetSettings};
use account_domain::secrets::{MockSecretDigester, MockSecretGenerator};
use account_domain::sign_in::{
    MockBrowserSessionRepository, MockPendingAuthorizationRepository, SignInPorts, SignInService,
    SignInSettings,
};
use account_domain::store::{MockStoreHealth, MockStoreTransaction, MockedUnitOfWork};
use account_domain::throttle::InMemoryThrottle;
use account_domain::verification::mock_check::{ExpectedCheck, expect_check};
use account_domain::verification::{
    AttemptOutcome, CodeEffect, CodePurpose, MockVerificationCodeRepository, VerificationPorts,
    VerificationService, VerificationSettings,
};
use account_http::AppState;

use super::fixtures::{self, ACCESS_TOKEN, ACCOUNT_ID, FixedClock, SESSION_ID};

#[derive(Default)]
pub struct Mocks {
    pub accounts: MockAccountRepository,
    pub sessions: MockSessionRepository,
    pub session_tokens: MockSessionTokenRepository,
    /// Throttle counters in memory, none stored: nothing is throttled until a test stores a
    /// counter (`block`), and a test keeps a clone to read what the request counted.
    pub throttle: Arc<InMemoryThrottle>,
    pub hasher: MockPasswordHasher,
    pub tokens: MockTokenIssuer,
    pub verifier: MockTokenVerifier,
    pub secrets: MockSecretGenerator,
    pub digester: MockSecretDigester,
    pub codes: MockVerificationCodeRepository,
    pub health: MockStoreHealth,
    pub profiles: MockAccountProfileRepository,
    pub children: MockChildRepository,
    pub devices: MockDeviceRepository,
    pub policies: MockPolicyRepository,
    pub notifications: MockNotificationSettingsRepository,
    pub push_tokens: MockPushTokenRepository,
    pub players: MockPlayerRepository,
    /// Which outside identities accounts proved (the service user account's `Sns`).
    pub identities: MockLinkedIdentityRepository,
    /// The transaction of the units of work a request runs (withdrawal, consent changes).
    pub tx: MockStoreTransaction,
    pub directory: MockAccountDirectory,
    pub audit: MockAuditLog,
    /// What operators read and re-queue (`/admin/outbox`).
    pub outbox: MockOutboxRepository,
    /// The test sets `tx.expect_lock_account` itself: the default (account 1 for any id) is
    /// left out, since a later expectation would win over the test's.
    pub tx_locks_own_accounts: bool,
    /// What `/metrics` renders (none: the route answers 404).
    pub metrics: Option<Arc<dyn account_http::metrics::MetricsExposition>>,
}

impl Mocks {
    pub fn new() -> Self {
        Self::default()
    }

    /// `Bearer access-token` authenticates account 1 in session 10.
    pub fn authenticated(mut self) -> Self {
        self.verifier
            .expect_verify()
            .withf(|token, _| token == ACCESS_TOKEN)
            .returning(|_, _| Ok(fixtures::claims()));
        self.sessions
            .expect_find_with_account()
            .withf(|id| *id == SESSION_ID)
            .returning(|id| Ok(Some((fixtures::session(id), fixtures::account()))));
        self.accounts
            .expect_find_by_id()
            .withf(|id| *id == ACCOUNT_ID)
            .returning(|_| Ok(Some(fixtures::account())));
        self
    }

    /// Secrets are predictable: digests prefix `digest:`, tokens are `refresh-1`, codes `123456`.
    pub fn predictable_secrets(mut self) -> Self {
        self.digester
            .expect_digest()
            .returning(|secret| format!("digest:{secret}"));
        self.secrets
            .expect_random_token()
            .returning(|| "refresh-1".into());
        self.digester
            .expect_successor_token()
            .returning(|token| format!("{token}-next"));
        self.secrets
            .expect_numeric_code()
            .returning(|_| "123456".into());
        self.secrets
            .expect_text_code()
            .returning(|_| "0A1B2C3D4E".into());
        self
    }

    /// Opening a session stores it as session 10 and signs `access-token`.
    pub fn opens_sessions(mut self) -> Self {
        self.sessions
            .expect_create()
            .returning(|_, _| Ok(fixtures::session(SESSION_ID)));
        self.tokens
            .expect_issue()
            .returning(|_| Ok(ACCESS_TOKEN.into()));
        self
    }

    /// The store holds the refresh token with digest `presented`, of session 10, in a state
    /// whose rotation ends with `outcome`; a rotation stores the successor `<presented>-next`.
    pub fn refresh_token_found(&mut self, presented: &'static str, outcome: RotateOutcome) {
        let session = fixtures::session(SESSION_ID);
        let successor = format!("{presented}-next");
        expect_rotation(
            &mut self.tx,
            presented,
            session,
            &successor,
            fixtures::now(),
            outcome,
        );
    }

    /// The code store holds, for (`purpose`, `target`), a code of account 1 whose check of
    /// `123456` ends with `outcome`; a right code is expected to apply `effect`.
    /// The attempt is reserved against the client IP before (`code-check:ip:<peer>`), and
    /// given back unless the code was wrong: see [`super::fixtures::code_checks`].
    pub fn code_presented(
        &mut self,
        purpose: CodePurpose,
        target: String,
        effect: CodeEffect,
        outcome: AttemptOutcome,
    ) {
        let account = match &outcome {
            AttemptOutcome::Accepted {
                account_id: Some(owner),
            } => *owner,
            _ => ACCOUNT_ID,
        };
        let check = ExpectedCheck {
            purpose,
            target,
            presented_digest: "digest:123456".into(),
            account,
            effect,
            now: fixtures::now(),
        };
        expect_check(&mut self.tx, check, outcome);
    }

    pub fn into_state(self) -> AppState {
        let accounts = Arc::new(self.accounts);
        let throttle = self.throttle;
        let mut secrets = self.secrets;
        // Every new account draws a public id.
        secrets
            .expect_random_hex()
            .returning(|_| fixtures::PUBLIC_ID.into());
        let secrets = Arc::new(secrets);
        let image_secrets = secrets.clone();
        let digester = Arc::new(self.digester);
        let hasher = Arc::new(self.hasher);
        let clock = Arc::new(FixedClock);
        let policies = Arc::new(self.policies);
        let notifications = Arc::new(self.notifications);
        let codes = Arc::new(self.codes);
        let mut tx = self.tx;
        // Units of work that announce a change (withdrawal) read the account and queue a notice.
        if !self.tx_locks_own_accounts {
            tx.expect_lock_account()
                .returning(|_| Ok(Some(fixtures::account())));
        }
        tx.expect_enqueue_message().returning(|_, _| Ok(()));
        let unit_of_work = Arc::new(MockedUnitOfWork::new(tx));
        let auth_ports = AuthPorts {
            accounts: accounts.clone(),
            sessions: Arc::new(self.sessions),
            session_tokens: Arc::new(self.session_tokens),
            throttle: throttle.clone(),
            hasher: hasher.clone(),
            tokens: Arc::new(self.tokens),
            verifier: Arc::new(self.verifier),
            secrets: secrets.clone(),
            digester: digester.clone(),
            unit_of_work: unit_of_work.clone(),
            clock: clock.clone(),
        };
        let sign_in = Arc::new(SignInService::new(
            SignInPorts {
                providers: Vec::new(),
                pending: Arc::new(MockPendingAuthorizationRepository::new()),
                identities: Arc::new(MockLinkedIdentityRepository::new()),
                accounts: accounts.clone(),
                browser_sessions: Arc::new(MockBrowserSessionRepository::new()),
                throttle: throttle.clone(),
                secrets: secrets.clone(),
                digester: digester.clone(),
                clock: clock.clone(),
            },
            SignInSettings::default(),
        ));
        let password_reset = Arc::new(PasswordResetService::new(
            ResetPorts {
                accounts: accounts.clone(),
                codes: codes.clone(),
                throttle: throttle.clone(),
                hasher: hasher.clone(),
                secrets: secrets.clone(),
                digester: digester.clone(),
                unit_of_work: unit_of_work.clone(),
                clock: clock.clone(),
            },
            ResetSettings::default(),
        ));
        let email_codes = Arc::new(EmailCodeService::new(
            EmailCodePorts {
                accounts: accounts.clone(),
                codes: codes.clone(),
                identities: Arc::new(self.identities),
                throttle: throttle.clone(),
                hasher: hasher.clone(),
                secrets: secrets.clone(),
                digester: digester.clone(),
                unit_of_work: unit_of_work.clone(),
                clock: clock.clone(),
            },
            EmailCodeSettings::default(),
        ));
        let verification = Arc::new(VerificationService::new(
            VerificationPorts {
                accounts: accounts.clone(),
                codes,
                throttle: throttle.clone(),
                secrets: secrets.clone(),
                digester,
                unit_of_work: unit_of_work.clone(),
                clock: clock.clone(),
            },
            VerificationSettings::default(),
        ));
        let account_editor = Arc::new(AccountEditor::new(
            accounts.clone(),
            hasher.clone(),
            unit_of_work.clone(),
            verification.clone(),
            clock.clone(),
        ));
        AppState {
            accounts: Arc::new(AccountService::new(
                accounts.clone(),
                hasher,
                throttle.clone(),
                secrets,
                clock.clone(),
                RegistrationSettings::default(),
            )),
            auth: Arc::new(AuthService::new(auth_ports, AuthSettings::default())),
            verification,
            password_reset,
            email_codes,
            account_editor,
            root_users: Arc::new(RootUserService::new(
                accounts.clone(),
                Arc::new(self.profiles),
                notifications.clone(),
                clock.clone(),
                unit_of_work.clone(),
            )),
            children: Arc::new(ChildService::new(
                Arc::new(self.children),
                unit_of_work.clone(),
                throttle.clone(),
                clock.clone(),
                ClaimSettings::default(),
            )),
            devices: Arc::new(DeviceService::new(Arc::new(self.devices), clock.clone())),
            policies: Arc::new(PolicyService::new(
                policies.clone(),
                unit_of_work.clone(),
                clock.clone(),
            )),
            notifications: Arc::new(NotificationService::new(
                notifications.clone(),
                clock.clone(),
            )),
            push: Arc::new(PushService::new(
                Arc::new(self.push_tokens),
                policies,
                clock.clone(),
            )),
            push_sends: Arc::new(PushSendService::new(
                notifications.clone(),
                unit_of_work.clone(),
                clock.clone(),
            )),
            outbox: Arc::new(OutboxOperations::new(Arc::new(self.outbox), clock.clone())),
            sign_in,
            profile_images: Arc::new(ProfileImageService::new(
                ProfileImagePorts {
                    store: Arc::new(MockProfileImageStore::new()),
                    self_hosted: None,
                    keys: Arc::new(MockProfileImageKeyRepository::new()),
                    accounts: accounts.clone(),
                    secrets: image_secrets,
                    clock: clock.clone(),
                },
                ImageSettings::default(),
            )),
            admin: Arc::new(AdminService::new(
                Arc::new(self.directory),
                accounts.clone(),
                unit_of_work.clone(),
                clock.clone(),
                RetentionPolicy::default(),
            )),
            audit: Arc::new(AuditService::new(Arc::new(self.audit))),
            players: Arc::new(PlayerService::new(Arc::new(self.players), clock.clone())),
            health: Arc::new(self.health),
            metrics: self.metrics,
            clock,
        }
    }
}
