//! No code is stored in clear: the secret parameters of an outbox message are sealed by every
//! path that queues one, and what the store wrote (the raw rows; for SQLite the database file
//! and its WAL) never holds the code's digits.

use account_domain::UnexpectedError;
use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::outbox::{OutgoingMessage, QueuedMessage};
use account_domain::store::{Repositories, transact};
use account_domain::verification::CodePurpose;
use chrono::Duration;
use diesel::QueryableByName;
use diesel::sql_types::{Binary, Nullable, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::fixtures::{new_code, secs, t0};
use crate::RawStore;

/// Codes no timestamp, id or digest of the suite contains by chance.
const CODES: [&str; 3] = ["739164", "826351", "594782"];

fn code_message(to: &str, code: &str) -> OutgoingMessage {
    OutgoingMessage::email(
        to,
        TemplateId::VerificationCode,
        Locale::Ko,
        MessageParams::new()
            .secret("code", code)
            .plain("minutes", "10"),
    )
}

pub async fn queued_codes_are_sealed_at_rest(repos: &Repositories, raw: &RawStore) {
    let issued = new_code(
        CodePurpose::EmailVerification,
        "sealed@example.com",
        None,
        "digest-a",
        t0(),
    );
    repos
        .codes
        .issue(
            &issued,
            Duration::seconds(60),
            QueuedMessage::send(code_message("sealed@example.com", CODES[0])),
        )
        .await
        .expect("issue");
    repos
        .outbox
        .enqueue(&code_message("alone@example.com", CODES[1]), t0() + secs(1))
        .await
        .expect("enqueue");
    let in_unit_of_work = code_message("unit@example.com", CODES[2]);
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { tx.enqueue_message(&in_unit_of_work, t0() + secs(2)).await })
    })
    .await
    .expect("unit of work");

    // Read back through the adapter, every code is there: sealed, not lost.
    let pending = repos.outbox.pending().await.expect("pending");
    let codes: Vec<&str> = pending
        .iter()
        .filter_map(|m| m.message.params().secret.get("code").map(String::as_str))
        .collect();
    assert_eq!(codes, CODES);

    let stored = raw_bytes(raw).await;
    for code in CODES {
        assert!(
            !contains(&stored, code.as_bytes()),
            "{code} is stored in clear"
        );
    }
    assert!(
        contains(&stored, b"sealed@example.com"),
        "the scan reads what was stored"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[derive(QueryableByName)]
struct RawRow {
    #[diesel(sql_type = Text)]
    text: String,
    #[diesel(sql_type = Nullable<Binary>)]
    sealed: Option<Vec<u8>>,
}

/// Everything the store wrote: on PostgreSQL every outbox row's columns (text as stored, the
/// sealed part as its bytes); on SQLite the bytes of the database file and of its WAL.
async fn raw_bytes(raw: &RawStore) -> Vec<u8> {
    match raw {
        RawStore::Sqlite { file } => {
            let mut bytes = Vec::new();
            for suffix in ["", "-wal"] {
                let path = format!("{}{suffix}", file.display());
                bytes.extend(std::fs::read(&path).unwrap_or_default());
            }
            assert!(!bytes.is_empty(), "no database file at {}", file.display());
            bytes
        }
        RawStore::Postgres { url } => {
            let mut conn = AsyncPgConnection::establish(url).await.expect("connect");
            let rows: Vec<RawRow> = diesel::sql_query(
                "SELECT concat_ws('|', id, channel, recipient, template, locale, sms_kind, \
                 params, last_error) AS text, secret_params AS sealed FROM outbox",
            )
            .load(&mut conn)
            .await
            .expect("raw outbox rows");
            let mut bytes = Vec::new();
            for row in rows {
                bytes.extend(row.text.into_bytes());
                bytes.extend(row.sealed.unwrap_or_default());
            }
            bytes
        }
    }
}
