use std::fmt;

use serde::Deserialize;

/// The fields of a Google service-account key file (JSON) that FCM needs. `Debug` hides the
/// private key.
#[derive(Clone, Deserialize)]
pub struct ServiceAccount {
    pub project_id: String,
    pub client_email: String,
    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub private_key: String,
    /// Names the key in the JWT header (`kid`) when present.
    #[serde(default)]
    pub private_key_id: Option<String>,
    /// Where the JWT assertion is exchanged for an access token.
    pub token_uri: String,
}

impl ServiceAccount {
    /// Reads the key file's JSON as the Google console downloads it.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl fmt::Debug for ServiceAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAccount")
            .field("project_id", &self.project_id)
            .field("client_email", &self.client_email)
            .field("private_key", &"<hidden>")
            .field("private_key_id", &self.private_key_id)
            .field("token_uri", &self.token_uri)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_read_and_its_private_key_stays_out_of_debug_output() {
        let account = ServiceAccount::from_json(
            r#"{"type": "service_account", "project_id": "lux-app",
                "private_key_id": "k1", "private_key": "-----BEGIN PRIVATE KEY-----\nSECRETBITS\n",
                "client_email": "push@lux-app.iam.gserviceaccount.com",
                "token_uri": "https://oauth2.googleapis.com/token"}"#,
        )
        .unwrap();
        assert_eq!(account.project_id, "lux-app");
        assert_eq!(account.private_key_id.as_deref(), Some("k1"));
        let shown = format!("{account:?}");
        assert!(shown.contains("push@lux-app"), "{shown}");
        assert!(!shown.contains("SECRETBITS"), "{shown}");
    }
}
