#![no_main]
//! The administration routes' bodies and search queries, read from any bytes as the service
//! reads them and converted as its handlers convert them: no panic, and what cannot be used
//! is a 4xx.

use account_fuzz::{form, json_body, json_list};
use account_http::seeds::admin::dto::{
    AccountSearchParams, AuditSearchParams, ProvisionDeviceRow, PushSendRequest, RolesRequest,
    batch_into_domain,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    json_body(data, RolesRequest::try_into_domain);
    json_body(data, PushSendRequest::try_into_domain);
    json_list(data, |rows: Vec<ProvisionDeviceRow>| {
        batch_into_domain(rows)
    });
    form(data, AccountSearchParams::try_into_domain);
    form(data, AuditSearchParams::try_into_domain);
});
