//! Styled text in a body: inline pieces shaped once into paragraphs (em
//! units, so one shaping serves every size the fit tries), then wrapped
//! and placed as text runs, one per stretch of one style on a line, with
//! the marks their styles ask for: a chip under inline code, a line under
//! a link (or underlined words) and through struck words, and each link's clickable area; small,
//! subscript and superscript text smaller, lowered or raised. An
//! inline formula is one unbreakable character of its width in the text
//! (see [`formula::Slot`]), drawn as its own group where it lands; a line
//! that holds a tall one grows to make room.

use std::ops::Range;

use crate::body::{Inline, InlineStyle, TextSize};
use crate::color::Color;
use crate::diag::Span;
use crate::frame::{FillRect, Item, Layer, LinkArea, LinkTarget, Role, Tagged, TextRun};
use crate::geom::{Point, Pt, Rect};
use crate::math::Formula;
use crate::text::{FaceStyle, FontSet, Line, Paragraph, Piece, Shaper, Weight};

use super::formula::{self, Slot};

use super::super::block::Align;
use super::super::links::link_target;

/// Inline code is set this much smaller than the text around it, as Marp
/// and Typst do, so Noto Sans Mono matches the body's x-height.
const CODE_SCALE: f64 = 0.88;

/// `<small>` text is set this much smaller than the text around it.
const SMALL_SCALE: f64 = 0.8;
/// `<sub>` and `<sup>` text is set this much smaller, and lowered or
/// raised by these shares of the text's size, as word processors do.
const SCRIPT_SCALE: f64 = 0.65;
const SUBSCRIPT_DROP: f64 = 0.15;
const SUPERSCRIPT_RISE: f64 = 0.35;

/// How one stretch of styled text is drawn: its face, colour, size,
/// rise, marks and link, or the formula it is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct StretchStyle {
    pub face: FaceStyle,
    pub color: Color,
    /// Of the paragraph's size.
    pub scale: f64,
    /// How far above the baseline it sits, in the paragraph's size
    /// (below for a negative rise).
    pub rise: f64,
    /// The colour of a chip under it (inline code).
    pub chip: Option<Color>,
    pub underline: bool,
    pub strike: bool,
    pub link: Option<LinkTarget>,
    /// The stretch is a formula: its index in [`Rich::formulas`].
    pub formula: Option<usize>,
}

impl StretchStyle {
    /// Plain text in `color`, in the face `face`.
    pub fn plain(face: FaceStyle, color: Color) -> StretchStyle {
        StretchStyle {
            face,
            color,
            scale: 1.0,
            rise: 0.0,
            chip: None,
            underline: false,
            strike: false,
            link: None,
            formula: None,
        }
    }
}

/// A paragraph of styled text, shaped, ready to be set at any size.
#[derive(Debug, Clone)]
pub(super) struct Rich {
    /// One paragraph per stretch between hard line breaks, with where it
    /// starts in `text`.
    paragraphs: Vec<(usize, Paragraph)>,
    /// Each stretch of one style: its bytes in `text`, in order.
    styles: Vec<(Range<usize>, StretchStyle)>,
    /// The regular face's ascent and descent, in em: where baselines go.
    ascender: f64,
    descender: f64,
    /// The inline formulas, in order.
    formulas: Vec<InlineFormula>,
}

/// A formula in a line of text.
#[derive(Debug, Clone)]
pub(super) struct InlineFormula {
    pub typeset: Formula,
    /// Its TeX, for its alternative text.
    pub source: String,
    /// Where it is written in the deck file.
    pub span: Span,
    /// Written as a display formula.
    pub display: bool,
}

/// The colours and faces text in a body takes from its style.
#[derive(Debug, Clone, Copy)]
pub(super) struct InlineColors {
    pub text: Color,
    pub link: Color,
    /// Under inline code.
    pub chip: Color,
    /// A formula that cannot be typeset, shown as written.
    pub error: Color,
}

impl Rich {
    /// `inlines` in `base` face (bold for headings and table headers) and
    /// `colors`; links resolved against the deck.
    pub fn new(fonts: &FontSet, inlines: &[Inline], base: FaceStyle, colors: InlineColors) -> Rich {
        let mut text = String::new();
        let mut styles: Vec<(Range<usize>, StretchStyle)> = Vec::new();
        let mut breaks = Vec::new();
        let mut formulas = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Break => {
                    breaks.push(text.len());
                    text.push('\n');
                }
                Inline::Math(math) => {
                    let start = text.len();
                    let mut stretch = StretchStyle::plain(base, colors.text);
                    match &math.formula {
                        Some(typeset) => {
                            text.push(formula::SLOT);
                            stretch.formula = Some(formulas.len());
                            formulas.push(InlineFormula {
                                typeset: typeset.clone(),
                                source: math.source.clone(),
                                span: math.span,
                                display: math.display,
                            });
                        }
                        // As written, delimiters aside, in the error colour.
                        None => {
                            text.push_str(&math.source.replace('\n', " "));
                            stretch.color = colors.error;
                        }
                    }
                    styles.push((start..text.len(), stretch));
                }
                Inline::Text { text: words, style } => {
                    let start = text.len();
                    // Line breaks inside a text are soft: spaces.
                    text.extend(words.chars().map(|c| if c == '\n' { ' ' } else { c }));
                    styles.push((start..text.len(), stretch_style(style, base, colors)));
                }
            }
        }
        let mut rich = Rich::from_styles(fonts, text, styles, &breaks, &formulas);
        rich.formulas = formulas;
        rich
    }

    /// The same text with its links unmarked: clickable, and drawn as the
    /// words around them (the URLs in a caption).
    pub fn without_link_marks(mut self) -> Rich {
        for (_, style) in &mut self.styles {
            style.underline = false;
        }
        self
    }

    /// One stretch of text in one style.
    pub fn plain(fonts: &FontSet, text: &str, stretch: StretchStyle) -> Rich {
        let text = text.replace('\n', " ");
        let styles = vec![(0..text.len(), stretch)];
        Rich::from_styles(fonts, text, styles, &[], &[])
    }

    /// Text whose `styles` cover it in order (gaps take the first style),
    /// broken at the `\n`s at `breaks`; the styles that are formulas
    /// index `formulas`.
    pub fn from_styles(
        fonts: &FontSet,
        text: String,
        styles: Vec<(Range<usize>, StretchStyle)>,
        breaks: &[usize],
        formulas: &[InlineFormula],
    ) -> Rich {
        let face = fonts.stack(Weight::Regular).primary;
        let (ascender, descender) = (face.ascender(), face.descender());
        let slots: Vec<Slot> = formulas
            .iter()
            .map(|formula| Slot::new(&formula.typeset, face.clone()))
            .collect();
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for end in breaks.iter().copied().chain(std::iter::once(text.len())) {
            let stretch = &text[start..end];
            let stacks: Vec<_> = styles
                .iter()
                .filter(|(range, _)| range.start < end && range.end > start)
                .map(|(range, style)| {
                    let range = range.start.max(start) - start..range.end.min(end) - start;
                    (range, style.formula, fonts.stack(style.face), style.scale)
                })
                .collect();
            let pieces: Vec<Piece> = stacks
                .iter()
                .map(|(range, formula, stack, scale)| Piece {
                    range: (range.start, range.end),
                    shaper: match formula {
                        Some(index) => &slots[*index] as &dyn Shaper,
                        None => stack,
                    },
                    scale: *scale,
                })
                .collect();
            paragraphs.push((start, Paragraph::styled(stretch, &pieces)));
            start = end + 1;
        }
        Rich {
            paragraphs,
            styles,
            ascender,
            descender,
            formulas: Vec::new(),
        }
    }

    /// The width of the widest stretch between hard breaks, unwrapped, in em.
    pub fn natural_width(&self) -> f64 {
        self.paragraphs
            .iter()
            .filter_map(|(_, paragraph)| paragraph.wrap(f64::INFINITY, false))
            .flatten()
            .map(|line| line.width)
            .fold(0.0, f64::max)
    }

    /// The lines at `size` in `width`: words kept whole where they fit,
    /// broken between letters where one alone is too wide.
    pub fn lines(&self, size: Pt, width: Pt) -> Vec<(usize, Line)> {
        // A hair of slack, so text measured to fit a width fits it after
        // the round trip through points.
        let max = width.0 / size.0 + 1e-6;
        let mut lines = Vec::new();
        for (start, paragraph) in &self.paragraphs {
            let wrapped = paragraph
                .wrap(max, false)
                .or_else(|| paragraph.wrap(max, true))
                .unwrap_or_default();
            if wrapped.is_empty() {
                // An empty stretch between two hard breaks keeps its line.
                lines.push((
                    *start,
                    Line {
                        text: String::new(),
                        start: 0,
                        glyphs: Vec::new(),
                        width: 0.0,
                        rtl: false,
                    },
                ));
            }
            lines.extend(wrapped.into_iter().map(|line| (*start, line)));
        }
        lines
    }

    /// Sets the text at `size` in `width` from `(x, y)`, lines `line_height`
    /// apart, aligned as `align` says: its items (links as link elements),
    /// and its height.
    pub fn place(&self, at: Point, width: Pt, size: Pt, line_height: f64, align: Align) -> Set {
        let lines = self.lines(size, width);
        let layout = LineLayout {
            align,
            hang: Pt(0.0),
            formula_floor: 1.0,
            centre_display: false,
        };
        self.set_lines(&lines, at, width, size, line_height, layout)
    }

    /// As [`Rich::place`], left-aligned, but an inline formula too wide
    /// for its line shrinks on its own, to `floor` of the text's size at
    /// the least (the rest of the text keeps its size): the set lists
    /// each formula shrunk.
    pub fn place_shrinking_formulas(
        &self,
        at: Point,
        width: Pt,
        size: Pt,
        line_height: f64,
        floor: f64,
    ) -> Set {
        let lines = self.lines(size, width);
        let layout = LineLayout {
            align: Align::Left,
            hang: Pt(0.0),
            formula_floor: floor,
            centre_display: false,
        };
        self.set_lines(&lines, at, width, size, line_height, layout)
    }

    /// As [`Rich::place`], left-aligned, but when the text needs more than
    /// one line every line after the first stands `hang` further in: a
    /// long line of code continued under itself.
    pub fn place_hanging(&self, at: Point, width: Pt, size: Pt, line_height: f64, hang: Pt) -> Set {
        let mut lines = self.lines(size, width);
        if lines.len() > 1 {
            lines = self.lines(size, (width - hang).max(size));
        }
        let layout = LineLayout {
            align: Align::Left,
            hang,
            formula_floor: 1.0,
            centre_display: false,
        };
        self.set_lines(&lines, at, width, size, line_height, layout)
    }

    /// Places `lines` (each with its paragraph's start in the text) as
    /// `layout` says.
    pub(super) fn set_lines(
        &self,
        lines: &[(usize, Line)],
        at: Point,
        width: Pt,
        size: Pt,
        line_height: f64,
        layout: LineLayout,
    ) -> Set {
        let pitch = size * line_height;
        let half_leading = (pitch - size * (self.ascender + self.descender)) / 2.0;
        // The room above and below a line's baseline, before formulas ask for more.
        let above = half_leading + size * self.ascender;
        let below = pitch - above;
        let mut set = Set::default();
        let mut top = at.y;
        for (index, (offset, line)) in lines.iter().enumerate() {
            let start = offset + line.start;
            let indent = if index > 0 { layout.hang } else { Pt(0.0) };
            let (x, width) = (at.x + indent, width - indent);
            let (formulas_width, share) =
                self.formula_share(start, line, width.0 / size.0, layout.formula_floor);
            let (tall, deep) = self.formula_extent(start, line);
            let (more_above, more_below) = (
                (size * (tall * share) - above).max(Pt(0.0)),
                (size * (deep * share) - below).max(Pt(0.0)),
            );
            let line_pitch = pitch + more_above + more_below;
            let line_width = line.width - formulas_width * (1.0 - share);
            let align = match layout.centre_display && self.only_display(start, line) {
                true => Align::Center,
                false => layout.align,
            };
            let left = align.line_start(x, width, size * line_width, line.rtl);
            let baseline = top + more_above + above;
            self.place_line(
                start,
                line,
                Point::new(left, baseline),
                (top, line_pitch),
                (size, share),
                &mut set,
            );
            top = top + line_pitch;
        }
        set.lines = lines.len();
        set.height = top - at.y;
        set
    }

    /// The width of the formulas on `line` (which starts at byte `start`
    /// of the text), in em, and the share of the text's size they are
    /// drawn at so the line fits `room` em: 1 when it fits as it is, never
    /// below `floor`.
    fn formula_share(&self, start: usize, line: &Line, room: f64, floor: f64) -> (f64, f64) {
        let formulas_width: f64 = line
            .glyphs
            .iter()
            .filter(|glyph| self.formula_at(start + glyph.range.start).is_some())
            .map(|glyph| glyph.advance)
            .sum();
        if formulas_width <= 0.0 || line.width <= room + 1e-6 {
            return (formulas_width, 1.0);
        }
        let share = (room - (line.width - formulas_width)) / formulas_width;
        (formulas_width, share.clamp(floor.min(1.0), 1.0))
    }

    /// Whether `line` (which starts at byte `start` of the text) holds a
    /// display formula and nothing else.
    fn only_display(&self, start: usize, line: &Line) -> bool {
        match line.glyphs.as_slice() {
            [glyph] => self
                .formula_at(start + glyph.range.start)
                .is_some_and(|index| self.formulas[index].display),
            _ => false,
        }
    }

    /// The index of the formula byte `at` of the text draws, if one does.
    fn formula_at(&self, at: usize) -> Option<usize> {
        self.styles[self.style_at(at)].1.formula
    }

    /// How far the formulas on `line` (which starts at byte `start` of the
    /// text) reach above and below its baseline, in em, margins included.
    fn formula_extent(&self, start: usize, line: &Line) -> (f64, f64) {
        line.glyphs
            .iter()
            .filter_map(|glyph| self.formula_at(start + glyph.range.start))
            .map(|index| {
                let (_, above, below) = formula::extent(&self.formulas[index].typeset);
                (above, below)
            })
            .fold((0.0, 0.0), |(a, b), (above, below)| {
                (f64::max(a, above), f64::max(b, below))
            })
    }

    /// One line's runs: a run for each stretch of one style, drawn at the
    /// pen; `start` is where the line starts in the text. Its text is set
    /// at `size`, its formulas at `formula_share` of it.
    fn place_line(
        &self,
        start: usize,
        line: &Line,
        origin: Point,
        (top, pitch): (Pt, Pt),
        (size, formula_share): (Pt, f64),
        set: &mut Set,
    ) {
        let mut pen = origin.x;
        let mut glyphs = line.glyphs.iter().peekable();
        while let Some(first) = glyphs.next() {
            let style_index = self.style_at(start + first.range.start);
            let mut group = vec![first];
            while let Some(next) = glyphs.peek() {
                if self.style_at(start + next.range.start) != style_index {
                    break;
                }
                group.extend(glyphs.next());
            }
            let stretch = &self.styles[style_index].1;
            if let Some(index) = stretch.formula {
                let inline = &self.formulas[index];
                let formula_size = size * formula_share;
                let at = Point::new(pen, origin.y);
                let drawn = formula::draw(
                    &inline.typeset,
                    &inline.source,
                    at,
                    formula_size,
                    stretch.color,
                );
                set.items.push(drawn);
                if formula_share < 1.0 {
                    set.shrunk_formulas.push((inline.span, formula_share));
                }
                let width: f64 = group.iter().map(|g| g.advance).sum();
                pen = pen + formula_size * width;
                continue;
            }
            let run_size = size * stretch.scale;
            // The run's own text, its glyphs' ranges counted from it.
            let from = group.iter().map(|g| g.range.start).min().unwrap_or(0);
            let to = group.iter().map(|g| g.range.end).max().unwrap_or(0);
            let width: f64 = group.iter().map(|g| g.advance).sum();
            let width = size * width;
            let run_glyphs = group
                .iter()
                .map(|g| crate::text::Glyph {
                    advance: g.advance / stretch.scale,
                    offset: (g.offset.0 / stretch.scale, g.offset.1 / stretch.scale),
                    range: g.range.start - from..g.range.end - from,
                    ..(*g).clone()
                })
                .collect();
            let bounds = Rect::new(pen, top, width, pitch);
            let run = TextRun {
                size: run_size,
                color: stretch.color,
                origin: Point::new(pen, origin.y - size * stretch.rise),
                glyphs: run_glyphs,
                text: line.text[from..to].to_string(),
                bounds,
            };
            self.marks(stretch, bounds, origin.y, size, set);
            match &stretch.link {
                Some(target) => set.items.push(Item::Tagged(Tagged {
                    role: Role::Link,
                    items: vec![
                        Item::Link(LinkArea {
                            rect: bounds,
                            target: target.clone(),
                        }),
                        Item::Text(run),
                    ],
                })),
                None => set.items.push(Item::Text(run)),
            }
            pen = pen + width;
        }
    }

    /// The marks a stretch drawn as `stretch` says needs around its box `bounds`.
    fn marks(&self, stretch: &StretchStyle, bounds: Rect, baseline: Pt, size: Pt, set: &mut Set) {
        let rule = |y: Pt, color: Color| FillRect {
            rect: Rect::new(bounds.x, y, bounds.width, (size * 0.06).max(Pt(0.5))),
            color,
            layer: Layer::Mark,
            opacity: 100,
        };
        if let Some(chip) = stretch.chip {
            // Within the line's box, so the line pitch stays the same.
            let height = size * (self.ascender + self.descender) * stretch.scale;
            let top = baseline - size * self.ascender * stretch.scale;
            set.marks.push(FillRect {
                rect: Rect::new(bounds.x, top, bounds.width, height),
                color: chip,
                layer: Layer::Mark,
                opacity: 100,
            });
        }
        if stretch.underline {
            set.marks.push(rule(baseline + size * 0.12, stretch.color));
        }
        if stretch.strike {
            set.marks.push(rule(baseline - size * 0.3, stretch.color));
        }
    }

    /// The index of the style of byte `at`.
    fn style_at(&self, at: usize) -> usize {
        self.styles
            .iter()
            .position(|(range, _)| range.contains(&at))
            .unwrap_or(0)
    }
}

/// Placed text: its items in reading order, the marks drawn under them,
/// and its height.
#[derive(Debug, Default)]
pub(super) struct Set {
    pub items: Vec<Item>,
    pub marks: Vec<FillRect>,
    pub height: Pt,
    /// How many lines it took.
    pub lines: usize,
    /// The inline formulas shrunk to fit their lines: where each is
    /// written, and its share of the text's size.
    pub shrunk_formulas: Vec<(Span, f64)>,
}

/// How the lines of a text are laid out.
#[derive(Debug, Clone, Copy)]
pub(super) struct LineLayout {
    pub align: Align,
    /// How much further in the lines after the first stand.
    pub hang: Pt,
    /// The smallest share of the text's size an inline formula too wide
    /// for its line shrinks to; 1 to keep formulas at the text's size.
    pub formula_floor: f64,
    /// Whether a line holding only a display formula stands centred.
    pub centre_display: bool,
}

impl Set {
    /// The marks, then the items: what to put on the page.
    pub fn into_items(self) -> Vec<Item> {
        let mut items: Vec<Item> = self.marks.into_iter().map(Item::Rect).collect();
        items.extend(self.items);
        items
    }
}

/// How text styled `style` in a paragraph set in `base` is drawn.
fn stretch_style(style: &InlineStyle, base: FaceStyle, colors: InlineColors) -> StretchStyle {
    let face = FaceStyle {
        weight: if style.strong {
            Weight::Bold
        } else {
            base.weight
        },
        italic: style.emphasis || base.italic,
        mono: style.code,
    };
    let link = style.link.as_ref().map(link_target);
    let (size_scale, rise) = match style.size {
        TextSize::Normal => (1.0, 0.0),
        TextSize::Small => (SMALL_SCALE, 0.0),
        TextSize::Subscript => (SCRIPT_SCALE, -SUBSCRIPT_DROP),
        TextSize::Superscript => (SCRIPT_SCALE, SUPERSCRIPT_RISE),
    };
    StretchStyle {
        face,
        color: if link.is_some() {
            colors.link
        } else {
            colors.text
        },
        scale: size_scale * if style.code { CODE_SCALE } else { 1.0 },
        rise,
        chip: style.code.then_some(colors.chip),
        underline: link.is_some() || style.underline,
        strike: style.strike,
        link,
        formula: None,
    }
}
