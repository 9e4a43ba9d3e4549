//! A figure's own PDF objects: the kinds of object a PDF file holds, in a
//! table of the figure's own, where every reference names an object of
//! that table. The reader builds it from the source file (see
//! [`from_lopdf`]); the grayscale pass edits it; the PDF writer turns it
//! into the objects of the deck's file.

mod from_lopdf;

use std::collections::BTreeMap;

pub(super) use from_lopdf::{decoded, ObjectIds};

/// One PDF object. A reference ([`ObjectRef`]) names an object of the
/// figure's [`ObjectTable`].
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Null,
    Boolean(bool),
    Integer(i64),
    Real(f32),
    Name(Vec<u8>),
    String(Vec<u8>, StringForm),
    Array(Vec<Object>),
    Dictionary(Dictionary),
    Stream(Stream),
    Reference(ObjectRef),
}

/// How a string is written: `(text)` or `<hex>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringForm {
    Literal,
    Hexadecimal,
}

/// A dictionary: its values by their keys (names, without the slash), in
/// the order of their keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dictionary(BTreeMap<Vec<u8>, Object>);

/// A stream: its dictionary and its data.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// The stream's dictionary, without `/Length`, `/Filter` and
    /// `/DecodeParms`: the data decides those (the writer ignores them
    /// here).
    pub dict: Dictionary,
    pub data: StreamData,
}

/// A stream's bytes, as the source stored them or decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamData {
    /// Bytes encoded by `filter` (a name or an array of names, as
    /// `/Filter` gives them) with `parms` (`/DecodeParms`): copied into the
    /// deck's file as they are.
    Encoded {
        filter: Box<Object>,
        parms: Option<Box<Object>>,
        bytes: Vec<u8>,
    },
    /// Plain bytes, which the writer compresses.
    Plain(Vec<u8>),
}

/// A reference to an object of one figure's table: only the table's
/// reader makes one, for an object it holds, and the table never shrinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ObjectRef(u32);

/// Every object a figure's resources and group reach, each under the
/// reference that names it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectTable(Vec<Object>);

impl ObjectTable {
    /// The object `reference` names.
    pub fn get(&self, reference: ObjectRef) -> &Object {
        // Every reference is made for an object of its table; another
        // table's reference past this one's end names nothing: null.
        self.0.get(reference.0 as usize).unwrap_or(&Object::Null)
    }

    /// Every object, with its reference, in the order of the table.
    pub fn iter(&self) -> impl Iterator<Item = (ObjectRef, &Object)> {
        (0u32..).map(ObjectRef).zip(&self.0)
    }

    /// Every object, with its reference, moved out in the order of the table.
    pub fn into_objects(self) -> impl Iterator<Item = (ObjectRef, Object)> {
        (0u32..).map(ObjectRef).zip(self.0)
    }

    /// `object` itself, or the object it refers to.
    pub fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(reference) => self.get(*reference),
            other => other,
        }
    }

    /// The stream `reference` names, if it names one.
    pub fn stream(&self, reference: ObjectRef) -> Option<&Stream> {
        self.get(reference).as_stream()
    }

    pub fn stream_mut(&mut self, reference: ObjectRef) -> Option<&mut Stream> {
        match self.0.get_mut(reference.0 as usize)? {
            Object::Stream(stream) => Some(stream),
            _ => None,
        }
    }
}

impl Object {
    pub fn name(name: &[u8]) -> Object {
        Object::Name(name.to_vec())
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(name) => Some(name),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Object::Integer(value) => Some(*value),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Object::Boolean(value) => Some(*value),
            _ => None,
        }
    }

    pub fn as_reference(&self) -> Option<ObjectRef> {
        match self {
            Object::Reference(reference) => Some(*reference),
            _ => None,
        }
    }

    pub fn as_stream(&self) -> Option<&Stream> {
        match self {
            Object::Stream(stream) => Some(stream),
            _ => None,
        }
    }
}

impl Dictionary {
    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.get(key)
    }

    pub fn has(&self, key: &[u8]) -> bool {
        self.0.contains_key(key)
    }

    pub fn set(&mut self, key: &[u8], value: Object) {
        self.0.insert(key.to_vec(), value);
    }

    pub fn remove(&mut self, key: &[u8]) -> Option<Object> {
        self.0.remove(key)
    }

    /// The entries in the order of their keys.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Object)> {
        self.0.iter().map(|(key, value)| (key.as_slice(), value))
    }

    /// The name `key` gives, if it gives one.
    pub fn name_of(&self, key: &[u8]) -> Option<&[u8]> {
        self.get(key).and_then(Object::as_name)
    }
}

impl<K: AsRef<[u8]>> FromIterator<(K, Object)> for Dictionary {
    fn from_iter<I: IntoIterator<Item = (K, Object)>>(entries: I) -> Dictionary {
        Dictionary(
            entries
                .into_iter()
                .map(|(key, value)| (key.as_ref().to_vec(), value))
                .collect(),
        )
    }
}

impl IntoIterator for Dictionary {
    type Item = (Vec<u8>, Object);
    type IntoIter = std::collections::btree_map::IntoIter<Vec<u8>, Object>;

    /// The entries in the order of their keys.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Stream {
    /// Whether the dictionary's `/Subtype` is `subtype`.
    pub fn is_subtype(&self, subtype: &[u8]) -> bool {
        self.dict.name_of(b"Subtype") == Some(subtype)
    }
}
