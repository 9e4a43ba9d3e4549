//! The compact file: small objects packed into compressed object streams,
//! with a cross-reference stream (PDF 1.5), written as lopdf's
//! `save_with_options` writes it, byte for byte, but without holding the
//! document twice.
//!
//! lopdf's writer clones every small object into its object streams before
//! it writes any (on a 5000-slide deck, 34 MB of dictionaries while the
//! originals are still held), and keeps the written file beside the whole
//! document; it also writes each small object three times (twice to count
//! offsets). Here each object leaves the document as it is written, once
//! (by [`serialize`]): a stream straight into the file, a small object
//! into the object stream being filled, which is compressed on another
//! core as soon as it is full. The one difference in the bytes: the
//! cross-reference stream, which lopdf writes unfiltered, is compressed
//! (see [`xref_stream`]).

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use lopdf::{Dictionary, Document, Object, ObjectId, ObjectStream, Stream};

use super::deflate::Deflater;
use super::{serialize, xref_stream, Error};

/// Where the cross-reference stream says an object is.
enum Entry {
    /// At this offset in the file.
    Direct(u32),
    /// The `index`th object of the object stream `container`.
    Packed { container: u32, index: u16 },
}

/// Writes `doc` with its small objects in object streams of at most
/// `per_stream` objects compressed at `level`, as lopdf's
/// `save_with_options` with object and cross-reference streams does, and
/// its cross-reference stream compressed. Each object stream is
/// compressed on another core as soon as it is full (on this one when the
/// others are behind), while this thread writes the rest.
pub(super) fn save(mut doc: Document, per_stream: usize, level: u32) -> Result<Vec<u8>, Error> {
    let mut file = Vec::with_capacity(capacity(&doc));
    let mut entries = BTreeMap::new();
    writeln!(file, "%PDF-{}", doc.version).expect("writing into memory cannot fail");
    file.push(b'%');
    file.extend_from_slice(&doc.binary_mark);
    file.push(b'\n');

    // Small objects in id order, `per_stream` to a stream, as lopdf packs them.
    let ((), packed) = crate::parallel::alongside(
        || Deflater::at(lopdf_compression(level)),
        |deflater, packing: Packing| packing.into_stream(deflater, level),
        |pack| {
            let mut filling: Option<Packing> = None;
            while let Some(((id, generation), object)) = doc.objects.pop_first() {
                if generation == 0 && ObjectStream::can_be_compressed((id, 0), &object, &doc) {
                    let packing = filling.get_or_insert_with(Packing::default);
                    packing.add(id, &object);
                    if packing.ids.len() >= per_stream {
                        pack(filling.take().expect("filled above"));
                    }
                } else {
                    entries.insert(id, Entry::Direct(offset(&file)));
                    write_indirect(&mut file, (id, generation), &object);
                }
            }
            if let Some(last) = filling.take() {
                pack(last);
            }
        },
    );

    let first_container = doc.max_id + 1;
    for (number, (stream, ids)) in packed.into_iter().enumerate() {
        let container = first_container + number as u32;
        for (index, id) in ids.into_iter().enumerate() {
            let index = u16::try_from(index).map_err(|e| Error::Serialize(e.to_string()))?;
            entries.insert(id, Entry::Packed { container, index });
        }
        entries.insert(container, Entry::Direct(offset(&file)));
        write_indirect(&mut file, (container, 0), &Object::Stream(stream));
        doc.max_id = container;
    }

    let xref_start = offset(&file);
    doc.max_id += 1;
    let xref_id = doc.max_id;
    entries.insert(xref_id, Entry::Direct(xref_start));
    let (rows, index) = rows(&entries, doc.max_id + 1);
    let trailer = &mut doc.trailer;
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", i64::from(doc.max_id + 1));
    trailer.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(4),
            Object::Integer(2),
        ]),
    );
    trailer.set("Index", Object::Array(index));
    let content = xref_stream::encode(&rows);
    trailer.set("Length", content.len() as i64);
    trailer.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    trailer.set("DecodeParms", xref_stream::decode_parms());
    let xref = Stream {
        dict: std::mem::take(trailer),
        allows_compression: false,
        content,
        start_position: None,
    };
    write_indirect(&mut file, (xref_id, 0), &Object::Stream(xref));
    write!(file, "\nstartxref\n{xref_start}\n%%EOF").expect("writing into memory cannot fail");
    Ok(file)
}

/// Room for every stream and a little for each object, so the buffer of a
/// file of mostly images is not grown (and copied) as it fills; the part not
/// yet written takes no memory yet.
pub(super) fn capacity(doc: &Document) -> usize {
    let streams: usize = doc
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .map(|stream| stream.content.len())
        .sum();
    streams + 64 * doc.objects.len()
}

/// The zlib level lopdf's object streams use for `level`: it takes only
/// three (1 to 3 fast, 4 to 6 the default, 7 and up the best).
fn lopdf_compression(level: u32) -> Compression {
    match level {
        0..=3 => Compression::fast(),
        4..=6 => Compression::default(),
        _ => Compression::best(),
    }
}

/// The objects of one object stream, written as they arrive.
#[derive(Default)]
struct Packing {
    ids: Vec<u32>,
    /// Where each object starts in `objects`.
    offsets: Vec<usize>,
    /// The objects, each followed by a space.
    objects: Vec<u8>,
}

impl Packing {
    fn add(&mut self, id: u32, object: &Object) {
        self.ids.push(id);
        self.offsets.push(self.objects.len());
        serialize::object(&mut self.objects, object);
        self.objects.push(b' ');
    }

    /// The object stream, as lopdf's `ObjectStream::to_stream_object`
    /// makes it: the offset table (`id offset` pairs, each followed by a
    /// space), the objects, compressed by `deflater` unless `level` is 0;
    /// and the objects' ids, in the order they are in it.
    fn into_stream(self, deflater: &mut Deflater, level: u32) -> (Stream, Vec<u32>) {
        let mut content = Vec::with_capacity(self.objects.len() + 12 * self.ids.len());
        for (id, at) in self.ids.iter().zip(&self.offsets) {
            write!(content, "{id} {at} ").expect("writing into memory cannot fail");
        }
        let first = content.len();
        content.extend_from_slice(&self.objects);
        let dict = Dictionary::from_iter([
            ("Type", Object::Name(b"ObjStm".to_vec())),
            ("N", Object::Integer(self.ids.len() as i64)),
            ("First", Object::Integer(first as i64)),
        ]);
        let mut stream = Stream::new(dict, content);
        if level > 0 {
            stream.dict.set("Filter", "FlateDecode");
            let compressed = deflater.deflate(&stream.content);
            stream.set_content(compressed);
        }
        (stream, self.ids)
    }
}

fn offset(file: &[u8]) -> u32 {
    file.len() as u32
}

/// `N G obj … endobj`, spaced as lopdf spaces it.
fn write_indirect(file: &mut Vec<u8>, id: ObjectId, object: &Object) {
    let before = if serialize::needs_space_before(object) {
        " "
    } else {
        ""
    };
    let after = match object {
        Object::Name(_) | Object::Stream(_) => " ",
        _ => before,
    };
    write!(file, "{} {} obj\n{before}", id.0, id.1).expect("writing into memory cannot fail");
    serialize::object(file, object);
    writeln!(file, "{after}\nendobj").expect("writing into memory cannot fail");
}

/// The cross-reference stream's rows (`/W[1 4 2]`) for objects 1 to
/// `size - 1`, and its `/Index`: one subsection per run of numbers in use.
fn rows(entries: &BTreeMap<u32, Entry>, size: u32) -> (Vec<u8>, Vec<Object>) {
    let mut rows = Vec::with_capacity(entries.len() * 7);
    let mut index = Vec::new();
    let mut run: Option<(u32, i64)> = None;
    for id in 1..size {
        let Some(entry) = entries.get(&id) else {
            if let Some((start, count)) = run.take() {
                index.extend([Object::Integer(i64::from(start)), Object::Integer(count)]);
            }
            continue;
        };
        match run.as_mut() {
            Some((_, count)) => *count += 1,
            None => run = Some((id, 1)),
        }
        match *entry {
            Entry::Direct(offset) => {
                rows.push(1);
                rows.extend(offset.to_be_bytes());
                rows.extend(0u16.to_be_bytes());
            }
            Entry::Packed { container, index } => {
                rows.push(2);
                rows.extend(container.to_be_bytes());
                rows.extend(index.to_be_bytes());
            }
        }
    }
    if let Some((start, count)) = run {
        index.extend([Object::Integer(i64::from(start)), Object::Integer(count)]);
    }
    (rows, index)
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, SaveOptions};

    use super::*;

    /// A document of `count` pages, each with a content stream, and little else.
    fn document(count: i64) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let ids: Vec<Object> = (0..count)
            .map(|n| {
                let content = doc.add_object(Stream::new(
                    Dictionary::new(),
                    format!("BT /F1 12 Tf ({n}) Tj ET").into_bytes(),
                ));
                let page = Dictionary::from_iter([
                    ("Type", Object::Name(b"Page".to_vec())),
                    ("Parent", Object::Reference(pages)),
                    ("Contents", Object::Reference(content)),
                    ("StructParents", Object::Integer(n)),
                    ("Rotate", Object::Real(0.5)),
                ]);
                Object::Reference(doc.add_object(page))
            })
            .collect();
        let tree = Dictionary::from_iter([
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(ids)),
            ("Count", Object::Integer(count)),
        ]);
        doc.objects.insert(pages, Object::Dictionary(tree));
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages)),
        ]));
        doc.trailer.set("Root", catalog);
        doc.trailer.set(
            "ID",
            Object::Array(vec![Object::String(
                vec![0; 4],
                lopdf::StringFormat::Hexadecimal,
            )]),
        );
        doc
    }

    /// The cross-reference stream of a compact file: its dictionary (without
    /// `/Length`, `/Filter` and `/DecodeParms`), its rows as a reader decodes
    /// them, and the file before it and after it.
    struct Split {
        before: Vec<u8>,
        dict: String,
        rows: Vec<u8>,
        after: Vec<u8>,
    }

    fn split(file: &[u8]) -> Split {
        let find = |needle: &[u8], from: usize| {
            from + file[from..]
                .windows(needle.len())
                .position(|window| window == needle)
                .unwrap()
        };
        let marker = b"startxref\n";
        let at = file
            .windows(marker.len())
            .rposition(|window| window == marker)
            .unwrap()
            + marker.len();
        let start: usize = String::from_utf8_lossy(&file[at..])
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let dict_start = find(b"<<", start);
        let data_start = find(b">>stream\n", dict_start) + b">>stream\n".len();
        let data_end = find(b"\nendstream", data_start);
        let dict = String::from_utf8_lossy(&file[dict_start..data_start]).into_owned();
        let parms = "/Filter/FlateDecode/DecodeParms<</Columns 7/Predictor 12>>";
        let (dict, rows) = match dict.contains(parms) {
            true => (
                dict.replace(parms, ""),
                xref_stream::decode(&file[data_start..data_end]),
            ),
            false => (dict, file[data_start..data_end].to_vec()),
        };
        let length = length_entry(&dict);
        Split {
            before: file[..start].to_vec(),
            dict: dict.replace(&length, ""),
            rows,
            after: file[data_end..].to_vec(),
        }
    }

    /// The `/Length N` entry of `dict`.
    fn length_entry(dict: &str) -> String {
        let at = dict.find("/Length ").unwrap();
        let digits = dict[at + 8..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        dict[at..at + 8 + digits].to_string()
    }

    /// `ours` is the file lopdf wrote as `expected`, byte for byte up to the
    /// cross-reference stream and after it, with the same entries and rows.
    fn assert_same_file(ours: &[u8], expected: &[u8], what: &str) {
        let (ours, expected) = (split(ours), split(expected));
        assert!(
            ours.before == expected.before,
            "{what}:\n{}\n---\n{}",
            String::from_utf8_lossy(&ours.before[ours.before.len().saturating_sub(400)..]),
            String::from_utf8_lossy(&expected.before[expected.before.len().saturating_sub(400)..])
        );
        assert_eq!(ours.dict, expected.dict, "{what}");
        assert!(ours.rows.len() >= 7 && ours.rows.len() % 7 == 0, "{what}");
        assert!(ours.rows == expected.rows, "{what}: the rows differ");
        assert_eq!(ours.after, expected.after, "{what}");
    }

    #[test]
    fn the_file_is_the_one_lopdf_writes_with_its_rows_compressed() {
        for (count, per_stream) in [(1, 200), (450, 200), (30, 7)] {
            let mut expected = Vec::new();
            let options = SaveOptions::builder()
                .use_object_streams(true)
                .use_xref_streams(true)
                .max_objects_per_stream(per_stream)
                .compression_level(9)
                .build();
            document(count)
                .save_with_options(&mut expected, options)
                .unwrap();
            let ours = save(document(count), per_stream, 9).unwrap();
            assert_same_file(
                &ours,
                &expected,
                &format!("{count} pages, {per_stream} a stream"),
            );
            // A handful of rows compress to more than they were; hundreds to far less.
            if count > 100 {
                assert!(ours.len() + 7 * count as usize / 2 < expected.len());
            }
            let doc = Document::load_mem(&ours).unwrap();
            assert_eq!(doc.get_pages().len(), count as usize);
        }
    }

    #[test]
    fn a_gap_in_the_numbers_starts_a_new_subsection() {
        let mut doc = document(3);
        let dropped = *doc.objects.keys().nth(2).unwrap();
        doc.objects.remove(&dropped);
        let mut expected = Vec::new();
        let options = SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .build();
        doc.clone()
            .save_with_options(&mut expected, options)
            .unwrap();
        let ours = save(doc, 100, 0).unwrap();
        assert_same_file(&ours, &expected, "a gap");
    }
}
