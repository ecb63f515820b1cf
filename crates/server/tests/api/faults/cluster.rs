//! A PostgreSQL cluster of the test's own, made from the machine's PostgreSQL binaries, that
//! the test may stop and start: never the shared server other tests use.

use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

impl Cluster {
    /// `initdb` and start on a free port. Panics with what to install when there are no
    /// PostgreSQL binaries (`PG_BIN`, else `/usr/lib/postgresql/<version>/bin`).
    pub fn start() -> Self {
        let bin = binaries().unwrap_or_else(|| {
            panic!(
                "the fault tests start a PostgreSQL cluster of their own and found no initdb: \
                 install PostgreSQL (apt-get install postgresql) or set PG_BIN to its bin directory"
            )
        });
        let dir = tempfile::tempdir().expect("a directory for the cluster");
        let cluster = Self {
            dir,
            bin,
            port: crate::binary::free_port(),
        };
        if is_root() {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            succeed(
                Command::new("chown")
                    .arg("postgres")
                    .arg(cluster.dir.path()),
            );
        }
        let data = cluster.data_dir();
        succeed(
            cluster
                .as_owner("initdb")
                .args(["-U", "postgres", "--auth=trust", "-D"])
                .arg(&data),
        );
        cluster.restart();
        cluster
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server the way an operator's restart does (`pg_ctl stop -m fast`: sessions
    /// are ended, running transactions rolled back).
    pub fn stop(&self) {
        succeed(
            self.as_owner("pg_ctl")
                .args(["stop", "-w", "-m", "fast", "-D"])
                .arg(self.data_dir()),
        );
    }

    /// Starts the server again on the same port and data.
    pub fn restart(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        succeed(
            self.as_owner("pg_ctl")
                .args(["start", "-w", "-l"])
                .arg(self.dir.path().join("server.log"))
                .args(["-o", &options, "-D"])
                .arg(self.data_dir()),
        );
    }

    /// One SQL statement's rows, `|`-separated, through `psql`.
    pub fn query(&self, sql: &str) -> String {
        let output = succeed(
            Command::new(self.bin.join("psql"))
                .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d"])
                .arg(self.url())
                .args(["-c", sql]),
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs `sql` in a `psql` of its own, left running (to hold a lock until it is killed).
    pub fn session(&self, sql: &str) -> std::process::Child {
        Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-d"])
            .arg(self.url())
            .args(["-c", sql])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("psql starts")
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn as_owner(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if is_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .as_owner("pg_ctl")
            .args(["stop", "-m", "immediate", "-D"])
            .arg(self.data_dir())
            .output();
    }
}

fn binaries() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.starts_with(b"0\n"))
}

fn succeed(command: &mut Command) -> Output {
    let output = command.output().expect("the command runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
