//! The depth limit, counted as the engine counts it (one level per nested field, fragments
//! expanded), with one exception: where introspection is enabled (the demo), the subtree of
//! `__schema` / `__type` may nest as deep as type references do in GraphiQL's own introspection
//! query, so its schema explorer and autocompletion work. Everything else keeps the limit.

use std::collections::HashMap;
use std::sync::Arc;

use ansinh_core::ErrorCode;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned, ServerResult, Variables};

/// How deep GraphiQL's introspection query nests (type references, `ofType` eight times).
pub(crate) const INTROSPECTION_DEPTH: usize = 16;

/// Refuses operations nested deeper than the limit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DepthLimit {
    /// Deepest nesting of ordinary fields.
    pub(crate) max: usize,
    /// Deepest nesting below `__schema` / `__type`, when introspection is on.
    pub(crate) introspection: Option<usize>,
}

impl ExtensionFactory for DepthLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(*self)
    }
}

type Fragments = HashMap<Name, Positioned<FragmentDefinition>>;

impl DepthLimit {
    /// Whether `set`, at `depth`, stays within `limit`; fragments on the current path are not
    /// entered twice (a cycle is refused later by validation).
    fn within(
        &self,
        set: &Positioned<SelectionSet>,
        depth: usize,
        limit: usize,
        (fragments, path): (&Fragments, &mut Vec<Name>),
    ) -> bool {
        set.node.items.iter().all(|item| match &item.node {
            Selection::Field(field) => {
                let name = field.node.name.node.as_str();
                let limit = match self.introspection {
                    Some(deeper) if name == "__schema" || name == "__type" => deeper,
                    _ => limit,
                };
                depth < limit
                    && self.within(
                        &field.node.selection_set,
                        depth + 1,
                        limit,
                        (fragments, path),
                    )
            }
            Selection::InlineFragment(inline) => {
                self.within(&inline.node.selection_set, depth, limit, (fragments, path))
            }
            Selection::FragmentSpread(spread) => {
                let name = &spread.node.fragment_name.node;
                let Some(fragment) = fragments.get(name).filter(|_| !path.contains(name)) else {
                    return true;
                };
                path.push(name.clone());
                let within = self.within(
                    &fragment.node.selection_set,
                    depth,
                    limit,
                    (fragments, path),
                );
                path.pop();
                within
            }
        })
    }
}

#[async_trait::async_trait]
impl Extension for DepthLimit {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let fragments = &document.fragments;
        let within = document.operations.iter().all(|(_, operation)| {
            self.within(
                &operation.node.selection_set,
                0,
                self.max,
                (fragments, &mut Vec::new()),
            )
        });
        if within {
            return Ok(document);
        }
        Err(crate::errors::refusal(
            ErrorCode::QueryTooDeep,
            format!(
                "truy vấn lồng quá sâu (tối đa {} cấp); hãy bớt các cấp lồng nhau",
                self.max
            ),
        ))
    }
}
