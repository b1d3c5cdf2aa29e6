//! Chunks loaded so far, by their index in the manifest's table.
//!
//! Chunk indexes are dense (`0..table.len()`), so a slot per index is
//! both the quickest lookup and the least code: a `BTreeMap` per chunk kind
//! put four more copies of the B-tree in the reader's wasm.

/// A slot per chunk index; `None` until that chunk is loaded.
pub(crate) struct Loaded<T> {
    slots: Vec<Option<T>>,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded { slots: Vec::new() }
    }
}

impl<T> Loaded<T> {
    pub(crate) fn get(&self, index: &usize) -> Option<&T> {
        self.slots.get(*index)?.as_ref()
    }

    pub(crate) fn contains_key(&self, index: &usize) -> bool {
        self.get(index).is_some()
    }

    pub(crate) fn insert(&mut self, index: usize, value: T) {
        if self.slots.len() <= index {
            self.slots.resize_with(index + 1, || None);
        }
        self.slots[index] = Some(value);
    }
}

#[cfg(test)]
mod tests {
    use super::Loaded;

    #[test]
    fn slots_fill_in_any_order() {
        let mut l = Loaded::default();
        assert!(l.get(&3).is_none());
        l.insert(3, "c");
        l.insert(1, "a");
        assert_eq!(l.get(&3), Some(&"c"));
        assert!(!l.contains_key(&2) && l.contains_key(&1));
    }
}
