#![no_main]
//! The SG-Finder document's bodies, read from any bytes as the service reads them and
//! converted as its handlers convert them: no panic, and what cannot be used is a 4xx.

use account_domain::auth::ClientInfo;
use account_fuzz::{json_body, today};
use account_http::seeds::sg_finder::dto::{
    RegisterGameRequest, SignInRequest, SignUpRequest, UpdateUserRequest,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    json_body(data, |r: SignUpRequest| r.try_into_domain(today()));
    json_body(data, |r: SignInRequest| {
        r.try_into_domain(ClientInfo::default())
    });
    json_body(data, |r: UpdateUserRequest| r.try_into_domain(today()));
    json_body(data, RegisterGameRequest::try_into_domain);
});
