#![no_main]
//! The service user account document's bodies and query strings, read from any bytes as the
//! service reads them and converted as its handlers convert them: no panic, and what cannot
//! be used is a 4xx.

use account_domain::auth::ClientInfo;
use account_fuzz::{form, json_body};
use account_http::seeds::service_user::dto::{
    AccountLoginRequest, AccountRefreshRequest, AddRequest, EmailQuery, FindRequest,
    InfoUpdateRequest, SecurityRequest, TokenQuery,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    json_body(data, AddRequest::try_into_domain);
    json_body(data, InfoUpdateRequest::try_into_domain);
    json_body(data, SecurityRequest::try_into_domain);
    json_body(data, FindRequest::password);
    json_body(data, |r: AccountLoginRequest| {
        r.try_into_domain(ClientInfo::default())
    });
    json_body(data, AccountRefreshRequest::token);
    form(data, EmailQuery::try_into_domain);
    form(data, TokenQuery::code);
});
