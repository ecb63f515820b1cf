//! A stand-in OpenID Connect provider on loopback for the Google sign-in tests:
//! `scripts/test-servers/oauth2-provider.mjs` (oauth2-mock-server, which enforces PKCE S256
//! and publishes its signing key), one process per test, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

pub struct StandInProvider {
    child: Child,
    _stdin: Option<ChildStdin>,
    pub port: u16,
    /// The `iss` of its tokens.
    pub issuer: String,
}

impl StandInProvider {
    /// Starts a provider whose ID tokens claim what `config` says (JSON: `claims` merged into
    /// every token, `aud` replacing the audience, `omit` listing claims to remove). Panics
    /// with what to do when Node or the package is missing: tests never skip.
    pub fn start(config: &str) -> Self {
        let modules = node_modules("oauth2-mock-server");
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scripts/test-servers/oauth2-provider.mjs");
        let mut child = Command::new("node")
            .arg(&script)
            .arg(config)
            .env("ACCOUNT_TEST_NODE_MODULES", &modules)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run node ({e}): install Node 20.19+ and run the tests with scripts/test"
                )
            });
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let mut words = line.split_whitespace();
        let (Some("listening"), Some(port), Some(issuer)) =
            (words.next(), words.next(), words.next())
        else {
            let _ = child.kill();
            panic!(
                "the stand-in OpenID provider did not start ({line:?}); run the tests with \
                 scripts/test, which installs oauth2-mock-server (scripts/test-servers/node-tools) \
                 and sets ACCOUNT_TEST_NODE_MODULES"
            );
        };
        Self {
            port: port.parse().expect("a port number"),
            issuer: issuer.to_owned(),
            child,
            _stdin: stdin,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn authorization_endpoint(&self) -> String {
        self.url("/authorize")
    }

    pub fn token_endpoint(&self) -> String {
        self.url("/token")
    }

    pub fn jwks_uri(&self) -> String {
        self.url("/jwks")
    }
}

impl Drop for StandInProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Node test tools' `node_modules` holding `package`: `ACCOUNT_TEST_NODE_MODULES` (set by
/// `scripts/test`), else the cache `node-tools` fills. Panics with what to do when `package`
/// is not installed there.
pub fn node_modules(package: &str) -> PathBuf {
    if let Ok(dir) = std::env::var("ACCOUNT_TEST_NODE_MODULES") {
        return installed(PathBuf::from(dir), package);
    }
    let cache = std::env::var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|home| Path::new(&home).join(".cache")))
        .unwrap_or_else(|_| PathBuf::from(".cache"));
    installed(cache.join("account-service/node/node_modules"), package)
}

fn installed(dir: PathBuf, package: &str) -> PathBuf {
    assert!(
        dir.join(package).exists(),
        "{package} is not installed in {}: run the tests with scripts/test, or \
         scripts/test-servers/node-tools first",
        dir.display()
    );
    dir
}
