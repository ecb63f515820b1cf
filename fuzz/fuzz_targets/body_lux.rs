#![no_main]
//! The Lux user API's bodies (and the query `delete-real-user` also takes), read from any
//! bytes as the service reads them and converted as its handlers convert them: no panic, and
//! what cannot be used is a 4xx.

use account_domain::children::ChildId;
use account_domain::policies::PolicyPatch;
use account_fuzz::{form, json_body, today};
use account_http::seeds::lux::dto::{
    ChangePhoneRequest, CreateRealUserRequest, DeleteRealUserRequest, NotificationRequest,
    PolicyPatchRequest, RealUserPatchRequest, RootUserPatchRequest, SendSmsRequest,
    SetPushTokenRequest,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    json_body(data, |r: CreateRealUserRequest| r.try_into_domain(today()));
    json_body(data, |r: RealUserPatchRequest| {
        r.try_into_domain(ChildId(1), today())
    });
    json_body(data, |r: RootUserPatchRequest| r.try_into_domain(today()));
    json_body(data, DeleteRealUserRequest::try_into_domain);
    form(data, DeleteRealUserRequest::try_into_domain);
    json_body(data, NotificationRequest::try_into_domain);
    json_body(data, SendSmsRequest::try_into_domain);
    json_body(data, ChangePhoneRequest::try_into_domain);
    json_body(data, SetPushTokenRequest::try_into_domain);
    json_body(data, |r: PolicyPatchRequest| Ok(PolicyPatch::from(r)));
});
