//! The cross-reference stream's rows, compressed.
//!
//! A compact file's cross-reference stream has one row of [`ROW`] bytes an
//! object (type, offset or object stream, generation or index): on a long
//! deck with tags, 42 bytes a page. Rows differ from the one before in a
//! byte or two, so the PNG Up predictor and deflate bring them to about one
//! byte a page, as qpdf and Acrobat write them.

use std::io::Write;

/// The bytes of a row: `/W[1 4 2]`.
const ROW: usize = 7;

/// The `/DecodeParms` that undo [`encode`]'s predictor.
pub(super) fn decode_parms() -> lopdf::Dictionary {
    lopdf::Dictionary::from_iter([
        ("Columns", lopdf::Object::Integer(ROW as i64)),
        ("Predictor", lopdf::Object::Integer(12)),
    ])
}

/// `rows` (a whole number of rows of [`ROW`] bytes) with the PNG Up
/// predictor and deflate, for a stream with `/Filter/FlateDecode` and
/// [`decode_parms`].
pub(super) fn encode(rows: &[u8]) -> Vec<u8> {
    debug_assert!(rows.len().is_multiple_of(ROW));
    let mut predicted = Vec::with_capacity(rows.len() / ROW * (ROW + 1));
    let mut above = [0u8; ROW];
    for row in rows.chunks_exact(ROW) {
        // PNG filter type 2, Up: each byte less the one above it.
        predicted.push(2);
        predicted.extend(row.iter().zip(above).map(|(&b, a)| b.wrapping_sub(a)));
        above.copy_from_slice(row);
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(&predicted)
        .and_then(|()| encoder.finish())
        .expect("writing into memory cannot fail")
}

/// The rows [`encode`] compressed, as a reader decodes them.
#[cfg(test)]
pub(super) fn decode(encoded: &[u8]) -> Vec<u8> {
    use std::io::Read;

    let mut predicted = Vec::new();
    flate2::read::ZlibDecoder::new(encoded)
        .read_to_end(&mut predicted)
        .expect("a zlib stream");
    let mut rows: Vec<u8> = Vec::with_capacity(predicted.len());
    for row in predicted.chunks_exact(ROW + 1) {
        assert_eq!(row[0], 2, "every row uses the Up predictor");
        let above = rows.len().checked_sub(ROW).map(|at| rows[at..].to_vec());
        let above = above.unwrap_or_else(|| vec![0; ROW]);
        rows.extend(row[1..].iter().zip(above).map(|(&b, a)| b.wrapping_add(a)));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_the_same_and_much_smaller() {
        // 600 objects at growing offsets, every third one in an object stream.
        let rows: Vec<u8> = (0u32..600)
            .flat_map(|n| {
                let mut row = vec![1 + u8::from(n % 3 == 0)];
                row.extend((1000 + n * 57).to_be_bytes());
                row.extend(((n % 3) as u16).to_be_bytes());
                row
            })
            .collect();
        let encoded = encode(&rows);
        assert!(encoded.len() * 10 < rows.len(), "{}", encoded.len());
        assert_eq!(decode(&encoded), rows);
    }
}
