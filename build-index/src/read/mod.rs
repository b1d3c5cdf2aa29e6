//! The first half of build-index: reading a corpus folder into documents.
//! Files are found (`corpus`) and decoded (`encoding`), read by format
//! (`html`, `markdown`, `segment` for plain text) into drafts (`draft`),
//! cleaned of page chrome (`boilerplate`, `chrome`, `clean`), given
//! metadata (`metadata`, `catalog`) and structure (`structure`), and packed
//! into a temporary file as they are finished (`packed`).

pub mod boilerplate;
pub mod catalog;
pub mod chrome;
pub mod clean;
pub mod corpus;
pub mod draft;
pub mod encoding;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod packed;
pub mod segment;
pub mod structure;
pub mod text;
