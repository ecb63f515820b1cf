use crate::delivery::link_with_query;

/// The link of a reset email: `base` with `email` and `token` added to its query.
pub fn reset_link(base: &str, email: &str, token: &str) -> String {
    link_with_query(base, &[("email", email), ("token", token)])
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
    }
}
