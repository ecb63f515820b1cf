//! An account named by its login id (SG-Finder's `/user/{userId}`): for its owner, or ADMIN
//! and STAFF. Anyone else is refused before anything is read, so that whether a login id
//! exists is not told to them (`checkDup` tells it, throttled).

use super::administration::{AdministrationError, authorize};
use super::model::Account;
use super::root_user::RootUserService;
use crate::auth::Principal;
use crate::values::LoginId;

impl RootUserService {
    /// The live account holding `login_id`, for its owner (as authentication loaded it) or for
    /// ADMIN and STAFF.
    pub async fn account_by_login_id(
        &self,
        caller: &Principal,
        login_id: &LoginId,
    ) -> Result<Account, AdministrationError> {
        let own = caller
            .account
            .login_id
            .as_ref()
            .is_some_and(|id| id.normalized() == login_id.normalized());
        if own {
            return Ok(caller.account.clone());
        }
        if !caller.roles.is_staff() {
            // Refused (and recorded) as acting on another account, whichever it is.
            authorize(caller, crate::accounts::AccountId(0))?;
        }
        self.accounts
            .find_by_login_id(login_id)
            .await?
            .ok_or(AdministrationError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::accounts::{AccountId, MockAccountProfileRepository, MockAccountRepository};
    use crate::notifications::MockNotificationSettingsRepository;
    use crate::store::{MockStoreTransaction, MockedUnitOfWork};
    use crate::testing::{account, clock_at, principal, t0};
    use crate::values::Role;

    fn service(accounts: MockAccountRepository) -> RootUserService {
        RootUserService::new(
            Arc::new(accounts),
            Arc::new(MockAccountProfileRepository::new()),
            Arc::new(MockNotificationSettingsRepository::new()),
            Arc::new(clock_at(t0())),
            Arc::new(MockedUnitOfWork::new(MockStoreTransaction::new())),
        )
    }

    fn caller(roles: &[Role]) -> Principal {
        let mut caller = principal(1, roles);
        caller.account.login_id = Some(LoginId::parse("gksxodnd").unwrap());
        caller
    }

    #[tokio::test]
    async fn the_owner_gets_the_loaded_account_without_a_read() {
        let mut accounts = MockAccountRepository::new();
        accounts.expect_find_by_login_id().never();
        let found = service(accounts)
            .account_by_login_id(&caller(&[]), &LoginId::parse("GKSXODND").unwrap())
            .await
            .unwrap();
        assert_eq!(found.id, AccountId(1));
    }

    #[tokio::test]
    async fn another_users_id_is_refused_before_any_read() {
        let mut accounts = MockAccountRepository::new();
        accounts.expect_find_by_login_id().never();
        let refused = service(accounts)
            .account_by_login_id(&caller(&[]), &LoginId::parse("someone").unwrap())
            .await;
        assert!(matches!(refused, Err(AdministrationError::Forbidden)));
    }

    #[tokio::test]
    async fn staff_find_anyone_live_or_learn_there_is_none() {
        let mut accounts = MockAccountRepository::new();
        accounts
            .expect_find_by_login_id()
            .returning(|id| Ok((id.as_str() == "someone").then(|| account(9, "s@example.com"))));
        let service = service(accounts);
        let staff = caller(&[Role::Staff]);
        let found = service
            .account_by_login_id(&staff, &LoginId::parse("someone").unwrap())
            .await
            .unwrap();
        assert_eq!(found.id, AccountId(9));
        let missing = service
            .account_by_login_id(&staff, &LoginId::parse("nobody").unwrap())
            .await;
        assert!(matches!(missing, Err(AdministrationError::NotFound)));
    }
}
