use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Serialize, Serializer};

/// An instant as the Lux document writes it: RFC 3339 in UTC with milliseconds and `Z`,
/// `2024-10-28T07:47:53.563Z`.
///
/// Fields of this type are documented with
/// `#[schema(value_type = String, format = DateTime, example = "2024-10-28T07:47:53.563Z")]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LuxTimestamp(pub DateTime<Utc>);

impl From<DateTime<Utc>> for LuxTimestamp {
    fn from(at: DateTime<Utc>) -> Self {
        Self(at)
    }
}

impl Serialize for LuxTimestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn writes_milliseconds_and_z() {
        let at = Utc
            .with_ymd_and_hms(2024, 10, 28, 7, 47, 53)
            .single()
            .unwrap_or_default()
            + chrono::Duration::milliseconds(563);
        assert_eq!(
            serde_json::to_value(LuxTimestamp(at)).unwrap_or_default(),
            "2024-10-28T07:47:53.563Z"
        );
        let whole = at - chrono::Duration::milliseconds(563);
        assert_eq!(
            serde_json::to_value(LuxTimestamp(whole)).unwrap_or_default(),
            "2024-10-28T07:47:53.000Z"
        );
    }
}
