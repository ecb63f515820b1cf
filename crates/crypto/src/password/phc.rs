//! Argon2 hashes as PHC strings: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.

use account_domain::UnexpectedError;
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Params, Version};

use super::scratch::Scratch;

pub(super) const SALT_BYTES: usize = 16;

/// Hashes `password` with argon2id v19 under `params` into a PHC string.
pub(super) fn hash(
    params: &Params,
    password: &[u8],
    salt: &[u8; SALT_BYTES],
    scratch: &mut Scratch,
) -> Result<String, UnexpectedError> {
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    scratch
        .with_blocks(params.block_count(), |blocks| {
            argon2.hash_password_into_with_memory(password, salt, &mut out, blocks)
        })?
        .map_err(failed)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(failed)?,
        salt: Some(Salt::new(salt).map_err(failed)?),
        hash: Some(Output::new(&out).map_err(failed)?),
    };
    Ok(phc.to_string())
}

/// True when `password` hashes to `phc` under the algorithm, version and parameters written
/// in `phc`. The hashes are compared in constant time. A malformed `phc` is an error.
pub(super) fn verify(
    password: &[u8],
    phc: &str,
    scratch: &mut Scratch,
) -> Result<bool, UnexpectedError> {
    let parsed = PasswordHash::new(phc).map_err(malformed)?;
    let algorithm = Algorithm::new(parsed.algorithm.as_str()).map_err(malformed)?;
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()
        .map_err(malformed)?
        .unwrap_or_default();
    let params = Params::try_from(&parsed).map_err(malformed)?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(UnexpectedError::new(
            "malformed password hash: no salt or no hash",
        ));
    };
    let block_count = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut buffer = [0u8; Output::MAX_LENGTH];
    let out = buffer
        .get_mut(..expected.len())
        .ok_or_else(|| UnexpectedError::new("malformed password hash"))?;
    scratch
        .with_blocks(block_count, |blocks| {
            argon2.hash_password_into_with_memory(password, &salt, out, blocks)
        })?
        .map_err(malformed)?;
    let computed = Output::new(out).map_err(malformed)?;
    // `Output`'s equality is constant-time.
    Ok(computed == expected)
}

fn failed(error: impl std::fmt::Display) -> UnexpectedError {
    UnexpectedError::new(format!("hashing a password: {error}"))
}

fn malformed(error: impl std::fmt::Display) -> UnexpectedError {
    UnexpectedError::new(format!("malformed password hash: {error}"))
}

#[cfg(test)]
mod tests {
    use argon2::PasswordHasher as _;

    use super::*;

    fn small() -> Params {
        Params::new(64, 1, 1, None).unwrap()
    }

    fn scratch() -> Scratch {
        Scratch::new(64, 1024)
    }

    #[test]
    fn writes_a_standard_phc_string_that_verifies() {
        let phc = hash(&small(), b"correct horse", &[7; SALT_BYTES], &mut scratch()).unwrap();
        assert!(
            phc.starts_with("$argon2id$v=19$m=64,t=1,p=1$BwcHBwcHBwcHBwcHBwcHBw$"),
            "{phc}"
        );
        assert!(verify(b"correct horse", &phc, &mut scratch()).unwrap());
        assert!(!verify(b"correct horsf", &phc, &mut scratch()).unwrap());
    }

    #[test]
    fn agrees_with_the_argon2_crate() {
        let params = small();
        let reference = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
            .hash_password_with_salt(b"pw", &[1; SALT_BYTES])
            .unwrap()
            .to_string();
        assert_eq!(
            hash(&params, b"pw", &[1; SALT_BYTES], &mut scratch()).unwrap(),
            reference
        );
    }

    #[test]
    fn verifies_hashes_of_other_algorithms_versions_and_parameters() {
        let cases = [
            (
                Algorithm::Argon2id,
                Version::V0x13,
                Params::new(256, 3, 2, Some(24)).unwrap(),
            ),
            (
                Algorithm::Argon2i,
                Version::V0x10,
                Params::new(128, 2, 1, None).unwrap(),
            ),
            (
                Algorithm::Argon2d,
                Version::V0x13,
                Params::new(96, 1, 3, Some(64)).unwrap(),
            ),
        ];
        for (algorithm, version, params) in cases {
            let phc = Argon2::new(algorithm, version, params)
                .hash_password_with_salt(b"old password", b"saltsaltsalt")
                .unwrap()
                .to_string();
            assert!(
                verify(b"old password", &phc, &mut scratch()).unwrap(),
                "{phc}"
            );
            assert!(
                !verify(b"new password", &phc, &mut scratch()).unwrap(),
                "{phc}"
            );
        }
    }

    #[test]
    fn malformed_hashes_are_errors() {
        let good = hash(&small(), b"pw", &[7; SALT_BYTES], &mut scratch()).unwrap();
        let without_hash = good.rsplit_once('$').unwrap().0.to_owned();
        for bad in [
            "",
            "plain text",
            "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
            "$argon2id$v=19$m=64,t=1,p=1",
            without_hash.as_str(),
            &good.replace("v=19", "v=99"),
            &good.replace("argon2id", "argon3"),
            &good.replace("m=64", "m=abc"),
            &good.replace("m=64", "m=64,x=1"),
            &good.replace("p=1", "p=0"),
            &format!("{good}!"),
        ] {
            assert!(verify(b"pw", bad, &mut scratch()).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_parameters_beyond_the_memory_limit() {
        let good = hash(&small(), b"pw", &[7; SALT_BYTES], &mut scratch()).unwrap();
        let huge = good.replace("m=64", "m=4194304");
        assert!(verify(b"pw", &huge, &mut scratch()).is_err());
    }
}
