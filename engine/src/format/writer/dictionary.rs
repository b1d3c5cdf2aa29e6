//! Dictionary chunks and the completion lists of short prefixes, as the
//! writer's `finish` cuts them.

use super::*;

/// The shortest prefix of `next` (on a character boundary) that sorts
/// after `prev`; `prev < next`.
pub(super) fn shortest_after<'a>(prev: &str, next: &'a str) -> &'a str {
    next.char_indices()
        .map(|(i, c)| &next[..i + c.len_utf8()])
        .find(|p| *p > prev)
        .unwrap_or(next)
}

/// Cuts one dictionary chunk (nothing when it is empty).
pub(super) fn flush_dict(
    dict: TermDictBuilder,
    chunks: &mut ChunkGroups<(String, String)>,
    sink: &mut impl IndexSink,
) -> Result<(), FormatError> {
    let Some(range) = dict
        .first_last()
        .map(|(a, b)| (a.to_string(), b.to_string()))
    else {
        return Ok(());
    };
    chunks.push(dict.finish()?, range, sink)
}

/// Cuts the last chunk of a dictionary-format table and lists its chunks
/// for the manifest.
pub(super) fn finish_dicts(
    last: TermDictBuilder,
    mut chunks: ChunkGroups<(String, String)>,
    sink: &mut impl IndexSink,
) -> Result<Vec<TermChunkEntry>, FormatError> {
    flush_dict(last, &mut chunks, sink)?;
    Ok(chunks
        .finish(sink)?
        .into_iter()
        .map(|(file, (first, last))| TermChunkEntry { file, first, last })
        .collect())
}

/// The completion table: for every one- and two-character prefix, its
/// most frequent completions (as the reader ranks them: document frequency,
/// then term order), plus every term of at most two characters. A query
/// word of one or two characters reads this instead of the dictionary
/// chunks of its whole prefix range (a letter spans dozens).
#[derive(Default)]
pub(super) struct Completions {
    /// Per prefix length (1, 2): the prefix being collected and its best
    /// terms so far, best first.
    pub(super) open: [(String, Vec<Candidate>); 2],
    pub(super) out: std::collections::BTreeMap<String, u64>,
}

/// A completion: document frequency, term, dictionary value.
type Candidate = (u32, String, u64);

impl Completions {
    /// `term` comes in byte order; `packed` is its dictionary value.
    pub(super) fn add(&mut self, term: &str, packed: u64) {
        let chars = term.chars().count();
        if chars <= crate::expand::SHORT_WORD_CHARS {
            self.out.insert(term.to_owned(), packed);
        }
        if crate::expand::is_unfolded_variant(term) {
            return;
        }
        let df = crate::format::termdict::unpack(packed).1;
        for (k, (prefix, best)) in self.open.iter_mut().enumerate() {
            let Some((end, _)) = term.char_indices().nth(k) else {
                continue;
            };
            let end = end + term[end..].chars().next().map_or(0, char::len_utf8);
            if prefix.as_str() != &term[..end] {
                for (_, t, v) in best.drain(..) {
                    self.out.insert(t, v);
                }
                *prefix = term[..end].to_owned();
            }
            // Terms arrive in order: an equal frequency keeps the earlier.
            let at = best.partition_point(|(d, _, _)| *d >= df);
            if at < crate::expand::COMPLETIONS_PER_PREFIX {
                best.insert(at, (df, term.to_owned(), packed));
                best.truncate(crate::expand::COMPLETIONS_PER_PREFIX);
            }
        }
    }

    pub(super) fn finish(mut self) -> std::collections::BTreeMap<String, u64> {
        for (_, best) in &mut self.open {
            for (_, t, v) in best.drain(..) {
                self.out.insert(t, v);
            }
        }
        self.out
    }
}
