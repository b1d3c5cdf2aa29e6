//! The two views: search (results + facets) and reading.

pub mod reader;
pub mod search;
