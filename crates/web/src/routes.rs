//! The route table: every method and path the server answers, registered through one builder so
//! that the list can be read back. The permission test declares the expected status of each route
//! for each role and fails on a route it does not know.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::MethodRouter;

use crate::AppState;

/// A router being built, with the (method, path) of each route added.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    table: Vec<(Method, &'static str)>,
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
        self.table.push((method, path));
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    /// Every route as (method, path pattern), in the order added.
    pub fn table(&self) -> &[(Method, &'static str)] {
        &self.table
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
