//! Random fractions for retry jitter, from the operating system's generator.

use account_domain::outbox::Jitter;

/// `fraction` in `[0, 1)` from 53 random bits; `0.5` (no spread, still a valid delay) in the
/// unlikely case the generator fails.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsJitter;

impl Jitter for OsJitter {
    fn fraction(&self) -> f64 {
        match crate::random::bytes::<8>() {
            Ok(bytes) => (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64,
            Err(_) => 0.5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_in_the_unit_interval_and_vary() {
        let drawn: Vec<f64> = (0..64).map(|_| OsJitter.fraction()).collect();
        assert!(drawn.iter().all(|f| (0.0..1.0).contains(f)), "{drawn:?}");
        assert!(drawn.iter().any(|f| *f != drawn[0]));
    }
}
