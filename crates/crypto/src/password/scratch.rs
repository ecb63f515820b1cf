use account_domain::UnexpectedError;
use argon2::Block;

/// Argon2 working memory owned by one worker thread.
///
/// The buffer for the configured parameters is allocated on first use and kept, so the
/// kernel does not fault in a fresh 19 MiB for every hash. A hash of larger (foreign)
/// parameters gets a temporary buffer, up to a limit.
pub(super) struct Scratch {
    kept: Vec<Block>,
    keep_blocks: usize,
    max_blocks: usize,
}

impl Scratch {
    pub fn new(keep_blocks: usize, max_blocks: usize) -> Self {
        Self {
            kept: Vec::new(),
            keep_blocks,
            max_blocks,
        }
    }

    /// Runs `f` on at least `count` blocks (argon2 uses the first `count`).
    pub fn with_blocks<R>(
        &mut self,
        count: usize,
        f: impl FnOnce(&mut [Block]) -> R,
    ) -> Result<R, UnexpectedError> {
        if count > self.max_blocks {
            return Err(UnexpectedError::new(format!(
                "password hash needs {count} KiB, more than the {} KiB allowed",
                self.max_blocks
            )));
        }
        if count <= self.keep_blocks {
            if self.kept.len() < self.keep_blocks {
                self.kept = allocate(self.keep_blocks)?;
            }
            return Ok(f(&mut self.kept));
        }
        Ok(f(&mut allocate(count)?))
    }
}

/// Zeroed blocks; an allocation failure is an error, not an abort.
fn allocate(count: usize) -> Result<Vec<Block>, UnexpectedError> {
    let mut blocks = Vec::new();
    blocks
        .try_reserve_exact(count)
        .map_err(|e| UnexpectedError::with_source("allocating argon2 memory", e))?;
    blocks.resize(count, Block::new());
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_its_buffer_and_lends_temporary_ones_up_to_the_limit() {
        let mut scratch = Scratch::new(16, 64);
        assert_eq!(scratch.with_blocks(8, |b| b.len()).unwrap(), 16);
        let kept = scratch.kept.as_ptr();
        assert_eq!(scratch.with_blocks(16, |b| b.len()).unwrap(), 16);
        assert_eq!(scratch.kept.as_ptr(), kept);
        assert_eq!(scratch.with_blocks(64, |b| b.len()).unwrap(), 64);
        assert_eq!(scratch.kept.len(), 16);
        assert!(scratch.with_blocks(65, |b| b.len()).is_err());
    }
}
