//! Code blocks: monospace lines on a tinted panel, each token in its
//! colour (keywords bold), indentation and blank lines kept. A block
//! too wide first shrinks, down to a floor; lines still too long then
//! wrap, each continuation marked with `↪`, and the slide gets a warning.

use crate::body::{CodeBlock, TokenKind};
use crate::frame::{FillRect, Item, Layer};
use crate::geom::{Point, Pt, Rect};
use crate::text::{FaceStyle, FontSet, Weight};

use super::super::block::Align;
use super::inline::{Rich, StretchStyle};
use super::palette::Palette;

/// Marks the start of a line that continues the one above it.
const CONTINUATION: &str = "↪";

/// A code block, shaped.
#[derive(Debug, Clone)]
pub(super) struct Code {
    /// Each line's indentation in columns, and the rest of it: spaces at
    /// the start of a line are placement, not text to wrap.
    lines: Vec<(usize, Rich)>,
    /// The width of one column, in em of the code's size.
    column: f64,
    /// Each line's number, when lines are numbered.
    numbers: Vec<Rich>,
    /// Which lines (from 0) stand out.
    highlighted: Vec<bool>,
    continuation: Rich,
}

/// How a code block is set: its sizes, as shares of the body's size.
#[derive(Debug, Clone, Copy)]
pub(in crate::layout) struct CodeStyle {
    /// The code's size, of the body's.
    pub scale: f64,
    /// The smallest share of `scale` a wide block shrinks to before it wraps.
    pub floor: f64,
    pub line_height: f64,
    /// Inside the panel, of the code's size: above and below, and at the sides.
    pub padding: (f64, f64),
}

/// A code block placed: its items, its height, and whether lines wrapped.
pub(super) struct SetCode {
    pub items: Vec<Item>,
    pub height: Pt,
    pub wrapped: bool,
}

impl Code {
    pub fn new(fonts: &FontSet, block: &CodeBlock, palette: &Palette) -> Code {
        let mono = FaceStyle {
            mono: true,
            ..FaceStyle::default()
        };
        let lines: Vec<(usize, Rich)> = block
            .lines
            .iter()
            .map(|line| {
                let mut text = String::new();
                let mut looks = Vec::new();
                let mut indent = 0;
                for token in &line.tokens {
                    let mut words = token.text.as_str();
                    if text.is_empty() {
                        let kept = words.trim_start_matches(' ');
                        indent += words.len() - kept.len();
                        words = kept;
                    }
                    let start = text.len();
                    text.push_str(words);
                    let face = FaceStyle {
                        weight: if token.kind == TokenKind::Keyword {
                            Weight::Bold
                        } else {
                            Weight::Regular
                        },
                        ..mono
                    };
                    looks.push((
                        start..text.len(),
                        StretchStyle::plain(face, palette.token(token.kind)),
                    ));
                }
                (indent, Rich::from_styles(fonts, text, looks, &[], &[]))
            })
            .collect();
        let space = fonts.stack(mono).primary.shape_run(" ", false, true);
        let column = space.first().map_or(0.6, |glyph| glyph.advance);
        let numbers = match block.first_line_number {
            Some(first) => (0..lines.len())
                .map(|index| {
                    let number = u64::from(first) + index as u64;
                    Rich::plain(
                        fonts,
                        &number.to_string(),
                        StretchStyle::plain(mono, palette.muted),
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        let highlighted = (1..=lines.len())
            .map(|number| {
                u32::try_from(number).is_ok_and(|number| block.highlighted.contains(&number))
            })
            .collect();
        Code {
            lines,
            column,
            numbers,
            highlighted,
            continuation: Rich::plain(
                fonts,
                CONTINUATION,
                StretchStyle::plain(mono, palette.muted),
            ),
        }
    }

    /// The code set in `width` at the body's `size`, its top at `at`.
    pub fn place(
        &self,
        at: Point,
        width: Pt,
        size: Pt,
        code_style: &CodeStyle,
        palette: &Palette,
    ) -> SetCode {
        let (pad_y, pad_x) = code_style.padding;
        let full = size * code_style.scale;
        let widest = self
            .lines
            .iter()
            .map(|(indent, line)| *indent as f64 * self.column + line.natural_width())
            .fold(0.0, f64::max);
        let gutter_em = self.numbers.last().map_or(0.0, |n| n.natural_width() + 1.0);
        // The size at which the widest line fits, within the floor.
        let room = |size: Pt| width - size * (2.0 * pad_x + gutter_em);
        let fitting = if widest > 0.0 {
            Pt(full.0.min(room(full).0 / widest))
        } else {
            full
        };
        let code_size = fitting.max(full * code_style.floor);
        let text_width = room(code_size).max(code_size);
        let pitch = code_size * code_style.line_height;
        let left = at.x + code_size * (pad_x + gutter_em);
        let mut y = at.y + code_size * pad_y;
        let mut text_items = Vec::new();
        let mut marks = Vec::new();
        let mut wrapped = false;
        // A continued line stands two columns in, after its mark.
        let hang = code_size * 2.0;
        for (index, (indent, line)) in self.lines.iter().enumerate() {
            let top = y;
            let indent = (code_size * (*indent as f64 * self.column)).min(text_width / 2.0);
            let set = line.place_hanging(
                Point::new(left + indent, top),
                text_width - indent,
                code_size,
                code_style.line_height,
                hang,
            );
            let height = set.height.max(pitch);
            for continued in 1..set.lines {
                let at = Point::new(left + indent, top + pitch * continued as f64);
                let mark = self.continuation.place(
                    at,
                    hang,
                    code_size,
                    code_style.line_height,
                    Align::Left,
                );
                text_items.extend(mark.items);
            }
            wrapped |= set.lines > 1;
            marks.extend(set.marks);
            text_items.extend(set.items);
            if self.highlighted.get(index).copied().unwrap_or(false) {
                marks.push(FillRect {
                    rect: Rect::new(at.x, top, width, height),
                    color: palette.highlight,
                    layer: Layer::Mark,
                    opacity: 100,
                });
            }
            if let Some(number) = self.numbers.get(index) {
                let gutter = code_size * (gutter_em - 1.0);
                let at = Point::new(at.x + code_size * pad_x, top);
                let set = number.place(at, gutter, code_size, code_style.line_height, Align::Right);
                text_items.extend(set.items);
            }
            y = top + height;
        }
        let height = y + code_size * pad_y - at.y;
        let mut items = vec![Item::Rect(FillRect {
            rect: Rect::new(at.x, at.y, width, height),
            color: palette.code_panel,
            layer: Layer::Mark,
            opacity: 100,
        })];
        items.extend(marks.into_iter().map(Item::Rect));
        items.extend(text_items);
        SetCode {
            items,
            height,
            wrapped,
        }
    }
}
