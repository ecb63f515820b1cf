use serde::Deserialize;

/// The ID token claims read beyond those jsonwebtoken checks (`iss`, `aud`, `exp`, `nbf`).
#[derive(Debug, Deserialize)]
pub(crate) struct IdTokenClaims {
    pub sub: String,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// A boolean, or the string `"true"` some providers send.
    #[serde(default)]
    pub email_verified: Option<serde_json::Value>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
}

impl IdTokenClaims {
    pub fn email_verified(&self) -> bool {
        match &self.email_verified {
            Some(serde_json::Value::Bool(verified)) => *verified,
            Some(serde_json::Value::String(text)) => text == "true",
            _ => false,
        }
    }
}

/// The token endpoint's answer; only the ID token is used.
#[derive(Debug, Deserialize)]
pub(crate) struct TokenResponse {
    pub id_token: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_verified_reads_booleans_and_their_string_form_only() {
        for (value, expected) in [
            (serde_json::json!(true), true),
            (serde_json::json!("true"), true),
            (serde_json::json!(false), false),
            (serde_json::json!("yes"), false),
            (serde_json::json!(1), false),
        ] {
            let claims: IdTokenClaims =
                serde_json::from_value(serde_json::json!({"sub": "s", "email_verified": value}))
                    .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(claims.email_verified(), expected, "{value}");
        }
        let absent: Result<IdTokenClaims, _> =
            serde_json::from_value(serde_json::json!({"sub": "s"}));
        assert!(absent.is_ok_and(|c| !c.email_verified()));
    }
}
