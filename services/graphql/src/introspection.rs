//! Refuses introspection (`__schema`, `__type`) with a clear error when it is disabled;
//! async-graphql alone answers such fields with `null` and no error.

use std::sync::Arc;

use ansinh_core::ErrorCode;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Positioned, ServerResult, Variables};

/// Installed when introspection is off.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IntrospectionGuard;

impl ExtensionFactory for IntrospectionGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(IntrospectionGuard)
    }
}

#[async_trait::async_trait]
impl Extension for IntrospectionGuard {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let in_operations = document
            .operations
            .iter()
            .any(|(_, operation)| asks_introspection(&operation.node.selection_set));
        let in_fragments = document
            .fragments
            .values()
            .any(|fragment| asks_introspection(&fragment.node.selection_set));
        if in_operations || in_fragments {
            return Err(crate::errors::refusal(
                ErrorCode::IntrospectionDisabled,
                "tra cứu lược đồ (introspection) đang tắt trên máy chủ này",
            ));
        }
        Ok(document)
    }
}

fn asks_introspection(selection_set: &Positioned<SelectionSet>) -> bool {
    selection_set
        .node
        .items
        .iter()
        .any(|item| match &item.node {
            Selection::Field(field) => {
                let name = field.node.name.node.as_str();
                name == "__schema"
                    || name == "__type"
                    || asks_introspection(&field.node.selection_set)
            }
            Selection::InlineFragment(fragment) => asks_introspection(&fragment.node.selection_set),
            Selection::FragmentSpread(_) => false,
        })
}
