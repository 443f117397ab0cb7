//! Cursor pagination (Relay connections) over offset-based pages.

use ansinh_app::PageRequest;
use ansinh_core::ErrorCode;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{ErrorExtensionValues, ObjectType, OutputType};

/// Default page size.
pub(crate) const DEFAULT_PAGE: usize = 20;
/// Largest page a client may ask for.
pub(crate) const MAX_PAGE: usize = 100;

/// Turns `first` / `after` into a page request, refusing oversized pages and bad cursors.
pub(crate) fn page_request(
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PageRequest> {
    let size = match first {
        None => DEFAULT_PAGE,
        Some(n) if (1..=MAX_PAGE as i32).contains(&n) => n as usize,
        Some(_) => {
            return Err(user_error(
                ErrorCode::PageSizeInvalid,
                format!("`first` phải từ 1 đến {MAX_PAGE}"),
            ));
        }
    };
    let offset = match after {
        None => 0,
        Some(cursor) => cursor.parse::<u64>().map(|n| n + 1).map_err(|_| {
            user_error(
                ErrorCode::InvalidCursor,
                "con trỏ phân trang `after` không hợp lệ; hãy dùng giá trị `cursor` đã nhận",
            )
        })?,
    };
    Ok(PageRequest {
        offset,
        limit: size as u64,
    })
}

/// Builds a connection from a page of items.
pub(crate) fn connection<T: OutputType>(
    items: Vec<T>,
    page: PageRequest,
    total: u64,
) -> Connection<String, T, TotalCount, EmptyFields> {
    connection_with(items, page, total, TotalCount { total_count: total })
}

/// Builds a connection from a page of items, with its own fields about the total.
pub(crate) fn connection_with<T: OutputType, F: ObjectType>(
    items: Vec<T>,
    page: PageRequest,
    total: u64,
    fields: F,
) -> Connection<String, T, F, EmptyFields> {
    let end = page.offset + items.len() as u64;
    let mut connection = Connection::with_additional_fields(page.offset > 0, end < total, fields);
    connection.edges.extend(
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| Edge::new((page.offset + i as u64).to_string(), item)),
    );
    connection
}

/// Total number of matching items.
#[derive(Debug, async_graphql::SimpleObject)]
pub(crate) struct TotalCount {
    /// How many items match in all pages.
    pub(crate) total_count: u64,
}

/// How many dossiers match, counted up to `COUNT_LIMIT`.
#[derive(Debug, async_graphql::SimpleObject)]
pub(crate) struct DossierTotal {
    /// How many dossiers match in all pages, counted up to 10,000: when more match, 10,001
    /// (and `totalCountExact` is false), so that a listing over a whole province answers as
    /// fast as its first page. Narrow the filter for an exact figure.
    pub(crate) total_count: u64,
    /// Whether `totalCount` is the exact number (false: more than 10,000 match).
    pub(crate) total_count_exact: bool,
}

impl DossierTotal {
    /// The total as the store counted it (up to `COUNT_LIMIT + 1`).
    pub(crate) fn counted(total: u64) -> Self {
        Self {
            total_count: total,
            total_count_exact: total <= ansinh_app::dossier::COUNT_LIMIT,
        }
    }
}

/// An error the client caused, with a stable code.
pub(crate) fn user_error(code: ErrorCode, message: impl Into<String>) -> async_graphql::Error {
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", code.as_str());
    async_graphql::Error {
        message: message.into(),
        source: None,
        extensions: Some(extensions),
    }
}
