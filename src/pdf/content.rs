//! A page's content stream, written byte by byte as the page is drawn and
//! compressed as soon as the page is done, so that no page is held as a
//! list of operations while the others are drawn (ISO 32000-1, 7.8.2; the
//! operators of annex A).
//!
//! Tokens are separated only where the syntax needs it, between two
//! regular characters (`/F1 9 Tf`, but `[<0102>-20<03>]TJ`); numbers are
//! written as the shortest decimal of the `f32` they round to, without a
//! leading zero (`.114`); a text object is placed with `Td`, each line after
//! its first relative to the one before.

use std::io::Write;

use lopdf::{Dictionary, Object, Stream};

use crate::color::Color;

use super::deflate::Deflater;

/// A rectangle in PDF coordinates (y up from the bottom edge), in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Area {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// What a rectangle path does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paint {
    Fill,
    /// Clips what follows to the rectangle, and paints nothing.
    Clip,
}

/// One element of a `TJ` array.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shown {
    /// Glyph codes, as the font's encoding reads them.
    Codes(Vec<u8>),
    /// Moves the pen back by this many thousandths of an em.
    Adjust(f32),
}

/// A content stream being written.
#[derive(Default)]
pub(super) struct Content {
    bytes: Vec<u8>,
    /// Where the current text line starts, from the last `Td` of the open
    /// text object (`None` outside one, or before its first `Td`).
    line: Option<(f32, f32)>,
}

impl Content {
    pub fn new() -> Content {
        Content::default()
    }

    /// The bytes written so far, uncompressed.
    #[cfg(test)]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Starts a token, with a space before it if the two would otherwise
    /// run together.
    fn token(&mut self, first: u8) {
        if let Some(&last) = self.bytes.last() {
            if regular(last) && regular(first) {
                self.bytes.push(b' ');
            }
        }
    }

    fn operator(&mut self, operator: &str) {
        self.token(operator.as_bytes()[0]);
        self.bytes.extend_from_slice(operator.as_bytes());
    }

    fn number(&mut self, value: f32) {
        // Written on the stack: a content stream has hundreds of thousands.
        let mut buffer = [0u8; NUMBER_BYTES];
        let written = shortest_decimal(value, &mut buffer);
        self.decimal(&buffer[..written]);
    }

    /// Writes a number [`shortest_decimal`] wrote, without its leading
    /// zero: `.5`, not `0.5`.
    fn decimal(&mut self, text: &[u8]) {
        let (sign, magnitude) = text.split_at(usize::from(text[0] == b'-'));
        let magnitude = match magnitude.strip_prefix(b"0.") {
            Some(_) => &magnitude[1..],
            None => magnitude,
        };
        self.token(sign.first().copied().unwrap_or(magnitude[0]));
        self.bytes.extend_from_slice(sign);
        self.bytes.extend_from_slice(magnitude);
    }

    fn name(&mut self, name: impl std::fmt::Display) {
        self.token(b'/');
        write!(self.bytes, "/{name}").expect("writing into memory cannot fail");
    }

    fn hex(&mut self, data: &[u8]) {
        self.token(b'<');
        self.bytes.push(b'<');
        super::serialize::hex(&mut self.bytes, data);
        self.bytes.push(b'>');
    }

    /// `q`: saves the graphics state.
    pub fn save(&mut self) {
        self.operator("q");
    }

    /// `Q`: restores the graphics state saved last.
    pub fn restore(&mut self) {
        self.operator("Q");
    }

    /// `gs`: sets the named graphics state.
    pub fn graphics_state(&mut self, name: &str) {
        self.name(name);
        self.operator("gs");
    }

    /// `cm`: maps what follows through `matrix`.
    pub fn transform(&mut self, matrix: [f32; 6]) {
        for value in matrix {
            self.number(value);
        }
        self.operator("cm");
    }

    /// `rg` or `g`: the fill colour, a gray as DeviceGray.
    pub fn fill_color(&mut self, color: Color) {
        self.color(color, "g", "rg");
    }

    /// `RG` or `G`: the stroke colour.
    pub fn stroke_color(&mut self, color: Color) {
        self.color(color, "G", "RG");
    }

    /// Grays are written as DeviceGray, so a gray page prints with black
    /// ink only. Three decimals tell all 256 levels of a channel apart.
    fn color(&mut self, color: Color, gray: &str, rgb: &str) {
        let levels = channel_levels();
        if color.is_gray() {
            self.decimal(&levels[usize::from(color.r)]);
            self.operator(gray);
        } else {
            for channel in [color.r, color.g, color.b] {
                self.decimal(&levels[usize::from(channel)]);
            }
            self.operator(rgb);
        }
    }

    /// `w`: the stroke width.
    pub fn line_width(&mut self, width: f32) {
        self.number(width);
        self.operator("w");
    }

    /// `re`, then `f` or `W n`.
    pub fn rectangle(&mut self, area: Area, paint: Paint) {
        for value in [area.x, area.y, area.width, area.height] {
            self.number(value);
        }
        self.operator("re");
        match paint {
            Paint::Fill => self.operator("f"),
            Paint::Clip => {
                self.operator("W");
                self.operator("n");
            }
        }
    }

    /// `m l S`: strokes a straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.number(from.0);
        self.number(from.1);
        self.operator("m");
        self.number(to.0);
        self.number(to.1);
        self.operator("l");
        self.operator("S");
    }

    /// `Do`: draws the named XObject.
    pub fn xobject(&mut self, name: &str) {
        self.name(name);
        self.operator("Do");
    }

    /// `BMC`: opens a marked-content sequence tagged `tag`.
    pub fn begin_marked(&mut self, tag: &str) {
        self.name(tag);
        self.operator("BMC");
    }

    /// `BDC` with `<</MCID n>>`: opens the marked content numbered `mcid`.
    pub fn begin_content(&mut self, tag: &str, mcid: u32) {
        self.name(tag);
        self.bytes.extend_from_slice(b"<</MCID ");
        write!(self.bytes, "{mcid}").expect("writing to a Vec cannot fail");
        self.bytes.extend_from_slice(b">>");
        self.operator("BDC");
    }

    /// `BDC` with `<</ActualText ...>>`: opens a span whose text readers
    /// take for the glyphs inside it.
    pub fn begin_span(&mut self, actual_text: &str) {
        self.name("Span");
        self.bytes.extend_from_slice(b"<</ActualText");
        self.hex(&super::metadata::utf16_be(actual_text));
        self.bytes.extend_from_slice(b">>");
        self.operator("BDC");
    }

    /// `EMC`: closes the marked-content sequence opened last.
    pub fn end_marked(&mut self) {
        self.operator("EMC");
    }

    /// `BT`: opens a text object.
    pub fn begin_text(&mut self) {
        self.operator("BT");
        self.line = None;
    }

    /// `ET`: closes the text object.
    pub fn end_text(&mut self) {
        self.operator("ET");
        self.line = None;
    }

    /// `Tf`: the font, by its resource name, and its size.
    pub fn font(&mut self, name: impl std::fmt::Display, size: f32) {
        self.name(name);
        self.number(size);
        self.operator("Tf");
    }

    /// `Td`: starts a text line at (`x`, `y`) on the page.
    pub fn line_at(&mut self, x: f32, y: f32) {
        let (from_x, from_y) = self.line.unwrap_or((0.0, 0.0));
        self.number(thousandths(f64::from(x) - f64::from(from_x)));
        self.number(thousandths(f64::from(y) - f64::from(from_y)));
        self.operator("Td");
        self.line = Some((x, y));
    }

    /// `Tj`, or `TJ` when the pen moves between glyphs.
    pub fn show(&mut self, shown: &[Shown]) {
        if let [Shown::Codes(codes)] = shown {
            self.hex(codes);
            self.operator("Tj");
            return;
        }
        self.token(b'[');
        self.bytes.push(b'[');
        for item in shown {
            match item {
                Shown::Codes(codes) => self.hex(codes),
                Shown::Adjust(amount) => self.number(*amount),
            }
        }
        self.bytes.push(b']');
        self.operator("TJ");
    }

    /// The stream, compressed as lopdf compresses a stream (zlib at its
    /// best level, kept plain when that does not save 19 bytes), by
    /// `deflater`, one for many pages (see [`Deflater`]).
    pub fn finish(self, deflater: &mut Deflater) -> Stream {
        let compressed = deflater.deflate(&self.bytes);
        if compressed.len() + 19 < self.bytes.len() {
            let dict = Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]);
            Stream::new(dict, compressed)
        } else {
            Stream::new(Dictionary::new(), self.bytes)
        }
    }
}

/// Whether `byte` is a regular character: neither white space nor a
/// delimiter (ISO 32000-1, 7.2.2).
fn regular(byte: u8) -> bool {
    !matches!(
        byte,
        b'\0'
            | b'\t'
            | b'\n'
            | b'\x0c'
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

/// A length or level to a thousandth (of a point, a 25,000th of a
/// millimetre), which keeps the numbers short.
pub(super) fn thousandths(value: f64) -> f32 {
    ((value * 1000.0).round() / 1000.0) as f32
}

/// The longest number [`shortest_decimal`] writes, 1e-45 written out with
/// its sign, takes 48 bytes.
const NUMBER_BYTES: usize = 64;

/// Writes `value` into `buffer` as the shortest decimal that reads back as
/// it (Rust's `Display`), 0 for a value that is not finite; returns how
/// many bytes it took.
fn shortest_decimal(value: f32, buffer: &mut [u8; NUMBER_BYTES]) -> usize {
    let value = if value.is_finite() && value != 0.0 {
        value
    } else {
        0.0
    };
    let mut rest = &mut buffer[..];
    // Below 2^24 every integer is an f32 of its own, so no shorter decimal
    // (a rounder integer) reads back as a whole value: its shortest decimal
    // is its digits, written as an integer without the float formatter's
    // digit search.
    let written = if value.fract() == 0.0 && value.abs() < 16_777_216.0 {
        write!(rest, "{}", value as i32)
    } else {
        write!(rest, "{value}")
    };
    written.expect("an f32 takes fewer than 64 bytes");
    NUMBER_BYTES - rest.len()
}

/// Each of the 256 levels of a colour channel as `shortest_decimal` writes
/// it: a page sets a colour for nearly every run of text.
fn channel_levels() -> &'static [Box<[u8]>] {
    static LEVELS: std::sync::OnceLock<Vec<Box<[u8]>>> = std::sync::OnceLock::new();
    LEVELS.get_or_init(|| {
        (0..=u8::MAX)
            .map(|channel| {
                let mut buffer = [0u8; NUMBER_BYTES];
                let written =
                    shortest_decimal(thousandths(f64::from(channel) / 255.0), &mut buffer);
                buffer[..written].into()
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(draw: impl FnOnce(&mut Content)) -> String {
        let mut content = Content::new();
        draw(&mut content);
        String::from_utf8(content.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn tokens_are_separated_only_where_they_would_run_together() {
        let text = written(|c| {
            c.begin_content("P", 3);
            c.begin_text();
            c.fill_color(Color::rgb(29, 29, 31));
            c.font("F1", 40.0);
            c.line_at(48.0, 466.38);
            c.show(&[Shown::Codes(vec![1, 2])]);
            c.line_at(60.5, 460.0);
            c.show(&[
                Shown::Codes(vec![0, 0x1f]),
                Shown::Adjust(-20.0),
                Shown::Codes(vec![3]),
            ]);
            c.end_text();
            c.end_marked();
        });
        assert_eq!(
            text,
            "/P<</MCID 3>>BDC BT .114 .114 .122 rg/F1 40 Tf 48 466.38 Td<0102>Tj \
             12.5 -6.38 Td[<001F>-20<03>]TJ ET EMC"
        );
    }

    #[test]
    fn a_number_is_its_shortest_decimal_without_a_leading_zero() {
        let cases = [
            (0.5, ".5"),
            (-0.5, "-.5"),
            (0.0, "0"),
            (-0.0, "0"),
            (f32::NAN, "0"),
            (f32::INFINITY, "0"),
            (12.0, "12"),
            (-466.38, "-466.38"),
            (0.114, ".114"),
            (1e-45, ".000000000000000000000000000000000000000000001"),
            (-1e-45, "-.000000000000000000000000000000000000000000001"),
            (f32::MAX, "340282350000000000000000000000000000000"),
            (f32::MIN, "-340282350000000000000000000000000000000"),
        ];
        for (value, expected) in cases {
            assert_eq!(written(|c| c.number(value)), expected, "{value}");
        }
        // Whole numbers take a shortcut; they read as `Display` writes them,
        // up to 2^24 and past it (where `Display` rounds: 123456790).
        let wholes = (-70_000..70_000).map(|n| n as f32).chain([
            16_777_215.0,
            16_777_216.0,
            -16_777_216.0,
            123_456_792.0,
            1e9,
            3e38,
        ]);
        for value in wholes {
            let expected = if value == 0.0 {
                "0".to_string()
            } else {
                value.to_string()
            };
            assert_eq!(written(|c| c.number(value)), expected, "{value}");
        }
        // A token after another number is set apart; after a delimiter it is not.
        let three = written(|c| [1.5, -0.25, 0.5].into_iter().for_each(|v| c.number(v)));
        assert_eq!(three, "1.5 -.25 .5");
        assert_eq!(
            written(|c| {
                c.name("F1");
                c.number(0.5)
            }),
            "/F1 .5"
        );
        assert_eq!(written(|c| c.hex(&[0x00, 0x9f, 0xff, 0x1a])), "<009FFF1A>");
    }

    #[test]
    fn graphics_operators_and_numbers() {
        let text = written(|c| {
            c.begin_marked("Artifact");
            c.save();
            c.graphics_state("Alpha50");
            c.transform([0.5, 0.0, 0.0, -0.25, -0.5, 1e3]);
            c.fill_color(Color::rgb(0x80, 0x80, 0x80));
            let area = Area {
                x: 0.0,
                y: -0.0,
                width: 960.0,
                height: 540.0,
            };
            c.rectangle(area, Paint::Clip);
            c.rectangle(area, Paint::Fill);
            c.stroke_color(Color::rgb(255, 0, 0));
            c.line_width(0.8);
            c.line((1.0, 2.0), (3.0, 4.0));
            c.xobject("Im1");
            c.restore();
            c.end_marked();
            c.begin_span("हि");
            c.end_marked();
        });
        assert_eq!(
            text,
            "/Artifact BMC q/Alpha50 gs .5 0 0 -.25 -.5 1000 cm .502 g \
             0 0 960 540 re W n 0 0 960 540 re f 1 0 0 RG .8 w 1 2 m 3 4 l S/Im1 Do Q EMC\
             /Span<</ActualText<FEFF0939093F>>>BDC EMC"
        );
    }

    #[test]
    fn a_short_stream_stays_plain_and_a_long_one_is_compressed() {
        let mut short = Content::new();
        short.save();
        let stream = short.finish(&mut Deflater::best());
        assert!(stream.dict.get(b"Filter").is_err());
        assert_eq!(stream.content, b"q");
        let mut long = Content::new();
        for _ in 0..100 {
            long.save();
            long.restore();
        }
        let stream = long.finish(&mut Deflater::best());
        assert_eq!(
            stream.dict.get(b"Filter").unwrap(),
            &Object::Name(b"FlateDecode".to_vec())
        );
        assert_eq!(
            stream.decompressed_content().unwrap(),
            "q Q ".repeat(100).trim_end().as_bytes()
        );
    }
}
