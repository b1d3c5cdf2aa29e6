//! How the archive fills itself: the chunks a query, a page of results
//! or a document needs, fetched in rounds the engine asks for, each added
//! to the reader once; the warm-up that loads a small index whole.

use super::*;

impl Archive {
    /// Fetches what `q` needs: dictionary chunks first, then (knowing the
    /// expanded terms) their postings chunks; the engine says which, one
    /// round at a time.
    pub(super) async fn ensure_term_chunks(&self, q: &Query) -> Result<(), LoadError> {
        self.ensure_term_chunks_while(q, &|| true).await.map(|_| ())
    }

    /// As `ensure_term_chunks`, starting each round only while `wanted()`;
    /// `false` when it stopped early.
    pub(super) async fn ensure_term_chunks_while(
        &self,
        q: &Query,
        wanted: &dyn Fn() -> bool,
    ) -> Result<bool, LoadError> {
        for _ in 0..MAX_FETCH_ROUNDS {
            let missing = self.reader.borrow().missing_term_chunks(q);
            if missing.is_empty() {
                break;
            }
            if !wanted() {
                return Ok(false);
            }
            for (name, bytes) in self.fetch_all(missing).await? {
                self.add_once(&name, &bytes, IndexReader::add_term_chunk)?;
            }
        }
        Ok(true)
    }

    /// Loads every chunk of a small index (see [`WARM_UP_MAX_FILES`]); a
    /// bigger one is left to load query by query.
    pub async fn warm_up(&self) -> Result<(), LoadError> {
        let (terms, docs) = {
            let reader = self.reader.borrow();
            let m = reader.manifest();
            let terms: Vec<String> = m
                .term_chunks
                .iter()
                .chain(&m.completion_chunks)
                .map(|c| c.file.clone())
                .chain(m.posting_chunks.iter().map(|c| c.file.clone()))
                .collect();
            let docs: Vec<String> = m.doc_chunks.iter().map(|c| c.file.clone()).collect();
            (terms, docs)
        };
        if terms.len() + docs.len() > WARM_UP_MAX_FILES {
            return Ok(());
        }
        // One file per task: a visitor typing meanwhile is never held up
        // by more than one file's decoding.
        for (name, bytes) in self.fetch_spread(terms).await? {
            crate::dom::next_task().await;
            self.add_once(&name, &bytes, IndexReader::add_term_chunk)?;
        }
        for (name, bytes) in self.fetch_spread(docs).await? {
            crate::dom::next_task().await;
            self.add_once(&name, &bytes, IndexReader::add_doc_chunk)?;
        }
        // The first keystroke's other costs: the typo tables, and the
        // tokens snippets are cut from (a document per task, so typing
        // meanwhile is not held up).
        engine::prepare_typos();
        let docs = self.reader.borrow().doc_count();
        if docs <= WARM_UP_MAX_TOKENIZED {
            for doc in 0..docs {
                crate::dom::next_task().await;
                self.reader.borrow().prepare_snippets(doc);
            }
        }
        // Searches nobody sees, as a visitor starts typing (a first letter,
        // then a word of the first title): the browser compiles each wasm
        // function on its first call, and the first keystrokes (prefix
        // expansion, then typo matching) would otherwise pay for it.
        let probes: Vec<String> = self
            .reader
            .borrow()
            .document(0)
            .map(|d| {
                let words: Vec<&str> = d
                    .title
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                let letter = words.first().and_then(|w| w.chars().next());
                let word = words.iter().find(|w| w.chars().count() >= 4);
                letter
                    .map(|c| c.to_lowercase().collect::<String>())
                    .into_iter()
                    .chain(word.map(|w| w.to_lowercase()))
                    .collect()
            })
            .unwrap_or_default();
        for q in probes {
            crate::dom::next_task().await;
            let key = SearchKey {
                q,
                ..SearchKey::default()
            };
            self.search(&key, self.info.cards_per_page()).await?;
        }
        Ok(())
    }

    /// Fetches the files not loaded yet, all requests in flight together.
    pub(super) async fn fetch_all(
        &self,
        names: Vec<String>,
    ) -> Result<Vec<(String, Vec<u8>)>, LoadError> {
        let pending = self.start_missing(&names);
        Self::finish_all(pending).await
    }

    /// Like `fetch_all` for background work: the requests are started a few
    /// per task (each start is a round of calls into the browser), so a
    /// keystroke meanwhile is not held up by all of them at once.
    pub(super) async fn fetch_spread(
        &self,
        names: Vec<String>,
    ) -> Result<Vec<(String, Vec<u8>)>, LoadError> {
        let mut pending = Vec::with_capacity(names.len());
        for group in names.chunks(WARM_UP_STARTS_PER_TASK) {
            crate::dom::next_task().await;
            pending.extend(self.start_missing(group));
        }
        Self::finish_all(pending).await
    }

    /// Starts the request of each file not loaded yet.
    pub(super) fn start_missing(&self, names: &[String]) -> Vec<(String, Pending)> {
        names
            .iter()
            .filter(|n| !self.loaded.borrow().contains(*n))
            .map(|n| (n.clone(), self.source.start(n, None)))
            .collect()
    }

    pub(super) async fn finish_all(
        pending: Vec<(String, Pending)>,
    ) -> Result<Vec<(String, Vec<u8>)>, LoadError> {
        let mut out = Vec::with_capacity(pending.len());
        for (name, p) in pending {
            out.push((name, p.finish().await?));
        }
        Ok(out)
    }

    pub(super) async fn ensure_doc_chunks(&self, docs: &[DocNum]) -> Result<(), LoadError> {
        let missing = self.reader.borrow().missing_doc_chunks(docs);
        for (name, bytes) in self.fetch_all(missing).await? {
            self.add_once(&name, &bytes, IndexReader::add_doc_chunk)?;
        }
        Ok(())
    }

    /// Hands a fetched chunk to the reader with `add`, unless it already
    /// has it: another search (or the warm-up) may have added it while this
    /// one waited. A chunk is marked loaded only once the reader accepted
    /// it, so a damaged one fails every search that needs it, not just the
    /// first.
    pub(super) fn add_once(
        &self,
        name: &str,
        bytes: &[u8],
        add: fn(&mut IndexReader, &str, &[u8]) -> Result<(), engine::FormatError>,
    ) -> Result<(), LoadError> {
        if self.loaded.borrow().contains(name) {
            return Ok(());
        }
        add(&mut self.reader.borrow_mut(), name, bytes)?;
        self.loaded.borrow_mut().insert(name.to_owned());
        Ok(())
    }

    pub(super) async fn ensure_ids(&self) -> Result<(), LoadError> {
        let name = self.reader.borrow().manifest().ids.clone();
        if self.loaded.borrow().contains(&name) {
            return Ok(());
        }
        let bytes = self.source.fetch(&name, None).await?;
        if !self.loaded.borrow().contains(&name) {
            self.reader.borrow_mut().add_ids(&bytes)?;
            self.loaded.borrow_mut().insert(name);
        }
        Ok(())
    }
}
