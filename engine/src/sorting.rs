//! One sort for the engine and the reader.
//!
//! `slice::sort_by` is compiled anew for every element type and every
//! comparison closure: fifteen stable and five unstable copies of the
//! standard library's sort, 75 KB of the reader's wasm. These functions
//! sort a list of positions with a single compiled sort behind a `dyn`
//! comparison, then move the elements into place, so every caller shares
//! one copy. They are stable. Most lists sorted in a search are short (a
//! page of results after selection, a word's candidates); the longest are
//! the postings of a rare word's expansions (`best_scores`, under 1/16 of
//! the corpus, else it accumulates without sorting). The 1M typing run
//! (docs/benchmarks.md) was measured with this in place. Plain `u32`
//! lists ([`sort_u32`]: positions in a document, a term's documents)
//! share that one compiled copy.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by the key `key` gives, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` and removes repeats.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort(v);
    v.dedup();
}

/// Sorts `v` in ascending order.
pub fn sort_u32(v: &mut [u32]) {
    sort_u32_by(v, &mut |a, b| a.cmp(&b));
}

/// The one compiled sort (the standard stable one).
#[inline(never)]
fn sort_u32_by(v: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    v.sort_by(|&a, &b| cmp(a, b));
}

/// Positions `0..n` in the order `cmp` gives, equal ones in their order.
fn sorted_positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    sort_u32_by(&mut order, &mut |a, b| cmp(a as usize, b as usize));
    order
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation once.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    const DONE: u32 = u32::MAX;
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            if from == DONE {
                break;
            }
            order[at] = DONE;
            if from as usize == start {
                break;
            }
            v.swap(at, from as usize);
            at = from as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            let mut std_sorted = v;
            sort_by_key(&mut ours, |p| p.0);
            std_sorted.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sorts_owned_values_and_dedups() {
        let mut v: Vec<String> = ["b", "a", "c", "a"].iter().map(|s| s.to_string()).collect();
        sort_dedup(&mut v);
        assert_eq!(v, ["a", "b", "c"]);
        let mut w = vec![3, 1, 2];
        sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w, [3, 2, 1]);
    }
}
