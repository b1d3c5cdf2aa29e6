//! [`FacetMap`]: what the search and the reader keep per facet (selected
//! values, value counts, which sections are open).
//!
//! There are eight facets, so a slot per facet does what a `BTreeMap`
//! keyed by facet did, in the same order, without the B-tree: its code is
//! compiled anew for every value type, which cost the reader's wasm about
//! 13 KB. It reads and writes as the same JSON object.

use crate::model::Facet;
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// A map from facet to `V`, iterated in [`Facet::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FacetMap<V> {
    slots: [Option<V>; 8],
}

impl<V> Default for FacetMap<V> {
    fn default() -> Self {
        FacetMap {
            slots: Default::default(),
        }
    }
}

impl<V> FacetMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, facet: &Facet) -> Option<&V> {
        self.slots[*facet as usize].as_ref()
    }

    pub fn contains_key(&self, facet: &Facet) -> bool {
        self.slots[*facet as usize].is_some()
    }

    /// Sets `facet`'s value, returning the one it had.
    pub fn insert(&mut self, facet: Facet, value: V) -> Option<V> {
        self.slots[facet as usize].replace(value)
    }

    pub fn remove(&mut self, facet: &Facet) -> Option<V> {
        self.slots[*facet as usize].take()
    }

    /// `facet`'s value, set by `make` first when it has none.
    pub fn get_or_insert_with(&mut self, facet: Facet, make: impl FnOnce() -> V) -> &mut V {
        self.slots[facet as usize].get_or_insert_with(make)
    }

    pub fn clear(&mut self) {
        self.slots = Default::default();
    }

    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// The facets that have a value and their values, in facet order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static Facet, &V)> {
        Facet::ALL
            .iter()
            .zip(&self.slots)
            .filter_map(|(f, v)| Some((f, v.as_ref()?)))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.slots.iter().flatten()
    }

    /// Keeps the values `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&Facet, &mut V) -> bool) {
        for (f, slot) in Facet::ALL.iter().zip(&mut self.slots) {
            if slot.as_mut().is_some_and(|v| !keep(f, v)) {
                *slot = None;
            }
        }
    }
}

impl<V: Default> FacetMap<V> {
    /// `facet`'s value, set to the default first when it has none.
    pub fn or_default(&mut self, facet: Facet) -> &mut V {
        self.get_or_insert_with(facet, V::default)
    }
}

impl<V> std::ops::Index<&Facet> for FacetMap<V> {
    type Output = V;
    /// Panics when `facet` has no value, as a `BTreeMap` does.
    fn index(&self, facet: &Facet) -> &V {
        self.get(facet).expect("no value for this facet")
    }
}

impl<V> FromIterator<(Facet, V)> for FacetMap<V> {
    /// A later value for the same facet replaces an earlier one.
    fn from_iter<I: IntoIterator<Item = (Facet, V)>>(iter: I) -> Self {
        let mut map = FacetMap::new();
        for (f, v) in iter {
            map.insert(f, v);
        }
        map
    }
}

impl<V: Serialize> Serialize for FacetMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (f, v) in self.iter() {
            map.serialize_entry(f, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for FacetMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<Facet, V>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_facet() -> impl Strategy<Value = Facet> {
        (0..Facet::ALL.len()).prop_map(|i| Facet::ALL[i])
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(Facet, u8),
        Remove(Facet),
        AddOne(Facet),
        RetainEven,
        Clear,
    }

    fn any_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (any_facet(), any::<u8>()).prop_map(|(f, v)| Op::Insert(f, v)),
            any_facet().prop_map(Op::Remove),
            any_facet().prop_map(Op::AddOne),
            Just(Op::RetainEven),
            Just(Op::Clear),
        ]
    }

    #[test]
    fn slots_follow_the_facet_order() {
        for (i, f) in Facet::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

    proptest! {
        /// Every operation does what it does on a `BTreeMap`.
        #[test]
        fn behaves_as_a_btree_map(ops in proptest::collection::vec(any_op(), 0..40)) {
            let mut ours = FacetMap::new();
            let mut theirs = BTreeMap::new();
            for op in ops {
                match op {
                    Op::Insert(f, v) => prop_assert_eq!(ours.insert(f, v), theirs.insert(f, v)),
                    Op::Remove(f) => prop_assert_eq!(ours.remove(&f), theirs.remove(&f)),
                    Op::AddOne(f) => {
                        let a = ours.or_default(f);
                        *a = a.wrapping_add(1);
                        let b = theirs.entry(f).or_default();
                        *b = b.wrapping_add(1);
                    }
                    Op::RetainEven => {
                        ours.retain(|_, v| *v % 2 == 0);
                        theirs.retain(|_, v| *v % 2 == 0);
                    }
                    Op::Clear => {
                        ours.clear();
                        theirs.clear();
                    }
                }
                let pairs: Vec<(Facet, u8)> = ours.iter().map(|(f, v)| (*f, *v)).collect();
                let want: Vec<(Facet, u8)> = theirs.iter().map(|(f, v)| (*f, *v)).collect();
                prop_assert_eq!(&pairs, &want);
                prop_assert_eq!((ours.len(), ours.is_empty()), (theirs.len(), theirs.is_empty()));
                prop_assert_eq!(ours.values().copied().collect::<Vec<_>>(), theirs.values().copied().collect::<Vec<_>>());
                prop_assert_eq!(
                    serde_json::to_string(&ours).unwrap(),
                    serde_json::to_string(&theirs).unwrap()
                );
                let back: FacetMap<u8> = serde_json::from_str(&serde_json::to_string(&theirs).unwrap()).unwrap();
                prop_assert_eq!(back, ours.clone());
            }
        }
    }
}
