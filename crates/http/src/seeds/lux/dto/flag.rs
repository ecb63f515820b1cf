use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

/// A switch the Lux document writes both ways: `true`/`false` in its table, `1`/`0` in its
/// example. It remembers the form it came in, so an answer can echo it (`1` in, `1` out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    pub value: bool,
    pub form: FlagForm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagForm {
    Boolean,
    Number,
}

impl Flag {
    /// `value` written in `form`.
    pub fn new(value: bool, form: FlagForm) -> Self {
        Self { value, form }
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.form {
            FlagForm::Boolean => serializer.serialize_bool(self.value),
            FlagForm::Number => serializer.serialize_u8(u8::from(self.value)),
        }
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FlagVisitor)
    }
}

struct FlagVisitor;

impl Visitor<'_> for FlagVisitor {
    type Value = Flag;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true, false, 1 or 0")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Flag, E> {
        Ok(Flag::new(value, FlagForm::Boolean))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Flag, E> {
        match value {
            0 => Ok(Flag::new(false, FlagForm::Number)),
            1 => Ok(Flag::new(true, FlagForm::Number)),
            other => Err(E::invalid_value(de::Unexpected::Unsigned(other), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Flag, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(value), &self)),
        }
    }
}

impl PartialSchema for Flag {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Boolean))
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .enum_values(Some([0, 1])),
            )
            .description(Some(
                "`true`/`false` or `1`/`0`; answered in the form it was sent",
            ))
            .into()
    }
}

impl ToSchema for Flag {}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parse(value: serde_json::Value) -> Result<Flag, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_booleans_and_ones_and_zeros_and_writes_them_back_alike() {
        for value in [json!(true), json!(false), json!(1), json!(0)] {
            let flag = parse(value.clone());
            assert_eq!(
                flag.map(|f| serde_json::to_value(f).unwrap_or_default()),
                Ok(value)
            );
        }
        assert_eq!(parse(json!(1)).map(|f| f.value), Ok(true));
        assert_eq!(parse(json!(false)).map(|f| f.value), Ok(false));
    }

    #[test]
    fn rejects_other_values() {
        for value in [
            json!(2),
            json!(-1),
            json!("1"),
            json!("true"),
            json!(1.0),
            json!(null),
        ] {
            assert!(parse(value.clone()).is_err(), "{value}");
        }
    }
}
