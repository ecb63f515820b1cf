/// The link of a reset email: `base` with `email` and `token` added to its query, each
/// percent-encoded (RFC 3986: everything but the unreserved characters).
pub fn reset_link(base: &str, email: &str, token: &str) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    format!(
        "{base}{separator}email={}&token={}",
        percent_encode(email),
        percent_encode(token)
    )
}

fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_and_token_are_added_to_the_query_encoded() {
        assert_eq!(
            reset_link("https://app.example/reset", "a+b@example.com", "0A1B"),
            "https://app.example/reset?email=a%2Bb%40example.com&token=0A1B"
        );
        assert_eq!(
            reset_link("https://app.example/r?lang=ko", "a@b.kr", "X"),
            "https://app.example/r?lang=ko&email=a%40b.kr&token=X"
        );
        assert_eq!(percent_encode("한&="), "%ED%95%9C%26%3D");
    }
}
