use std::sync::{Arc, Mutex};

use chrono::Duration;
use mockall::predicate::eq;

use super::*;
use crate::accounts::MockAccountRepository;
use crate::profile_images::model::StoredImage;
use crate::profile_images::ports::{
    MockProfileImageKeyRepository, MockProfileImageStore, MockSelfHostedImages, ReplacedImageKey,
};
use crate::profile_images::{ReadImageError, ReceiveUploadError};
use crate::secrets::MockSecretGenerator;
use crate::testing::{account, clock_at, principal, t0};
use crate::values::Role;

const TOKEN: &str = "RandomTokenFromTheGenerator_0123";
const OLD: &str = "profile-images/1/PreviousImageToken_000000.gif";

fn settings() -> ImageSettings {
    ImageSettings {
        max_bytes: 1000,
        url_ttl: Duration::minutes(5),
    }
}

fn secrets() -> MockSecretGenerator {
    let mut secrets = MockSecretGenerator::new();
    secrets.expect_random_token().return_const(TOKEN.to_owned());
    secrets
}

fn service_with(
    store: MockProfileImageStore,
    self_hosted: Option<MockSelfHostedImages>,
    keys: MockProfileImageKeyRepository,
    accounts: MockAccountRepository,
) -> ProfileImageService {
    ProfileImageService::new(
        ProfileImagePorts {
            store: Arc::new(store),
            self_hosted: self_hosted.map(|s| Arc::new(s) as Arc<dyn SelfHostedImages>),
            keys: Arc::new(keys),
            accounts: Arc::new(accounts),
            secrets: Arc::new(secrets()),
            clock: Arc::new(clock_at(t0())),
        },
        settings(),
    )
}

/// A service on which no port may be called.
fn untouched() -> ProfileImageService {
    service_with(
        MockProfileImageStore::new(),
        None,
        MockProfileImageKeyRepository::new(),
        MockAccountRepository::new(),
    )
}

fn expected_key() -> ObjectKey {
    ObjectKey::parse(&format!("profile-images/1/{TOKEN}.png")).expect("key")
}

#[tokio::test]
async fn the_owner_gets_a_url_signed_for_a_new_key_and_the_old_image_is_deleted() {
    let signed = Arc::new(Mutex::new(None));
    let mut store = MockProfileImageStore::new();
    let seen = signed.clone();
    store
        .expect_presign_upload()
        .times(1)
        .returning(move |permit| {
            *seen.lock().unwrap() = Some(permit.clone());
            Ok("https://store.example/signed".into())
        });
    store
        .expect_delete()
        .withf(|key| key.as_str() == OLD)
        .times(1)
        .returning(|_| Ok(()));
    let mut keys = MockProfileImageKeyRepository::new();
    keys.expect_replace_profile_image_key()
        .with(
            eq(AccountId(1)),
            eq(Some(expected_key().as_str().to_owned())),
            eq(t0()),
        )
        .times(1)
        .returning(|_, _, _| {
            Ok(Some(ReplacedImageKey {
                previous: Some(OLD.into()),
            }))
        });
    let service = service_with(store, None, keys, MockAccountRepository::new());

    let url = service
        .signed_upload_url(&principal(1, &[]), AccountId(1), Some("me.PNG"), None)
        .await
        .expect("url");

    assert_eq!(url, "https://store.example/signed");
    let permit = signed.lock().unwrap().clone().expect("signed");
    assert_eq!(
        permit,
        UploadPermit {
            key: expected_key(),
            image_type: ImageType::Png,
            length: UploadLength::AtMost(1000),
            expires_at: t0() + Duration::minutes(5),
        }
    );
}

#[tokio::test]
async fn an_announced_size_is_bound_exactly() {
    let mut store = MockProfileImageStore::new();
    store
        .expect_presign_upload()
        .withf(|permit| permit.length == UploadLength::Exact(1000))
        .returning(|_| Ok("u".into()));
    let mut keys = MockProfileImageKeyRepository::new();
    keys.expect_replace_profile_image_key()
        .returning(|_, _, _| Ok(Some(ReplacedImageKey { previous: None })));
    let service = service_with(store, None, keys, MockAccountRepository::new());
    let url = service
        .signed_upload_url(&principal(1, &[]), AccountId(1), Some("a.gif"), Some(1000))
        .await;
    assert_eq!(url.ok().as_deref(), Some("u"));
}

#[tokio::test]
async fn bad_requests_are_refused_before_any_port_is_called() {
    let caller = principal(1, &[]);
    let cases: [(Option<&str>, Option<u64>, &str); 7] = [
        (None, None, "FilenameMissing"),
        (Some("  "), None, "FilenameMissing"),
        (Some("a.webp"), None, "UnsupportedType"),
        (Some("noextension"), None, "UnsupportedType"),
        (Some("a.png"), Some(0), "InvalidSize"),
        (Some("a.png"), Some(1001), "InvalidSize"),
        (Some("a.svg"), Some(10), "UnsupportedType"),
    ];
    for (filename, size, expected) in cases {
        let error = untouched()
            .signed_upload_url(&caller, AccountId(1), filename, size)
            .await
            .expect_err("refused");
        assert!(
            format!("{error:?}").starts_with(expected),
            "{filename:?} {size:?}: {error:?}"
        );
    }
}

#[tokio::test]
async fn another_user_is_refused_before_anything_is_read() {
    let error = untouched()
        .signed_upload_url(&principal(2, &[]), AccountId(1), Some("a.png"), None)
        .await;
    assert!(matches!(error, Err(SignedUploadError::Forbidden)));
    let error = untouched()
        .delete_image(&principal(2, &[]), AccountId(1))
        .await;
    assert!(matches!(error, Err(DeleteImageError::Forbidden)));
}

#[tokio::test]
async fn staff_act_on_a_live_account_only() {
    for (found, expected) in [(None, "NotFound"), (Some(true), "Deleted")] {
        let mut accounts = MockAccountRepository::new();
        accounts.expect_find_by_id().returning(move |id| {
            Ok(found.map(|deleted: bool| {
                let mut a = account(id.0, "two@example.com");
                a.deleted_at = deleted.then(t0);
                a
            }))
        });
        let service = service_with(
            MockProfileImageStore::new(),
            None,
            MockProfileImageKeyRepository::new(),
            accounts,
        );
        let error = service
            .signed_upload_url(
                &principal(1, &[Role::Staff]),
                AccountId(2),
                Some("a.png"),
                None,
            )
            .await
            .expect_err("refused");
        assert!(format!("{error:?}").starts_with(expected), "{error:?}");
    }
}

#[tokio::test]
async fn a_store_that_binds_exact_lengths_only_asks_for_the_size() {
    let mut store = MockProfileImageStore::new();
    store
        .expect_presign_upload()
        .returning(|_| Err(PresignError::ExactLengthRequired));
    let service = service_with(
        store,
        None,
        MockProfileImageKeyRepository::new(),
        MockAccountRepository::new(),
    );
    let error = service
        .signed_upload_url(&principal(1, &[]), AccountId(1), Some("a.png"), None)
        .await;
    assert!(matches!(error, Err(SignedUploadError::SizeRequired)));
}

#[tokio::test]
async fn an_account_deleted_while_signing_gets_no_key() {
    let mut store = MockProfileImageStore::new();
    store.expect_presign_upload().returning(|_| Ok("u".into()));
    let mut keys = MockProfileImageKeyRepository::new();
    keys.expect_replace_profile_image_key()
        .returning(|_, _, _| Ok(None));
    let service = service_with(store, None, keys, MockAccountRepository::new());
    let error = service
        .signed_upload_url(&principal(1, &[]), AccountId(1), Some("a.png"), None)
        .await;
    assert!(matches!(error, Err(SignedUploadError::Deleted)));
}

#[tokio::test]
async fn deleting_removes_the_object_then_the_key_and_an_image_signed_meanwhile() {
    let raced = format!("profile-images/1/{TOKEN}.png");
    let deleted = Arc::new(Mutex::new(Vec::new()));
    let mut store = MockProfileImageStore::new();
    let seen = deleted.clone();
    store.expect_delete().times(2).returning(move |key| {
        seen.lock().unwrap().push(key.as_str().to_owned());
        Ok(())
    });
    let mut keys = MockProfileImageKeyRepository::new();
    let previous = raced.clone();
    keys.expect_replace_profile_image_key()
        .with(eq(AccountId(1)), eq(None), eq(t0()))
        .times(1)
        .returning(move |_, _, _| {
            Ok(Some(ReplacedImageKey {
                previous: Some(previous.clone()),
            }))
        });
    let service = service_with(store, None, keys, MockAccountRepository::new());
    let mut caller = principal(1, &[]);
    caller.account.profile_image_key = Some(OLD.into());

    service
        .delete_image(&caller, AccountId(1))
        .await
        .expect("deleted");

    assert_eq!(*deleted.lock().unwrap(), vec![OLD.to_owned(), raced]);
}

#[tokio::test]
async fn a_failed_object_delete_keeps_the_key() {
    let mut store = MockProfileImageStore::new();
    store
        .expect_delete()
        .returning(|_| Err(crate::UnexpectedError::new("store down")));
    let service = service_with(
        store,
        None,
        MockProfileImageKeyRepository::new(),
        MockAccountRepository::new(),
    );
    let mut caller = principal(1, &[]);
    caller.account.profile_image_key = Some(OLD.into());
    let error = service.delete_image(&caller, AccountId(1)).await;
    assert!(matches!(error, Err(DeleteImageError::Unexpected(_))));
}

#[test]
fn the_uri_is_the_stores_and_a_key_not_of_this_form_has_none() {
    let mut store = MockProfileImageStore::new();
    store
        .expect_public_uri()
        .returning(|key| format!("https://img.example/{}", key.as_str()));
    let service = service_with(
        store,
        None,
        MockProfileImageKeyRepository::new(),
        MockAccountRepository::new(),
    );
    let mut a = account(1, "a@example.com");
    assert_eq!(service.uri_of(&a), None);
    a.profile_image_key = Some(OLD.into());
    assert_eq!(
        service.uri_of(&a),
        Some(format!("https://img.example/{OLD}"))
    );
    a.profile_image_key = Some("../../etc/passwd".into());
    assert_eq!(service.uri_of(&a), None);
}

fn hosting(permit: Option<UploadPermit>) -> ProfileImageService {
    let mut files = MockSelfHostedImages::new();
    files
        .expect_open_permit()
        .returning(move |_, _| permit.clone());
    files.expect_write().returning(|_, _| Ok(()));
    files
        .expect_read()
        .returning(|key| Ok(key.as_str().ends_with(".png").then(|| b"\x89PNG".to_vec())));
    service_with(
        MockProfileImageStore::new(),
        Some(files),
        MockProfileImageKeyRepository::new(),
        MockAccountRepository::new(),
    )
}

fn permit(length: UploadLength, expires_in: Duration) -> UploadPermit {
    UploadPermit {
        key: expected_key(),
        image_type: ImageType::Png,
        length,
        expires_at: t0() + expires_in,
    }
}

#[tokio::test]
async fn an_upload_must_match_what_was_signed() {
    let key = expected_key();
    let key = key.as_str();
    let fine = permit(UploadLength::Exact(4), Duration::seconds(1));
    let service = hosting(Some(fine.clone()));
    let accepted = service
        .accept_upload(key, "q", Some("image/png"), Some(4))
        .expect("accepted");
    service
        .store_upload(&accepted, b"1234")
        .await
        .expect("stored");
    assert!(matches!(
        service.store_upload(&accepted, b"12345").await,
        Err(ReceiveUploadError::WrongLength)
    ));
    type Refusal<'a> = (
        ProfileImageService,
        &'a str,
        Option<&'a str>,
        Option<u64>,
        &'a str,
    );
    let refusals: [Refusal; 6] = [
        (
            hosting(None),
            key,
            Some("image/png"),
            Some(4),
            "BadSignature",
        ),
        (
            hosting(Some(fine.clone())),
            "profile-images/1/x.png",
            Some("image/png"),
            None,
            "NotFound",
        ),
        (
            hosting(Some(permit(UploadLength::Exact(4), Duration::seconds(-1)))),
            key,
            Some("image/png"),
            Some(4),
            "Expired",
        ),
        (
            hosting(Some(fine.clone())),
            key,
            Some("image/gif"),
            Some(4),
            "WrongContentType",
        ),
        (
            hosting(Some(fine.clone())),
            key,
            None,
            Some(4),
            "WrongContentType",
        ),
        (
            hosting(Some(fine)),
            key,
            Some("image/png"),
            Some(5),
            "WrongLength",
        ),
    ];
    for (service, key, content_type, length, expected) in refusals {
        let error = service
            .accept_upload(key, "q", content_type, length)
            .expect_err("refused");
        assert!(
            format!("{error:?}").starts_with(expected),
            "{expected}: {error:?}"
        );
    }
}

#[tokio::test]
async fn a_capped_upload_takes_anything_up_to_the_cap() {
    let service = hosting(Some(permit(UploadLength::AtMost(4), Duration::seconds(1))));
    let key = expected_key();
    let accepted = service
        .accept_upload(key.as_str(), "q", Some("IMAGE/PNG"), None)
        .expect("accepted");
    service
        .store_upload(&accepted, b"12")
        .await
        .expect("stored");
    for body in [&b""[..], b"12345"] {
        assert!(matches!(
            service.store_upload(&accepted, body).await,
            Err(ReceiveUploadError::TooLarge { max: 4 })
        ));
    }
}

#[tokio::test]
async fn images_are_served_with_the_type_of_their_key_and_without_a_store_of_its_own_nothing() {
    let service = hosting(None);
    let image = service.image(expected_key().as_str()).await.expect("image");
    assert_eq!(
        image,
        StoredImage {
            content_type: "image/png",
            bytes: b"\x89PNG".to_vec()
        }
    );
    let gif = format!("profile-images/1/{TOKEN}.gif");
    assert!(matches!(
        service.image(&gif).await,
        Err(ReadImageError::NotFound)
    ));
    assert!(matches!(
        service.image("profile-images/1/../../x.png").await,
        Err(ReadImageError::NotFound)
    ));
    assert!(matches!(
        untouched().image(expected_key().as_str()).await,
        Err(ReadImageError::NotFound)
    ));
    assert!(matches!(
        untouched().accept_upload(expected_key().as_str(), "q", Some("image/png"), None),
        Err(ReceiveUploadError::NotFound)
    ));
}
