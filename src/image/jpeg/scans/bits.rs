//! The bits of an entropy-coded segment, read ahead into a buffer eight
//! bytes at a time where no 0xFF byte can hide a marker, and decoded a
//! Huffman code at a time.

use super::super::huffman::{Table, LOOKUP_BITS};
use super::Walk;

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

impl Bits<'_> {
    /// Reads bytes into the buffer until it holds more than 56 bits or a
    /// marker (or the end of the file) comes: eight bytes at once when none
    /// of them is 0xFF (so none is a marker or a stuffed zero), else one.
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

    pub(super) fn bit(&mut self) -> Result<u32, Walk> {
        self.bits(1)
    }

    /// The value of the next code of `table`: looked up at once when it is
    /// short, else found length by length.
    pub(super) fn decode(&mut self, table: &Table) -> Result<u8, Walk> {
        if self.count < 16 {
            self.fill();
        }
        if self.count >= LOOKUP_BITS {
            let ahead = (self.buffer >> (self.count - LOOKUP_BITS)) as usize;
            let entry = table.lookup[ahead & ((1 << LOOKUP_BITS) - 1)];
            let length = u32::from(entry >> 8);
            if length > 0 {
                self.count -= length;
                return Ok(entry as u8);
            }
        }
        self.decode_by_length(table)
    }

    /// [`Bits::decode`] one length at a time, as T.81 F.2.2.3 decodes.
    pub(super) fn decode_by_length(&mut self, table: &Table) -> Result<u8, Walk> {
        let available = self.count.min(16);
        let ahead = (self.buffer >> (self.count - available)) & ((1u64 << available) - 1);
        for length in 1..=available {
            let code = (ahead >> (available - length)) as i32;
            let index = length as usize;
            if code <= table.max_code[index] {
                self.count -= length;
                let value = table.first_value[index] + code - table.min_code[index];
                return table
                    .values
                    .get(value as usize)
                    .copied()
                    .ok_or_else(|| Walk::Corrupt("a Huffman table is too short".into()));
            }
        }
        if available < 16 {
            Err(Walk::Short)
        } else {
            Err(Walk::Corrupt("a Huffman code no table has".into()))
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
