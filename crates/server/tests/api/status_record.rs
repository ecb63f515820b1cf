//! Every answer these tests get, written down for the check that each documented status is
//! reached (`scripts/api-fuzz.d/status-coverage.py --require`, run by `scripts/test`).
//!
//! When `ACCOUNT_STATUS_RECORD` names a directory, each client of this test binary (the
//! in-process `helpers::send` and the TCP clients of the real binary) appends one JSON line
//! `{"method": .., "path": .., "status": ..}` per answer to `<dir>/<pid>.jsonl`, in a single
//! write, so that parallel tests never interleave their lines. Unset, nothing is written.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::{Mutex, OnceLock};

use actix_http::Request;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::test::{self, TestRequest};

/// The environment variable naming the directory the answers are written to.
pub const RECORD_DIR: &str = "ACCOUNT_STATUS_RECORD";

fn record_file() -> Option<&'static Mutex<File>> {
    static FILE: OnceLock<Option<Mutex<File>>> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = std::env::var_os(RECORD_DIR)?;
        let path = std::path::Path::new(&dir).join(format!("{}.jsonl", std::process::id()));
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("{RECORD_DIR}: cannot append to {}: {e}", path.display()));
        Some(Mutex::new(file))
    })
    .as_ref()
}

/// Writes down one answer: `target` is the request target as sent (its query is dropped);
/// status 0 (no answer came) is not written.
pub fn record(method: &str, target: &str, status: u16) {
    let Some(file) = record_file().filter(|_| status != 0) else {
        return;
    };
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    let mut line =
        serde_json::json!({"method": method, "path": path, "status": status}).to_string();
    line.push('\n');
    let mut file = file
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    file.write_all(line.as_bytes())
        .unwrap_or_else(|e| panic!("{RECORD_DIR}: cannot write an answer down: {e}"));
}

/// `test::call_service`, with the answer written down.
pub async fn call<S, B>(app: &S, request: TestRequest) -> ServiceResponse<B>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let request = request.to_request();
    let method = request.method().to_string();
    let path = request.path().to_owned();
    let response = test::call_service(app, request).await;
    record(&method, &path, response.status().as_u16());
    response
}
