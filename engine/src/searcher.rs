//! `Searcher`: an [`IndexReader`] that fills itself from a [`ChunkSource`].
//! It is the one loop that asks the reader which chunks a query or a page
//! of documents needs, fetches them, hands them over and asks again, with
//! one bound on the rounds; the app (HTTP or data inlined in the page),
//! the CLI, the first page build-index writes, tests, benches and fuzzing
//! all search through it. The engine itself still does no I/O: the source
//! does.

use std::cell::{Ref, RefCell};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use crate::api::{DocNum, SearchRequest, SearchResults};
use crate::chunk::ChunkId;
use crate::format::FormatError;
use crate::query::Query;
use crate::reader::IndexReader;

/// Rounds of "what is missing?" per query. The engine needs at most three
/// (dictionary, typo candidates, postings); a fourth that still finds
/// something missing means the index does not match its manifest, and the
/// search says so instead of looping.
pub const MAX_ROUNDS: usize = 4;

/// Where the files of an index come from.
pub trait ChunkSource {
    /// The source's failure (no such file, no network); a file that arrives
    /// but does not parse is a [`FormatError`], turned into this type.
    type Error: From<FormatError>;

    /// The bytes of each of `files`, in order. A source that can keeps the
    /// requests in flight together: one round of a query is one wait.
    fn fetch(&self, files: &[String]) -> impl Future<Output = Result<Vec<Vec<u8>>, Self::Error>>;
}

/// A source that answers at once from a function: files in a folder, an
/// index built in memory, an inline bundle. Its searches run to the end
/// under [`block_on`].
pub struct ReadySource<F>(pub F);

impl<F, E> ChunkSource for ReadySource<F>
where
    F: Fn(&str) -> Result<Vec<u8>, E>,
    E: From<FormatError>,
{
    type Error = E;

    fn fetch(&self, files: &[String]) -> impl Future<Output = Result<Vec<Vec<u8>>, E>> {
        std::future::ready(files.iter().map(|f| (self.0)(f)).collect())
    }
}

/// Runs `future` to its end on this thread, for sources whose fetches are
/// ready at once ([`ReadySource`]). Panics if the future waits on anything:
/// with nothing to wake it, it would never finish.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("block_on needs a source whose fetches are ready at once"),
    }
}

/// A reader and its source. Methods take `&self`, and no borrow of the
/// reader is held across a fetch: searches started by separate events of
/// one page (keystrokes, a warm-up) share the searcher, and a chunk that
/// two of them fetched is added once.
pub struct Searcher<S> {
    source: S,
    reader: RefCell<IndexReader>,
}

impl<S: ChunkSource> Searcher<S> {
    /// Opens the index `source` serves: its manifest, then its docmeta.
    pub async fn open(source: S) -> Result<Searcher<S>, S::Error> {
        let mut files = source.fetch(&["manifest.json".to_string()]).await?;
        let manifest = IndexReader::parse_manifest(&files.pop().unwrap_or_default())?;
        let mut docmeta = source
            .fetch(std::slice::from_ref(&manifest.docmeta))
            .await?;
        let reader = IndexReader::open(manifest, &docmeta.pop().unwrap_or_default())?;
        Ok(Searcher::with_reader(source, reader))
    }

    /// A searcher over a reader the caller opened (the app opens it itself
    /// to show the docmeta download's progress).
    pub fn with_reader(source: S, reader: IndexReader) -> Searcher<S> {
        Searcher {
            source,
            reader: RefCell::new(reader),
        }
    }

    /// The reader, for what needs no fetching (documents, snippets, facets
    /// of loaded chunks). Do not hold it across an `await`.
    pub fn reader(&self) -> Ref<'_, IndexReader> {
        self.reader.borrow()
    }

    pub fn source(&self) -> &S {
        &self.source
    }

    /// The reader with everything loaded so far, for a caller that has
    /// finished loading (a fuzz target holding a whole index).
    pub fn into_reader(self) -> IndexReader {
        self.reader.into_inner()
    }

    /// Adds a chunk fetched by the caller, unless another search added it
    /// meanwhile; the chunk counts as loaded only once the reader accepted it.
    pub fn add(&self, id: ChunkId, bytes: &[u8]) -> Result<(), FormatError> {
        if self.reader.borrow().is_loaded(id) {
            return Ok(());
        }
        self.reader.borrow_mut().add_chunk(id, bytes)
    }

    /// Fetches and adds the chunks of `ids` not loaded yet, all requests of
    /// the round in flight together.
    pub async fn load(&self, ids: &[ChunkId]) -> Result<(), S::Error> {
        let (todo, files) = {
            let reader = self.reader.borrow();
            let todo: Vec<ChunkId> = ids
                .iter()
                .copied()
                .filter(|&id| !reader.is_loaded(id))
                .collect();
            let files = todo
                .iter()
                .map(|id| {
                    id.file(reader.manifest())
                        .map(str::to_string)
                        .ok_or_else(|| FormatError::Missing {
                            file: format!("{id:?}"),
                        })
                })
                .collect::<Result<Vec<String>, FormatError>>()?;
            (todo, files)
        };
        if todo.is_empty() {
            return Ok(());
        }
        let bytes = self.source.fetch(&files).await?;
        for (id, bytes) in todo.into_iter().zip(bytes) {
            self.add(id, &bytes)?;
        }
        Ok(())
    }

    /// Loads what `q` needs, round by round, starting each round only while
    /// `wanted()` (the query is still the one typed); `false` when it
    /// stopped early.
    pub async fn load_query_while(
        &self,
        q: &Query,
        wanted: &dyn Fn() -> bool,
    ) -> Result<bool, S::Error> {
        for _ in 0..MAX_ROUNDS {
            let missing = self.reader.borrow().missing_term_chunks(q);
            if missing.is_empty() {
                break;
            }
            if !wanted() {
                return Ok(false);
            }
            self.load(&missing).await?;
        }
        Ok(true)
    }

    /// Loads the document chunks holding `docs`.
    pub async fn load_docs(&self, docs: &[DocNum]) -> Result<(), S::Error> {
        let missing = self.reader.borrow().missing_doc_chunks(docs);
        self.load(&missing).await
    }

    /// Loads the id table, for [`IndexReader::doc_by_id`].
    pub async fn load_ids(&self) -> Result<(), S::Error> {
        self.load(&[ChunkId::Ids]).await
    }

    /// Loads what `q` needs and runs it. A chunk still missing after
    /// [`MAX_ROUNDS`] is an error, not a word that matches nothing.
    pub async fn search(&self, q: &Query, req: &SearchRequest) -> Result<SearchResults, S::Error> {
        self.load_query_while(q, &|| true).await?;
        Ok(self.reader.borrow().search(q, req)?)
    }

    /// [`Searcher::search`], then the document chunks of its hits: what a
    /// page of results with titles and snippets needs.
    pub async fn search_with_docs(
        &self,
        q: &Query,
        req: &SearchRequest,
    ) -> Result<SearchResults, S::Error> {
        let results = self.search(q, req).await?;
        let docs: Vec<DocNum> = results.hits.iter().map(|h| h.doc).collect();
        self.load_docs(&docs).await?;
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "ready at once")]
    fn block_on_refuses_a_future_that_waits() {
        struct Never;
        impl Future for Never {
            type Output = ();
            fn poll(self: std::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
                Poll::Pending
            }
        }
        block_on(Never);
    }
}
