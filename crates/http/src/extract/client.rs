use std::future::{Ready, ready};
use std::net::IpAddr;

use account_domain::auth::ClientInfo;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};

use crate::settings::HttpSettings;

/// Longest user agent kept on a session; longer ones are cut.
const MAX_USER_AGENT_CHARS: usize = 256;

/// Where the request came from: the client IP (the peer address, or the last
/// `X-Forwarded-For` entry when [`HttpSettings::trust_forwarded_for`] says so) and the user
/// agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client(pub ClientInfo);

impl FromRequest for Client {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trust_forwarded_for = request
            .app_data::<HttpSettings>()
            .is_some_and(|s| s.trust_forwarded_for);
        ready(Ok(Client(client_info(request, trust_forwarded_for))))
    }
}

fn client_info(request: &HttpRequest, trust_forwarded_for: bool) -> ClientInfo {
    let forwarded = trust_forwarded_for
        .then(|| forwarded_for(request))
        .flatten();
    let ip = forwarded.or_else(|| request.peer_addr().map(|addr| addr.ip()));
    let user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .map(|agent| {
            agent
                .trim()
                .chars()
                .take(MAX_USER_AGENT_CHARS)
                .collect::<String>()
        })
        .filter(|agent| !agent.is_empty());
    ClientInfo {
        ip: ip.map(|ip| ip.to_string()),
        user_agent,
    }
}

/// The last `X-Forwarded-For` entry: the address the trusted proxy saw.
fn forwarded_for(request: &HttpRequest) -> Option<IpAddr> {
    let value = request
        .headers()
        .get_all("x-forwarded-for")
        .last()?
        .to_str()
        .ok()?;
    value.rsplit(',').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn request() -> TestRequest {
        TestRequest::default().peer_addr("10.0.0.9:4000".parse().unwrap())
    }

    #[test]
    fn uses_the_peer_address_by_default() {
        let request = request()
            .insert_header(("X-Forwarded-For", "1.2.3.4"))
            .to_http_request();
        assert_eq!(client_info(&request, false).ip.as_deref(), Some("10.0.0.9"));
    }

    #[test]
    fn trusts_the_last_forwarded_entry_only_when_told_to() {
        let request = request()
            .insert_header(("X-Forwarded-For", "6.6.6.6, 203.0.113.7"))
            .to_http_request();
        assert_eq!(
            client_info(&request, true).ip.as_deref(),
            Some("203.0.113.7")
        );
    }

    #[test]
    fn falls_back_to_the_peer_when_the_forwarded_entry_is_garbage() {
        let request = request()
            .insert_header(("X-Forwarded-For", "not-an-ip"))
            .to_http_request();
        assert_eq!(client_info(&request, true).ip.as_deref(), Some("10.0.0.9"));
    }

    #[test]
    fn keeps_a_bounded_user_agent() {
        let long = "a".repeat(1000);
        let request = request()
            .insert_header((header::USER_AGENT, long.as_str()))
            .to_http_request();
        assert_eq!(
            client_info(&request, false).user_agent.map(|a| a.len()),
            Some(MAX_USER_AGENT_CHARS)
        );
    }
}
