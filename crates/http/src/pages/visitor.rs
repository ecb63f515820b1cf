//! Who opened a page: the language to answer in and the HTTP settings the form cookie
//! follows.

use std::future::{Ready, ready};

use account_domain::values::Email;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse};

use super::csrf;
use super::language::negotiate;
use super::notices::{stale_form, unusable};
use super::wording::{Words, words};
use crate::settings::HttpSettings;

pub struct Visitor {
    pub words: &'static Words,
    pub settings: HttpSettings,
    pub request: HttpRequest,
}

impl FromRequest for Visitor {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let accept_language = request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok());
        ready(Ok(Self {
            words: words(negotiate(accept_language)),
            settings: request
                .app_data::<HttpSettings>()
                .cloned()
                .unwrap_or_default(),
            request: request.clone(),
        }))
    }
}

impl Visitor {
    /// The address a form post names, if the post is this browser's own ([`csrf`], its form
    /// token `csrf_field`); else the page to answer: the stale-form page, or the unusable-link
    /// page saying `unusable_text` when the address is not one.
    pub fn own_post(
        &self,
        csrf_field: &str,
        email: &str,
        unusable_text: &str,
    ) -> Result<Email, Box<HttpResponse>> {
        if !csrf::accepts(&self.request, &self.settings, csrf_field) {
            return Err(Box::new(stale_form(self)));
        }
        Email::parse(email).map_err(|_| Box::new(unusable(self, unusable_text, None)))
    }
}
