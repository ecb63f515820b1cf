//! Prints what a template renders to on every channel, with sample values:
//! `cargo run -p account-templates --example preview -- [template] [ko|en]` (all by default);
//! `... -- alim-talk` prints the alim talk templates to register with Kakao.

use account_domain::delivery::{
    EmailMessage, Locale, MessageParams, PushMessage, SmsKind, SmsMessage, TemplateId,
};
use account_templates::{
    LOCALES, alim_talk, alim_talk_templates, parameters, render_email, render_push, render_sms,
    sms_byte_estimate,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("alim-talk") {
        for registered in alim_talk_templates() {
            println!("{}\t{}", registered.code, registered.text);
        }
        return Ok(());
    }
    let templates: Vec<TemplateId> = match args.first() {
        Some(name) => vec![TemplateId::parse(name).ok_or(format!("no template {name}"))?],
        None => TemplateId::ALL.to_vec(),
    };
    let locales: Vec<Locale> = match args.get(1) {
        Some(tag) => vec![Locale::parse(tag)],
        None => LOCALES.to_vec(),
    };
    for template in templates {
        for locale in &locales {
            preview(template, *locale)?;
        }
    }
    Ok(())
}

fn preview(template: TemplateId, locale: Locale) -> Result<(), Box<dyn std::error::Error>> {
    let params = parameters(template)
        .iter()
        .fold(MessageParams::new(), |p, name| p.plain(name, example(name)));
    let (to, kind) = ("+821012345678".to_owned(), SmsKind::AlimTalk);
    let sms = SmsMessage {
        to,
        kind,
        template,
        locale,
        params: params.clone(),
    };
    let email = EmailMessage {
        to: "user@example.com".to_owned(),
        template,
        locale,
        params: params.clone(),
    };
    let push = PushMessage {
        token: "token".to_owned(),
        template,
        locale,
        params,
    };
    let rendered = render_email(&email)?;
    let text = render_sms(&sms)?;
    let talk = alim_talk(&sms)?;
    let note = render_push(&push)?;
    println!("==== {} {}", template.as_str(), locale.as_str());
    println!(
        "-- email subject: {}\n{}\n{}",
        rendered.subject, rendered.text, rendered.html
    );
    println!("-- sms ({} bytes): {text}", sms_byte_estimate(&text));
    println!("-- alim talk {} {:?}", talk.template_code, talk.variables);
    println!("-- push: {} / {} {:?}\n", note.title, note.body, note.data);
    Ok(())
}

fn example(name: &str) -> &'static str {
    match name {
        "code" => "482913",
        "minutes" => "10",
        "link" => "https://accounts.example.com/reset?token=k4J9x",
        "name" => "Jane Doe",
        "masked_phone" => "****5678",
        "child_name" => "Mina",
        "device_alias" => "living room",
        _ => "value",
    }
}
