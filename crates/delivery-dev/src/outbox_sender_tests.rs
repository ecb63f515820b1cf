use std::fs;

use serde_json::Value;

use account_domain::delivery::{Locale, MessageParams, TemplateId};

use super::*;

fn lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn key(n: u32) -> IdempotencyKey {
    IdempotencyKey(format!("outbox-{n}"))
}

fn code_email(to: &str, code: &str) -> EmailMessage {
    EmailMessage {
        to: to.into(),
        template: TemplateId::VerificationCode,
        locale: Locale::Ko,
        params: MessageParams::new()
            .secret("code", code)
            .plain("minutes", "10"),
    }
}

fn code_sms(to: &str, code: &str) -> SmsMessage {
    SmsMessage {
        to: to.into(),
        kind: SmsKind::Sms,
        template: TemplateId::PhoneCode,
        locale: Locale::En,
        params: MessageParams::new()
            .secret("code", code)
            .plain("minutes", "10"),
    }
}

#[tokio::test]
async fn appends_the_rendering_as_one_json_line_per_message_creating_directories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/outbox/outbox.jsonl");
    let outbox = DevOutbox::new(&path);

    let before = Utc::now();
    let email = code_email("a@example.com", "012345");
    outbox.send_email(&email, &key(1)).await.unwrap();
    outbox
        .send_sms(&code_sms("+821012345678", "543210"), &key(2))
        .await
        .unwrap();

    let lines = lines(&path);
    assert_eq!(lines.len(), 2);
    let rendered = account_templates::render_email(&email).unwrap();
    assert_eq!(lines[0]["channel"], "email");
    assert_eq!(lines[0]["recipient"], "a@example.com");
    assert_eq!(lines[0]["template"], "verification_code");
    assert_eq!(lines[0]["locale"], "ko");
    assert_eq!(lines[0]["subject"], rendered.subject.as_str());
    assert_eq!(lines[0]["body"], rendered.text.as_str());
    assert_eq!(lines[0]["params"]["code"], "012345");
    assert_eq!(lines[0]["key"], "outbox-1");
    let at: DateTime<Utc> = lines[0]["at"].as_str().unwrap().parse().unwrap();
    assert!(at >= before && at <= Utc::now());
    assert_eq!(lines[1]["channel"], "sms");
    assert_eq!(lines[1]["subject"], "");
    assert_eq!(lines[1]["locale"], "en");
    assert_eq!(lines[1]["params"]["code"], "543210");
}

#[tokio::test]
async fn a_message_its_template_cannot_render_is_a_permanent_failure() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = DevOutbox::new(dir.path().join("outbox.jsonl"));
    let mut email = code_email("a@example.com", "012345");
    email.params = MessageParams::new();
    let result = outbox.send_email(&email, &key(1)).await;
    assert!(
        matches!(result, Err(DeliveryError::Permanent(_))),
        "{result:?}"
    );
    assert!(!outbox.path().exists());
}

#[cfg(unix)]
#[tokio::test]
async fn the_file_and_the_directories_it_creates_are_private() {
    let mode = |path: &Path| format!("{:o}", account_private_files::mode(path).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/outbox.jsonl");
    DevOutbox::new(&path)
        .send_email(&code_email("a@example.com", "012345"), &key(1))
        .await
        .unwrap();
    assert_eq!(mode(&dir.path().join("data")), "700");
    assert_eq!(mode(&path), "600");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sends_sharing_a_file_keep_lines_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outbox.jsonl");
    let (sms, email) = (DevOutbox::new(&path), DevOutbox::new(&path));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..50 {
        let (sms, email) = (sms.clone(), email.clone());
        let code = format!("{i:06}{}", "x".repeat(4096));
        tasks.spawn(async move {
            sms.send_sms(&code_sms("+821012345678", &code), &key(i))
                .await?;
            email
                .send_email(&code_email("a@example.com", &code), &key(i))
                .await
        });
    }
    assert!(tasks.join_all().await.into_iter().all(|r| r.is_ok()));
    let lines = lines(&path);
    assert_eq!(lines.len(), 100);
    assert_eq!(lines.iter().filter(|l| l["channel"] == "sms").count(), 50);
    assert_eq!(lines.iter().filter(|l| l["channel"] == "email").count(), 50);
}

#[tokio::test]
async fn an_unwritable_path_is_a_transient_failure() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "").unwrap();
    let outbox = DevOutbox::new(blocker.join("outbox.jsonl"));
    let result = outbox
        .send_email(&code_email("a@example.com", "012345"), &key(1))
        .await;
    assert!(matches!(result, Err(DeliveryError::Transient(_))));
    let push = PushMessage {
        token: "fcm-token".into(),
        template: TemplateId::DeviceClaimed,
        locale: Locale::Ko,
        params: MessageParams::new()
            .plain("child_name", "kim")
            .plain("device_alias", "living room"),
    };
    let result = outbox.send_push(&push, &key(2)).await;
    assert!(matches!(
        result,
        Err(PushError::Delivery(DeliveryError::Transient(_)))
    ));
}
