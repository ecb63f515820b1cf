//! The HTML of the pages: one small layout with one inline stylesheet (allowed by its hash in
//! the content security policy, [`CONTENT_SECURITY_POLICY`]), no script, no image, nothing
//! loaded from anywhere. Every value put into the HTML is escaped.

use std::sync::LazyLock;

use account_templates::escape_html;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::wording::Words;

const STYLE: &str = "\
body{margin:0;background:#f4f4f5;color:#18181b;font:16px/1.6 -apple-system,BlinkMacSystemFont,\
'Segoe UI','Apple SD Gothic Neo','Malgun Gothic','NanumGothic',sans-serif;overflow-wrap:anywhere}\
:lang(ko){word-break:keep-all}\
main{max-width:26rem;margin:3rem auto;padding:2rem 1.75rem;background:#fff;border-radius:8px;\
box-shadow:0 1px 3px rgba(0,0,0,.08)}\
.service{margin:0 0 .5rem;font-size:.8rem;letter-spacing:.05em;color:#71717a;text-transform:uppercase}\
h1{margin:0 0 1rem;font-size:1.35rem;line-height:1.4}\
p{margin:0 0 1rem}\
label{display:block;margin:1rem 0 .25rem;font-weight:600}\
input[type=password]{box-sizing:border-box;width:100%;padding:.6rem .7rem;font:inherit;\
border:1px solid #a1a1aa;border-radius:6px}\
.hint{margin:.5rem 0 0;font-size:.85rem;color:#52525b}\
.error{padding:.75rem 1rem;border-radius:6px;background:#fef2f2;color:#991b1b;border:1px solid #fecaca}\
button{margin-top:1.5rem;width:100%;padding:.75rem;font:inherit;font-weight:600;color:#fff;\
background:#18181b;border:0;border-radius:6px;cursor:pointer}\
button:focus-visible,input:focus-visible{outline:3px solid #2563eb;outline-offset:2px}";

/// What a page may do: show its own stylesheet, send its forms to this service. Nothing else
/// loads or runs, and no other site may frame it.
pub static CONTENT_SECURITY_POLICY: LazyLock<String> = LazyLock::new(|| {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'"
    )
});

/// A whole page: `title` as its heading, then `body` (HTML, already escaped).
pub fn page(words: &Words, title: &str, body: &str) -> String {
    let lang = words.lang;
    let title = escape_html(title);
    let service = escape_html(words.service);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <p class=\"service\">{service}</p>\n<h1>{title}</h1>\n{body}</main>\n</body>\n</html>\n"
    )
}

/// A paragraph of `text` with `{email}` filled in; both escaped.
pub fn paragraph(text: &str, email: &str) -> String {
    format!(
        "<p>{}</p>\n",
        escape_html(text).replace(
            "{email}",
            &format!("<strong>{}</strong>", escape_html(email))
        )
    )
}

/// What went wrong with the form, announced to screen readers.
pub fn error(text: &str) -> String {
    format!(
        "<p class=\"error\" role=\"alert\">{}</p>\n",
        escape_html(text)
    )
}

/// A form posting `fields` (hidden, name and value) and `inputs` (HTML) to `action` with a
/// button labelled `submit`.
pub fn form(action: &str, fields: &[(&str, &str)], inputs: &str, submit: &str) -> String {
    let hidden: String = fields
        .iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
                escape_html(name),
                escape_html(value)
            )
        })
        .collect();
    format!(
        "<form method=\"post\" action=\"{}\">\n{hidden}{inputs}<button type=\"submit\">{}</button>\n</form>\n",
        escape_html(action),
        escape_html(submit)
    )
}

/// A password input with its label; `describedby` names the hint that explains the rules.
pub fn password_input(name: &str, label: &str, describedby: Option<&str>) -> String {
    let described = describedby
        .map(|id| format!(" aria-describedby=\"{}\"", escape_html(id)))
        .unwrap_or_default();
    format!(
        "<label for=\"{name}\">{}</label>\n<input type=\"password\" id=\"{name}\" name=\"{name}\" \
         autocomplete=\"new-password\" required minlength=\"8\" maxlength=\"128\"{described}>\n",
        escape_html(label),
        name = escape_html(name),
    )
}

/// Small print under an input.
pub fn hint(id: &str, text: &str) -> String {
    format!(
        "<p class=\"hint\" id=\"{}\">{}</p>\n",
        escape_html(id),
        escape_html(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::wording::words;
    use account_domain::delivery::Locale;

    #[test]
    fn the_policy_allows_exactly_the_pages_stylesheet() {
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
        assert!(CONTENT_SECURITY_POLICY.contains(&format!("style-src 'sha256-{expected}'")));
        assert!(CONTENT_SECURITY_POLICY.starts_with("default-src 'none'"));
        let html = page(words(Locale::En), "T", "");
        assert!(html.contains(&format!("<style>{STYLE}</style>")));
    }

    #[test]
    fn values_are_escaped_wherever_they_go() {
        let evil = "\"><script>alert(1)</script>";
        let html = page(
            words(Locale::Ko),
            evil,
            &(paragraph("{email}", evil)
                + &form("/x", &[("token", evil)], "", evil)
                + &error(evil)),
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&quot;&gt;&lt;script&gt;"));
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"));
    }
}
