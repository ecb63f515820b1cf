//! What answers a request no route takes: `405` with `Allow` when the path exists under other
//! methods, `404` otherwise, both as [`ApiError`]s.

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use super::ApiError;

/// Every served path template with the methods it answers.
pub struct KnownRoutes {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

impl KnownRoutes {
    pub fn new(routes: impl IntoIterator<Item = (String, Vec<Method>)>) -> Self {
        Self {
            routes: routes
                .into_iter()
                .map(|(path, methods)| (ResourceDef::new(path), methods))
                .collect(),
        }
    }

    /// The methods the path answers to; empty when no route has this path.
    fn methods_for(&self, path: &str) -> Vec<&Method> {
        self.routes
            .iter()
            .filter(|(def, _)| def.is_match(path))
            .flat_map(|(_, methods)| methods)
            .collect()
    }
}

/// The default service of the application.
pub async fn unmatched(request: HttpRequest, routes: web::Data<KnownRoutes>) -> HttpResponse {
    let allowed = routes.methods_for(request.path());
    if allowed.is_empty() {
        return ApiError::not_found().error_response();
    }
    let allow = allowed
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut response = ApiError::method_not_allowed().error_response();
    if let Ok(value) = HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_templates_and_collects_methods() {
        let routes = KnownRoutes::new([
            ("/a/sessions".to_owned(), vec![Method::GET, Method::DELETE]),
            ("/a/sessions/{id}".to_owned(), vec![Method::DELETE]),
        ]);
        assert_eq!(
            routes.methods_for("/a/sessions"),
            [&Method::GET, &Method::DELETE]
        );
        assert_eq!(routes.methods_for("/a/sessions/12"), [&Method::DELETE]);
        assert!(routes.methods_for("/a/nothing").is_empty());
    }
}
