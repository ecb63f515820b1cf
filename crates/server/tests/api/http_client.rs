//! Just enough HTTP/1.1 to talk to the real binary on a real port.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub struct RawReply {
    pub status: u16,
    pub body: String,
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
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let body = json.unwrap_or("");
    let content_type = if json.is_some() {
        "Content-Type: application/json\r\n"
    } else {
        ""
    };
    let authorization = bearer
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{authorization}{content_type}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok(RawReply { status, body })
}
