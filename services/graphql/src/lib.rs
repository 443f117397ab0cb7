//! Ansinh's GraphQL schema.
//!
//! Owns the API's types (separate from stored rows and domain types), the resolvers that call
//! the app's use cases, the query limits (depth, complexity, directives, introspection), the
//! mapping of errors to a stable `extensions.code` with internal detail masked, and the SDL
//! export behind `graphql-schema/schema.graphql`.
//!
//! Must not depend on poem (the HTTP adapter is the server's) nor on sea-orm (storage is behind
//! the app's ports).

mod background;
mod context;
mod depth;
mod dossiers;
mod errors;
mod files;
mod identity;
mod input_guard;
mod introspection;
mod live;
mod loaders;
mod messages;
mod paging;
mod reference;

use ansinh_app::Ansinh;
use async_graphql::{MergedObject, Schema};

pub use background::{BackgroundMutation, BackgroundQuery};
pub use context::{Caller, RequestContext};
pub use dossiers::{DossierMutation, DossierQuery};
pub use errors::ErrorMasking;
pub use files::{
    DOCUMENT_TICKET, DRAFT_TICKET, DocumentQuery, FileMutation, FileQuery, SigningMutation,
    SigningQuery, kind_of_slug, kind_slug,
};
pub use identity::{IdentityMutation, IdentityQuery};
pub use live::{LiveSession, LiveSubscription};
pub use reference::{CalendarQuery, QueryRoot};

/// Every query, from each area.
#[derive(MergedObject, Debug, Default)]
#[graphql(name = "Query")]
pub struct Query(
    QueryRoot,
    CalendarQuery,
    IdentityQuery,
    DossierQuery,
    FileQuery,
    DocumentQuery,
    SigningQuery,
    BackgroundQuery,
);

/// Every mutation, from each area.
#[derive(MergedObject, Debug, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(
    IdentityMutation,
    DossierMutation,
    FileMutation,
    SigningMutation,
    BackgroundMutation,
);

/// The executable schema.
pub type AnsinhSchema = Schema<Query, Mutation, LiveSubscription>;

/// Limits applied to every operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Deepest selection nesting allowed.
    pub max_depth: usize,
    /// Highest complexity (list fields multiply by their page size).
    pub max_complexity: usize,
    /// Most directives on one field.
    pub max_directives: usize,
    /// Whether `__schema` / `__type` answer.
    pub introspection: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 10,
            max_complexity: 2_000,
            max_directives: 5,
            introspection: false,
        }
    }
}

/// Builds the schema over the app with the given limits.
pub fn build_schema(app: Ansinh, limits: &Limits) -> AnsinhSchema {
    let depth = depth::DepthLimit {
        max: limits.max_depth,
        introspection: limits
            .introspection
            .then_some(depth::INTROSPECTION_DEPTH.max(limits.max_depth)),
    };
    let mut builder = Schema::build(Query::default(), Mutation::default(), LiveSubscription)
        .data(app)
        .extension(ErrorMasking)
        .extension(loaders::Relations)
        .extension(input_guard::InputGuard)
        .extension(depth)
        .limit_complexity(limits.max_complexity)
        .limit_directives(limits.max_directives)
        .disable_suggestions();
    if !limits.introspection {
        builder = builder
            .disable_introspection()
            .extension(introspection::IntrospectionGuard);
    }
    builder.finish()
}

/// The schema in SDL, as committed in `graphql-schema/schema.graphql`.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), LiveSubscription)
        .finish()
        .sdl()
}
