//! `account-service healthcheck`: asks the running service on this machine whether it is ready,
//! for container images that have no curl (the distroless runtime image of the `Dockerfile`).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use anyhow::{Context, bail};

const TIMEOUT: Duration = Duration::from_secs(3);

/// Succeeds when `GET /health/ready` on `bind` answers 200 within three seconds. A wildcard
/// bind address (`0.0.0.0:8080`, `[::]:8080`) is asked on loopback.
pub fn check(bind: &str) -> anyhow::Result<String> {
    let address = local_address(bind)?;
    let mut stream = TcpStream::connect_timeout(&address, TIMEOUT)
        .with_context(|| format!("nothing answers on {address}"))?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let request =
        format!("GET /health/ready HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut answer = Vec::new();
    stream
        .take(64 * 1024)
        .read_to_end(&mut answer)
        .context("reading the answer")?;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer.split(' ').nth(1).unwrap_or("no status");
    if status != "200" {
        bail!("{address} is not ready: HTTP {status}");
    }
    Ok(format!("{address} is ready"))
}

fn local_address(bind: &str) -> anyhow::Result<SocketAddr> {
    let mut address = bind
        .to_socket_addrs()
        .with_context(|| format!("bind `{bind}` is not an address"))?
        .next()
        .with_context(|| format!("bind `{bind}` names no address"))?;
    if address.ip().is_unspecified() {
        let loopback = match address {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        };
        address.set_ip(loopback);
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_bind_is_asked_on_loopback() {
        assert_eq!(
            local_address("0.0.0.0:8080").unwrap(),
            "127.0.0.1:8080".parse().unwrap()
        );
        assert_eq!(
            local_address("[::]:9000").unwrap(),
            "[::1]:9000".parse().unwrap()
        );
        assert_eq!(
            local_address("127.0.0.1:1234").unwrap(),
            "127.0.0.1:1234".parse().unwrap()
        );
    }

    #[test]
    fn nothing_listening_is_a_failure() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let error = check(&format!("127.0.0.1:{port}")).unwrap_err();
        assert!(error.to_string().contains("nothing answers"), "{error}");
    }

    #[test]
    fn a_service_that_is_not_ready_is_a_failure() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut byte = [0u8; 1];
            while !request.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap() == 1 {
                request.push(byte[0]);
            }
            stream
                .write_all(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n")
                .unwrap();
        });
        let error = check(&address.to_string()).unwrap_err();
        server.join().unwrap();
        assert!(error.to_string().contains("HTTP 503"), "{error}");
    }
}
