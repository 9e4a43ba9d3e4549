//! JPEG Huffman tables: the ones ITU-T T.81 Annex K.3 gives as typical,
//! which Motion-JPEG frames leave out and expect the decoder to know (a PDF
//! reader does not know them, so such a JPEG gets them as a DHT segment, as
//! MJPEG-to-JPEG converters do), and a table in the form the scan walk
//! decodes with.

/// The DHT segment of the four tables, marker and length included.
pub(super) const STANDARD_DHT: [u8; 420] = [
    0xFF, 0xC4, 0x01, 0xA2,
    // Table K.3: luminance DC: class and table, the count of codes of each length, the values.
    0x00, 0x00, 0x01, 0x05, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,
    // Table K.4: chrominance DC: class and table, the count of codes of each length, the values.
    0x01, 0x00, 0x03, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,
    // Table K.5: luminance AC: class and table, the count of codes of each length, the values.
    0x10, 0x00, 0x02, 0x01, 0x03, 0x03, 0x02, 0x04, 0x03, 0x05, 0x05, 0x04, 0x04, 0x00, 0x00, 0x01,
    0x7D, 0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61,
    0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1, 0x08, 0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1,
    0xF0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26, 0x27,
    0x28, 0x29, 0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
    0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
    0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
    0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6,
    0xA7, 0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4,
    0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE1,
    0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7,
    0xF8, 0xF9, 0xFA,
    // Table K.6: chrominance AC: class and table, the count of codes of each length, the values.
    0x11, 0x00, 0x02, 0x01, 0x02, 0x04, 0x04, 0x03, 0x04, 0x07, 0x05, 0x04, 0x04, 0x00, 0x01, 0x02,
    0x77, 0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61,
    0x71, 0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xA1, 0xB1, 0xC1, 0x09, 0x23, 0x33, 0x52,
    0xF0, 0x15, 0x62, 0x72, 0xD1, 0x0A, 0x16, 0x24, 0x34, 0xE1, 0x25, 0xF1, 0x17, 0x18, 0x19, 0x1A,
    0x26, 0x27, 0x28, 0x29, 0x2A, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47,
    0x48, 0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67,
    0x68, 0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x82, 0x83, 0x84, 0x85, 0x86,
    0x87, 0x88, 0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4,
    0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2,
    0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9,
    0xDA, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7,
    0xF8, 0xF9, 0xFA,
];

/// `jpeg` with the standard tables inserted at `at`, the start of its first
/// scan header.
pub(super) fn insert_standard_tables(jpeg: &[u8], at: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(jpeg.len() + STANDARD_DHT.len());
    out.extend_from_slice(&jpeg[..at]);
    out.extend_from_slice(&STANDARD_DHT);
    out.extend_from_slice(&jpeg[at..]);
    out
}

/// How many bits [`Table::lookup`] looks a code up by at once: most codes
/// are shorter (libjpeg looks ahead 8 bits, zune-jpeg 9).
pub(super) const LOOKUP_BITS: u32 = 9;

/// A Huffman table in the canonical form of T.81 Annex C and F.2.2.3, with
/// a lookup table for its short codes.
#[derive(Debug, Clone)]
pub(super) struct Table {
    /// For each code length 1 to 16: the first code after that length's
    /// codes, shifted to the top of 16 bits. The next 16 bits of a stream
    /// begin with a code of the first length whose limit they are under
    /// (libjpeg's `maxcode`, shifted as stb_image and zune-jpeg shift it).
    pub(super) limit: [u32; 17],
    /// For each code length: what a code of it adds up to with this to be
    /// its index in `values`.
    pub(super) offset: [i32; 17],
    pub(super) values: Vec<u8>,
    /// For each value of the next [`LOOKUP_BITS`] bits, the code of at most
    /// that many bits they begin with: its length in the high byte, its
    /// value in the low byte; 0 when they begin no such code.
    pub(super) lookup: Box<[u16; 1 << LOOKUP_BITS]>,
    /// The same short codes read as AC codes, each with the extra bits
    /// after it (zune-jpeg's "AC lookup", after stb_image): used when the
    /// table is an AC table.
    pub(super) ac_steps: Box<[Option<AcStep>; 1 << LOOKUP_BITS]>,
}

/// What a short AC code does to a block, and how many bits it takes with
/// the extra bits of its coefficient (T.81 F.1.2.2: the code's value is a
/// run of zeros in its high four bits, a coefficient's size in its low four).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AcStep {
    /// A non-zero coefficient after `run` zeros.
    Coefficient { run: u8, bits: u8 },
    /// Sixteen zeros (the value 0xF0, ZRL).
    SixteenZeros { bits: u8 },
    /// The end of the block's band (a size of 0 under a run of less than
    /// 15): in a first progressive AC scan the start of an end-of-band run
    /// of which `run` more bits after the code tell the length.
    EndOfBand { run: u8, bits: u8 },
}

impl AcStep {
    /// The step of an AC code of `length` bits and `value`.
    fn new(length: u8, value: u8) -> AcStep {
        let (run, size) = (value >> 4, value & 15);
        match (run, size) {
            (15, 0) => AcStep::SixteenZeros { bits: length },
            (run, 0) => AcStep::EndOfBand { run, bits: length },
            (run, size) => AcStep::Coefficient {
                run,
                bits: length + size,
            },
        }
    }
}

impl Table {
    /// The table of `counts` codes of each length and their `values`; no
    /// table when the counts overfill a length (or use its all-ones code),
    /// which libjpeg and pdf.js refuse.
    pub(super) fn new(counts: &[u8], values: &[u8]) -> Option<Table> {
        let mut table = Table {
            limit: [0; 17],
            offset: [0; 17],
            values: values.to_vec(),
            lookup: Box::new([0; 1 << LOOKUP_BITS]),
            ac_steps: Box::new([None; 1 << LOOKUP_BITS]),
        };
        let (mut code, mut index) = (0u32, 0i32);
        for length in 1..=16 {
            let count = u32::from(counts[length - 1]);
            table.offset[length] = index - code as i32;
            let first = code;
            code += count;
            index += count as i32;
            if code >= 1 << length {
                return None;
            }
            if length <= LOOKUP_BITS as usize {
                table.look_up_codes(length as u32, first..code);
            }
            table.limit[length] = code << (16 - length);
            code <<= 1;
        }
        for (step, &entry) in table.ac_steps.iter_mut().zip(table.lookup.iter()) {
            let [length, value] = entry.to_be_bytes();
            *step = (length > 0).then(|| AcStep::new(length, value));
        }
        Some(table)
    }

    /// Enters the `codes` of `length` bits in the lookup: every run of bits
    /// they begin (the codes are a prefix code, so the runs do not
    /// overlap). A code without a value stays out, for the decoding length
    /// by length to report.
    fn look_up_codes(&mut self, length: u32, codes: std::ops::Range<u32>) {
        let spare = LOOKUP_BITS - length;
        for code in codes {
            let at = code as i32 + self.offset[length as usize];
            let Some(&value) = self.values.get(at as usize) else {
                continue;
            };
            let first = (code as usize) << spare;
            let entry = (length as u16) << 8 | u16::from(value);
            self.lookup[first..first + (1 << spare)].fill(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_segment_holds_four_whole_tables() {
        let length = usize::from(u16::from_be_bytes([STANDARD_DHT[2], STANDARD_DHT[3]]));
        assert_eq!(length + 2, STANDARD_DHT.len());
        let mut at = 4;
        let mut classes = Vec::new();
        while at < STANDARD_DHT.len() {
            classes.push(STANDARD_DHT[at]);
            let counts: usize = STANDARD_DHT[at + 1..at + 17]
                .iter()
                .map(|&n| usize::from(n))
                .sum();
            at += 17 + counts;
        }
        assert_eq!(at, STANDARD_DHT.len());
        assert_eq!(classes, [0x00, 0x01, 0x10, 0x11]);
    }

    #[test]
    fn counts_that_overfill_a_short_length_are_refused() {
        for length in 1..=LOOKUP_BITS as usize {
            // One code of each shorter length (0, 10, 110...), then more
            // codes of `length` bits than are left.
            let mut counts = [0u8; 16];
            counts[..length - 1].fill(1);
            counts[length - 1] = 255;
            assert!(Table::new(&counts, &[1; 255 + 16]).is_none(), "{length}");
            counts[length - 1] = 1;
            assert!(Table::new(&counts, &[1; 16]).is_some(), "{length}");
        }
    }
}
