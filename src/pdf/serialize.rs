//! An object's bytes, as lopdf writes them, byte for byte.
//!
//! lopdf's writer is not public: the only way to it, an object stream of
//! one object, clones the object and writes it three times (twice to count
//! offsets). Written here once, straight into the file or the object
//! stream being filled. `tests` hold it to lopdf's own output.

use std::io::Write;

use lopdf::{Dictionary, Object, StringFormat};

/// Appends `object` to `out` as lopdf writes it.
pub(super) fn object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => write!(out, "{value}").expect("writing into memory cannot fail"),
        Object::Real(value) => write!(out, "{value}").expect("writing into memory cannot fail"),
        Object::Name(name) => self::name(out, name),
        Object::String(text, StringFormat::Literal) => literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            hex(out, text);
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 && needs_space_before(item) {
                    out.push(b' ');
                }
                self::object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dictionary(out, dict),
        Object::Stream(stream) => {
            dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((number, generation)) => {
            write!(out, "{number} {generation} R").expect("writing into memory cannot fail");
        }
    }
}

/// Whether lopdf puts a space between `object` and a key or item before it.
pub(super) fn needs_space_before(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        name(out, key);
        if needs_space_before(value) {
            out.push(b' ');
        }
        object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// `/name`, white space, delimiters and bytes outside `!` to `~` as `#XX`.
fn name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.push(b'#');
            hex(out, &[byte]);
        } else {
            out.push(byte);
        }
    }
}

/// Appends `bytes` as hexadecimal digits, two a byte, in capitals.
pub(super) fn hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for byte in bytes {
        out.extend_from_slice(&[
            DIGITS[usize::from(byte >> 4)],
            DIGITS[usize::from(byte & 0xf)],
        ]);
    }
}

/// `(text)`, with backslashes, carriage returns and unbalanced parentheses
/// escaped, as lopdf escapes them.
fn literal(out: &mut Vec<u8>, text: &[u8]) {
    let mut escaped = Vec::new();
    let mut open = Vec::new();
    for (index, &byte) in text.iter().enumerate() {
        match byte {
            b'(' => open.push(index),
            // A `)` closes the last open `(`; one that closes none is escaped.
            b')' if open.pop().is_none() => escaped.push(index),
            b'\\' | b'\r' => escaped.push(index),
            _ => {}
        }
    }
    escaped.append(&mut open);
    out.push(b'(');
    if escaped.is_empty() {
        out.extend_from_slice(text);
    } else {
        escaped.sort_unstable();
        for (index, &byte) in text.iter().enumerate() {
            if escaped.binary_search(&index).is_ok() {
                out.push(b'\\');
                out.push(if byte == b'\r' { b'r' } else { byte });
            } else {
                out.push(byte);
            }
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use lopdf::{ObjectStream, Stream};

    use super::*;

    /// `object` as lopdf writes it: an object stream of one object is its
    /// offset table `0 0 `, the object, and a space.
    fn lopdf_bytes(object: &Object) -> Vec<u8> {
        let mut one = ObjectStream::builder().max_objects(1).build();
        one.add_object((0, 0), object.clone()).unwrap();
        let content = one.build_stream_content().unwrap();
        content[b"0 0 ".len()..content.len() - 1].to_vec()
    }

    fn ours(object: &Object) -> Vec<u8> {
        let mut out = Vec::new();
        self::object(&mut out, object);
        out
    }

    #[test]
    fn every_kind_of_object_is_written_as_lopdf_writes_it() {
        let strings = [
            &b"plain"[..],
            b"(balanced)",
            b"un)balanced(",
            b"((",
            b"))",
            b"back\\slash and \r return",
            b"\xfe\xff\x00a",
            b"",
        ];
        let mut objects = vec![
            Object::Null,
            Object::Boolean(true),
            Object::Boolean(false),
            Object::Integer(0),
            Object::Integer(-42),
            Object::Integer(i64::MAX),
            Object::Real(0.5),
            Object::Real(-12.25),
            Object::Real(1e-7),
            Object::Real(3e9),
            Object::Name(b"Type".to_vec()),
            Object::Name(b"A B#(c)/%\x00\xff~!".to_vec()),
            Object::Name(Vec::new()),
            Object::Reference((12, 0)),
            Object::Reference((7, 3)),
        ];
        for text in strings {
            objects.push(Object::String(text.to_vec(), StringFormat::Literal));
            objects.push(Object::String(text.to_vec(), StringFormat::Hexadecimal));
        }
        let array = Object::Array(objects.clone());
        let dict = Object::Dictionary(Dictionary::from_iter(
            objects
                .iter()
                .enumerate()
                .map(|(n, object)| (format!("K{n}"), object.clone())),
        ));
        let nested = Object::Array(vec![
            array.clone(),
            dict.clone(),
            Object::Array(vec![]),
            Object::Dictionary(Dictionary::new()),
            Object::Integer(1),
            Object::Array(vec![Object::Reference((1, 0)), Object::Name(b"N".to_vec())]),
        ]);
        objects.extend([array, dict, nested]);
        for object in &objects {
            assert_eq!(
                String::from_utf8_lossy(&ours(object)),
                String::from_utf8_lossy(&lopdf_bytes(object)),
                "{object:?}"
            );
        }
        // lopdf writes a stream only as an object of its own.
        let stream = Stream::new(
            Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]),
            b"\x00\x01 bytes".to_vec(),
        );
        assert_eq!(
            ours(&Object::Stream(stream)),
            b"<</Filter/FlateDecode/Length 8>>stream\n\x00\x01 bytes\nendstream"
        );
    }
}
