//! Refuses any string input holding a character that is never stored (control characters other
//! than tab and line breaks, bidirectional overrides and isolates), before any resolver runs:
//! in literal arguments and in the variables they use alike. The use cases apply each field's own rule
//! (one-line names, lengths); this catches the inputs no rule names, such as ids and search
//! texts, so that nothing of the sort reaches the database.

use std::sync::Arc;

use ansinh_core::ErrorCode;
use ansinh_core::text::first_forbidden;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Field, Selection, SelectionSet};
use async_graphql::{Positioned, ServerResult, Value, Variables};

/// Installed on every schema.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct InputGuard;

impl ExtensionFactory for InputGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(InputGuard)
    }
}

#[async_trait::async_trait]
impl Extension for InputGuard {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        for (_, operation) in document.operations.iter() {
            check_selections(&operation.node.selection_set, variables)?;
        }
        for fragment in document.fragments.values() {
            check_selections(&fragment.node.selection_set, variables)?;
        }
        Ok(document)
    }
}

fn refuse(path: &str, text: &str) -> ServerResult<()> {
    let Some((found, position)) = first_forbidden(text, true) else {
        return Ok(());
    };
    let mut error = crate::errors::refusal(
        ErrorCode::InvalidInput,
        format!(
            "giá trị «{path}» chứa ký tự không được phép (ký tự điều khiển hoặc đảo chiều văn bản, U+{:04X}) ở vị trí {position}; hãy xóa ký tự đó rồi gửi lại",
            u32::from(found)
        ),
    );
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("field", path);
    Err(error)
}

fn check_const(path: &str, value: &Value) -> ServerResult<()> {
    match value {
        Value::String(text) => refuse(path, text),
        Value::List(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| check_const(&format!("{path}[{i}]"), item)),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(name, item)| check_const(&format!("{path}.{name}"), item)),
        _ => Ok(()),
    }
}

/// Each argument with its variables filled in, so the error names the argument whichever way
/// the value was sent.
fn check_field(field: &Positioned<Field>, variables: &Variables) -> ServerResult<()> {
    for (name, value) in &field.node.arguments {
        let Ok(value) = value.node.clone().into_const_with(|variable| {
            Ok::<_, std::convert::Infallible>(variables.get(&variable).cloned().unwrap_or_default())
        });
        check_const(&name.node, &value)?;
    }
    check_selections(&field.node.selection_set, variables)
}

fn check_selections(
    selection_set: &Positioned<SelectionSet>,
    variables: &Variables,
) -> ServerResult<()> {
    selection_set
        .node
        .items
        .iter()
        .try_for_each(|item| match &item.node {
            Selection::Field(field) => check_field(field, variables),
            Selection::InlineFragment(fragment) => {
                check_selections(&fragment.node.selection_set, variables)
            }
            Selection::FragmentSpread(_) => Ok(()),
        })
}
