use std::borrow::Cow;
use std::fmt::Display;

/// The field errors of one request body, collected so that the client hears about all of
/// them at once (`invalidFields: ["email", "password"]`).
#[derive(Debug, Default)]
pub struct FieldErrors {
    errors: Vec<(Cow<'static, str>, String)>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &'static str, message: impl Display) {
        self.errors
            .push((Cow::Borrowed(field), message.to_string()));
    }

    /// Takes over the errors of a nested value, e.g. row 3 of a list: fields become
    /// `[3].serial_code`, messages `[3]: ...`.
    pub fn absorb(&mut self, prefix: &str, nested: FieldErrors) {
        for (field, message) in nested.errors {
            self.errors.push((
                Cow::Owned(format!("{prefix}.{field}")),
                format!("{prefix}: {message}"),
            ));
        }
    }

    /// The value, if present and not blank; otherwise records `<field> is required`.
    pub fn required(&mut self, field: &'static str, value: Option<String>) -> Option<String> {
        match value {
            Some(value) if !value.trim().is_empty() => Some(value),
            _ => {
                self.add(field, format_args!("{field} is required"));
                None
            }
        }
    }

    /// A required value parsed into a domain value; records the parse error's message.
    pub fn parse<T, E: Display>(
        &mut self,
        field: &'static str,
        value: Option<String>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let value = self.required(field, value)?;
        self.record(field, parse(&value))
    }

    /// An optional value: absent or blank is `Some(None)`, invalid is `None` (recorded).
    pub fn parse_optional<T, E: Display>(
        &mut self,
        field: &'static str,
        value: Option<String>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        match value.filter(|v| !v.trim().is_empty()) {
            None => Some(None),
            Some(value) => self.record(field, parse(&value)).map(Some),
        }
    }

    /// An optional value where blank is not absent: absent (or `null`) is `Some(None)`, a
    /// present value is parsed as it is (invalid is `None`, recorded).
    pub fn parse_present<T, E: Display>(
        &mut self,
        field: &'static str,
        value: Option<String>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        match value {
            None => Some(None),
            Some(value) => self.record(field, parse(&value)).map(Some),
        }
    }

    fn record<T, E: Display>(&mut self, field: &'static str, parsed: Result<T, E>) -> Option<T> {
        parsed.map_err(|error| self.add(field, error)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.errors.iter().map(|(field, _)| field.as_ref())
    }

    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.errors.iter().map(|(_, message)| message.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positive(raw: &str) -> Result<u32, &'static str> {
        raw.parse().map_err(|_| "must be a positive number")
    }

    #[test]
    fn collects_every_error_in_order() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.parse("a", Some("x".into()), positive), None);
        assert_eq!(errors.required("b", Some("  ".into())), None);
        assert_eq!(errors.parse("c", Some("7".into()), positive), Some(7));
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(
            errors.messages().collect::<Vec<_>>(),
            ["must be a positive number", "b is required"]
        );
    }

    #[test]
    fn optional_values_may_be_absent_or_blank_but_not_invalid() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.parse_optional("a", None, positive), Some(None));
        assert_eq!(
            errors.parse_optional("a", Some(" ".into()), positive),
            Some(None)
        );
        assert!(errors.is_empty());
        assert_eq!(errors.parse_optional("a", Some("x".into()), positive), None);
        assert!(!errors.is_empty());
    }

    #[test]
    fn nested_errors_are_prefixed() {
        let mut row = FieldErrors::new();
        row.add("serial_code", "serial code is bad");
        let mut errors = FieldErrors::new();
        errors.absorb("[3]", row);
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["[3].serial_code"]);
        assert_eq!(
            errors.messages().collect::<Vec<_>>(),
            ["[3]: serial code is bad"]
        );
    }

    #[test]
    fn present_values_are_parsed_even_when_blank() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.parse_present("a", None, positive), Some(None));
        assert_eq!(
            errors.parse_present("a", Some("7".into()), positive),
            Some(Some(7))
        );
        assert!(errors.is_empty());
        assert_eq!(errors.parse_present("a", Some(" ".into()), positive), None);
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["a"]);
    }
}
