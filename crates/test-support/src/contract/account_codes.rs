//! Codes that stand alone (the service user account document's `?Token=`), as the domain runs
//! them over the store's operations: a code found by its digest with its address, spent once;
//! the account of that address created verified with its public id and nickname, all or
//! nothing; a nickname held by one live account only.

use account_domain::UnexpectedError;
use account_domain::accounts::{AccountId, CreateAccountError, PublicAccountId};
use account_domain::delivery::{Locale, MessageParams, TemplateId};
use account_domain::email_codes::{
    Redemption, SignUpDetails, SignUpWithCodeError, redeem_standalone_code, sign_up_with_code,
};
use account_domain::outbox::{OutgoingMessage, QueuedMessage};
use account_domain::store::{Repositories, transact};
use account_domain::values::{Nickname, Password, PersonName, Phone};
use account_domain::verification::{CodePurpose, IssueOutcome, NewVerificationCode};
use chrono::{DateTime, Duration, Utc};

use super::fixtures::{email, fresh_public_id, new_account, registered, secs, t0};

const ADDRESS: &str = "newcomer@example.com";

async fn issue(repos: &Repositories, target: &str, digest: &str, at: DateTime<Utc>) {
    let code = NewVerificationCode {
        purpose: CodePurpose::AccountAccess,
        target: target.into(),
        account_id: None,
        code_digest: digest.into(),
        created_at: at,
        expires_at: at + Duration::minutes(10),
        attempts: 5,
    };
    let message = OutgoingMessage::email(
        target,
        TemplateId::VerificationCode,
        Locale::Ko,
        MessageParams::new()
            .secret("code", "0A1B2C3D4E")
            .plain("minutes", "10"),
    );
    let issued = repos
        .codes
        .issue(&code, Duration::minutes(10), QueuedMessage::send(message))
        .await
        .expect("issue");
    assert_eq!(issued, IssueOutcome::Issued);
}

async fn redeem(repos: &Repositories, digest: &str, at: DateTime<Utc>) -> Redemption {
    let digest = digest.to_owned();
    transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { redeem_standalone_code(tx, &digest, at).await })
    })
    .await
    .expect("the unit of work runs")
}

fn details(nickname: &str) -> SignUpDetails {
    SignUpDetails {
        password: Password::parse("a long enough passphrase").expect("valid"),
        first_name: PersonName::parse("Mireu").expect("valid"),
        last_name: PersonName::parse("Lim").expect("valid"),
        nickname: Nickname::parse(nickname).expect("valid"),
        phone: Phone::parse("+821012345678").expect("valid"),
    }
}

async fn sign_up(
    repos: &Repositories,
    digest: &str,
    nickname: &str,
    public_id: PublicAccountId,
) -> Result<account_domain::accounts::Account, SignUpWithCodeError> {
    let (digest, details) = (digest.to_owned(), details(nickname));
    transact(&*repos.unit_of_work, move |tx| {
        Box::pin(async move {
            sign_up_with_code(
                tx,
                &digest,
                details,
                "$argon2id$new".into(),
                public_id,
                t0(),
            )
            .await
        })
    })
    .await
}

pub async fn a_code_is_found_by_its_digest_with_its_address_and_spent_once(repos: &Repositories) {
    issue(repos, ADDRESS, "digest-1", t0()).await;
    assert_eq!(
        redeem(repos, "digest-2", t0()).await,
        Redemption::Refused { guessed: true }
    );
    assert_eq!(
        redeem(repos, "digest-1", t0() + secs(30)).await,
        Redemption::Accepted {
            target: ADDRESS.into(),
            account_id: None
        }
    );
    assert_eq!(
        redeem(repos, "digest-1", t0() + secs(31)).await,
        Redemption::Refused { guessed: true }
    );
}

pub async fn an_expired_or_superseded_code_is_refused(repos: &Repositories) {
    issue(repos, ADDRESS, "digest-old", t0()).await;
    assert_eq!(
        redeem(repos, "digest-old", t0() + Duration::minutes(10)).await,
        Redemption::Refused { guessed: false }
    );
    issue(repos, ADDRESS, "digest-new", t0() + Duration::minutes(11)).await;
    assert_eq!(
        redeem(repos, "digest-old", t0() + Duration::minutes(11)).await,
        Redemption::Refused { guessed: true }
    );
}

pub async fn a_code_signs_up_its_address_verified_with_its_public_id_and_nickname(
    repos: &Repositories,
) {
    issue(repos, ADDRESS, "digest-1", t0()).await;
    let public_id = fresh_public_id();
    let created = sign_up(repos, "digest-1", "mireu", public_id.clone())
        .await
        .expect("sign-up");
    assert_eq!(created.public_id, public_id);
    assert!(created.email_verified);
    let stored = repos
        .accounts
        .find_by_email(&email(ADDRESS))
        .await
        .expect("find")
        .expect("created");
    assert_eq!(stored.public_id, public_id);
    assert_eq!(stored.nickname.as_deref(), Some("mireu"));
    assert_eq!(stored.first_name.as_deref(), Some("Mireu"));
    assert_eq!(
        stored.phone.as_ref().map(Phone::as_str),
        Some("+821012345678")
    );
    assert!(stored.email_verified && !stored.is_phone_number_checked);
    let again = sign_up(repos, "digest-1", "other", fresh_public_id()).await;
    assert!(matches!(
        again,
        Err(SignUpWithCodeError::InvalidCode { .. })
    ));
}

pub async fn a_taken_address_or_nickname_rolls_back_and_the_code_still_works(repos: &Repositories) {
    let mut holder = new_account("holder@example.com", None);
    holder.nickname = Some(Nickname::parse("mireu").expect("valid"));
    repos.accounts.create(&holder).await.expect("create");
    registered(repos, "taken@example.com").await;

    issue(repos, ADDRESS, "digest-1", t0()).await;
    let taken = sign_up(repos, "digest-1", "mireu", fresh_public_id()).await;
    assert!(
        matches!(taken, Err(SignUpWithCodeError::Taken)),
        "{taken:?}"
    );
    assert!(
        repos
            .accounts
            .find_by_email(&email(ADDRESS))
            .await
            .expect("find")
            .is_none()
    );

    issue(repos, "taken@example.com", "digest-2", t0()).await;
    let taken = sign_up(repos, "digest-2", "free", fresh_public_id()).await;
    assert!(
        matches!(taken, Err(SignUpWithCodeError::Taken)),
        "{taken:?}"
    );

    let created = sign_up(repos, "digest-1", "free", fresh_public_id()).await;
    assert!(created.is_ok(), "{created:?}");
}

pub async fn a_nickname_is_held_by_one_live_account(repos: &Repositories) {
    let nickname = Nickname::parse("mireu").expect("valid");
    let mut first = new_account("first@example.com", None);
    first.nickname = Some(nickname.clone());
    let first = repos.accounts.create(&first).await.expect("create");
    let mut second = new_account("second@example.com", None);
    second.nickname = Some(nickname.clone());
    let refused = repos.accounts.create(&second).await;
    assert!(
        matches!(refused, Err(CreateAccountError::NicknameTaken)),
        "{refused:?}"
    );

    let held = |except: Option<AccountId>| {
        let nickname = nickname.clone();
        transact::<_, UnexpectedError, _>(&*repos.unit_of_work, move |tx| {
            Box::pin(async move { tx.nickname_held_elsewhere(except, &nickname).await })
        })
    };
    assert!(held(None).await.expect("look"));
    assert!(!held(Some(first.id)).await.expect("look"));

    let inserted = transact::<_, CreateAccountError, _>(&*repos.unit_of_work, move |tx| {
        Box::pin(async move { tx.insert_account(&second).await })
    })
    .await;
    assert!(
        matches!(inserted, Err(CreateAccountError::NicknameTaken)),
        "{inserted:?}"
    );
}
