use std::fmt;

/// What went wrong, one variant per stable error id.
///
/// Matches on it are exhaustive on purpose: a new kind does not compile until every seed that
/// words errors per kind (the Lux renderer's `detail`) has said how it words this one. The id
/// ([`ApiErrorKind::id`]) is sent in the `error` key of the account-management shape on routes
/// no seed covers, so it never changes once given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiErrorKind {
    // The request itself.
    InvalidRequest,
    InvalidFields,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotFound,
    MethodNotAllowed,
    // Authentication (every authenticated route).
    Unauthorized,
    InvalidToken,
    TokenExpired,
    SessionEnded,
    AccountNotFound,
    AccountDeleted,
    // Throttling and verification codes.
    TooManyRequests,
    CodeCooldown,
    InvalidCode,
    CodeExpired,
    CodeAttemptsExhausted,
    // Accounts, log-in and sessions.
    EmailTaken,
    LoginIdTaken,
    InvalidCredentials,
    InvalidPassword,
    InvalidCurrentPassword,
    InvalidGrant,
    UnsupportedGrantType,
    SessionNotFound,
    /// A game nickname another player holds (SG-Finder).
    NicknameTaken,
    // The Lux user API's use cases.
    AccountPreviouslyDeleted,
    UserNotFound,
    PushNotAgreed,
    InvalidPushToken,
    InvalidSerialCode,
    NotAuthorizedUser,
    DeviceNotFound,
    DeviceAlreadyConnected,
    RealUserNotFound,
    RealUserDeleteFailed,
    PhoneTaken,
    // Administration.
    Forbidden,
    BatchTooLarge,
    LastAdmin,
    OwnAccount,
    AccountNotDeleted,
    RetentionOver,
    IdentifierTaken,
    /// No dead outbox message has the id an operator gave.
    DeadMessageNotFound,
    // The service itself.
    StoreUnavailable,
    InternalError,
}

impl ApiErrorKind {
    /// The stable snake_case id, as sent on the wire: `email_taken`, `invalid_credentials`, ...
    pub fn id(&self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidFields => "invalid_fields",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Unauthorized => "unauthorized",
            Self::InvalidToken => "invalid_token",
            Self::TokenExpired => "token_expired",
            Self::SessionEnded => "session_ended",
            Self::AccountNotFound => "account_not_found",
            Self::AccountDeleted => "account_deleted",
            Self::TooManyRequests => "too_many_requests",
            Self::CodeCooldown => "code_cooldown",
            Self::InvalidCode => "invalid_code",
            Self::CodeExpired => "code_expired",
            Self::CodeAttemptsExhausted => "code_attempts_exhausted",
            Self::EmailTaken => "email_taken",
            Self::LoginIdTaken => "login_id_taken",
            Self::InvalidCredentials => "invalid_credentials",
            Self::InvalidPassword => "invalid_password",
            Self::InvalidCurrentPassword => "invalid_current_password",
            Self::InvalidGrant => "invalid_grant",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::SessionNotFound => "session_not_found",
            Self::NicknameTaken => "nickname_taken",
            Self::AccountPreviouslyDeleted => "account_previously_deleted",
            Self::UserNotFound => "user_not_found",
            Self::PushNotAgreed => "push_not_agreed",
            Self::InvalidPushToken => "invalid_push_token",
            Self::InvalidSerialCode => "invalid_serial_code",
            Self::NotAuthorizedUser => "not_authorized_user",
            Self::DeviceNotFound => "device_not_found",
            Self::DeviceAlreadyConnected => "device_already_connected",
            Self::RealUserNotFound => "real_user_not_found",
            Self::RealUserDeleteFailed => "real_user_delete_failed",
            Self::PhoneTaken => "phone_taken",
            Self::Forbidden => "forbidden",
            Self::BatchTooLarge => "batch_too_large",
            Self::LastAdmin => "last_admin",
            Self::OwnAccount => "own_account",
            Self::AccountNotDeleted => "account_not_deleted",
            Self::RetentionOver => "retention_over",
            Self::IdentifierTaken => "identifier_taken",
            Self::DeadMessageNotFound => "dead_message_not_found",
            Self::StoreUnavailable => "store_unavailable",
            Self::InternalError => "internal_error",
        }
    }
}

impl fmt::Display for ApiErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::ApiErrorKind::*;
    use super::*;

    const ALL: [ApiErrorKind; 47] = [
        InvalidRequest,
        InvalidFields,
        PayloadTooLarge,
        UnsupportedMediaType,
        NotFound,
        MethodNotAllowed,
        Unauthorized,
        InvalidToken,
        TokenExpired,
        SessionEnded,
        AccountNotFound,
        AccountDeleted,
        TooManyRequests,
        CodeCooldown,
        InvalidCode,
        CodeExpired,
        CodeAttemptsExhausted,
        EmailTaken,
        LoginIdTaken,
        InvalidCredentials,
        InvalidPassword,
        InvalidCurrentPassword,
        InvalidGrant,
        UnsupportedGrantType,
        SessionNotFound,
        NicknameTaken,
        AccountPreviouslyDeleted,
        UserNotFound,
        PushNotAgreed,
        InvalidPushToken,
        InvalidSerialCode,
        NotAuthorizedUser,
        DeviceNotFound,
        DeviceAlreadyConnected,
        RealUserNotFound,
        RealUserDeleteFailed,
        PhoneTaken,
        Forbidden,
        BatchTooLarge,
        LastAdmin,
        OwnAccount,
        AccountNotDeleted,
        RetentionOver,
        IdentifierTaken,
        DeadMessageNotFound,
        StoreUnavailable,
        InternalError,
    ];

    #[test]
    fn ids_are_distinct_snake_case() {
        let ids: HashSet<_> = ALL.iter().map(ApiErrorKind::id).collect();
        assert_eq!(ids.len(), ALL.len());
        for id in ids {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{id}"
            );
        }
    }

    #[test]
    fn displays_as_its_id() {
        assert_eq!(EmailTaken.to_string(), "email_taken");
        assert_eq!(InvalidRequest.id(), "invalid_request");
        assert_ne!(InvalidGrant.id(), "invalid_request");
    }
}
