//! The cross-reference stream, compressed.
//!
//! lopdf writes the cross-reference stream of a compact file (one row of 7
//! bytes an object: type, offset or object stream, generation or index)
//! uncompressed: on a long deck with tags, 42 bytes a page. Rows differ
//! from the one before in a byte or two, so the PNG Up predictor and
//! deflate bring them to about one byte a page, as qpdf and Acrobat write
//! them. lopdf offers no option for it, so the stream it wrote, always the
//! last object of the file, is written again here, in place.

use std::io::Write;

/// The widths of a row's fields lopdf writes: `/W[1 4 2]`.
const WIDTHS: &[u8] = b"/W[1 4 2]";
const ROW: usize = 7;

/// Compresses the cross-reference stream at the end of `pdf`, as lopdf's
/// `save_with_options` wrote it. A file laid out otherwise (a classic
/// table, or a stream already filtered) is left as it is.
pub(super) fn compress(pdf: &mut Vec<u8>) {
    let Some(xref) = find(pdf) else {
        return;
    };
    let data = &pdf[xref.data.clone()];
    let mut rows = Vec::with_capacity(data.len() / ROW * (ROW + 1));
    let mut above = [0u8; ROW];
    for row in data.chunks_exact(ROW) {
        // PNG filter type 2, Up: each byte less the one above it.
        rows.push(2);
        rows.extend(row.iter().zip(above).map(|(&b, a)| b.wrapping_sub(a)));
        above.copy_from_slice(row);
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let compressed = encoder
        .write_all(&rows)
        .and_then(|()| encoder.finish())
        .expect("writing into memory cannot fail");
    let entries = format!(
        "/Length {}/Filter/FlateDecode/DecodeParms<</Columns {ROW}/Predictor 12>>",
        compressed.len()
    );
    let rest_of_dict = pdf[xref.length.end..xref.data.start].to_vec();
    let tail = pdf[xref.data.end..].to_vec();
    pdf.truncate(xref.length.start);
    pdf.extend_from_slice(entries.as_bytes());
    pdf.extend_from_slice(&rest_of_dict);
    pdf.extend_from_slice(&compressed);
    pdf.extend_from_slice(&tail);
}

/// Where the parts of the last object's cross-reference stream are.
struct Found {
    /// The `/Length N` entry of its dictionary.
    length: std::ops::Range<usize>,
    /// Its data.
    data: std::ops::Range<usize>,
}

/// The cross-reference stream `startxref` points to, when it is one lopdf
/// wrote unfiltered with rows of [`ROW`] bytes.
fn find(pdf: &[u8]) -> Option<Found> {
    let marker = b"startxref\n";
    let at = rfind(pdf, marker)? + marker.len();
    let digits = pdf[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let start: usize = std::str::from_utf8(&pdf[at..at + digits])
        .ok()?
        .parse()
        .ok()?;
    let object = pdf.get(start..at)?;
    let dict_end = find_in(object, b">>stream\n")?;
    let dict = &object[..dict_end];
    if find_in(dict, b"/Type/XRef").is_none()
        || find_in(dict, WIDTHS).is_none()
        || find_in(dict, b"/Filter").is_some()
    {
        return None;
    }
    let key = b"/Length ";
    let length_at = find_in(dict, key)?;
    let digits = dict[length_at + key.len()..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let value = &dict[length_at + key.len()..length_at + key.len() + digits];
    let length: usize = std::str::from_utf8(value).ok()?.parse().ok()?;
    let data_start = start + dict_end + b">>stream\n".len();
    let data = data_start..data_start + length;
    let after = pdf.get(data.end..)?;
    if !length.is_multiple_of(ROW) || !after.starts_with(b"\nendstream") {
        return None;
    }
    Some(Found {
        length: start + length_at..start + length_at + key.len() + digits,
        data,
    })
}

fn find_in(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, Document, Object, SaveOptions};

    use super::*;

    /// A document of `count` pages and little else.
    fn document(count: i64) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let ids: Vec<Object> = (0..count)
            .map(|n| {
                let page = Dictionary::from_iter([
                    ("Type", Object::Name(b"Page".to_vec())),
                    ("Parent", Object::Reference(pages)),
                    ("StructParents", Object::Integer(n)),
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
        doc
    }

    /// A document of `count` pages, saved as deckgen saves it.
    fn saved(count: i64) -> Vec<u8> {
        let mut doc = document(count);
        let mut bytes = Vec::new();
        let options = SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .build();
        doc.save_with_options(&mut bytes, options).unwrap();
        bytes
    }

    #[test]
    fn the_stream_reads_back_the_same_and_smaller() {
        let plain = saved(600);
        let mut compressed = plain.clone();
        compress(&mut compressed);
        assert!(
            compressed.len() + 3000 < plain.len(),
            "{} from {}",
            compressed.len(),
            plain.len()
        );
        let tail = String::from_utf8_lossy(&compressed[compressed.len() - 300..]).into_owned();
        assert!(tail.contains("/Filter/FlateDecode/DecodeParms<</Columns 7/Predictor 12>>"));
        let (a, b) = (
            Document::load_mem(&plain).unwrap(),
            Document::load_mem(&compressed).unwrap(),
        );
        assert_eq!(a.get_pages(), b.get_pages());
        let objects = |doc: &Document| -> Vec<(lopdf::ObjectId, Object)> {
            let is_xref = |object: &Object| {
                object
                    .as_stream()
                    .is_ok_and(|stream| stream.dict.has_type(b"XRef"))
            };
            doc.objects
                .iter()
                .filter(|(_, object)| !is_xref(object))
                .map(|(id, object)| (*id, object.clone()))
                .collect()
        };
        assert!(objects(&a).len() > 600);
        assert_eq!(objects(&a), objects(&b));
        // Compressed once, it is left alone.
        let again = compressed.clone();
        compress(&mut compressed);
        assert_eq!(compressed, again);
    }

    #[test]
    fn a_classic_table_is_left_alone() {
        let mut doc = document(3);
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let mut classic = Vec::new();
        doc.save_to(&mut classic).unwrap();
        assert!(String::from_utf8_lossy(&classic).contains("\nxref\n"));
        let before = classic.clone();
        compress(&mut classic);
        assert_eq!(classic, before);
    }
}
