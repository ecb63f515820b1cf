//! Every template through every channel, in both languages, through the public API only.

use account_domain::delivery::{
    EmailMessage, Locale, MessageParams, PushMessage, SmsKind, SmsMessage, TemplateId,
};
use account_templates::{
    LOCALES, SHORT_SMS_BYTES, TemplateError, alim_talk, alim_talk_templates, parameters,
    render_email, render_push, render_sms, sms_byte_estimate,
};

const CODE: &str = "482913";
const LINK: &str = "https://accounts.example.com/reset?token=k4J9x&lang=ko";

/// A plausible value for each parameter (ASCII, so that only the wording carries Hangul).
fn sample(name: &str) -> &'static str {
    match name {
        "code" => CODE,
        "minutes" => "10",
        "link" => LINK,
        "name" => "Jane Doe",
        "masked_phone" => "****5678",
        "child_name" => "Mina",
        "device_alias" => "living room",
        "title" => "Update",
        "body" => "New firmware is ready.",
        other => panic!("no sample for {other}"),
    }
}

/// The parameters of `template`, codes and links secret as the domain sends them.
fn params_of(template: TemplateId) -> MessageParams {
    parameters(template)
        .iter()
        .fold(MessageParams::new(), |params, name| match *name {
            "code" | "link" => params.secret(name, sample(name)),
            _ => params.plain(name, sample(name)),
        })
}

fn email(template: TemplateId, locale: Locale, params: MessageParams) -> EmailMessage {
    EmailMessage {
        to: "user@example.com".to_owned(),
        template,
        locale,
        params,
    }
}

fn sms(template: TemplateId, locale: Locale, params: MessageParams) -> SmsMessage {
    SmsMessage {
        to: "+821012345678".to_owned(),
        kind: SmsKind::Sms,
        template,
        locale,
        params,
    }
}

fn push(template: TemplateId, locale: Locale, params: MessageParams) -> PushMessage {
    PushMessage {
        token: "fcm-token".to_owned(),
        template,
        locale,
        params,
    }
}

/// Every text one template renders to, in one language, over all channels.
fn all_texts(template: TemplateId, locale: Locale) -> Vec<String> {
    let params = params_of(template);
    let rendered = render_email(&email(template, locale, params.clone())).unwrap();
    let talk = alim_talk(&sms(template, locale, params.clone())).unwrap();
    let note = render_push(&push(template, locale, params.clone())).unwrap();
    vec![
        rendered.subject,
        rendered.text,
        rendered.html,
        render_sms(&sms(template, locale, params)).unwrap(),
        talk.fallback_text,
        note.title,
        note.body,
    ]
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[test]
fn every_template_renders_in_both_languages_on_every_channel() {
    for template in TemplateId::ALL {
        for locale in LOCALES {
            let texts = all_texts(template, locale);
            for text in &texts {
                assert!(!text.trim().is_empty(), "{template:?} {locale:?}");
                assert!(!text.contains('{'), "{template:?} {locale:?}: {text}");
            }
            let text_part = &texts[1];
            for name in parameters(template) {
                assert!(
                    text_part.contains(sample(name)),
                    "{template:?} {locale:?}: {name} not in {text_part}"
                );
            }
            let sms_text = &texts[3];
            assert!(!sms_text.contains('\n'), "{template:?} {locale:?}");
            assert_eq!(&texts[4], sms_text, "the fallback is the SMS text");
        }
    }
}

/// A notice is the sender's own words (`title`, `body`): no wording of ours to be Korean.
fn words_are_ours(template: TemplateId) -> bool {
    template != TemplateId::PushNotice
}

#[test]
fn korean_texts_are_korean_and_english_ones_are_not() {
    for template in TemplateId::ALL {
        for text in all_texts(template, Locale::Ko) {
            assert!(
                has_hangul(&text) || !words_are_ours(template),
                "{template:?}: {text}"
            );
        }
        for text in all_texts(template, Locale::En) {
            assert!(!has_hangul(&text), "{template:?}: {text}");
        }
        for locale in LOCALES {
            let html = &all_texts(template, locale)[2];
            assert!(html.contains(&format!("<html lang=\"{}\">", locale.as_str())));
        }
    }
}

#[test]
fn a_missing_or_blank_parameter_is_an_error_on_every_channel() {
    for template in TemplateId::ALL {
        for name in parameters(template) {
            let missing = TemplateError::MissingParameter {
                template: template.as_str(),
                name,
            };
            let mut without = params_of(template);
            without.plain.remove(*name);
            without.secret.remove(*name);
            let mut blank = params_of(template);
            blank.secret.remove(*name);
            blank.plain.insert((*name).to_owned(), " ".to_owned());
            for params in [without, blank] {
                for locale in LOCALES {
                    let expected = Err(missing.clone());
                    let got = render_email(&email(template, locale, params.clone()));
                    assert_eq!(got.map(|_| ()), expected, "{template:?} {name}");
                    let got = render_sms(&sms(template, locale, params.clone()));
                    assert_eq!(got.map(|_| ()), expected, "{template:?} {name}");
                    let got = alim_talk(&sms(template, locale, params.clone()));
                    assert_eq!(got.map(|_| ()), expected, "{template:?} {name}");
                    let got = render_push(&push(template, locale, params.clone()));
                    assert_eq!(got.map(|_| ()), expected, "{template:?} {name}");
                }
            }
        }
    }
}

#[test]
fn templates_without_parameters_render_from_none() {
    for template in [TemplateId::PasswordChanged, TemplateId::AccountWithdrawn] {
        assert!(parameters(template).is_empty());
        for locale in LOCALES {
            let rendered = render_email(&email(template, locale, MessageParams::new()));
            assert!(rendered.is_ok(), "{template:?} {locale:?}");
        }
    }
}

#[test]
fn parameters_are_html_escaped_in_the_html_part_only() {
    let script = "<script>alert('x')</script>";
    let cases = [
        (
            TemplateId::Welcome,
            MessageParams::new().plain("name", script),
        ),
        (
            TemplateId::DeviceClaimed,
            MessageParams::new()
                .plain("child_name", script)
                .plain("device_alias", "\"kitchen\" & <b>hall</b>"),
        ),
    ];
    for (template, params) in cases {
        for locale in LOCALES {
            let rendered = render_email(&email(template, locale, params.clone())).unwrap();
            assert!(!rendered.html.contains("<script"), "{}", rendered.html);
            assert!(!rendered.html.contains("<b>"), "{}", rendered.html);
            assert!(
                rendered
                    .html
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
            );
            assert!(rendered.text.contains(script), "{}", rendered.text);
        }
    }
}

#[test]
fn the_code_is_in_the_text_and_html_of_the_code_emails() {
    for template in [
        TemplateId::VerificationCode,
        TemplateId::PhoneCode,
        TemplateId::PasswordReset,
    ] {
        for locale in LOCALES {
            let rendered = render_email(&email(template, locale, params_of(template))).unwrap();
            assert!(rendered.text.contains(CODE), "{template:?} {locale:?}");
            assert!(rendered.html.contains(CODE), "{template:?} {locale:?}");
            assert!(
                !rendered.subject.contains(CODE),
                "a subject shows in previews"
            );
            let sms_text = render_sms(&sms(template, locale, params_of(template))).unwrap();
            assert!(sms_text.contains(CODE), "{sms_text}");
        }
    }
}

#[test]
fn only_the_emailed_link_templates_link_anywhere_and_no_email_loads_anything() {
    for template in TemplateId::ALL {
        for locale in LOCALES {
            let html = render_email(&email(template, locale, params_of(template)))
                .unwrap()
                .html;
            assert!(!html.contains("<img") && !html.contains("url("), "{html}");
            assert!(
                !html.contains("<link") && !html.contains("<script"),
                "{html}"
            );
            let escaped_link = LINK.replace('&', "&amp;");
            let anchors = html.matches("<a ").count();
            if parameters(template).contains(&"link") {
                assert_eq!(anchors, 1, "{html}");
                assert!(
                    html.contains(&format!("<a href=\"{escaped_link}\"")),
                    "{html}"
                );
            } else {
                assert_eq!(anchors, 0, "{html}");
                assert!(!html.contains("http"), "{html}");
            }
        }
    }
}

#[test]
fn a_reset_link_that_is_not_a_web_address_is_never_a_link() {
    let params = params_of(TemplateId::PasswordReset).secret("link", "javascript:alert(1)");
    let rendered = render_email(&email(TemplateId::PasswordReset, Locale::En, params)).unwrap();
    assert!(!rendered.html.contains("<a "), "{}", rendered.html);
    assert!(rendered.text.contains("javascript:alert(1)"));
}

#[test]
fn a_value_cannot_break_a_subject_or_an_sms_into_lines() {
    let params = MessageParams::new().plain("name", "Jane\r\nBcc: evil@example.com");
    for locale in LOCALES {
        let rendered = render_email(&email(TemplateId::Welcome, locale, params.clone())).unwrap();
        assert!(
            !rendered.subject.contains(['\r', '\n']),
            "{}",
            rendered.subject
        );
        let text = render_sms(&sms(TemplateId::Welcome, locale, params.clone())).unwrap();
        assert!(!text.contains(['\r', '\n']), "{text}");
    }
}

/// Hangul two bytes, ASCII one: the code texts fit one short SMS even with an eight-digit code
/// and a three-digit lifetime; the notices do with the sample values (long names may need LMS).
#[test]
fn sms_texts_fit_one_short_sms() {
    assert_eq!(sms_byte_estimate("인증 code"), 4 + 5);
    for template in TemplateId::ALL {
        for locale in LOCALES {
            let mut params = params_of(template);
            if parameters(template).contains(&"code") {
                params = params.secret("code", "12345678").plain("minutes", "120");
            }
            let text = render_sms(&sms(template, locale, params)).unwrap();
            let bytes = sms_byte_estimate(&text);
            assert!(bytes <= SHORT_SMS_BYTES, "{bytes} bytes: {text}");
        }
    }
}

#[test]
fn sms_texts_use_only_characters_euc_kr_has() {
    for template in TemplateId::ALL {
        for locale in LOCALES {
            let text = render_sms(&sms(template, locale, params_of(template))).unwrap();
            let odd: Vec<char> = text
                .chars()
                .filter(|c| !c.is_ascii() && !('\u{AC00}'..='\u{D7A3}').contains(c))
                .collect();
            assert!(odd.is_empty(), "{odd:?} in {text}");
        }
    }
}

#[test]
fn alim_talks_name_their_registered_template_and_fill_its_variables() {
    let registered = alim_talk_templates();
    assert_eq!(registered.len(), TemplateId::ALL.len() * LOCALES.len());
    for (i, one) in registered.iter().enumerate() {
        assert!(one.code.len() <= 20, "{}", one.code);
        assert!(
            one.code.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
            "{}",
            one.code
        );
        assert!(
            registered[..i].iter().all(|other| other.code != one.code),
            "{} twice",
            one.code
        );
    }
    for template in TemplateId::ALL {
        for locale in LOCALES {
            let talk = alim_talk(&sms(template, locale, params_of(template))).unwrap();
            let text = &registered
                .iter()
                .find(|r| r.code == talk.template_code)
                .unwrap()
                .text;
            let keys: Vec<String> = talk.variables.keys().cloned().collect();
            let wanted: Vec<String> = parameters(template)
                .iter()
                .filter(|p| **p != "link")
                .map(|p| format!("#{{{p}}}"))
                .collect();
            for key in &wanted {
                assert!(text.contains(key.as_str()), "{key} not in {text}");
            }
            let mut keys = keys;
            keys.sort_by_key(|k| wanted.iter().position(|w| w == k));
            assert_eq!(keys, wanted, "{template:?}: the link stays out of the talk");
            assert_eq!(talk.content().as_deref(), Some(talk.fallback_text.as_str()));
            let bare: Vec<&str> = talk.bare_variables().into_keys().collect();
            let named: Vec<&str> = keys.iter().map(|k| &k[2..k.len() - 1]).collect();
            assert_eq!(bare.len(), named.len());
            assert!(named.iter().all(|n| bare.contains(n)), "{bare:?}");
        }
    }
    assert_eq!(
        alim_talk(&sms(
            TemplateId::PhoneCode,
            Locale::Ko,
            params_of(TemplateId::PhoneCode)
        ))
        .unwrap()
        .template_code,
        "ACCT_PHONE_CODE_KO"
    );
}

#[test]
fn a_push_names_its_template() {
    for template in TemplateId::ALL {
        for locale in LOCALES {
            let note = render_push(&push(template, locale, params_of(template))).unwrap();
            assert_eq!(
                note.data.get("template").map(String::as_str),
                Some(template.as_str())
            );
            assert_eq!(note.data.len(), 1);
        }
    }
}
