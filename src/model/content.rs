//! What a slide shows, by its layout: which keys each layout takes and
//! needs, checked with every problem reported at its line.

use serde_saphyr::Spanned;

use crate::diag::{FileRef, Span};
use crate::suggest::did_you_mean;

use super::arrangement::{Band, Focus, LayoutName, Side, DEFAULT_SPLIT, PAIR_IMAGES, SPLIT};
use super::layout_keys::{takes, LAYOUT_KEYS};
use super::raw::{RawPairImage, RawPairItem, RawSlide};
use super::validate::{span, Checker, LONGEST_TEXT};
use super::values::ticked;
use super::{Alt, Caption, Content, Fit, PairImage};
use crate::body::Body;

impl Checker<'_> {
    /// Reads `layout:`; `None` (and an error) for a name deckgen does not know.
    pub(super) fn layout_name(&mut self, value: Spanned<String>) -> Option<LayoutName> {
        let name = value.value.trim();
        let layout = LayoutName::parse(name);
        if layout.is_none() {
            let hint = match did_you_mean(name, LayoutName::NAMES) {
                hint if hint.is_empty() => {
                    format!(" (expected one of {})", ticked(LayoutName::NAMES))
                }
                hint => hint,
            };
            self.error(span(&value), format!("unknown layout `{name}`{hint}"));
        }
        layout
    }

    /// The slide's content by its layout (its own, else `default`), or
    /// `None` when it cannot have any; its body, read, goes into `body`.
    /// Every problem is reported.
    pub(super) fn content(
        &mut self,
        slide_span: Span,
        default: Option<LayoutName>,
        raw: &mut RawSlide,
        body: &mut Option<Body>,
    ) -> Option<Content> {
        let written_layout = raw.layout.take();
        let layout_span = written_layout.as_ref().map_or(slide_span, span);
        let layout = match written_layout {
            Some(name) => self.layout_name(name)?,
            None => default.unwrap_or(LayoutName::Standard),
        };
        self.keys_fit_layout(raw, layout);
        let body_written = raw.body.is_some();
        *body = match raw.body.take() {
            Some(written) if takes(layout, "body") => self.body(written),
            _ => None,
        };
        // A caption too long to keep is reported as such, not as missing.
        let caption_too_long = raw
            .caption
            .as_ref()
            .is_some_and(|c| c.value.chars().count() > LONGEST_TEXT);
        let caption = self.caption(raw.caption.take());
        let image_written = raw.image.is_some();
        let alt = match (takes(layout, "alt"), raw.alt.take()) {
            (true, Some(alt)) => self.alt(alt),
            _ => None,
        };
        let page = raw.page.take();
        if let (Some(page), false) = (&page, image_written) {
            self.error(span(page), "`page` needs an `image` on the slide".into());
        }
        let image = if takes(layout, "image") {
            raw.image
                .take()
                .and_then(|path| self.file_ref("image", path))
                .map(|file| self.with_page(file, page))
        } else {
            None
        };
        let read = Read {
            caption,
            caption_too_long,
            image,
            image_written,
            alt,
        };
        match layout {
            LayoutName::Standard => {
                let has_body = body.is_some();
                self.standard(slide_span, read, has_body, body_written)
            }
            LayoutName::Full | LayoutName::ImageLeft | LayoutName::ImageRight => {
                self.with_picture(layout, layout_span, read, raw)
            }
            LayoutName::Pair => self.pair(layout_span, read.caption, raw),
            LayoutName::Quote | LayoutName::Statement => {
                self.quoted(layout, layout_span, read, raw)
            }
        }
    }

    /// Reports each key the slide gives that its layout does not take, as
    /// the table of layout keys says, and `credit` or `alt` on a standard
    /// slide without an image.
    fn keys_fit_layout(&mut self, raw: &RawSlide, layout: LayoutName) {
        for entry in LAYOUT_KEYS {
            let Some(at) = (entry.written)(raw) else {
                continue;
            };
            if entry.goes_with(layout) {
                continue;
            }
            let message = match entry.instead {
                Some((refused, message)) if refused == layout => message.to_string(),
                _ => only_with(entry.key, layout, entry.layouts),
            };
            self.error(at, message);
        }
        if layout == LayoutName::Standard && raw.image.is_none() {
            for (key, value) in [("credit", &raw.credit), ("alt", &raw.alt)] {
                if let Some(value) = value {
                    self.error(
                        span(value),
                        format!("`{key}` needs an `image` on the slide"),
                    );
                }
            }
        }
    }

    /// A standard slide: a caption, an image, both, or a body alone.
    fn standard(
        &mut self,
        slide_span: Span,
        read: Read,
        has_body: bool,
        body_written: bool,
    ) -> Option<Content> {
        let content = match (read.caption, read.image) {
            (Some(caption), Some(image)) => Content::CaptionAndImage {
                caption,
                image,
                alt: read.alt,
            },
            (Some(caption), None) => Content::Caption(caption),
            (None, Some(image)) => Content::Image {
                image,
                alt: read.alt,
            },
            (None, None) if has_body => Content::Body,
            (None, None) => {
                if !read.image_written && !read.caption_too_long && !body_written {
                    let message = "empty slide (a slide needs a `caption`, an `image` or a `body`)";
                    self.error(slide_span, message.into());
                }
                return None;
            }
        };
        Some(content)
    }

    /// A `full`, `image-left` or `image-right` slide: its picture, and the
    /// band or the split it is shown with.
    fn with_picture(
        &mut self,
        layout: LayoutName,
        layout_span: Span,
        read: Read,
        raw: &mut RawSlide,
    ) -> Option<Content> {
        if !read.image_written {
            self.error(layout_span, needs(layout, "an `image`"));
        }
        let (image, alt, caption) = (read.image?, read.alt, read.caption);
        if layout == LayoutName::Full {
            let band = raw.band.take().map_or(Band::Bottom, |b| self.band(b));
            return Some(Content::Full {
                image,
                alt,
                caption,
                band,
            });
        }
        let side = if layout == LayoutName::ImageLeft {
            Side::Left
        } else {
            Side::Right
        };
        let split = raw.split.take().map_or(DEFAULT_SPLIT, |s| self.split(s));
        Some(Content::Beside {
            image,
            alt,
            caption,
            side,
            split,
        })
    }

    /// A `pair` slide: 2 to 4 pictures side by side.
    fn pair(
        &mut self,
        layout_span: Span,
        caption: Option<Caption>,
        raw: &mut RawSlide,
    ) -> Option<Content> {
        let Some(images) = raw.images.take() else {
            self.error(
                layout_span,
                needs(LayoutName::Pair, "`images` (2 to 4 pictures)"),
            );
            return None;
        };
        let count = images.value.len();
        if !PAIR_IMAGES.contains(&count) {
            let message = format!(
                "`images` must list {} to {} pictures (got {count})",
                PAIR_IMAGES.start(),
                PAIR_IMAGES.end()
            );
            self.error(span(&images), message);
        }
        let entries: Vec<Option<PairImage>> = images
            .value
            .into_iter()
            .map(|entry| self.pair_image(entry))
            .collect();
        let images = entries.into_iter().collect::<Option<Vec<_>>>()?;
        PAIR_IMAGES
            .contains(&count)
            .then_some(Content::Pair { images, caption })
    }

    /// A `quote` or `statement` slide: its caption, large.
    fn quoted(
        &mut self,
        layout: LayoutName,
        layout_span: Span,
        read: Read,
        raw: &mut RawSlide,
    ) -> Option<Content> {
        if read.caption.is_none() && !read.caption_too_long {
            self.error(layout_span, needs(layout, "a `caption`"));
        }
        let caption = read.caption?;
        if layout == LayoutName::Statement {
            return Some(Content::Statement(caption));
        }
        let attribution = self.optional_text("attribution", raw.attribution.take());
        Some(Content::Quote {
            quote: caption,
            attribution,
        })
    }

    /// One entry of a `pair` slide's `images:`.
    fn pair_image(&mut self, entry: Spanned<RawPairItem>) -> Option<PairImage> {
        let (referenced, defined) = (entry.referenced, entry.defined);
        let raw = match entry.value {
            RawPairItem::Path(path) => RawPairImage {
                image: Spanned::new(path, referenced, defined),
                caption: None,
                alt: None,
                credit: None,
                fit: None,
                focus: None,
                page: None,
            },
            RawPairItem::Entry(raw) => *raw,
        };
        let page = raw.page;
        let image = self
            .file_ref("image", raw.image)
            .map(|file| self.with_page(file, page));
        let caption = self.caption(raw.caption);
        let alt = raw.alt.and_then(|alt| self.alt(alt));
        let credit = self.optional_text("credit", raw.credit);
        let fit = raw.fit.map_or(Fit::Contain, |fit| self.fit(fit));
        let focus = raw.focus.map_or(Focus::CENTRE, |focus| self.focus(focus));
        Some(PairImage {
            image: image?,
            caption,
            alt,
            credit,
            fit,
            focus,
        })
    }

    /// Reads `alt:`: what the image shows, or decorative when empty.
    fn alt(&mut self, value: Spanned<String>) -> Option<Alt> {
        if value.value.trim().is_empty() {
            return Some(Alt::Decorative(span(&value)));
        }
        self.optional_text("alt", Some(value)).map(Alt::Text)
    }

    /// `file` with the page `page:` names, when it names one from 1 up.
    fn with_page(&mut self, mut file: FileRef, page: Option<Spanned<i64>>) -> FileRef {
        let Some(page) = page else { return file };
        match u32::try_from(page.value) {
            Ok(number) if number >= 1 => {
                file.page = Some(crate::diag::PageChoice {
                    number,
                    span: span(&page),
                });
            }
            _ => self.error(
                span(&page),
                format!("`page` counts from 1 (got {})", page.value),
            ),
        }
        file
    }

    fn band(&mut self, value: Spanned<String>) -> Band {
        match value.value.trim() {
            "bottom" => Band::Bottom,
            "top" => Band::Top,
            other => {
                let message = format!("unknown band `{other}` (expected {})", ticked(Band::NAMES));
                self.error(span(&value), message);
                Band::Bottom
            }
        }
    }

    fn split(&mut self, value: Spanned<f64>) -> f64 {
        if SPLIT.contains(&value.value) {
            value.value
        } else {
            let message = format!(
                "`split` must be from {} to {} (got {})",
                SPLIT.start(),
                SPLIT.end(),
                value.value
            );
            self.error(span(&value), message);
            DEFAULT_SPLIT
        }
    }
}

/// A slide's caption and picture, read before its layout places them.
struct Read {
    caption: Option<Caption>,
    /// The caption was given but is too long to keep (already reported).
    caption_too_long: bool,
    image: Option<FileRef>,
    /// `image:` was given, even if it could not be read.
    image_written: bool,
    alt: Option<Alt>,
}

/// "`band` does not go with layout `quote` (only with `full`; …)".
fn only_with(key: &str, layout: LayoutName, takers: &[LayoutName]) -> String {
    let names: Vec<&str> = takers.iter().map(|layout| layout.name()).collect();
    format!(
        "`{key}` does not go with layout `{}` (only with {}; did you mean `layout: {}`?)",
        layout.name(),
        ticked(&names),
        names[0]
    )
}

/// "layout `full` needs an `image`".
fn needs(layout: LayoutName, what: &str) -> String {
    format!("layout `{}` needs {what}", layout.name())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::body::Inline;
    use crate::diag::Diagnostics;
    use crate::model::{parse_and_validate, Band, Content, Side};

    /// Every problem with `slides` (YAML lines under a section's `slides:`), one line each.
    fn errors(slides: &str) -> Vec<String> {
        let yaml = format!("title: T\nsections:\n  - title: S\n    slides:\n{slides}");
        let mut diagnostics = Diagnostics::new();
        parse_and_validate(&yaml, Path::new("d.yaml"), Path::new(""), &mut diagnostics);
        diagnostics.sorted().iter().map(|d| d.to_string()).collect()
    }

    fn content(slides: &str) -> Content {
        let yaml = format!("title: T\nsections:\n  - title: S\n    slides:\n{slides}");
        let mut diagnostics = Diagnostics::new();
        let deck = parse_and_validate(&yaml, Path::new("d.yaml"), Path::new(""), &mut diagnostics)
            .expect("a deck");
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
        deck.sections()[0].slides()[0].content().clone()
    }

    #[test]
    fn a_caption_holds_its_formulas_typeset_and_reads_an_escaped_dollar() {
        let caption = |slides: &str| content(slides).caption().cloned().expect("a caption");
        let euler = caption("      - caption: 'Euler: $e^{i\\pi}$ for \\$5'\n");
        assert_eq!(euler.text.text, r"Euler: $e^{i\pi}$ for \$5");
        let pieces = euler.formulas.expect("formulas");
        assert_eq!(pieces.len(), 3);
        assert!(matches!(&pieces[1], Inline::Math(math) if math.formula.is_some()));
        assert!(matches!(&pieces[2], Inline::Text { text, .. } if text == " for $5"));
        let price = caption("      - caption: 'costs \\$5 and $10'\n");
        assert_eq!(price.text.text, "costs $5 and $10");
        assert!(price.formulas.is_none());
    }

    #[test]
    fn layouts_read_into_their_content() {
        let full = content("      - layout: full\n        image: a.png\n        band: top\n");
        assert!(matches!(
            full,
            Content::Full {
                band: Band::Top,
                caption: None,
                ..
            }
        ));
        let beside =
            content("      - layout: image-right\n        image: a.png\n        split: 0.3\n");
        assert!(matches!(beside, Content::Beside { side: Side::Right, split, .. } if split == 0.3));
        let quote = content("      - layout: quote\n        caption: Q\n        attribution: A\n");
        assert!(matches!(
            quote,
            Content::Quote {
                attribution: Some(_),
                ..
            }
        ));
        let statement = content("      - layout: statement\n        caption: 42\n");
        assert!(matches!(statement, Content::Statement(text) if text.text.text == "42"));
    }

    #[test]
    fn a_section_sets_the_default_layout() {
        let yaml = "title: T\nsections:\n  - title: S\n    layout: statement\n    slides:\n      - caption: one\n      - caption: two\n        layout: standard\n";
        let mut diagnostics = Diagnostics::new();
        let deck = parse_and_validate(yaml, Path::new("d.yaml"), Path::new(""), &mut diagnostics)
            .expect("a deck");
        let slides = deck.sections()[0].slides();
        assert!(matches!(slides[0].content(), Content::Statement(_)));
        assert!(matches!(slides[1].content(), Content::Caption(_)));
    }

    #[test]
    fn unknown_layouts_and_keys_a_layout_does_not_take_are_errors() {
        assert_eq!(
            errors("      - layout: fulll\n        image: a.png\n"),
            ["error: d.yaml:5:17: unknown layout `fulll` (did you mean `full`?)"]
        );
        assert_eq!(
            errors("      - layout: grid\n        image: a.png\n"),
            ["error: d.yaml:5:17: unknown layout `grid` (expected one of `standard`, `full`, `image-left`, `image-right`, `quote`, `statement` or `pair`)"]
        );
        assert_eq!(
            errors("      - layout: full\n        image: a.png\n        attribution: me\n        split: 0.4\n"),
            [
                "error: d.yaml:7:22: `attribution` does not go with layout `full` (only with `quote`; did you mean `layout: quote`?)",
                "error: d.yaml:8:16: `split` does not go with layout `full` (only with `image-left` or `image-right`; did you mean `layout: image-left`?)",
            ]
        );
        assert_eq!(
            errors("      - caption: c\n        band: top\n"),
            ["error: d.yaml:6:15: `band` does not go with layout `standard` (only with `full`; did you mean `layout: full`?)"]
        );
        assert_eq!(
            errors("      - layout: quote\n        caption: c\n        image: a.png\n"),
            ["error: d.yaml:7:16: `image` does not go with layout `quote` (only with `standard`, `full`, `image-left` or `image-right`; did you mean `layout: standard`?)"]
        );
    }

    #[test]
    fn a_pair_reads_paths_and_entries() {
        let pair = content("      - layout: pair\n        images:\n          - a.png\n          - image: b.png\n            caption: B\n            credit: Photo by C\n            fit: cover\n            focus: [0, 1]\n");
        let Content::Pair { images, caption } = pair else {
            panic!("a pair")
        };
        assert!(caption.is_none());
        assert_eq!(images[0].image.written, "a.png");
        assert_eq!(images[0].image.span.line, 7);
        assert_eq!(images[1].caption.as_ref().unwrap().text.text, "B");
        assert!(images[0].credit.is_none());
        let credit = images[1].credit.as_ref().unwrap();
        assert_eq!(credit.text, "Photo by C");
        assert_eq!((credit.span.line, credit.span.column), (10, 21));
        assert_eq!(images[1].fit, crate::model::Fit::Cover);
        assert_eq!(images[1].focus, crate::model::Focus { x: 0.0, y: 1.0 });
        assert_eq!(
            errors("      - layout: pair\n        images: [a.png, b.png, c.png, d.png, e.png]\n"),
            ["error: d.yaml:6:17: `images` must list 2 to 4 pictures (got 5)"]
        );
        assert_eq!(
            errors("      - layout: pair\n        caption: c\n"),
            ["error: d.yaml:5:17: layout `pair` needs `images` (2 to 4 pictures)"]
        );
        assert_eq!(
            errors("      - caption: c\n        images: [a.png, b.png]\n"),
            ["error: d.yaml:6:17: `images` does not go with layout `standard` (only with `pair`; did you mean `layout: pair`?)"]
        );
        assert_eq!(
            errors("      - layout: pair\n        images:\n          - a.png\n          - imgae: b.png\n"),
            [
                "error: d.yaml:8:13: unknown key `imgae` (did you mean `image`?)",
                "error: d.yaml:8:13: missing required key `image`",
            ]
        );
    }

    #[test]
    fn a_credit_needs_a_picture() {
        assert_eq!(
            errors("      - caption: c\n        credit: me\n"),
            ["error: d.yaml:6:17: `credit` needs an `image` on the slide"]
        );
        assert_eq!(
            errors("      - layout: quote\n        caption: c\n        credit: me\n"),
            ["error: d.yaml:7:17: `credit` does not go with layout `quote` (only with `standard`, `full`, `image-left` or `image-right`; did you mean `layout: standard`?)"]
        );
        assert_eq!(
            errors("      - layout: pair\n        images: [a.png, b.png]\n        credit: me\n"),
            ["error: d.yaml:7:17: `credit` does not go with layout `pair` (give each picture under `images` its own `credit`)"]
        );
    }

    #[test]
    fn a_slide_image_takes_alt_and_empty_alt_is_decorative() {
        use crate::model::Alt;
        let standard = content("      - image: a.png\n        alt: A curve that climbs\n");
        let Some(Alt::Text(alt)) = standard.alt() else {
            panic!("alt text, got {standard:?}")
        };
        assert_eq!(alt.text, "A curve that climbs");
        assert_eq!((alt.span.line, alt.span.column), (6, 14));
        let full = content("      - layout: full\n        image: a.png\n        alt: \"\"\n");
        assert!(matches!(full.alt(), Some(Alt::Decorative(at)) if at.line == 7));
        let beside =
            content("      - layout: image-left\n        image: a.png\n        alt: '  '\n");
        assert!(matches!(beside.alt(), Some(Alt::Decorative(_))));
        let unsaid = content("      - caption: c\n        image: a.png\n");
        assert_eq!(unsaid.alt(), None);
    }

    #[test]
    fn alt_needs_a_slide_image() {
        assert_eq!(
            errors("      - caption: c\n        alt: a chart\n"),
            ["error: d.yaml:6:14: `alt` needs an `image` on the slide"]
        );
        assert_eq!(
            errors("      - layout: pair\n        images: [a.png, b.png]\n        alt: two charts\n"),
            ["error: d.yaml:7:14: `alt` does not go with layout `pair` (only with `standard`, `full`, `image-left` or `image-right`; did you mean `layout: standard`?)"]
        );
    }

    #[test]
    fn a_full_slide_takes_no_background_image() {
        assert_eq!(
            errors("      - layout: full\n        image: a.png\n        background_image: b.png\n"),
            ["error: d.yaml:7:27: `background_image` does not go with layout `full` (its `image` covers the page already)"]
        );
        assert_eq!(
            errors("      - caption: c\n        background: '#12'\n"),
            ["error: d.yaml:6:21: invalid colour `#12` for `background` (expected `#rrggbb` or `#rgb`)"]
        );
    }

    #[test]
    fn a_body_goes_with_a_caption_or_alone() {
        use crate::body::Block;
        let yaml = "title: T\nsections:\n  - title: S\n    slides:\n      - caption: Lead\n        body: |\n          - one\n          - two\n      - body: \"Only *this*\"\n      - layout: full\n        image: a.png\n        body: '- x'\n";
        let mut diagnostics = Diagnostics::new();
        let deck = parse_and_validate(yaml, Path::new("d.yaml"), Path::new(""), &mut diagnostics)
            .expect("a deck");
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
        let slides = deck.sections()[0].slides();
        assert!(matches!(slides[0].content(), Content::Caption(lead) if lead.text.text == "Lead"));
        let body = slides[0].body().expect("a body");
        assert!(matches!(&body.blocks[..], [Block::List(list)] if list.items.len() == 2));
        // A block scalar's place is its first line.
        assert_eq!((body.span.line, body.span.column), (7, 11));
        // Only a body: a content of its own, with no caption.
        assert!(matches!(slides[1].content(), Content::Body));
        assert!(slides[1].caption().is_none());
        assert!(slides[1].caption().is_none());
        assert!(slides[1].body().is_some());
        assert!(matches!(slides[2].content(), Content::Full { .. }));
        assert!(slides[2].body().is_some());
        let texts: Vec<&str> = deck.texts().map(|(text, _)| text).collect();
        assert!(
            texts.contains(&"two") && texts.contains(&"this"),
            "{texts:?}"
        );
    }

    #[test]
    fn body_problems_point_into_the_deck_file() {
        assert_eq!(
            errors("      - layout: quote\n        caption: c\n        body: x\n"),
            ["error: d.yaml:7:15: `body` does not go with layout `quote` (only with `standard`, `full`, `image-left`, `image-right` or `pair`; did you mean `layout: standard`?)"]
        );
        assert_eq!(
            errors("      - title: Code\n        body: |\n          Text\n\n          ```rust\n          fn main() {}\n"),
            ["error: d.yaml:9:11: the code block opened with ``` is never closed (end it with a line of ```)"]
        );
        assert_eq!(
            errors("      - body: |\n          :::: columns\n          Left\n          ::::\n"),
            ["error: d.yaml:7:11: inside `columns`, every block stands in a `::: column` div"]
        );
        assert_eq!(
            errors("      - body: See [the results](#results) and `code`\n"),
            ["error: d.yaml:5:19: the link `#results` names no slide (give the slide to open `id: results`)"]
        );
        assert_eq!(
            errors("      - body: |\n          | a |\n          |---|\n\n          [x](#nowhere)\n"),
            ["error: d.yaml:9:11: the link `#nowhere` names no slide (give the slide to open `id: nowhere`)"]
        );
        assert_eq!(
            errors("      - title: t\n"),
            ["error: d.yaml:5:9: empty slide (a slide needs a `caption`, an `image` or a `body`)"]
        );
    }

    #[test]
    fn layouts_need_their_content_and_values_in_range() {
        assert_eq!(
            errors("      - layout: full\n        caption: c\n"),
            ["error: d.yaml:5:17: layout `full` needs an `image`"]
        );
        assert_eq!(
            errors("      - layout: statement\n        title: t\n"),
            ["error: d.yaml:5:17: layout `statement` needs a `caption`"]
        );
        assert_eq!(
            errors("      - layout: image-left\n        image: a.png\n        split: 0.9\n"),
            ["error: d.yaml:7:16: `split` must be from 0.3 to 0.7 (got 0.9)"]
        );
        assert_eq!(
            errors("      - layout: full\n        image: a.png\n        band: middle\n"),
            ["error: d.yaml:7:15: unknown band `middle` (expected `bottom` or `top`)"]
        );
    }
}
