//! The second half of build-index: publishing documents as a site. The
//! build (`output`: the index, the atomic commit) with each document's
//! related documents (`related`) and the search-help examples
//! (`examples`), and the deployable site around the index (`site`: static
//! pages, the reader app with its first page, the one-file download, the
//! service worker, host headers).

pub mod examples;
pub mod output;
pub mod related;
pub mod site;
