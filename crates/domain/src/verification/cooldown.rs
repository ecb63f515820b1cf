use crate::UnexpectedError;
use chrono::{DateTime, Duration, Utc};

use crate::time::later;

/// When a new code may be issued, if the newest one (created at `newest`) is less than
/// `cooldown` older than the new one (created at `issuing_at`).
pub fn cooling_down_until(
    newest: Option<DateTime<Utc>>,
    issuing_at: DateTime<Utc>,
    cooldown: Duration,
) -> Result<Option<DateTime<Utc>>, UnexpectedError> {
    let Some(newest) = newest else {
        return Ok(None);
    };
    let retry_at = later(newest, cooldown)?;
    Ok((retry_at > issuing_at).then_some(retry_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::t0;

    #[test]
    fn a_code_younger_than_the_cooldown_holds_the_next_one_back() {
        let cooldown = Duration::seconds(60);
        let retry_at = t0() + cooldown;
        assert_eq!(
            cooling_down_until(Some(t0()), t0() + Duration::seconds(59), cooldown).ok(),
            Some(Some(retry_at))
        );
        assert_eq!(
            cooling_down_until(Some(t0()), retry_at, cooldown).ok(),
            Some(None)
        );
        assert_eq!(cooling_down_until(None, t0(), cooldown).ok(), Some(None));
    }
}
