//! The keys of the configuration: the field names serde's derive gives [`Config`].

use std::sync::OnceLock;

use serde::Deserialize;

use super::Config;

impl Config {
    /// The keys of the file, which are also the only ones read from the environment: the
    /// field names serde's derive gives `Config`, so the two cannot drift apart.
    pub fn keys() -> &'static [&'static str] {
        static KEYS: OnceLock<&'static [&'static str]> = OnceLock::new();
        KEYS.get_or_init(|| {
            let mut names = FieldNames(&[]);
            let _ = Config::deserialize(&mut names);
            names.0
        })
    }
}

/// A deserializer that reads nothing but the field names a derived `Deserialize` asks for.
struct FieldNames(&'static [&'static str]);

impl<'de> serde::Deserializer<'de> for &mut FieldNames {
    type Error = serde::de::value::Error;

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(serde::de::Error::custom("field names only"))
    }

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("field names only"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}
