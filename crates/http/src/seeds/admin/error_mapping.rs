//! Errors of the administration use cases (no seed covers them: account-management shape).

use account_domain::admin::{AccountAdminError, BanError, RestoreError, SetAccountRolesError};
use account_domain::audit::ReadAuditError;
use account_domain::devices::ProvisionError;
use account_domain::outbox::{OutboxOverviewError, RequeueError};
use account_domain::policies::ConsentHistoryError;
use account_domain::push::SendPushError;
use actix_web::http::StatusCode;

use crate::errors::{ApiError, ApiErrorKind};

const BAD_REQUEST: StatusCode = StatusCode::BAD_REQUEST;
const CONFLICT: StatusCode = StatusCode::CONFLICT;

impl From<AccountAdminError> for ApiError {
    fn from(error: AccountAdminError) -> Self {
        match error {
            AccountAdminError::Forbidden => forbidden(),
            AccountAdminError::NotFound => account_not_found(),
            AccountAdminError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SetAccountRolesError> for ApiError {
    fn from(error: SetAccountRolesError) -> Self {
        match error {
            SetAccountRolesError::Forbidden => forbidden(),
            SetAccountRolesError::NotFound => account_not_found(),
            SetAccountRolesError::Deleted => account_deleted(),
            SetAccountRolesError::MissingUserRole => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::InvalidFields,
                "Roles must include USER",
            )
            .with_invalid_fields(["roles"]),
            SetAccountRolesError::LastAdmin => last_admin(),
            SetAccountRolesError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<BanError> for ApiError {
    fn from(error: BanError) -> Self {
        match error {
            BanError::Forbidden => forbidden(),
            BanError::NotFound => account_not_found(),
            BanError::Deleted => account_deleted(),
            BanError::OwnAccount => ApiError::new(
                CONFLICT,
                ApiErrorKind::OwnAccount,
                "An ADMIN cannot ban their own account",
            ),
            BanError::LastAdmin => last_admin(),
            BanError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<RestoreError> for ApiError {
    fn from(error: RestoreError) -> Self {
        match error {
            RestoreError::Forbidden => forbidden(),
            RestoreError::NotFound => account_not_found(),
            RestoreError::NotDeleted => ApiError::new(
                CONFLICT,
                ApiErrorKind::AccountNotDeleted,
                "Account is not deleted",
            ),
            RestoreError::RetentionOver => ApiError::new(
                StatusCode::GONE,
                ApiErrorKind::RetentionOver,
                "The retention period is over: the account cannot be restored",
            ),
            RestoreError::IdentifierTaken => ApiError::new(
                CONFLICT,
                ApiErrorKind::IdentifierTaken,
                "Another account holds its email, login id, nickname or phone now",
            ),
            RestoreError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ReadAuditError> for ApiError {
    fn from(error: ReadAuditError) -> Self {
        match error {
            ReadAuditError::Forbidden => forbidden(),
            ReadAuditError::Unexpected(cause) => cause.into(),
        }
    }
}

fn account_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        ApiErrorKind::AccountNotFound,
        "Account not found",
    )
}

fn account_deleted() -> ApiError {
    ApiError::new(CONFLICT, ApiErrorKind::AccountDeleted, "Account is deleted")
}

fn last_admin() -> ApiError {
    ApiError::new(
        CONFLICT,
        ApiErrorKind::LastAdmin,
        "The last ADMIN keeps ADMIN: promote another account first",
    )
}

impl From<ConsentHistoryError> for ApiError {
    fn from(error: ConsentHistoryError) -> Self {
        match error {
            ConsentHistoryError::Forbidden => forbidden(),
            ConsentHistoryError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<ProvisionError> for ApiError {
    fn from(error: ProvisionError) -> Self {
        match error {
            ProvisionError::Forbidden => forbidden(),
            ProvisionError::BatchTooLarge { max } => ApiError::new(
                BAD_REQUEST,
                ApiErrorKind::BatchTooLarge,
                format!("At most {max} devices per batch"),
            ),
            ProvisionError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<OutboxOverviewError> for ApiError {
    fn from(error: OutboxOverviewError) -> Self {
        match error {
            OutboxOverviewError::Forbidden => forbidden(),
            OutboxOverviewError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<RequeueError> for ApiError {
    fn from(error: RequeueError) -> Self {
        match error {
            RequeueError::Forbidden => forbidden(),
            RequeueError::NotDead => ApiError::new(
                StatusCode::NOT_FOUND,
                ApiErrorKind::DeadMessageNotFound,
                "No dead outbox message has this id",
            ),
            RequeueError::Unexpected(cause) => cause.into(),
        }
    }
}

impl From<SendPushError> for ApiError {
    fn from(error: SendPushError) -> Self {
        match error {
            SendPushError::Forbidden => forbidden(),
            SendPushError::AccountNotFound => account_not_found(),
            SendPushError::AccountDeleted => account_deleted(),
            SendPushError::Unexpected(cause) => cause.into(),
        }
    }
}

/// The caller is authenticated but its roles do not allow this.
fn forbidden() -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, ApiErrorKind::Forbidden, "Forbidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(error: ApiError) -> (u16, &'static str) {
        (error.status.as_u16(), error.kind.id())
    }

    #[test]
    fn administration_refusals_have_their_own_ids() {
        let cases: [(ApiError, (u16, &str)); 14] = [
            (AccountAdminError::Forbidden.into(), (403, "forbidden")),
            (
                AccountAdminError::NotFound.into(),
                (404, "account_not_found"),
            ),
            (
                SetAccountRolesError::Deleted.into(),
                (409, "account_deleted"),
            ),
            (
                SetAccountRolesError::MissingUserRole.into(),
                (400, "invalid_fields"),
            ),
            (SetAccountRolesError::LastAdmin.into(), (409, "last_admin")),
            (BanError::Forbidden.into(), (403, "forbidden")),
            (BanError::NotFound.into(), (404, "account_not_found")),
            (BanError::OwnAccount.into(), (409, "own_account")),
            (BanError::LastAdmin.into(), (409, "last_admin")),
            (
                RestoreError::NotDeleted.into(),
                (409, "account_not_deleted"),
            ),
            (RestoreError::RetentionOver.into(), (410, "retention_over")),
            (
                RestoreError::IdentifierTaken.into(),
                (409, "identifier_taken"),
            ),
            (RestoreError::Forbidden.into(), (403, "forbidden")),
            (ReadAuditError::Forbidden.into(), (403, "forbidden")),
        ];
        for (error, expected) in cases {
            assert_eq!(summary(error), expected);
        }
    }

    #[test]
    fn outbox_and_push_refusals_have_their_ids() {
        let cases: [(ApiError, (u16, &str)); 6] = [
            (OutboxOverviewError::Forbidden.into(), (403, "forbidden")),
            (RequeueError::Forbidden.into(), (403, "forbidden")),
            (
                RequeueError::NotDead.into(),
                (404, "dead_message_not_found"),
            ),
            (SendPushError::Forbidden.into(), (403, "forbidden")),
            (
                SendPushError::AccountNotFound.into(),
                (404, "account_not_found"),
            ),
            (
                SendPushError::AccountDeleted.into(),
                (409, "account_deleted"),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(summary(error), expected);
        }
    }

    #[test]
    fn other_roles_are_403_and_big_batches_400() {
        let error: ApiError = ProvisionError::Forbidden.into();
        assert_eq!((error.status.as_u16(), error.kind.id()), (403, "forbidden"));
        let error: ApiError = ConsentHistoryError::Forbidden.into();
        assert_eq!((error.status.as_u16(), error.kind.id()), (403, "forbidden"));
        let error: ApiError = ProvisionError::BatchTooLarge { max: 1000 }.into();
        assert_eq!(
            (
                error.status.as_u16(),
                error.kind.id(),
                error.message.as_ref()
            ),
            (400, "batch_too_large", "At most 1000 devices per batch")
        );
    }
}
