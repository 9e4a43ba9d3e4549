//! A JPEG's entropy-coded scans walked code by code, as a reader decodes
//! them (short codes looked up in a table, a short AC code stepped over
//! with its coefficient's bits at once, the buffer refilled eight bytes at
//! a time, as libjpeg and zune-jpeg do), without computing a pixel: every
//! Huffman code must be one of its table's, and every scan must hold the
//! data for all of its blocks.
//!
//! zune-jpeg fills a scan that ends early with zeros and says nothing, even
//! in strict mode; pdf.js refuses such a picture ("unexpected marker"). So
//! the walk follows pdf.js and libjpeg: sequential scans, and the four kinds
//! of progressive scan (DC first and refining, AC first and refining, which
//! needs to know which coefficients earlier scans made non-zero).

mod bits;

use super::huffman::{AcStep, Table};
use bits::Bits;

/// Why a walk stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Walk {
    /// The data ends, or a marker comes, before the scan's last block.
    Short,
    /// Something else is wrong, in words for a message.
    Corrupt(String),
}

/// A frame component: its id and sampling factors.
#[derive(Debug, Clone, Copy)]
struct Component {
    id: u8,
    h: usize,
    v: usize,
    /// Its quantization table.
    table: usize,
}

/// A coefficient placed past the last of its scan's band, which no
/// encoder writes and readers store in different places.
fn past_band() -> Walk {
    Walk::Corrupt("a coefficient past the end of its band".into())
}

/// The size of a DC difference, which no decoder takes above 15 (libjpeg
/// refuses such a table, pdf.js loses its way).
fn dc_size(size: u8) -> Result<u8, Walk> {
    match size {
        0..=15 => Ok(size),
        _ => Err(Walk::Corrupt("a bad DC code".into())),
    }
}

/// What a scan header says.
struct Scan {
    /// Index into the frame's components, DC table, AC table.
    components: Vec<(usize, usize, usize)>,
    start: u8,
    end: u8,
    high: u8,
}

/// The whole state of a walk through one file.
struct Walker {
    dc: [Option<Table>; 4],
    ac: [Option<Table>; 4],
    components: Vec<Component>,
    width: usize,
    height: usize,
    progressive: bool,
    restart_interval: usize,
    /// Per component, per block: which coefficients are non-zero so far
    /// (bit k for zig-zag position k), for refining AC scans.
    nonzero: Vec<Vec<u64>>,
    /// Which quantization tables are defined.
    quantization: [bool; 4],
}

/// Walks every scan of the JPEG in `bytes` up to its end-of-image marker.
pub(super) fn walk(bytes: &[u8]) -> Result<(), Walk> {
    let mut walker = Walker::new();
    let mut at = 2;
    let mut after_scan = false;
    loop {
        // The next marker, after any fill bytes. Stray bytes may follow a
        // scan's data (libjpeg and pdf.js skip them), not a header segment:
        // pdf.js then loses its way in ways libjpeg does not.
        while at < bytes.len()
            && (bytes[at] != 0xFF || matches!(bytes.get(at + 1), Some(0xFF | 0x00)))
        {
            let fill = bytes[at] == 0xFF && bytes.get(at + 1) == Some(&0xFF);
            if !fill && !after_scan {
                return Err(Walk::Corrupt("stray bytes between segments".into()));
            }
            at += 1;
        }
        let marker = *bytes.get(at + 1).ok_or(Walk::Short)?;
        match marker {
            0xD9 => return Ok(()),
            // A scan's last restart marker may follow its last block.
            0xD0..=0xD7 if after_scan => {
                at += 2;
                continue;
            }
            0xC0..=0xC2 | 0xC4 | 0xDA..=0xDD | 0xE0..=0xEF | 0xFE => after_scan = false,
            // pdf.js stops at any other marker here, and libjpeg at most.
            _ => {
                return Err(Walk::Corrupt(format!(
                    "a marker 0xFF{marker:02X} where none is allowed"
                )))
            }
        }
        let length = bytes.get(at + 2..at + 4).ok_or(Walk::Short)?;
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        let payload = bytes.get(at + 4..at + 2 + length).ok_or(Walk::Short)?;
        at += 2 + length;
        match marker {
            0xC4 => walker.tables(payload)?,
            0xDB => walker.quantization(payload)?,
            0xDD if payload.len() >= 2 => {
                walker.restart_interval = usize::from(u16::from_be_bytes([payload[0], payload[1]]));
            }
            0xC0..=0xC2 => walker.frame(payload, marker == 0xC2)?,
            0xDA => {
                let scan = walker.scan(payload)?;
                let mut bits = Bits::new(bytes, at);
                walker.walk_scan(&scan, &mut bits)?;
                at = bits.at;
                after_scan = true;
            }
            _ => {}
        }
    }
}

impl Walker {
    /// A walker before the file's first segment.
    fn new() -> Walker {
        Walker {
            dc: Default::default(),
            ac: Default::default(),
            components: Vec::new(),
            width: 0,
            height: 0,
            progressive: false,
            restart_interval: 0,
            nonzero: Vec::new(),
            quantization: [false; 4],
        }
    }

    fn tables(&mut self, mut payload: &[u8]) -> Result<(), Walk> {
        let bad = || Walk::Corrupt("a bad Huffman table".into());
        while !payload.is_empty() {
            let class_and_id = payload[0];
            let counts = payload.get(1..17).ok_or_else(bad)?;
            let total: usize = counts.iter().map(|&n| usize::from(n)).sum();
            let values = payload.get(17..17 + total).ok_or_else(bad)?;
            let table = Some(Table::new(counts, values).ok_or_else(bad)?);
            let id = usize::from(class_and_id & 0x0F);
            match class_and_id >> 4 {
                0 if id < 4 => self.dc[id] = table,
                1 if id < 4 => self.ac[id] = table,
                _ => return Err(bad()),
            }
            payload = &payload[17 + total..];
        }
        Ok(())
    }

    fn quantization(&mut self, mut payload: &[u8]) -> Result<(), Walk> {
        let bad = || Walk::Corrupt("a bad quantization table".into());
        while let Some(&precision_and_id) = payload.first() {
            let size = if precision_and_id >> 4 == 0 { 64 } else { 128 };
            let id = usize::from(precision_and_id & 0x0F);
            if id > 3 || payload.len() < 1 + size {
                return Err(bad());
            }
            self.quantization[id] = true;
            payload = &payload[1 + size..];
        }
        Ok(())
    }

    fn frame(&mut self, payload: &[u8], progressive: bool) -> Result<(), Walk> {
        if !self.components.is_empty() {
            return Err(Walk::Corrupt("a second frame header".into()));
        }
        let bad = || Walk::Corrupt("a bad frame header".into());
        let header = payload.get(..6).ok_or_else(bad)?;
        self.height = usize::from(u16::from_be_bytes([header[1], header[2]]));
        self.width = usize::from(u16::from_be_bytes([header[3], header[4]]));
        let count = usize::from(header[5]);
        self.components = (0..count)
            .map(|index| {
                let spec = payload.get(6 + 3 * index..9 + 3 * index).ok_or_else(bad)?;
                Ok(Component {
                    id: spec[0],
                    h: usize::from(spec[1] >> 4).max(1),
                    v: usize::from(spec[1] & 0x0F).max(1),
                    table: usize::from(spec[2]),
                })
            })
            .collect::<Result<_, Walk>>()?;
        self.progressive = progressive;
        let (columns, rows) = self.mcus();
        self.nonzero = if progressive {
            self.components
                .iter()
                .map(|c| vec![0u64; columns * c.h * rows * c.v])
                .collect()
        } else {
            Vec::new()
        };
        Ok(())
    }

    /// MCU columns and rows of an interleaved scan.
    fn mcus(&self) -> (usize, usize) {
        let h_max = self.components.iter().map(|c| c.h).max().unwrap_or(1);
        let v_max = self.components.iter().map(|c| c.v).max().unwrap_or(1);
        (
            self.width.div_ceil(8 * h_max),
            self.height.div_ceil(8 * v_max),
        )
    }

    fn scan(&self, payload: &[u8]) -> Result<Scan, Walk> {
        let bad = || Walk::Corrupt("a bad scan header".into());
        let count = usize::from(*payload.first().ok_or_else(bad)?);
        let mut components = Vec::new();
        for index in 0..count {
            let spec = payload.get(1 + 2 * index..3 + 2 * index).ok_or_else(bad)?;
            let component = self
                .components
                .iter()
                .position(|c| c.id == spec[0])
                .ok_or_else(bad)?;
            let table = self.components[component].table;
            if !self.quantization.get(table).copied().unwrap_or(false) {
                return Err(Walk::Corrupt(format!(
                    "quantization table {table} is not defined"
                )));
            }
            components.push((
                component,
                usize::from(spec[1] >> 4).min(3),
                usize::from(spec[1] & 15).min(3),
            ));
        }
        let tail = payload.get(1 + 2 * count..4 + 2 * count).ok_or_else(bad)?;
        if components.is_empty() {
            return Err(bad());
        }
        let (start, end, high, low) = (tail[0], tail[1], tail[2] >> 4, tail[2] & 15);
        let sound = !self.progressive
            || (start <= end
                && end <= 63
                && (start == 0) == (end == 0)
                && (start == 0 || components.len() == 1)
                && high <= 13
                && low <= 13);
        if !sound {
            return Err(Walk::Corrupt(format!(
                "bad progressive scan parameters Ss={start} Se={end} Ah={high} Al={low}"
            )));
        }
        Ok(Scan {
            components,
            start,
            end: end.min(63),
            high,
        })
    }

    fn walk_scan(&mut self, scan: &Scan, bits: &mut Bits) -> Result<(), Walk> {
        let (columns, rows) = self.mcus();
        let mut eob_run = 0u32;
        let mut done = 0usize;
        let mut next =
            |walker: &mut Walker, bits: &mut Bits, eob_run: &mut u32| -> Result<(), Walk> {
                if walker.restart_interval > 0
                    && done > 0
                    && done.is_multiple_of(walker.restart_interval)
                {
                    bits.restart()?;
                    *eob_run = 0;
                }
                done += 1;
                Ok(())
            };
        if let [(index, dc, ac)] = scan.components[..] {
            // One component: its blocks in order, the image's edge cut off.
            let component = self.components[index];
            let h_max = self.components.iter().map(|c| c.h).max().unwrap_or(1);
            let v_max = self.components.iter().map(|c| c.v).max().unwrap_or(1);
            let wide = (self.width * component.h).div_ceil(h_max).div_ceil(8);
            let high = (self.height * component.v).div_ceil(v_max).div_ceil(8);
            let stride = columns * component.h;
            for y in 0..high {
                for x in 0..wide {
                    next(self, bits, &mut eob_run)?;
                    self.block(scan, bits, index, y * stride + x, dc, ac, &mut eob_run)?;
                }
            }
        } else {
            for row in 0..rows {
                for column in 0..columns {
                    next(self, bits, &mut eob_run)?;
                    for &(index, dc, ac) in &scan.components {
                        let component = self.components[index];
                        let stride = columns * component.h;
                        for by in 0..component.v {
                            for bx in 0..component.h {
                                let block =
                                    (row * component.v + by) * stride + column * component.h + bx;
                                self.block(scan, bits, index, block, dc, ac, &mut eob_run)?;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn block(
        &mut self,
        scan: &Scan,
        bits: &mut Bits,
        component: usize,
        block: usize,
        dc: usize,
        ac: usize,
        eob_run: &mut u32,
    ) -> Result<(), Walk> {
        let missing = || Walk::Corrupt("a scan uses a Huffman table that is not defined".into());
        if !self.progressive {
            let dc = self.dc[dc].as_ref().ok_or_else(missing)?;
            let ac = self.ac[ac].as_ref().ok_or_else(missing)?;
            return sequential_block(bits, dc, ac);
        }
        if scan.start == 0 {
            if scan.high == 0 {
                let size = bits.decode(self.dc[dc].as_ref().ok_or_else(missing)?)?;
                bits.bits(dc_size(size)?)?;
            } else {
                bits.bit()?;
            }
            return Ok(());
        }
        let table = self.ac[ac].as_ref().ok_or_else(missing)?;
        let nonzero = self.nonzero[component]
            .get_mut(block)
            .ok_or_else(|| Walk::Corrupt("a block outside the frame".into()))?;
        let band = Band {
            start: usize::from(scan.start),
            end: usize::from(scan.end),
        };
        if scan.high == 0 {
            ac_first(bits, table, band, nonzero, eob_run)
        } else {
            ac_refining(bits, table, band, nonzero, eob_run)
        }
    }
}

/// The zig-zag positions a progressive AC scan codes, first to last.
#[derive(Clone, Copy)]
struct Band {
    start: usize,
    end: usize,
}

/// One block of a sequential scan: its DC difference, then its AC codes,
/// each short one read with its coefficient's bits in one step.
fn sequential_block(bits: &mut Bits, dc: &Table, ac: &Table) -> Result<(), Walk> {
    let size = bits.decode(dc)?;
    bits.bits(dc_size(size)?)?;
    let mut k = 1;
    while k < 64 {
        match short_ac_step(bits, ac, &mut k, 63)? {
            Some(AcStep::EndOfBand { .. }) => break,
            Some(_) => continue,
            None => {}
        }
        // A long code, or one whose bits run into the scan's end.
        let rs = bits.decode(ac)?;
        let (run, size) = (rs >> 4, rs & 15);
        if size == 0 {
            if run != 15 {
                break;
            }
            k += 16;
            continue;
        }
        k += usize::from(run);
        if k > 63 {
            return Err(past_band());
        }
        bits.bits(size)?;
        k += 1;
    }
    Ok(())
}

/// Reads the next code of the AC `table`, at zig-zag position `k` of a
/// band that ends at `last`, with its coefficient's bits in one step when
/// it is short and they are all in the buffer; `k` moves past what it
/// codes. `None` when it must be decoded code then bits.
#[inline(always)]
fn short_ac_step(
    bits: &mut Bits,
    table: &Table,
    k: &mut usize,
    last: usize,
) -> Result<Option<AcStep>, Walk> {
    bits.reserve();
    let Some(step) = bits.ac_step(table) else {
        return Ok(None);
    };
    match step {
        AcStep::Coefficient { run, bits: taken } => {
            *k += usize::from(run);
            if *k > last {
                return Err(past_band());
            }
            bits.drop_bits(taken);
            *k += 1;
        }
        AcStep::SixteenZeros { bits: taken } => {
            bits.drop_bits(taken);
            *k += 16;
        }
        AcStep::EndOfBand { bits: taken, .. } => bits.drop_bits(taken),
    }
    Ok(Some(step))
}

/// One block of a first progressive AC scan, or one more block of an
/// end-of-band run; notes which coefficients become non-zero.
fn ac_first(
    bits: &mut Bits,
    table: &Table,
    band: Band,
    nonzero: &mut u64,
    eob_run: &mut u32,
) -> Result<(), Walk> {
    if *eob_run > 0 {
        *eob_run -= 1;
        return Ok(());
    }
    let mut k = band.start;
    while k <= band.end {
        match short_ac_step(bits, table, &mut k, band.end)? {
            Some(AcStep::Coefficient { .. }) => {
                *nonzero |= 1 << (k - 1);
                continue;
            }
            Some(AcStep::SixteenZeros { .. }) => continue,
            Some(AcStep::EndOfBand { run, .. }) => {
                *eob_run = (1 << run) - 1 + bits.bits(run)?;
                break;
            }
            None => {}
        }
        // A long code, or one whose bits run into the scan's end.
        let rs = bits.decode(table)?;
        let (run, size) = (rs >> 4, rs & 15);
        if size == 0 {
            if run < 15 {
                *eob_run = (1 << run) - 1 + bits.bits(run)?;
                break;
            }
            k += 16;
            continue;
        }
        k += usize::from(run);
        if k > band.end {
            return Err(past_band());
        }
        bits.bits(size)?;
        *nonzero |= 1 << k;
        k += 1;
    }
    Ok(())
}

/// One block of a refining AC scan: a correction bit for every coefficient
/// already non-zero, as in libjpeg's decode_mcu_AC_refine.
fn ac_refining(
    bits: &mut Bits,
    table: &Table,
    band: Band,
    nonzero: &mut u64,
    eob_run: &mut u32,
) -> Result<(), Walk> {
    let mut k = band.start;
    if *eob_run == 0 {
        while k <= band.end {
            let rs = bits.decode(table)?;
            let (mut run, size) = (i32::from(rs >> 4), rs & 15);
            if size == 0 && run != 15 {
                *eob_run = (1 << run) + bits.bits(run as u8)?;
                break;
            }
            match size {
                0 => {}
                // pdf.js refuses other sizes; libjpeg only warns.
                1 => {
                    bits.bit()?;
                }
                _ => return Err(Walk::Corrupt("a bad refining code".into())),
            }
            while k <= band.end {
                if *nonzero & (1 << k) != 0 {
                    bits.bit()?;
                } else {
                    run -= 1;
                    if run < 0 {
                        break;
                    }
                }
                k += 1;
            }
            if size != 0 {
                if k > band.end {
                    return Err(past_band());
                }
                *nonzero |= 1 << k;
            }
            k += 1;
        }
    }
    if *eob_run > 0 {
        while k <= band.end {
            if *nonzero & (1 << k) != 0 {
                bits.bit()?;
            }
            k += 1;
        }
        *eob_run -= 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::bits::has_ff_byte;
    use super::*;
    use crate::image::jpeg::huffman::LOOKUP_BITS;

    const PROGRESSIVE: &[u8] =
        include_bytes!("../../../../tests/fixtures/formats/images/progressive.jpg");

    /// Where each scan header (SOS marker) starts.
    fn scans(jpeg: &[u8]) -> Vec<usize> {
        let mut found = Vec::new();
        let mut at = 2;
        while at + 4 <= jpeg.len() {
            if jpeg[at] == 0xFF && jpeg[at + 1] == 0xDA {
                found.push(at);
            }
            at += 1;
        }
        found
    }

    fn baseline() -> Vec<u8> {
        let mut baseline = Vec::new();
        let noise = image::RgbImage::from_fn(40, 24, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 11) as u8, ((x * y) % 256) as u8])
        });
        image::DynamicImage::from(noise)
            .write_to(
                &mut std::io::Cursor::new(&mut baseline),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        baseline
    }

    /// Where the first `marker` segment starts.
    fn find(jpeg: &[u8], marker: u8) -> usize {
        jpeg.windows(2)
            .position(|pair| pair == [0xFF, marker])
            .unwrap()
    }

    fn corrupt(why: &str) -> Result<(), Walk> {
        Err(Walk::Corrupt(why.into()))
    }

    #[test]
    fn headers_must_be_what_pdf_js_reads() {
        let jpeg = baseline();
        let dqt = find(&jpeg, 0xDB);
        let mut stray = jpeg.clone();
        stray.insert(dqt, 0x00);
        assert_eq!(walk(&stray), corrupt("stray bytes between segments"));
        let mut fill = jpeg.clone();
        fill.insert(dqt, 0xFF);
        assert_eq!(walk(&fill), Ok(()), "fill bytes are allowed");
        let mut restart = jpeg.clone();
        restart.splice(dqt..dqt, [0xFF, 0xD0]);
        assert_eq!(
            walk(&restart),
            corrupt("a marker 0xFFD0 where none is allowed")
        );
        let sof = find(&jpeg, 0xC0);
        let length = usize::from(jpeg[sof + 3]) + 2;
        let mut twice = jpeg.clone();
        twice.splice(sof..sof, jpeg[sof..sof + length].to_vec());
        assert_eq!(walk(&twice), corrupt("a second frame header"));
        let mut table = jpeg.clone();
        // The first component's quantization table number.
        table[sof + 12] = 3;
        assert_eq!(walk(&table), corrupt("quantization table 3 is not defined"));
        let dht = find(&jpeg, 0xC4);
        let mut index = jpeg.clone();
        index[dht + 4] = 0x07;
        assert_eq!(walk(&index), corrupt("a bad Huffman table"));
    }

    #[test]
    fn whole_files_walk_to_their_end() {
        assert_eq!(walk(&baseline()), Ok(()));
        assert!(scans(PROGRESSIVE).len() > 1, "a progressive file");
        assert_eq!(walk(PROGRESSIVE), Ok(()));
    }

    #[test]
    fn a_scan_that_ends_early_is_short() {
        // The longest scan loses the back half of its data; the next scan
        // header follows at once, as in a damaged progressive file. (In
        // this file no table comes between the two.)
        let starts = scans(PROGRESSIVE);
        let (this, next) = starts
            .windows(2)
            .map(|pair| (pair[0], pair[1]))
            .max_by_key(|(this, next)| next - this)
            .unwrap();
        assert!(next - this > 40);
        let middle = this + (next - this) / 2;
        let mut damaged = PROGRESSIVE[..middle].to_vec();
        damaged.extend_from_slice(&PROGRESSIVE[next..]);
        assert_eq!(walk(&damaged), Err(Walk::Short));
        // Cut anywhere, with no marker after.
        assert_eq!(walk(&PROGRESSIVE[..middle]), Err(Walk::Short));
    }

    /// Every run of bits, of every length a buffer can hold, decodes to
    /// the same value and length, with the same error, looked up as found
    /// length by length; for the standard tables, and for a table whose
    /// short code has no value.
    #[test]
    fn the_lookup_decodes_as_the_canonical_walk() {
        let mut walker = Walker::new();
        walker
            .tables(&super::super::huffman::STANDARD_DHT[4..])
            .unwrap();
        let mut tables: Vec<Table> = walker.dc.into_iter().chain(walker.ac).flatten().collect();
        assert_eq!(tables.len(), 4);
        let mut counts = [0u8; 16];
        counts[1] = 1;
        tables.push(Table::new(&counts, &[]).unwrap());
        let mut long = 0;
        for table in &tables {
            for count in 0..=16u32 {
                for buffer in 0..1u64 << count {
                    let run = |decode: fn(&mut Bits<'static>, &Table) -> Result<u8, Walk>| {
                        let mut bits = Bits {
                            bytes: &[],
                            at: 0,
                            buffer,
                            count,
                        };
                        (decode(&mut bits, table), bits.count)
                    };
                    let looked_up = run(Bits::decode);
                    assert_eq!(looked_up, run(Bits::decode_by_length), "{buffer:b}");
                    if looked_up.0.is_ok() && count - looked_up.1 > LOOKUP_BITS {
                        long += 1;
                    }
                }
            }
        }
        assert!(long > 0, "codes longer than the lookup are decoded too");
    }

    #[test]
    fn eight_bytes_at_once_only_without_0xff() {
        assert!(!has_ff_byte(0x0011_22FE_EF7F_80F0));
        for at in 0..8 {
            assert!(has_ff_byte(0xFF << (8 * at)), "{at}");
            assert!(
                has_ff_byte(0xFEFE_FEFE_FEFE_FEFE | 0xFF << (8 * at)),
                "{at}"
            );
        }
        // A stuffed zero in the middle of a run, and a marker after it:
        // the same bits as one byte at a time.
        let bytes = [1, 2, 3, 0xFF, 0x00, 4, 5, 6, 7, 8, 9, 10, 11, 0xFF, 0xD9];
        let mut bits = Bits {
            bytes: &bytes,
            at: 0,
            buffer: 0,
            count: 0,
        };
        let mut read = Vec::new();
        while let Ok(byte) = bits.bits(8) {
            read.push(byte as u8);
        }
        assert_eq!(read, [1, 2, 3, 0xFF, 4, 5, 6, 7, 8, 9, 10, 11]);
        assert_eq!(bits.at, 13, "stops at the marker");
    }

    #[test]
    fn codes_no_table_has_are_corrupt() {
        // A table with one 1-bit code, `0`: a `1` bit followed by fifteen
        // more can be no code.
        let table = Table::new(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], &[5]).unwrap();
        // Two 1-bit codes fill the length, the all-ones code included.
        assert!(Table::new(&[2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], &[1, 2]).is_none());
        let mut bits = Bits {
            bytes: &[0x7F, 0xFF, 0x00, 0xFF, 0x00],
            at: 0,
            buffer: 0,
            count: 0,
        };
        assert_eq!(bits.decode(&table), Ok(5));
        assert_eq!(
            bits.decode(&table),
            Err(Walk::Corrupt("a Huffman code no table has".into()))
        );
    }
}
