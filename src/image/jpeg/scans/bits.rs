//! The bits of an entropy-coded segment, read ahead into a 64-bit buffer
//! eight bytes at a time where no 0xFF byte can hide a marker, and decoded a
//! Huffman code at a time.
//!
//! As in zune-jpeg's `BitStream::refill` and libjpeg's `jpeg_fill_bit_buffer`,
//! a walk tops the buffer up once it holds fewer than [`RESERVE`] bits, enough
//! for a short code and the bits of its coefficient, so that both are read
//! without another test for the buffer's end.

use super::super::huffman::{AcStep, Table, LOOKUP_BITS};
use super::Walk;

/// How many bits [`Bits::reserve`] keeps in the buffer, unless a marker
/// (or the end of the file) comes first: a code of the lookup's 9 bits and
/// its coefficient's up to 15 (longer codes check the buffer as they go).
pub(super) const RESERVE: u32 = 24;
const _: () = assert!(RESERVE >= LOOKUP_BITS + 15);

/// The bits of one entropy-coded segment, with stuffed zeros taken out,
/// read ahead into a buffer up to the next marker.
pub(super) struct Bits<'a> {
    pub(super) bytes: &'a [u8],
    /// The next byte to read into the buffer.
    pub(super) at: usize,
    pub(super) buffer: u64,
    /// How many of the buffer's low bits are unread.
    pub(super) count: u32,
}

impl<'a> Bits<'a> {
    /// The bits of the segment starting at `at` in `bytes`.
    pub(super) fn new(bytes: &'a [u8], at: usize) -> Bits<'a> {
        Bits {
            bytes,
            at,
            buffer: 0,
            count: 0,
        }
    }

    /// Fills the buffer when it holds fewer than [`RESERVE`] bits: after
    /// this it holds at least that many, or every bit before the next marker.
    #[inline(always)]
    pub(super) fn reserve(&mut self) {
        if self.count < RESERVE {
            self.fill();
        }
    }

    /// Reads bytes into the buffer until it holds more than 56 bits or a
    /// marker (or the end of the file) comes: eight bytes at once when none
    /// of them is 0xFF (so none is a marker or a stuffed zero), else one.
    #[inline(never)]
    pub(super) fn fill(&mut self) {
        while self.count <= 56 {
            if let Some(&eight) = self
                .bytes
                .get(self.at..)
                .and_then(|rest| rest.first_chunk())
            {
                let word = u64::from_be_bytes(eight);
                if !has_ff_byte(word) {
                    // As many whole bytes as the buffer has room for.
                    let bytes = (64 - self.count) / 8;
                    let bits = 8 * bytes;
                    self.buffer = match bits {
                        64 => word,
                        _ => (self.buffer << bits) | (word >> (64 - bits)),
                    };
                    self.count += bits;
                    self.at += bytes as usize;
                    return;
                }
            }
            let byte = match self.bytes.get(self.at) {
                Some(0xFF) if self.bytes.get(self.at + 1) == Some(&0x00) => {
                    self.at += 2;
                    0xFF
                }
                Some(0xFF) | None => return,
                Some(&byte) => {
                    self.at += 1;
                    byte
                }
            };
            self.buffer = (self.buffer << 8) | u64::from(byte);
            self.count += 8;
        }
    }

    /// The next `count` bits (at most 32).
    #[inline(always)]
    pub(super) fn bits(&mut self, count: u8) -> Result<u32, Walk> {
        let count = u32::from(count);
        if self.count < count {
            self.fill();
            if self.count < count {
                return Err(Walk::Short);
            }
        }
        self.count -= count;
        Ok(((self.buffer >> self.count) & ((1u64 << count) - 1)) as u32)
    }

    #[inline(always)]
    pub(super) fn bit(&mut self) -> Result<u32, Walk> {
        self.bits(1)
    }

    /// The value of the next code of `table`: looked up at once when it is
    /// short, else found length by length.
    #[inline(always)]
    pub(super) fn decode(&mut self, table: &Table) -> Result<u8, Walk> {
        self.reserve();
        match self.look_up(table) {
            Some((length, value)) => {
                self.count -= length;
                Ok(value)
            }
            None => self.decode_by_length(table),
        }
    }

    /// The next [`LOOKUP_BITS`] bits; the buffer must hold that many.
    #[inline(always)]
    fn ahead(&self) -> usize {
        debug_assert!(self.count >= LOOKUP_BITS);
        (self.buffer >> (self.count - LOOKUP_BITS)) as usize & ((1 << LOOKUP_BITS) - 1)
    }

    /// The length and value of the next code when `table`'s lookup has it:
    /// it is at most [`LOOKUP_BITS`] long and the buffer holds that many.
    #[inline(always)]
    pub(super) fn look_up(&self, table: &Table) -> Option<(u32, u8)> {
        if self.count < LOOKUP_BITS {
            return None;
        }
        let entry = table.lookup[self.ahead()];
        let length = u32::from(entry >> 8);
        (length > 0).then_some((length, entry as u8))
    }

    /// The step of the next code of the AC `table` when it is short and
    /// the buffer holds at least [`RESERVE`] bits, so all the bits the step
    /// takes; the caller drops them. Near the scan's end
    /// the code is decoded, then its bits read, one at a time.
    #[inline(always)]
    pub(super) fn ac_step(&self, table: &Table) -> Option<AcStep> {
        if self.count < RESERVE {
            return None;
        }
        table.ac_steps[self.ahead()]
    }

    /// Drops `count` bits the buffer holds.
    #[inline(always)]
    pub(super) fn drop_bits(&mut self, count: u8) {
        self.count -= u32::from(count);
    }

    /// [`Bits::decode`] one length at a time, as T.81 F.2.2.3 decodes: the
    /// next 16 bits (zeros after the last when fewer are left) against each
    /// length's limit.
    #[inline(never)]
    pub(super) fn decode_by_length(&mut self, table: &Table) -> Result<u8, Walk> {
        let available = self.count.min(16);
        let ahead = (self.buffer >> (self.count - available)) & ((1u64 << available) - 1);
        let window = (ahead << (16 - available)) as u32;
        let length = (1..=16).find(|&length| window < table.limit[length]);
        match length {
            Some(length) if length as u32 <= available => {
                self.count -= length as u32;
                let code = (window >> (16 - length)) as i32;
                table
                    .values
                    .get((code + table.offset[length]) as usize)
                    .copied()
                    .ok_or_else(|| Walk::Corrupt("a Huffman table is too short".into()))
            }
            _ if available < 16 => Err(Walk::Short),
            _ => Err(Walk::Corrupt("a Huffman code no table has".into())),
        }
    }

    /// Drops what is left before a restart marker and steps over it. Stray
    /// bytes before it are skipped, as libjpeg and pdf.js skip them;
    /// another marker ends the scan early.
    pub(super) fn restart(&mut self) -> Result<(), Walk> {
        self.count = 0;
        loop {
            match self.bytes.get(self.at..self.at + 2) {
                Some([0xFF, 0xD0..=0xD7]) => {
                    self.at += 2;
                    return Ok(());
                }
                Some([0xFF, 0x00 | 0xFF]) | Some([0x00..=0xFE, _]) => self.at += 1,
                _ => return Err(Walk::Short),
            }
        }
    }
}

/// Whether any of the eight bytes of `word` is 0xFF.
pub(super) fn has_ff_byte(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // A zero byte of the complement, found as in "Bit Twiddling Hacks".
    let flipped = !word;
    flipped.wrapping_sub(ONES) & !flipped & (ONES << 7) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bits of `data` (no stuffing in it) one at a time.
    fn bits_of(data: &[u8]) -> Vec<u32> {
        data.iter()
            .flat_map(|&byte| (0..8).rev().map(move |bit| u32::from(byte >> bit) & 1))
            .collect()
    }

    /// Reads `bytes` `size` bits at a time, topping the buffer up before
    /// every other read, until it runs short; the bits read, one at a time,
    /// and where reading stopped.
    fn read_all(bytes: &[u8], size: u8) -> (Vec<u32>, usize) {
        let mut bits = Bits::new(bytes, 0);
        let mut read = Vec::new();
        for turn in 0.. {
            if turn % 2 == 0 {
                bits.reserve();
            }
            match bits.bits(size) {
                Ok(value) => read.extend((0..size).rev().map(|bit| (value >> bit) & 1)),
                Err(why) => {
                    assert_eq!(why, Walk::Short);
                    break;
                }
            }
        }
        (read, bits.at)
    }

    /// Every code of the table of `counts`, with its length, in the
    /// canonical order of T.81 Annex C.
    fn codes(counts: &[u8; 16]) -> Vec<(u32, u64)> {
        let mut codes = Vec::new();
        let mut code = 0;
        for length in 1..=16 {
            for _ in 0..counts[length as usize - 1] {
                codes.push((length, code));
                code += 1;
            }
            code <<= 1;
        }
        codes
    }

    /// A table with codes of every length from 1 to 16, and the standard
    /// luminance AC table (codes of up to 16 bits, most of them short).
    fn tables() -> Vec<([u8; 16], Vec<u8>)> {
        let standard_ac = &crate::image::jpeg::huffman::STANDARD_DHT[4 + 2 * 29..];
        let counts: [u8; 16] = standard_ac[1..17].try_into().unwrap();
        let values = standard_ac[17..17 + 162].to_vec();
        let every_length = ([1; 16], (100..116).collect());
        vec![every_length, (counts, values)]
    }

    fn in_buffer(buffer: u64, count: u32) -> Bits<'static> {
        Bits {
            bytes: &[],
            at: 0,
            buffer,
            count,
        }
    }

    #[test]
    fn every_code_decodes_to_its_value_looked_up_or_length_by_length() {
        let mut long = 0;
        for (counts, values) in tables() {
            let table = Table::new(&counts, &values).unwrap();
            let codes = codes(&counts);
            assert_eq!(codes.len(), values.len());
            for (&(length, code), &value) in codes.iter().zip(&values) {
                long += usize::from(length > LOOKUP_BITS);
                // The code alone, and followed by up to 40 bits of ones.
                for after in [0, 1, 5, 9, 16, 40] {
                    let buffer = (code << after) | ((1 << after) - 1);
                    for decode in [Bits::decode, Bits::decode_by_length] {
                        let mut bits = in_buffer(buffer, length + after);
                        assert_eq!(decode(&mut bits, &table), Ok(value), "{code:b}");
                        assert_eq!(bits.count, after);
                    }
                }
                // Cut anywhere inside: a code is no other code's prefix.
                for cut in 1..length {
                    let mut bits = in_buffer(code >> (length - cut), cut);
                    assert_eq!(bits.decode(&table), Err(Walk::Short), "{code:b} {cut}");
                }
            }
        }
        assert!(long > 100, "codes longer than the lookup: {long}");
    }

    /// Each short code of an AC table steps over itself and its
    /// coefficient's bits at once, when the buffer holds them all.
    #[test]
    fn a_short_ac_code_steps_with_its_coefficient_bits() {
        let mut steps = 0;
        for (counts, values) in tables() {
            let table = Table::new(&counts, &values).unwrap();
            for (&(length, code), &value) in codes(&counts).iter().zip(&values) {
                let (run, size) = (value >> 4, value & 15);
                for after in 16..=40 {
                    let bits = in_buffer(code << after, length + after);
                    let taken = length + u32::from(size);
                    let expected = match (run, size) {
                        _ if length > LOOKUP_BITS || bits.count < RESERVE => None,
                        (15, 0) => Some(AcStep::SixteenZeros { bits: length as u8 }),
                        (_, 0) => Some(AcStep::EndOfBand {
                            run,
                            bits: length as u8,
                        }),
                        _ => Some(AcStep::Coefficient {
                            run,
                            bits: taken as u8,
                        }),
                    };
                    assert_eq!(bits.ac_step(&table), expected, "{code:b} {after}");
                    steps += usize::from(expected.is_some());
                }
            }
        }
        assert!(steps > 200, "steps looked up: {steps}");
    }

    #[test]
    fn a_stream_ending_inside_a_code_is_short() {
        // Eight ones (a stuffed 0xFF), then the scan's end: the start of
        // the table's codes of 9 bits and more.
        let table = Table::new(&[1; 16], &[7; 16]).unwrap();
        let mut bits = Bits::new(&[0xFF, 0x00, 0xFF, 0xD9], 0);
        assert_eq!(bits.decode(&table), Err(Walk::Short));
        assert_eq!((bits.count, bits.at), (8, 2));
        // The same eight ones before a 0 bit: the 9-bit code.
        let mut bits = Bits::new(&[0xFF, 0x00, 0x7F, 0xFF, 0xD9], 0);
        assert_eq!(bits.decode(&table), Ok(7));
        assert_eq!(bits.count, 7);
    }

    #[test]
    fn stuffed_bytes_and_markers_anywhere_in_a_refill() {
        let data: Vec<u8> = (0..40u8).map(|n| n.wrapping_mul(37) ^ 0x5A).collect();
        assert!(!data.contains(&0xFF));
        for stuffed in 0..=24 {
            for marker in stuffed + 1..=32 {
                // 0xFF data at `stuffed` (written 0xFF 0x00), the scan's
                // end at `marker`.
                let mut plain = data[..marker].to_vec();
                plain[stuffed] = 0xFF;
                let mut bytes = plain[..stuffed + 1].to_vec();
                bytes.push(0x00);
                bytes.extend_from_slice(&plain[stuffed + 1..]);
                bytes.extend_from_slice(&[0xFF, 0xD9, 1, 2, 3, 4, 5, 6, 7, 8]);
                let expected = bits_of(&plain);
                for size in [1, 3, 7, 8, 9, 13, 16, 25, 32] {
                    let (read, at) = read_all(&bytes, size);
                    let whole = expected.len() / usize::from(size) * usize::from(size);
                    assert_eq!(read, expected[..whole], "{stuffed} {marker} {size}");
                    assert_eq!(at, marker + 1, "stops at the marker");
                }
            }
        }
    }

    #[test]
    fn a_buffer_holds_what_a_code_and_its_bits_need() {
        let bytes = [0x12; 64];
        let mut bits = Bits::new(&bytes, 0);
        for size in [16, 15, 1, 31, 7, 9] {
            bits.reserve();
            assert!(bits.count >= RESERVE);
            bits.bits(size).unwrap();
        }
        // Near the end, everything that is left.
        let mut bits = Bits::new(&bytes[..3], 0);
        bits.reserve();
        assert_eq!((bits.count, bits.at), (24, 3));
    }
}
