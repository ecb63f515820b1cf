use actix_web::dev::HttpServiceFactory;
use actix_web::web::ServiceConfig;
use utoipa::openapi::{Components, OpenApi};
use utoipa_actix_web::OpenApiFactory;

/// Registers routes and records them in the OpenAPI document at once, so the document lists
/// exactly what is served.
pub struct RouteRegistry<'c> {
    config: Option<&'c mut ServiceConfig>,
    document: OpenApi,
}

impl<'c> RouteRegistry<'c> {
    /// Registers on `config`, documenting into `document`.
    pub fn new(config: &'c mut ServiceConfig, document: OpenApi) -> Self {
        Self {
            config: Some(config),
            document,
        }
    }

    /// Only documents (to print the OpenAPI document without serving).
    pub fn document_only(document: OpenApi) -> RouteRegistry<'static> {
        RouteRegistry {
            config: None,
            document,
        }
    }

    pub fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        self.document.paths.merge(factory.paths());
        let mut schemas = Vec::new();
        factory.schemas(&mut schemas);
        self.document
            .components
            .get_or_insert_with(Components::new)
            .schemas
            .extend(schemas);
        if let Some(config) = self.config.as_deref_mut() {
            config.service(factory);
        }
        self
    }

    pub fn into_document(self) -> OpenApi {
        self.document
    }
}
