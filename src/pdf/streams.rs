//! Compressing the document's streams with one deflate state.
//!
//! lopdf's `Document::compress` makes a new zlib encoder for each stream,
//! and making one (clearing its tables) cost as much as compressing the few
//! hundred bytes of a page's content: a long deck has one stream a page.

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::Object;

/// Compresses every stream that allows it and has no filter yet, as
/// `Document::compress` does: zlib at the best level, kept only when it
/// saves more than the 19 bytes the filter's name costs.
pub(super) fn compress(doc: &mut lopdf::Document) {
    let mut deflate = Compress::new(Compression::best(), true);
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        deflate.reset();
        let Some(compressed) = deflate_all(&mut deflate, &stream.content) else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// `input` compressed whole by `deflate`, which has just been reset.
fn deflate_all(deflate: &mut Compress, input: &[u8]) -> Option<Vec<u8>> {
    let mut output = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let read = usize::try_from(deflate.total_in()).ok()?;
        let status = deflate
            .compress_vec(input.get(read..)?, &mut output, FlushCompress::Finish)
            .ok()?;
        match status {
            Status::StreamEnd => return Some(output),
            // Out of room: grow the output and go on.
            Status::Ok | Status::BufError => output.reserve(output.capacity().max(64)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Dictionary, Stream};

    /// The streams come out as lopdf's own compression writes them, byte for
    /// byte, one state serving them all.
    #[test]
    fn streams_are_compressed_as_lopdf_compresses_them() {
        let contents: Vec<Vec<u8>> = vec![
            b"BT /F1 24 Tf 72 700 Td (Hello) Tj ET\n".repeat(40),
            (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect(),
            b"q 1 0 0 1 0 0 cm Q".to_vec(),
            Vec::new(),
        ];
        let mut ours = lopdf::Document::new();
        let mut theirs = lopdf::Document::new();
        for content in &contents {
            ours.add_object(Stream::new(Dictionary::new(), content.clone()));
            theirs.add_object(Stream::new(Dictionary::new(), content.clone()));
        }
        compress(&mut ours);
        theirs.compress();
        assert_eq!(ours.objects, theirs.objects);
        let filtered = ours
            .objects
            .values()
            .filter(|object| object.as_stream().is_ok_and(|s| s.dict.has(b"Filter")))
            .count();
        assert_eq!(filtered, 2, "the short streams stay plain");
    }
}
