//! An email's text and HTML parts from a template's blocks: one minimal layout, inline styles
//! only, no images, and no link but the emailed link of a password reset or an email
//! verification. Every parameter in the HTML part is escaped.

use account_domain::delivery::Locale;

use crate::fill::Values;
use crate::wording::{Block, Wording, frame};
use crate::{RenderedEmail, TemplateError, one_line};

const FONT: &str = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI','Apple SD Gothic Neo',\
                    'Malgun Gothic',sans-serif;";

pub(crate) fn render(
    wording: &Wording,
    locale: Locale,
    values: &Values,
) -> Result<RenderedEmail, TemplateError> {
    let frame = frame(locale);
    let subject = values.fill(wording.subject, one_line)?;
    let mut text = Vec::new();
    let mut html = String::new();
    for block in wording.email {
        match block {
            Block::Paragraph(words) => {
                text.push(values.fill(words, str::to_owned)?);
                html.push_str(&paragraph(
                    "margin:0 0 16px;",
                    &values.fill(words, escape_html)?,
                ));
            }
            Block::Code => {
                let code = values.get("code")?;
                text.push(format!("    {code}"));
                let style = "margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:6px;\
                             font-family:Menlo,Consolas,monospace;";
                html.push_str(&paragraph(style, &escape_html(code)));
            }
            Block::Link(label) => {
                let link = values.get("link")?;
                text.push(format!("{label}:\n{link}"));
                html.push_str(&button(label, link));
                let address = format!(
                    "{}<br><span style=\"word-break:break-all;\">{}</span>",
                    escape_html(frame.link_intro),
                    escape_html(link)
                );
                html.push_str(&paragraph(
                    "margin:0 0 16px;font-size:13px;color:#52525b;",
                    &address,
                ));
            }
            Block::Note(words) => {
                text.push(values.fill(words, str::to_owned)?);
                html.push_str(&paragraph(
                    "margin:24px 0 0;font-size:13px;color:#71717a;",
                    &values.fill(words, escape_html)?,
                ));
            }
        }
    }
    text.push(format!("--\n{}", frame.footer));
    Ok(RenderedEmail {
        html: page(locale, &escape_html(&subject), &html, frame.footer),
        text: text.join("\n\n") + "\n",
        subject,
    })
}

fn paragraph(style: &str, inner: &str) -> String {
    format!("<p style=\"{style}\">{inner}</p>\n")
}

/// A button to `link`, if it is a web address; anything else is shown only as text, never put
/// in an `href`.
fn button(label: &str, link: &str) -> String {
    let lower = link.trim_start().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return String::new();
    }
    let style = "display:inline-block;padding:12px 24px;background-color:#18181b;color:#ffffff;\
                 text-decoration:none;border-radius:6px;font-weight:bold;";
    let anchor = format!(
        "<a href=\"{}\" style=\"{style}\">{}</a>",
        escape_html(link),
        escape_html(label)
    );
    paragraph("margin:24px 0;", &anchor)
}

fn page(locale: Locale, title: &str, body: &str, footer: &str) -> String {
    let lang = locale.as_str();
    let footer = escape_html(footer);
    format!(
        "<!DOCTYPE html>\n\
         <html lang=\"{lang}\">\n\
         <head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n\
         </head>\n\
         <body style=\"margin:0;padding:0;background-color:#f4f4f5;\">\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" \
         border=\"0\" style=\"background-color:#f4f4f5;\">\n\
         <tr><td align=\"center\" style=\"padding:24px 12px;\">\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" \
         border=\"0\" style=\"max-width:480px;background-color:#ffffff;border-radius:8px;\">\n\
         <tr><td style=\"padding:32px 28px;{FONT}font-size:15px;line-height:1.6;color:#18181b;\
         text-align:left;\">\n\
         <h1 style=\"margin:0 0 16px;font-size:20px;line-height:1.4;\">{title}</h1>\n\
         {body}\
         </td></tr>\n\
         </table>\n\
         <p style=\"margin:16px 0 0;{FONT}font-size:12px;color:#a1a1aa;\">{footer}</p>\n\
         </td></tr>\n\
         </table>\n\
         </body>\n\
         </html>\n"
    )
}

/// `text` safe in HTML text and in quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn only_web_addresses_become_buttons() {
        assert!(
            button("Reset", "https://example.com/r?t=1&u=2")
                .contains("href=\"https://example.com/r?t=1&amp;u=2\"")
        );
        assert_eq!(button("Reset", "javascript:alert(1)"), "");
        assert_eq!(button("Reset", "data:text/html,x"), "");
    }
}
