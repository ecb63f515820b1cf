//! Just enough HTTP/1.1 to talk to the real binary on a real port.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub struct RawReply {
    pub status: u16,
    /// The status line and the headers, as received.
    pub head: String,
    pub body: String,
}

impl RawReply {
    /// The value of header `name` (any case), if the reply has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

pub fn request(
    port: u16,
    method: &str,
    path: &str,
    json: Option<&str>,
) -> std::io::Result<RawReply> {
    request_as(port, method, path, json, None)
}

pub fn request_as(
    port: u16,
    method: &str,
    path: &str,
    json: Option<&str>,
    bearer: Option<&str>,
) -> std::io::Result<RawReply> {
    let authorization = bearer.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = authorization
        .as_deref()
        .map(|value| ("Authorization", value))
        .into_iter()
        .collect();
    request_with(port, method, path, json, &headers)
}

/// A request with these extra headers (SG-Finder's `session-token` and `userId`, say).
pub fn request_with(
    port: u16,
    method: &str,
    path: &str,
    json: Option<&str>,
    headers: &[(&str, &str)],
) -> std::io::Result<RawReply> {
    let body = json.map(|json| ("application/json", json));
    request_typed(port, method, path, body, headers)
}

/// A request whose body, if any, is of the given content type: `(content type, body)`.
pub fn request_typed(
    port: u16,
    method: &str,
    path: &str,
    typed_body: Option<(&str, &str)>,
    headers: &[(&str, &str)],
) -> std::io::Result<RawReply> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let (content_type, body) = match typed_body {
        Some((content_type, body)) => (format!("Content-Type: {content_type}\r\n"), body),
        None => (String::new(), ""),
    };
    let extra: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}{content_type}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    crate::status_record::record(method, path, status);
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .map(|(h, b)| (h.to_owned(), b.to_owned()))
        .unwrap_or_default();
    Ok(RawReply { status, head, body })
}
