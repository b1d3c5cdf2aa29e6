//! The typo automaton: which dictionary terms are within a few edits of a
//! query word, walked over the term dictionary's fst.
//!
//! The distance is Levenshtein with adjacent transpositions counting one
//! edit (optimal string alignment), over characters. A state holds the
//! last two rows of the edit-distance table of the word against the term
//! read so far, only the diagonal band of `2 * max + 1` cells that can
//! still be within `max` (Ukkonen's cut-off), so a step costs five cells
//! at most. A prebuilt DFA (the `levenshtein_automata` crate, used before)
//! makes a step a table lookup, but its tables and the code that builds
//! them cost the browser's wasm about 9 KB gzip, for a walk that visits a
//! few thousand dictionary nodes. The tests hold this to the textbook
//! table and to that crate's answers.

use fst::Automaton;

/// Most edits a state has room for.
const MAX_EDITS: usize = 2;
const BAND: usize = 2 * MAX_EDITS + 1;

/// Terms that start with `word`'s first character and are within `max`
/// edits of it; with `prefix`, terms that have a prefix within `max` edits
/// of it. (The first letter is taken as typed: see `expand`.)
pub(crate) struct Typos {
    word: Vec<char>,
    max: u8,
    prefix: bool,
}

/// Where the walk is: after `chars` characters of the term, row `chars` of
/// the table and the row before it, each as its band (cell `k` is column
/// `chars - max + k`), the character read last (for transpositions), and
/// the bytes of a character still being read.
#[derive(Clone, Copy)]
pub(crate) struct State {
    /// Distances, capped at `max + 1`.
    row: [u8; BAND],
    before: [u8; BAND],
    last: Option<char>,
    chars: u32,
    /// Smallest distance of the whole word to any prefix read so far.
    best: u8,
    pending: [u8; 4],
    pending_len: u8,
    /// The bytes read are not UTF-8, or the first letter differs: nothing
    /// can match.
    dead: bool,
}

impl Typos {
    /// `None` for an empty word; `max` is at most 2.
    pub(crate) fn new(word: &str, max: u8, prefix: bool) -> Option<Self> {
        let word: Vec<char> = word.chars().collect();
        let max = max.min(MAX_EDITS as u8);
        (!word.is_empty()).then_some(Typos { word, max, prefix })
    }

    /// The distance of `term` (see [`Typos`]), if within the bound.
    #[cfg(test)]
    fn distance(&self, term: &[u8]) -> Option<u8> {
        let mut s = self.start();
        for &b in term {
            s = self.accept(&s, b);
        }
        self.is_match(&s).then(|| self.reported(&s))
    }

    /// The distance of the term that led to `s`, a matching state.
    pub(crate) fn reported(&self, s: &State) -> u8 {
        if self.prefix {
            s.best
        } else {
            self.at_end(s)
        }
    }

    fn width(&self) -> usize {
        2 * usize::from(self.max) + 1
    }

    /// Band cell of column `j` in row `i`, if the band covers it.
    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        (j + usize::from(self.max))
            .checked_sub(i)
            .filter(|&k| k < self.width())
    }

    /// The distance of the whole word to the term read so far.
    fn at_end(&self, s: &State) -> u8 {
        self.cell(s.chars as usize, self.word.len())
            .map_or(self.max + 1, |k| s.row[k])
    }

    fn step(&self, s: &State, c: char) -> State {
        if s.chars == 0 && self.word.first() != Some(&c) {
            return State { dead: true, ..*s };
        }
        let (w, cap, m) = (&self.word, self.max + 1, usize::from(self.max));
        let i = s.chars as usize + 1;
        let mut row = [cap; BAND];
        for k in 0..self.width() {
            // Column j = i - m + k; in the row before, column j is cell
            // k + 1 and column j - 1 cell k; two rows before, j - 2 is k.
            let Some(j) = (i + k).checked_sub(m).filter(|&j| j <= w.len()) else {
                continue;
            };
            if j == 0 {
                row[k] = u8::try_from(i).unwrap_or(u8::MAX).min(cap);
                continue;
            }
            let up = s.row.get(k + 1).copied().unwrap_or(cap);
            let mut d = (s.row[k] + u8::from(w[j - 1] != c)).min(up + 1);
            if k > 0 {
                d = d.min(row[k - 1] + 1);
            }
            if j > 1 && s.last == Some(w[j - 1]) && w[j - 2] == c {
                d = d.min(s.before[k] + 1);
            }
            row[k] = d.min(cap);
        }
        let next = State {
            before: s.row,
            row,
            last: Some(c),
            chars: s.chars + 1,
            pending_len: 0,
            ..*s
        };
        State {
            best: s.best.min(self.at_end(&next)),
            ..next
        }
    }
}

impl Automaton for Typos {
    type State = State;

    fn start(&self) -> State {
        let cap = self.max + 1;
        let mut row = [cap; BAND];
        for (k, d) in row.iter_mut().enumerate().take(self.width()) {
            if let Some(j) = k.checked_sub(usize::from(self.max)) {
                if j <= self.word.len() {
                    *d = u8::try_from(j).unwrap_or(u8::MAX).min(cap);
                }
            }
        }
        let s = State {
            row,
            before: [cap; BAND],
            last: None,
            chars: 0,
            best: cap,
            pending: [0; 4],
            pending_len: 0,
            dead: false,
        };
        State {
            best: self.at_end(&s),
            ..s
        }
    }

    fn is_match(&self, s: &State) -> bool {
        !s.dead && s.pending_len == 0 && self.reported(s) <= self.max
    }

    fn can_match(&self, s: &State) -> bool {
        !s.dead
            && ((self.prefix && s.best <= self.max)
                || s.row[..self.width()].iter().any(|&d| d <= self.max))
    }

    fn will_always_match(&self, s: &State) -> bool {
        self.prefix && !s.dead && s.pending_len == 0 && s.best <= self.max
    }

    fn accept(&self, s: &State, b: u8) -> State {
        if s.dead {
            return *s;
        }
        if b < 0x80 && s.pending_len == 0 {
            return self.step(s, char::from(b));
        }
        let len = usize::from(s.pending_len);
        let mut pending = s.pending;
        if len == pending.len() {
            return State { dead: true, ..*s };
        }
        pending[len] = b;
        match std::str::from_utf8(&pending[..=len]) {
            Ok(text) => match text.chars().next() {
                Some(c) => self.step(s, c),
                None => State { dead: true, ..*s },
            },
            // An incomplete character: wait for its other bytes.
            Err(e) if e.error_len().is_none() => State {
                pending,
                pending_len: s.pending_len + 1,
                ..*s
            },
            Err(_) => State { dead: true, ..*s },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
    use proptest::prelude::*;

    fn ours(word: &str, term: &str, max: u8, prefix: bool) -> Option<u8> {
        Typos::new(word, max, prefix)?.distance(term.as_bytes())
    }

    fn theirs(b: &LevenshteinAutomatonBuilder, word: &str, term: &str, prefix: bool) -> Option<u8> {
        let dfa = if prefix {
            b.build_prefix_dfa(word)
        } else {
            b.build_dfa(word)
        };
        match dfa.eval(term) {
            Distance::Exact(d) => Some(d),
            Distance::AtLeast(_) => None,
        }
    }

    #[test]
    fn edits() {
        assert_eq!(ours("policy", "policy", 2, false), Some(0));
        assert_eq!(ours("policy", "polcy", 2, false), Some(1));
        assert_eq!(ours("policy", "plociy", 2, false), Some(2));
        assert_eq!(
            ours("policy", "poilcy", 1, false),
            Some(1),
            "a transposition is one edit"
        );
        assert_eq!(ours("policy", "politics", 1, false), None);
        assert_eq!(
            ours("juárez", "juarez", 1, false),
            Some(1),
            "characters, not bytes"
        );
        assert_eq!(ours("polic", "policies", 1, true), Some(0));
        assert_eq!(ours("plic", "policies", 1, true), Some(1));
        assert_eq!(ours("plic", "xpolicies", 1, true), None);
        assert_eq!(
            ours("policy", "bolicy", 2, false),
            None,
            "the first letter is taken as typed"
        );
    }

    #[test]
    fn long_words() {
        let word = "a".repeat(300);
        assert_eq!(ours(&word, &word[1..], 1, false), Some(1));
        assert_eq!(ours(&word, &format!("{word}b"), 1, false), Some(1));
        assert_eq!(ours(&word, &format!("{word}bb"), 1, true), Some(0));
    }

    #[test]
    fn not_utf8_matches_nothing() {
        let t = Typos::new("ab", 2, true).unwrap();
        assert_eq!(t.distance(&[b'a', 0xff]), None);
        assert_eq!(t.distance(&[b'a', 0xc3]), None, "a cut character");
    }

    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec!['a', 'b', 'c', 'é', 'ß', '中', '🙂']),
            1..9,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    /// Optimal string alignment distance, the textbook table.
    fn osa(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    /// What the automaton must answer: for a term with the word's first
    /// letter, the distance to the term, or with `prefix` the least
    /// distance to any of its prefixes.
    fn reference(word: &str, term: &str, max: u8, prefix: bool) -> Option<u8> {
        let w: Vec<char> = word.chars().collect();
        let t: Vec<char> = term.chars().collect();
        if t.first() != w.first() {
            return None;
        }
        let d = if prefix {
            (0..=t.len()).map(|k| osa(&w, &t[..k])).min().unwrap_or(0)
        } else {
            osa(&w, &t)
        };
        u8::try_from(d).ok().filter(|&d| d <= max)
    }

    /// `t` after `w`'s first letter: a term the reader would ask about.
    fn with_first_of(w: &str, t: &str) -> String {
        w.chars().take(1).chain(t.chars()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn same_as_the_table(w in word(), t in word(), same_first: bool, max in 1u8..=2, prefix: bool) {
            let t = if same_first { with_first_of(&w, &t) } else { t };
            prop_assert_eq!(ours(&w, &t, max, prefix), reference(&w, &t, max, prefix), "{:?} {:?}", w, t);
        }

        /// Whole words: the same answers as the `levenshtein_automata`
        /// crate this replaces. Prefixes: every term it found, at the same
        /// distance; it also misses a few whose best prefix needs `max`
        /// deletions (its prefix DFA only stops at states no later input
        /// can improve), which the table above covers.
        #[test]
        fn same_as_levenshtein_automata(w in word(), t in word(), max in 1u8..=2, prefix: bool) {
            static B: std::sync::OnceLock<[LevenshteinAutomatonBuilder; 2]> = std::sync::OnceLock::new();
            let b = B.get_or_init(|| [1, 2].map(|d| LevenshteinAutomatonBuilder::new(d, true)));
            let b = &b[usize::from(max - 1)];
            let t = with_first_of(&w, &t);
            let (o, l) = (ours(&w, &t, max, prefix), theirs(b, &w, &t, prefix));
            if prefix {
                prop_assert!(l.is_none() || o == l, "{:?} {:?}: {:?} {:?}", w, t, o, l);
            } else {
                prop_assert_eq!(o, l, "{:?} {:?}", w, t);
            }
        }
    }
}
