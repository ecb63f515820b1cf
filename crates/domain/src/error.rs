use std::error::Error as StdError;
use std::fmt;

/// An error the domain cannot act on (a database outage, a broken invariant in stored data).
///
/// Adapters wrap driver errors in it at the port; the HTTP layer logs its cause chain and answers
/// with a generic 500 body, never with the cause.
pub struct UnexpectedError {
    context: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl UnexpectedError {
    pub fn new(context: impl Into<String>) -> Self {
        Self {
            context: context.into(),
            source: None,
        }
    }

    pub fn with_source(
        context: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self {
            context: context.into(),
            source: Some(source.into()),
        }
    }
}

impl fmt::Display for UnexpectedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.context)
    }
}

/// Prints the whole cause chain, so that one log line tells what went wrong.
impl fmt::Debug for UnexpectedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.context)?;
        let mut cause = self.source();
        while let Some(err) = cause {
            write!(f, ": {err}")?;
            cause = err.source();
        }
        Ok(())
    }
}

impl StdError for UnexpectedError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_prints_the_cause_chain() {
        let io = std::io::Error::other("disk full");
        let err = UnexpectedError::with_source("saving account", io);
        assert_eq!(format!("{err:?}"), "saving account: disk full");
        assert_eq!(err.to_string(), "saving account");
    }
}
