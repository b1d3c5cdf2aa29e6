//! The warm-up that loads a small index whole once the first results
//! show, so no keystroke waits on the network. Queries load what they need
//! through the engine's `Searcher`; this only starts its requests a few
//! per task, so typing meanwhile is never held up.

use super::*;
use crate::api::Pending;
use engine::ChunkId;

impl Archive {
    /// Loads every chunk of a small index (see [`WARM_UP_MAX_FILES`]); a
    /// bigger one is left to load query by query.
    pub async fn warm_up(&self) -> Result<(), LoadError> {
        // Dictionaries and postings first, documents last.
        let all = ChunkId::all(self.searcher.reader().manifest());
        if all.len() > WARM_UP_MAX_FILES {
            return Ok(());
        }
        // One file per task: a visitor typing meanwhile is never held up
        // by more than one file's decoding.
        for (id, bytes) in self.fetch_spread(all).await? {
            crate::dom::next_task().await;
            self.searcher.add(id, &bytes)?;
        }
        // The first keystroke's other cost: the tokens snippets are cut
        // from (a document per task, so typing meanwhile is not held up).
        let docs = self.searcher.reader().doc_count();
        if docs <= WARM_UP_MAX_TOKENIZED {
            for doc in 0..docs {
                crate::dom::next_task().await;
                self.searcher.reader().prepare_snippets(doc);
            }
        }
        // Searches nobody sees, as a visitor starts typing (a first letter,
        // then a word of the first title): the browser compiles each wasm
        // function on its first call, and the first keystrokes (prefix
        // expansion, then typo matching) would otherwise pay for it.
        let probes: Vec<String> = self
            .searcher
            .reader()
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

    /// Fetches the chunks not loaded yet, starting the requests a few per
    /// task (each start is a round of calls into the browser), so a
    /// keystroke meanwhile is not held up by all of them at once.
    async fn fetch_spread(&self, ids: Vec<ChunkId>) -> Result<Vec<(ChunkId, Vec<u8>)>, LoadError> {
        let mut pending: Vec<(ChunkId, Pending)> = Vec::with_capacity(ids.len());
        for group in ids.chunks(WARM_UP_STARTS_PER_TASK) {
            crate::dom::next_task().await;
            let reader = self.searcher.reader();
            for &id in group.iter().filter(|&&id| !reader.is_loaded(id)) {
                let file = id.file(reader.manifest()).unwrap_or_default();
                pending.push((id, self.searcher.source().start(file, None)));
            }
        }
        let mut out = Vec::with_capacity(pending.len());
        for (id, p) in pending {
            out.push((id, p.finish().await?));
        }
        Ok(out)
    }
}
