//! Parsed GraphQL documents kept by query text, so that the few operations clients send over
//! and over (the console's queue page, a detail) are parsed once per process rather than once
//! per request: parsing is the gateway's largest single cost after the network.

use async_graphql::Request;
use async_graphql::parser::types::ExecutableDocument;
use moka::sync::Cache;

/// Most query text kept, in bytes (a document weighs its text's length; the tree is of the
/// same order).
const CAPACITY_BYTES: u64 = 8 * 1024 * 1024;

/// Documents that parsed, by their text.
#[derive(Clone)]
#[allow(missing_debug_implementations)] // moka's Cache has no useful Debug.
pub struct ParsedDocuments {
    cache: Cache<String, ExecutableDocument>,
}

impl Default for ParsedDocuments {
    fn default() -> Self {
        let cache = Cache::builder()
            .max_capacity(CAPACITY_BYTES)
            .weigher(|query: &String, _| u32::try_from(query.len()).unwrap_or(u32::MAX))
            .build();
        Self { cache }
    }
}

impl ParsedDocuments {
    /// The request's parsed document, from the cache when its text was seen before; `None`
    /// when it does not parse (execution reports the syntax error).
    pub fn parsed<'r>(&self, request: &'r mut Request) -> Option<&'r ExecutableDocument> {
        if let Some(document) = self.cache.get(&request.query) {
            request.set_parsed_query(document);
        } else {
            let document = request.parsed_query().ok()?.clone();
            self.cache.insert(request.query.clone(), document);
        }
        request.parsed_query().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::ParsedDocuments;
    use async_graphql::Request;

    #[test]
    fn a_document_seen_before_comes_from_the_cache_and_a_broken_one_is_not_kept() {
        let documents = ParsedDocuments::default();
        let mut first = Request::new("query Q { tenant { code } }");
        assert!(documents.parsed(&mut first).is_some());
        documents.cache.run_pending_tasks();
        assert_eq!(documents.cache.entry_count(), 1);

        let mut again = Request::new("query Q { tenant { code } }");
        let operations = documents
            .parsed(&mut again)
            .map(|d| d.operations.iter().count());
        assert_eq!(operations, Some(1));

        let mut broken = Request::new("query { tenant { ");
        assert!(documents.parsed(&mut broken).is_none());
        documents.cache.run_pending_tasks();
        assert_eq!(documents.cache.entry_count(), 1);
    }
}
