use std::error::Error as StdError;
use std::fmt;

/// An error the domain cannot act on (a database outage, a broken invariant in stored data).
///
/// Adapters wrap driver errors in it at the port; the HTTP layer logs its cause chain and answers
/// with a generic 500 body, never with the cause. An adapter that could not reach its store at
/// all (no connection within the configured wait, the server gone, the disk full or read-only)
/// says so with [`UnexpectedError::unavailable`]: the request may succeed later (what it
/// wrote was rolled back, unless the connection died after the server committed).
pub struct UnexpectedError {
    context: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
    unavailable: bool,
}

impl UnexpectedError {
    pub fn new(context: impl Into<String>) -> Self {
        Self {
            context: context.into(),
            source: None,
            unavailable: false,
        }
    }

    pub fn with_source(
        context: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self {
            context: context.into(),
            source: Some(source.into()),
            unavailable: false,
        }
    }

    /// The store could not be reached or cannot take writes: a temporary condition.
    pub fn unavailable(
        context: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self {
            unavailable: true,
            ..Self::with_source(context, source)
        }
    }

    /// Whether this error, or one it wraps, says the store was unavailable.
    pub fn is_unavailable(&self) -> bool {
        let mut link: Option<&(dyn StdError + 'static)> = Some(self);
        while let Some(err) = link {
            if err
                .downcast_ref::<UnexpectedError>()
                .is_some_and(|unexpected| unexpected.unavailable)
            {
                return true;
            }
            link = err.source();
        }
        false
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

    #[test]
    fn unavailability_is_seen_through_wrapping() {
        let io = || std::io::Error::other("connection refused");
        let down = UnexpectedError::unavailable("getting a connection", io());
        assert!(down.is_unavailable());
        assert!(UnexpectedError::with_source("saving account", down).is_unavailable());
        assert!(!UnexpectedError::with_source("saving account", io()).is_unavailable());
        assert!(!UnexpectedError::new("broken row").is_unavailable());
    }
}
