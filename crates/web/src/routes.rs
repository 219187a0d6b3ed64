//! The route table: every method and path the server answers, registered through one builder so
//! that the list can be read back. The permission test declares the expected status of each route
//! for each role and fails on a route it does not know.
//!
//! API routes are added with [`Routes::api`] from their handler's `#[utoipa::path]`: the method
//! and path come from the annotation, and the description it carries goes into the OpenAPI
//! document, which therefore lists exactly the routes the server answers.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::MethodRouter;
use utoipa::openapi::path::Paths;
use utoipa::openapi::{RefOr, Schema};
use utoipa_axum::router::UtoipaMethodRouter;

use crate::AppState;

/// A router being built, with the (method, path) of each route added and the OpenAPI description
/// of the API routes.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    table: Vec<(Method, String)>,
    paths: Paths,
    schemas: Vec<(String, RefOr<Schema>)>,
}

macro_rules! verb {
    ($name:ident, $method:ident, $routing:ident) => {
        pub fn $name<H, T>(self, path: &'static str, handler: H) -> Self
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            self.method(Method::$method, path, axum::routing::$routing(handler))
        }
    };
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    verb!(get, GET, get);
    verb!(post, POST, post);
    verb!(put, PUT, put);
    verb!(patch, PATCH, patch);
    verb!(delete, DELETE, delete);

    /// A route whose method router carries a layer of its own (a larger body limit, say);
    /// `method` must be the one method `router` answers.
    pub fn method(mut self, method: Method, path: &'static str, router: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, router);
        self.table.push((method, path.to_string()));
        self
    }

    /// An API route from `utoipa_axum::routes!(handler, ...)`: the handlers of one path, with the
    /// methods and description of their `#[utoipa::path]`.
    pub fn api(self, (schemas, paths, router): UtoipaMethodRouter<AppState>) -> Self {
        self.api_with((schemas, paths, router), |r| r)
    }

    /// [`Routes::api`] with a layer of the route's own (a larger body limit, say).
    pub fn api_with(
        mut self,
        (schemas, paths, router): UtoipaMethodRouter<AppState>,
        layer: impl FnOnce(MethodRouter<AppState>) -> MethodRouter<AppState>,
    ) -> Self {
        let mut router = Some(layer(router));
        for (path, item) in &paths.paths {
            let methods = [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::PATCH, &item.patch),
                (Method::DELETE, &item.delete),
            ];
            for (method, op) in methods {
                if op.is_some() {
                    self.table.push((method, path.clone()));
                }
            }
            // `routes!` takes the handlers of one path: its method router serves that path.
            if let Some(r) = router.take() {
                self.router = self.router.route(path, r);
            }
        }
        self.paths.merge(paths);
        self.schemas.extend(schemas);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self.paths.merge(other.paths);
        self.schemas.extend(other.schemas);
        self
    }

    /// Every route as (method, path pattern), in the order added.
    pub fn table(&self) -> &[(Method, String)] {
        &self.table
    }

    /// The OpenAPI paths of the API routes, and the schemas their types bring.
    pub fn openapi_parts(&self) -> (&Paths, &[(String, RefOr<Schema>)]) {
        (&self.paths, &self.schemas)
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

/// The `{id}` of a path: the identifier of the record, round, response, event or action named.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// the identifier
    #[allow(dead_code)]
    id: String,
}
