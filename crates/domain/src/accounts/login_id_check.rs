//! Whether a login id is free (SG-Finder's `checkDup`): an answer that tells who has an
//! account, so it is throttled per client IP.

use chrono::{DateTime, Utc};

use super::service::AccountService;
use crate::UnexpectedError;
use crate::auth::ClientInfo;
use crate::throttle::{Budget, reserve};
use crate::values::LoginId;

#[derive(Debug, thiserror::Error)]
pub enum LoginIdCheckError {
    #[error("too many login id checks")]
    Throttled { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

impl AccountService {
    /// True when a live account holds `login_id` (case-insensitively). Every check counts
    /// against the client IP's budget before the store is asked.
    pub async fn login_id_taken(
        &self,
        login_id: &LoginId,
        client: &ClientInfo,
    ) -> Result<bool, LoginIdCheckError> {
        let now = self.clock.now();
        let budget = Budget::per_ip(
            "login-id-check:ip",
            client.ip.as_deref(),
            self.registration.login_id_checks_per_ip,
        );
        if let Some(retry_at) = reserve(&*self.throttle, budget.as_slice(), now).await? {
            return Err(LoginIdCheckError::Throttled { retry_at });
        }
        Ok(self.accounts.find_by_login_id(login_id).await?.is_some())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::accounts::{MockAccountRepository, RegistrationSettings};
    use crate::auth::MockPasswordHasher;
    use crate::testing::{account, clock_at, t0};
    use crate::throttle::{InMemoryThrottle, ThrottleKey};

    const IP_COUNTER: &str = "login-id-check:ip:10.0.0.3";

    fn service(
        accounts: MockAccountRepository,
        throttle: &Arc<InMemoryThrottle>,
    ) -> AccountService {
        AccountService::new(
            Arc::new(accounts),
            Arc::new(MockPasswordHasher::new()),
            throttle.clone(),
            Arc::new(crate::testing::public_ids()),
            Arc::new(clock_at(t0())),
            RegistrationSettings::default(),
        )
    }

    fn client() -> ClientInfo {
        ClientInfo {
            ip: Some("10.0.0.3".into()),
            user_agent: None,
        }
    }

    #[tokio::test]
    async fn answers_whether_a_live_account_holds_the_id_counting_each_check() {
        let mut accounts = MockAccountRepository::new();
        accounts
            .expect_find_by_login_id()
            .returning(|id| Ok((id.normalized() == "taken").then(|| account(1, "a@example.com"))));
        let throttle = Arc::new(InMemoryThrottle::new());
        let service = service(accounts, &throttle);
        let taken = LoginId::parse("TAKEN").unwrap();
        let free = LoginId::parse("free1").unwrap();
        assert!(service.login_id_taken(&taken, &client()).await.unwrap());
        assert!(!service.login_id_taken(&free, &client()).await.unwrap());
        assert_eq!(throttle.count(IP_COUNTER), 2);
        assert_eq!(throttle.names(), vec![IP_COUNTER.to_owned()]);
    }

    #[tokio::test]
    async fn a_spent_budget_answers_nothing() {
        let mut accounts = MockAccountRepository::new();
        accounts.expect_find_by_login_id().never();
        let throttle = Arc::new(InMemoryThrottle::new());
        let until = t0() + chrono::Duration::seconds(30);
        throttle.block(&ThrottleKey::per_ip("login-id-check:ip", "10.0.0.3"), until);
        let refused = service(accounts, &throttle)
            .login_id_taken(&LoginId::parse("taken").unwrap(), &client())
            .await;
        assert!(matches!(
            refused,
            Err(LoginIdCheckError::Throttled { retry_at }) if retry_at == until
        ));
    }
}
