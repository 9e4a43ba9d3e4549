//! A YAML document reduced to its shape: keys with their places, where
//! each list item starts, and the text of string values. Read with no
//! knowledge of the deck's types, so it still reads a deck the typed read
//! refuses: the key check and the slide finder both walk it.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// Reads `text` into a tree; `None` when it is not YAML at all.
pub(crate) fn read(text: &str) -> Option<Node> {
    // Read every scalar as the typed read may (`.nan` is text to a String field).
    let options = serde_saphyr::options! {
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough
    };
    serde_saphyr::from_str_with_options::<Node>(text, options).ok()
}

/// A YAML node reduced to its shape: a mapping's entries, a sequence's
/// items with where each starts, or a scalar's text.
#[derive(Default)]
pub(crate) struct Node {
    pub entries: Vec<(Spanned<Key>, Node)>,
    pub items: Vec<Spanned<Node>>,
    /// The text of a string scalar.
    pub text: Option<String>,
    /// Whether the node is an empty value (null).
    pub empty: bool,
}

impl Node {
    /// The value of the entry with this key, if any.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, value)| value)
    }
}

/// A mapping key as text, whatever scalar it was written as.
pub(crate) struct Key(String);

impl std::ops::Deref for Key {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut node = Node::default();
        while let Some(key) = map.next_key::<Spanned<Key>>()? {
            node.entries.push((key, map.next_value()?));
        }
        Ok(node)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut node = Node::default();
        while let Some(item) = seq.next_element()? {
            node.items.push(item);
        }
        Ok(node)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::default())
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Node, E> {
        Ok(Node {
            text: Some(text.to_string()),
            ..Node::default()
        })
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node {
            empty: true,
            ..Node::default()
        })
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping key")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Key, E> {
                Ok(Key(text.to_string()))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Key, E> {
                Ok(Key(value.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key("null".to_string()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}
