//! A body shaped once, ready to be set at any scale.

use crate::body::{Block, Body, List, ListKind};
use crate::diag::{Diagnostic, Severity, Span};
use crate::image::ImageHandle;
use crate::model::Alt;
use crate::text::{FaceStyle, Weight};

use super::code::Code;
use super::inline::{InlineColors, Rich, StretchStyle};
use super::table::Table;
use super::BodyStyle;
use crate::layout::found::Once;
use crate::layout::Context;

/// A body shaped, ready to be set at any scale.
#[derive(Debug, Clone)]
pub(super) enum Prepared {
    Text(Rich, Option<u8>),
    List {
        numbered: bool,
        tight: bool,
        items: Vec<PreparedItem>,
    },
    Code(Code),
    Table(Table),
    Quote(Vec<Prepared>),
    Rule,
    Picture {
        image: ImageHandle,
        size: (u32, u32),
        alt: Option<Alt>,
    },
    Columns(Vec<(Option<f64>, Vec<Prepared>)>),
    /// Not yet revealed at this step: set for its room, not drawn.
    Hidden(Box<Prepared>),
    /// A display formula, centred on its own line.
    Formula {
        formula: crate::math::Formula,
        source: String,
        span: Span,
    },
}

#[derive(Debug, Clone)]
pub(super) struct PreparedItem {
    /// The bullet or number; `None` for a task, which gets a box.
    pub(super) marker: Option<Rich>,
    pub(super) task: Option<bool>,
    pub(super) blocks: Vec<Prepared>,
    /// Not yet revealed at this step: set for its room, not drawn.
    pub(super) hidden: bool,
}

impl Context<'_> {
    pub(super) fn prepare_all(
        &self,
        blocks: &[Block],
        body_style: &BodyStyle,
        colors: InlineColors,
        depth: usize,
    ) -> Vec<Prepared> {
        blocks
            .iter()
            .filter_map(|block| self.prepare(block, body_style, colors, depth))
            .collect()
    }

    /// `block` shaped; `None` for a picture that did not load (reported
    /// where its file is named).
    fn prepare(
        &self,
        block: &Block,
        body_style: &BodyStyle,
        colors: InlineColors,
        depth: usize,
    ) -> Option<Prepared> {
        let fonts = self.fonts;
        Some(match block {
            Block::Paragraph(inlines) => Prepared::Text(
                Rich::new(fonts, inlines, FaceStyle::default(), colors),
                None,
            ),
            Block::Heading { level, text } => Prepared::Text(
                Rich::new(fonts, text, FaceStyle::from(Weight::Bold), colors),
                Some(*level),
            ),
            Block::List(list) => self.prepare_list(list, body_style, colors, depth),
            Block::Code(code) => Prepared::Code(Code::new(fonts, code, &body_style.palette)),
            Block::Table(table) => Prepared::Table(Table::new(fonts, table, colors)),
            Block::Quote(blocks) => {
                Prepared::Quote(self.prepare_all(blocks, body_style, colors, depth))
            }
            Block::Rule => Prepared::Rule,
            Block::Math(math) => match &math.formula {
                Some(formula) => Prepared::Formula {
                    formula: formula.clone(),
                    source: math.source.clone(),
                    span: math.span,
                },
                // As written, delimiters aside, in the error colour.
                None => Prepared::Text(
                    Rich::plain(
                        fonts,
                        math.source.trim(),
                        StretchStyle::plain(FaceStyle::default(), colors.error),
                    ),
                    None,
                ),
            },
            Block::Image { image, alt } => {
                let image = self.images.image_for(image)?;
                Prepared::Picture {
                    size: image.size(),
                    image: image.clone(),
                    alt: alt.clone(),
                }
            }
            Block::Columns(columns) => Prepared::Columns(
                columns
                    .iter()
                    .map(|column| {
                        let blocks = self.prepare_all(&column.blocks, body_style, colors, depth);
                        (column.width, blocks)
                    })
                    .collect(),
            ),
            Block::Pause => return None,
            Block::Hidden(block) => {
                Prepared::Hidden(Box::new(self.prepare(block, body_style, colors, depth)?))
            }
        })
    }

    /// A list at `depth`: each item's marker (none for a task, whose box
    /// is drawn) and its blocks one level deeper.
    fn prepare_list(
        &self,
        list: &List,
        body_style: &BodyStyle,
        colors: InlineColors,
        depth: usize,
    ) -> Prepared {
        let fonts = self.fonts;
        let numbered = matches!(list.kind, ListKind::Numbered { .. });
        let items = list
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let marker = match (item.task, list.kind) {
                    (Some(_), _) => None,
                    (None, ListKind::Bullet) => {
                        let bullet = body_style.bullets[depth.min(body_style.bullets.len() - 1)];
                        let color = match depth {
                            0 => body_style.palette.accent,
                            1 => body_style.palette.text,
                            _ => body_style.palette.muted,
                        };
                        Some(Rich::plain(
                            fonts,
                            bullet,
                            StretchStyle::plain(FaceStyle::default(), color),
                        ))
                    }
                    (None, ListKind::Numbered { start }) => {
                        let number = start.saturating_add(index as u64);
                        Some(Rich::plain(
                            fonts,
                            &format!("{number}."),
                            StretchStyle::plain(FaceStyle::default(), body_style.palette.text),
                        ))
                    }
                };
                PreparedItem {
                    marker,
                    task: item.task,
                    blocks: self.prepare_all(&item.blocks, body_style, colors, depth + 1),
                    hidden: item.hidden,
                }
            })
            .collect();
        Prepared::List {
            numbered,
            tight: list.tight,
            items,
        }
    }

    /// Warns once per character the fonts cannot draw in `body`.
    pub(super) fn warn_missing_glyphs(&mut self, body: &Body, what: &str, span: Span) {
        let mut texts = String::new();
        collect_text(&body.blocks, &mut texts);
        let stacks = [
            self.fonts.stack(FaceStyle::default()),
            self.fonts.stack(FaceStyle {
                mono: true,
                ..FaceStyle::default()
            }),
        ];
        for c in stacks[0].missing_chars(&texts) {
            let once = Once::MissingGlyph(Some(span), c);
            if !stacks[1].missing_chars(&c.to_string()).is_empty() && self.found.is_new(&once) {
                let message = format!(
                    "the font has no glyph for `{c}` (U+{:04X}), used in the body of {what}",
                    u32::from(c)
                );
                let warning =
                    Diagnostic::new(Severity::Warning, self.deck.file(), Some(span), message);
                self.found.push_once(
                    once,
                    warning.with_hint("set `theme.font` to a font that has it"),
                );
            }
        }
    }
}

/// Every piece of text in `blocks`, one after another.
fn collect_text(blocks: &[Block], out: &mut String) {
    use crate::body::Inline;
    let inlines = |inlines: &[Inline], out: &mut String| {
        for inline in inlines {
            if let Inline::Text { text, .. } = inline {
                out.push_str(text);
            }
        }
    };
    for block in blocks {
        match block {
            Block::Paragraph(text) | Block::Heading { text, .. } => inlines(text, out),
            Block::List(list) => {
                for item in &list.items {
                    collect_text(&item.blocks, out);
                }
            }
            Block::Code(code) => {
                for token in code.lines.iter().flat_map(|line| &line.tokens) {
                    out.push_str(&token.text);
                }
            }
            Block::Table(table) => {
                for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                    inlines(cell, out);
                }
            }
            Block::Quote(blocks) => collect_text(blocks, out),
            Block::Columns(columns) => {
                for column in columns {
                    collect_text(&column.blocks, out);
                }
            }
            Block::Hidden(block) => collect_text(std::slice::from_ref(block), out),
            Block::Rule | Block::Image { .. } | Block::Pause | Block::Math(_) => {}
        }
    }
}
