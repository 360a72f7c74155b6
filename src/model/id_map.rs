//! A collection of items keyed by their own id.
//!
//! Files list components, connections, groups, schemas and notes as plain sequences (easy to
//! read and to edit by hand), but the program needs lookup by id and a stable order. `IdMap`
//! is both: a `BTreeMap` in memory (sorted by id, so every output is deterministic) that is
//! written as a sequence and refuses a duplicate id while reading, where the reader can still
//! say on which line it is.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Id;

/// Something that carries its own id.
pub trait HasId {
    /// The item's id.
    fn id(&self) -> &Id;
    /// Changes the item's id; only [`IdMap::rekey`] and constructors should call it.
    fn set_id(&mut self, id: Id);
    /// What the item is called in messages ("component", "connection", …).
    const WHAT: &'static str;
}

/// Items sorted by their id; at most one item per id.
#[derive(Clone, PartialEq)]
pub struct IdMap<T> {
    items: BTreeMap<Id, T>,
}

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        Self {
            items: BTreeMap::new(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for IdMap<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.items.values()).finish()
    }
}

impl<T: HasId> IdMap<T> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces the item with the same id; returns the replaced one.
    pub fn insert(&mut self, item: T) -> Option<T> {
        self.items.insert(item.id().clone(), item)
    }

    /// A map of `items`; `None` if two of them have the same id (see [`unique_map`]).
    pub fn from_unique(items: Vec<T>) -> Option<Self> {
        let entries = items.into_iter().map(|i| (i.id().clone(), i)).collect();
        unique_map(entries).map(|items| Self { items })
    }

    /// Removes the item with this id.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        self.items.remove(id)
    }

    /// The item with this id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.items.get(id)
    }

    /// The item with this id, to change it. Its id must not be changed through this
    /// reference: use [`IdMap::rekey`].
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        self.items.get_mut(id)
    }

    /// Whether an item has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.items.contains_key(id)
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Items in id order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator + Clone {
        self.items.values()
    }

    /// Items in id order, to change them (not their ids).
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut T> + ExactSizeIterator {
        self.items.values_mut()
    }

    /// Ids in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = &Id> + ExactSizeIterator + Clone {
        self.items.keys()
    }

    /// Keeps the items for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.items.retain(|_, item| keep(item));
    }

    /// Gives the item `old` the id `new`. Returns false, changing nothing, if `old` is
    /// missing or `new` belongs to another item.
    pub fn rekey(&mut self, old: &str, new: Id) -> bool {
        if new.as_str() == old {
            return self.items.contains_key(old);
        }
        if self.items.contains_key(new.as_str()) {
            return false;
        }
        let Some(mut item) = self.items.remove(old) else {
            return false;
        };
        item.set_id(new.clone());
        self.items.insert(new, item);
        true
    }
}

impl<T: HasId> FromIterator<T> for IdMap<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut map = Self::new();
        for item in iter {
            map.insert(item);
        }
        map
    }
}

impl<T> IntoIterator for IdMap<T> {
    type Item = T;
    type IntoIter = std::collections::btree_map::IntoValues<Id, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_values()
    }
}

impl<'a, T> IntoIterator for &'a IdMap<T> {
    type Item = &'a T;
    type IntoIter = std::collections::btree_map::Values<'a, Id, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.values()
    }
}

impl<T: Serialize> Serialize for IdMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for item in self.items.values() {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de> + HasId> Deserialize<'de> for IdMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SeqVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de> + HasId> Visitor<'de> for SeqVisitor<T> {
            type Value = IdMap<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a list of {}s", T::WHAT)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = BTreeMap::new();
                while let Some(item) = seq.next_element::<T>()? {
                    let id = item.id().clone();
                    if items.insert(id.clone(), item).is_some() {
                        return Err(serde::de::Error::custom(format_args!(
                            "duplicate {} id `{id}`: every {} needs its own id",
                            T::WHAT,
                            T::WHAT
                        )));
                    }
                }
                Ok(IdMap { items })
            }
        }

        deserializer.deserialize_seq(SeqVisitor(PhantomData))
    }
}

/// A map of `entries`; `None` if two have the same key. Entries already in key order (as a
/// canonical file lists them) are taken in one pass, with no search per entry (the B-tree is
/// built in bulk); others are inserted one by one.
pub fn unique_map<K: Ord, V>(entries: Vec<(K, V)>) -> Option<BTreeMap<K, V>> {
    if entries.windows(2).all(|w| w[0].0 < w[1].0) {
        return Some(entries.into_iter().collect());
    }
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        if map.insert(key, value).is_some() {
            return None;
        }
    }
    Some(map)
}

/// Checks that items in an ordered list have distinct ids (views and flows keep the order the
/// user gave them, so they are plain `Vec`s checked with this).
pub fn deserialize_unique_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + HasId,
{
    struct SeqVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de> + HasId> Visitor<'de> for SeqVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of {}s", T::WHAT)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut seen = std::collections::BTreeSet::new();
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<T>()? {
                if !seen.insert(item.id().clone()) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate {} id `{}`: every {} needs its own id",
                        T::WHAT,
                        item.id(),
                        T::WHAT
                    )));
                }
                items.push(item);
            }
            Ok(items)
        }
    }

    deserializer.deserialize_seq(SeqVisitor(PhantomData))
}
