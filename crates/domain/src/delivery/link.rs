/// A link of an email: `base` with `pairs` added to its query, each name and value
/// percent-encoded (RFC 3986: everything but the unreserved characters).
pub fn link_with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let mut link = base.to_owned();
    let mut separator = if base.contains('?') { '&' } else { '?' };
    for (name, value) in pairs {
        link.push(separator);
        link.push_str(&percent_encode(name));
        link.push('=');
        link.push_str(&percent_encode(value));
        separator = '&';
    }
    link
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
    fn pairs_are_added_to_the_query_encoded() {
        assert_eq!(
            link_with_query(
                "https://app.example/reset",
                &[("email", "a+b@example.com"), ("token", "0A1B")]
            ),
            "https://app.example/reset?email=a%2Bb%40example.com&token=0A1B"
        );
        assert_eq!(
            link_with_query("https://app.example/r?lang=ko", &[("email", "a@b.kr")]),
            "https://app.example/r?lang=ko&email=a%40b.kr"
        );
        assert_eq!(percent_encode("한&="), "%ED%95%9C%26%3D");
    }
}
