#![no_main]
//! The accounts-with-roles document's bodies, read from any bytes as the service reads them
//! and converted as its handlers convert them: no panic, and what cannot be used is a 4xx.

use account_fuzz::{form, json_body, today};
use account_http::seeds::accounts_roles::dto::{
    AccountPatchRequest, SignUpCompletionRequest, SignedPutUrlQuery,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    json_body(data, |r: AccountPatchRequest| r.try_into_domain(today()));
    json_body(data, |r: SignUpCompletionRequest| Ok(r.into_domain()));
    form(data, |q: SignedPutUrlQuery| q.size());
});
