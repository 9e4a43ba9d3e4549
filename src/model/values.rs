//! Reading a deck's values: texts, files, sizes, colours, transitions and
//! the like, each checked and reported at its line, with a default in
//! place of what is wrong.

use serde_saphyr::Spanned;

use crate::body::{Body, Inline, Origin};
use crate::color::Color;
use crate::diag::{Diagnostics, Span};
use crate::geom::Pt;

use super::schema::{LONGEST_TRANSITION, MINUTES, SIZE_RANGE};
use super::transition::{Transition, TransitionError, TransitionStyle};
use super::validate::{span, Checker, LONGEST_NOTES, LONGEST_TEXT};
use super::{
    Aspect, Caption, FileRef, Fit, FontChoice, Link, Text, TransitionChoice, MAX_PPI, MEGAPIXELS,
};
use crate::suggest::did_you_mean;

impl Checker<'_> {
    /// A slide's `body`: its Markdown read into blocks, every problem placed
    /// in the deck file; `None` when it has none (or is too long to read).
    pub(super) fn body(&mut self, value: Spanned<String>) -> Option<Body> {
        let start = span(&value);
        let body = self.read_markdown(start, &value.value, |context, diagnostics| {
            crate::body::read(&value.value, context, diagnostics)
        })?;
        (!body.blocks.is_empty()).then_some(body)
    }

    /// A caption (`caption:`): its text, and the formulas in it typeset,
    /// each problem placed in the deck file as a body's are.
    pub(super) fn caption(&mut self, value: Option<Spanned<String>>) -> Option<Caption> {
        let text = self.optional_text("caption", value)?;
        if self.markdown {
            // A Markdown deck's reader makes a slide with a formula a body;
            // its captions are text already unescaped (`\$x\$` is `$x$`).
            return Some(Caption {
                text,
                formulas: None,
            });
        }
        let pieces = self.read_markdown(text.span, &text.text, |context, diagnostics| {
            crate::body::read_formulas(&text.text, context, diagnostics)
        });
        if pieces.iter().any(|piece| matches!(piece, Inline::Math(_))) {
            return Some(Caption {
                text,
                formulas: Some(pieces),
            });
        }
        // Words alone: as written, but for `\$`.
        let words = pieces.into_iter().map(|piece| match piece {
            Inline::Text { text, .. } => text,
            Inline::Break | Inline::Math(_) => String::new(),
        });
        Some(Caption {
            text: Text {
                text: words.collect(),
                span: text.span,
            },
            formulas: None,
        })
    }

    /// `read` given what the body reader needs for Markdown that starts at
    /// `start` in the deck file: where each of its characters lies there
    /// (the value alone, for a deck not read from YAML), and the sink.
    fn read_markdown<R>(
        &mut self,
        start: Span,
        value: &str,
        read: impl FnOnce(crate::body::Context, &mut Diagnostics) -> R,
    ) -> R {
        let origin = match self.deck_lines {
            Some(deck) => Origin::of_yaml_scalar(deck, start, value),
            None => Origin::verbatim(start, value),
        };
        let context = crate::body::Context {
            shown: self.shown,
            deck_dir: self.deck_dir,
            origin: &origin,
            span: start,
            lists: self.lists,
            macros: &self.math_macros,
            markdown: self.markdown,
        };
        read(context, self.diagnostics)
    }

    pub(super) fn slide_id(&mut self, value: Spanned<String>) -> Option<Text> {
        let id = value.value.trim();
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if valid {
            Some(Text {
                text: id.to_string(),
                span: span(&value),
            })
        } else {
            self.error(
                span(&value),
                format!("invalid slide id `{id}` (use letters, digits, `-`, `_` and `.`)"),
            );
            None
        }
    }

    pub(super) fn minutes(&mut self, value: Spanned<f64>) -> Option<u32> {
        let minutes = value.value;
        if MINUTES.contains(&minutes) && minutes.fract() == 0.0 {
            Some(minutes as u32)
        } else {
            self.error(
                span(&value),
                format!(
                    "`duration` must be whole minutes from {} to {} (got {minutes})",
                    MINUTES.start(),
                    MINUTES.end()
                ),
            );
            None
        }
    }

    pub(super) fn transition_choice(
        &mut self,
        transition: Option<Spanned<String>>,
        duration: Option<Spanned<f64>>,
    ) -> TransitionChoice {
        TransitionChoice {
            transition: transition.and_then(|t| self.transition(t)),
            duration: duration.and_then(|d| self.transition_duration(d)),
        }
    }

    pub(super) fn transition(&mut self, value: Spanned<String>) -> Option<Transition> {
        let written = value.value.trim();
        let message = match Transition::parse(written) {
            Ok(transition) => return Some(transition),
            Err(TransitionError::Empty) => format!(
                "`transition` is empty (expected one of {})",
                ticked(TransitionStyle::NAMES)
            ),
            Err(TransitionError::UnknownStyle(name)) => {
                let hint = match did_you_mean(&name, TransitionStyle::NAMES) {
                    hint if hint.is_empty() => {
                        format!(" (expected one of {})", ticked(TransitionStyle::NAMES))
                    }
                    hint => hint,
                };
                format!("unknown transition `{name}`{hint}")
            }
            Err(TransitionError::UnknownOption(style, word)) => {
                let options = Transition::parse(style).map_or(&[][..], |t| t.style.options());
                let hint = match did_you_mean(&word, options) {
                    hint if !hint.is_empty() => hint,
                    _ if options.is_empty() => format!(" (`{style}` takes no options)"),
                    // The standard moves only a wipe left or up; say so
                    // rather than leave `push left` a mystery.
                    _ if ["left", "up"].contains(&word.to_ascii_lowercase().as_str()) => format!(
                        " (`{style}` takes {}; in a PDF only `wipe` moves left or up)",
                        ticked(options)
                    ),
                    _ => format!(" (`{style}` takes {})", ticked(options)),
                };
                format!("transition `{style}` cannot take `{word}`{hint}")
            }
            Err(TransitionError::Repeated(first, second)) => {
                format!("transition `{written}` sets one option twice (`{first}` and `{second}`)")
            }
        };
        self.error(span(&value), message);
        None
    }

    pub(super) fn transition_duration(&mut self, value: Spanned<f64>) -> Option<f64> {
        let seconds = value.value;
        if seconds > 0.0 && seconds <= LONGEST_TRANSITION {
            Some(seconds)
        } else {
            self.error(
                span(&value),
                format!(
                    "`transition_duration` must be more than 0 and at most {LONGEST_TRANSITION} seconds (got {seconds})"
                ),
            );
            None
        }
    }

    pub(super) fn required_text(&mut self, key: &str, value: Spanned<String>) -> Text {
        let text = self.text(key, &value);
        if text.as_deref() == Some("") {
            self.error(span(&value), format!("`{key}` must not be empty"));
        }
        Text {
            text: text.unwrap_or_default(),
            span: span(&value),
        }
    }

    /// The text `key` holds, trimmed; `None` when nothing is left.
    pub(super) fn optional_text(
        &mut self,
        key: &str,
        value: Option<Spanned<String>>,
    ) -> Option<Text> {
        let value = value?;
        let text = self.text(key, &value)?;
        (!text.is_empty()).then(|| Text {
            text,
            span: span(&value),
        })
    }

    /// `value` normalized; `None` (and an error) when it is longer than any
    /// honest deck needs: text that long would take minutes to shape.
    pub(super) fn text(&mut self, key: &str, value: &Spanned<String>) -> Option<String> {
        let longest = if key == "notes" {
            LONGEST_NOTES
        } else {
            LONGEST_TEXT
        };
        let length = value.value.chars().count();
        if length > longest {
            self.error(
                span(value),
                format!("`{key}` is {length} characters long; the most it may hold is {longest}"),
            );
            return None;
        }
        // Notes keep their indentation: a tab there is four spaces.
        let tab = if key == "notes" { "    " } else { " " };
        Some(normalize(&value.value, tab))
    }

    /// The file `key` names, resolved against the deck's folder; `None`
    /// (and an error) when the path is empty.
    /// A font value: a file when it looks like a path, else a family name.
    pub(super) fn font_choice(&mut self, key: &str, value: Spanned<String>) -> Option<FontChoice> {
        let written = value.value.trim();
        if written.is_empty() || FontChoice::is_path(written) {
            return self.file_ref(key, value).map(FontChoice::File);
        }
        Some(FontChoice::Family {
            name: written.split_whitespace().collect::<Vec<_>>().join(" "),
            span: span(&value),
        })
    }

    pub(super) fn file_ref(&mut self, key: &str, value: Spanned<String>) -> Option<FileRef> {
        let written = value.value.trim().to_string();
        if written.is_empty() {
            let kind = if key.ends_with("image") || key == "logo" {
                "a PNG, JPEG, GIF, WebP, SVG or PDF file"
            } else if key == "font_paths" {
                "a folder of fonts"
            } else {
                "a TTF or OTF file"
            };
            self.error(
                span(&value),
                format!("`{key}` is empty (give a path to {kind})"),
            );
            return None;
        }
        Some(FileRef {
            path: self.deck_dir.join(&written),
            span: span(&value),
            written,
            named_in: self.shown.to_path_buf(),
            page: None,
        })
    }

    pub(super) fn aspect(&mut self, value: Spanned<String>) -> Aspect {
        Aspect::parse(&value.value).unwrap_or_else(|| {
            let hint = did_you_mean(&value.value, Aspect::NAMES);
            let hint = if hint.is_empty() {
                format!(" (expected one of {})", ticked(Aspect::NAMES))
            } else {
                hint
            };
            self.error(
                span(&value),
                format!("unknown aspect `{}`{hint}", value.value),
            );
            Aspect::Wide16x9
        })
    }

    pub(super) fn fit(&mut self, value: Spanned<String>) -> Fit {
        match value.value.trim() {
            "contain" => Fit::Contain,
            "cover" => Fit::Cover,
            other => {
                let hint = did_you_mean(other, Fit::NAMES);
                let hint = if hint.is_empty() {
                    format!(" (expected {})", ticked(Fit::NAMES))
                } else {
                    hint
                };
                self.error(span(&value), format!("unknown fit `{other}`{hint}"));
                Fit::Contain
            }
        }
    }

    pub(super) fn color(
        &mut self,
        key: &str,
        value: Option<Spanned<String>>,
        default: Color,
    ) -> Color {
        let Some(value) = value else { return default };
        Color::parse(value.value.trim()).unwrap_or_else(|| {
            self.error(
                span(&value),
                format!(
                    "invalid colour `{}` for `{key}` (expected `#rrggbb` or `#rgb`)",
                    value.value
                ),
            );
            default
        })
    }

    pub(super) fn size(&mut self, key: &str, value: Option<Spanned<f64>>, default: Pt) -> Pt {
        let Some(value) = value else { return default };
        if SIZE_RANGE.contains(&value.value) {
            Pt(value.value)
        } else {
            self.error(
                span(&value),
                format!(
                    "`{key}` must be between {} and {} points (got {})",
                    SIZE_RANGE.start(),
                    SIZE_RANGE.end(),
                    value.value
                ),
            );
            default
        }
    }

    pub(super) fn max_ppi(&mut self, value: Spanned<f64>) -> Option<u32> {
        let ppi = value.value;
        let (low, high) = (*MAX_PPI.start(), *MAX_PPI.end());
        if ppi.fract() == 0.0 && (f64::from(low)..=f64::from(high)).contains(&ppi) {
            Some(ppi as u32)
        } else {
            self.error(
                span(&value),
                format!("`max_ppi` must be a whole number from {low} to {high} (got {ppi})"),
            );
            None
        }
    }

    /// `max_megapixels` in pixels.
    pub(super) fn max_pixels(&mut self, value: Spanned<f64>) -> Option<u64> {
        let megapixels = value.value;
        if MEGAPIXELS.contains(&megapixels) {
            Some(crate::image::pixels_of(megapixels))
        } else {
            self.error(
                span(&value),
                format!(
                    "`max_megapixels` must be from {} to {} (got {megapixels})",
                    MEGAPIXELS.start(),
                    MEGAPIXELS.end()
                ),
            );
            None
        }
    }

    pub(super) fn language(&mut self, value: Spanned<String>) -> Option<String> {
        let tag = value.value.trim();
        let mut parts = tag.split('-');
        let primary_ok = parts.next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic())
        });
        let rest_ok = parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Some(tag.to_string())
        } else {
            self.error(
                span(&value),
                format!(
                    "invalid language tag `{tag}` (expected a BCP 47 tag such as `en` or `de-CH`)"
                ),
            );
            None
        }
    }

    pub(super) fn link(&mut self, value: Spanned<String>) -> Option<Link> {
        Link::read(&value.value, span(&value))
            .map_err(|message| self.error(span(&value), message))
            .ok()
    }
}

/// Trims, turns each tab into `tab` and carriage returns into spaces, keeps
/// explicit line breaks. Control characters (a stray BEL, a byte-order
/// mark) have no glyph to draw.
pub(super) fn normalize(text: &str, tab: &str) -> String {
    let lines: Vec<String> = text
        .replace("\r\n", "\n")
        .split('\n')
        .map(|line| {
            let line: String = line
                .replace('\t', tab)
                .replace('\r', " ")
                .chars()
                .filter(|c| !c.is_control() && *c != '\u{feff}')
                .collect();
            line.trim_end().to_string()
        })
        .collect();
    lines.join("\n").trim().to_string()
}

/// "`a`, `b` or `c`".
pub(super) fn ticked(names: &[&str]) -> String {
    let ticked: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match ticked.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => ticked.concat(),
    }
}
