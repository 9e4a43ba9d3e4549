//! One slide's blocks to a raw slide, the same value a YAML deck's slide
//! is read into: a title, a caption, pictures, notes and the keys a
//! `<!-- deckgen: ... -->` comment gives.

use std::ops::Range;

use serde_saphyr::Spanned;

use crate::model::raw::{RawPairImage, RawPairItem, RawSlide};
use crate::model::PAIR_IMAGES;

use super::blocks::{Block, Image};
use super::directives::{self, Looks};
use super::marp::{self, Background};
use super::position::{moved, Lines};
use super::Reading;
use crate::diag::Span;

/// The parts of a slide as the Markdown gives them.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// Where the slide starts: its heading, rule or first block.
    pub start: usize,
    pub title: Option<(String, usize)>,
    /// The title heading's `{#id}`.
    pub id: Option<(String, usize)>,
    pub texts: Vec<(String, usize)>,
    /// Where the texts stand in the file: the slide's body, when `rich`.
    pub content: Vec<Range<usize>>,
    /// Whether any text is more than plain words (a list, code, emphasis...):
    /// then the texts are the slide's body, not its caption.
    pub rich: bool,
    /// What stands among the texts but is not the slide's body: the
    /// pictures shown as its image, its notes.
    pub left_out: Vec<Range<usize>>,
    pub images: Vec<Image>,
    /// Marp's `![bg]` pictures.
    pub backgrounds: Vec<Background>,
    pub notes: Vec<(String, usize)>,
    /// The keys of `<!-- deckgen: ... -->` comments, in order.
    pub keys: Vec<RawSlide>,
    /// Marp's per-slide directives.
    pub looks: Looks,
    /// Pictures whose file is not there, until the slide is made (see
    /// `leave_out_missing`).
    pub missing: Vec<Image>,
    /// Whether a picture was left out because its file is not there.
    pub picture_missing: bool,
}

impl Draft {
    /// Whether the slide has nothing to show or say.
    pub(crate) fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.texts.is_empty()
            && self.images.is_empty()
            && self.backgrounds.is_empty()
            && self.keys.is_empty()
    }

    /// Whether the slide had only pictures to show, and none of them is
    /// there: Marp shows a blank page, and deckgen, which draws no empty
    /// slide, leaves it out (each picture has its warning).
    pub(crate) fn shows_nothing_for_want_of_pictures(&self) -> bool {
        (self.picture_missing || !self.missing.is_empty())
            && self.is_empty()
            && self.notes.is_empty()
    }

    /// Leaves out the pictures whose file is not there, each with a
    /// warning: the slide is made without them. One inside the body's
    /// text (in a list item, say) stays there, for the body's reader to
    /// show its description in its place, and warn.
    pub(crate) fn leave_out_missing(&mut self, reading: &mut Reading<'_>) {
        for image in std::mem::take(&mut self.missing) {
            let in_body = self.rich
                && self
                    .content
                    .iter()
                    .any(|text| text.start <= image.at && image.end <= text.end);
            if !in_body {
                self.left_out.push(image.at..image.end);
                reading.leave_out_missing(&image.url, image.at);
            }
            self.picture_missing = true;
        }
    }

    /// Adds `block` to the slide. A heading becomes the title when
    /// `titled` and the slide has none yet; other headings are text.
    pub(crate) fn add(&mut self, block: &Block, titled: bool, reading: &mut Reading<'_>) {
        match block {
            Block::Heading { text, id, at, .. } if titled && self.title.is_none() => {
                self.title = Some((text.clone(), *at));
                self.id = id.clone().map(|id| (id, *at));
            }
            Block::Heading { text, at, end, .. } => {
                // A heading under the title is a body's heading.
                self.texts.push((text.clone(), *at));
                self.content.push(*at..*end);
                self.rich = true;
            }
            Block::Text {
                text,
                at,
                end,
                rich,
            } => {
                self.texts.push((text.clone(), *at));
                self.content.push(*at..*end);
                self.rich |= rich;
            }
            Block::Rule { .. } => {}
            Block::Image(image) if reading.marp => {
                let written = image.at..image.end;
                match marp::read_image(image, reading) {
                    marp::Picture::Background(background) => {
                        self.left_out.push(written);
                        if reading.picture_is_there(&background.image.url, background.image.at) {
                            self.backgrounds.push(background);
                        } else {
                            self.picture_missing = true;
                        }
                    }
                    marp::Picture::Inline(image) if reading.is_missing(&image.url) => {
                        self.missing.push(image);
                    }
                    marp::Picture::Inline(image) => {
                        self.left_out.push(written);
                        self.images.push(image);
                    }
                    marp::Picture::Colour {
                        background,
                        colour,
                        at,
                    } => {
                        self.left_out.push(written);
                        let colour = Some(reading.lines.spanned(colour, at));
                        let this_slide = &mut self.looks.spot;
                        if background {
                            this_slide.background = colour;
                        } else {
                            this_slide.text_color = colour;
                        }
                    }
                }
            }
            Block::Image(image) if reading.is_missing(&image.url) => {
                self.missing.push(image.clone());
            }
            Block::Image(image) => {
                self.left_out.push(image.at..image.end);
                self.images.push(image.clone());
            }
            Block::Notes { text, at, end } => {
                self.notes.push((text.clone(), *at));
                self.left_out.push(*at..*end);
            }
            Block::Comment { body, at } => match directives::read_comment(body, *at, reading) {
                directives::Comment::Keys(keys) => self.keys.push(*keys),
                directives::Comment::Looks(looks) => self.looks.spot(*looks),
                directives::Comment::Note(text) if reading.marp => {
                    self.notes.push((text, *at));
                }
                directives::Comment::Note(_) | directives::Comment::Nothing => {}
            },
        }
    }

    /// The raw slide, spanned at its start.
    pub(crate) fn into_raw(mut self, reading: &mut Reading<'_>) -> Spanned<RawSlide> {
        self.leave_out_missing(reading);
        let lines = reading.lines;
        let mut slide = RawSlide::default();
        let statement = self.texts.is_empty()
            && self.images.is_empty()
            && self.backgrounds.is_empty()
            && self.title.is_some();
        if let Some((title, at)) = self.title {
            let title = lines.spanned(title, at);
            if statement {
                slide.layout = Some(lines.spanned("statement".into(), at));
                slide.caption = Some(title);
            } else {
                slide.title = Some(title);
            }
        }
        // Marp shows a slide's heading once, and no title on a slide
        // without one: such a slide is untitled (`title: ""`), not given
        // its section's title, which in a Marp deck is the deck's.
        if reading.marp && slide.title.is_none() {
            slide.title = Some(lines.spanned(String::new(), self.start));
        }
        if let Some((id, at)) = self.id {
            slide.id = Some(lines.spanned(id, at));
        }
        let pictured = !self.images.is_empty() || !self.backgrounds.is_empty();
        if let Some(quoted) = quotation(&self.texts, lines).filter(|_| !pictured) {
            slide.layout = Some(lines.spanned("quote".into(), quoted.at));
            slide.caption = Some(lines.spanned(quoted.quote, quoted.at));
            slide.attribution = Some(lines.spanned(quoted.by, quoted.by_at));
        } else if self.rich {
            let mut left_out = self.left_out;
            left_out.sort_by_key(|range| range.start);
            if let Some((body, at)) = body_text(lines.text(), &self.content, &left_out) {
                slide.body = Some(lines.spanned(body, at));
            }
        } else if let Some((_, at)) = self.texts.first() {
            // Plain words stay a caption, as Markdown decks always had.
            let caption: Vec<&str> = self.texts.iter().map(|(text, _)| text.as_str()).collect();
            slide.caption = Some(lines.spanned(caption.join("\n"), *at));
        }
        if let Some((_, at)) = self.notes.first() {
            let notes: Vec<&str> = self.notes.iter().map(|(text, _)| text.as_str()).collect();
            slide.notes = Some(lines.spanned(notes.join("\n\n"), *at));
        }
        if !self.backgrounds.is_empty() {
            marp::place_backgrounds(self.backgrounds, &mut slide, reading);
            if let Some(image) = self.images.first() {
                let message = "a slide with a `![bg]` picture shows no other picture (make it a `![bg]` too, for a pair)";
                reading.error(image.at, message);
            }
        } else {
            let images = at_most_a_pair(self.images, |image| image.at, reading);
            place_images(images, &mut slide, reading);
        }
        self.looks.apply(&mut slide);
        for keys in self.keys {
            over(&mut slide, keys);
        }
        lines.spanned(slide, self.start)
    }
}

/// A quotation and who said it, each with where it starts.
struct Quoted {
    quote: String,
    at: usize,
    by: String,
    by_at: usize,
}

/// A slide's text as a quotation: a `> quote` block, then `— Name` in a
/// paragraph of its own or on the quote's own last line (after an empty
/// `>` line). The marks around the quote are left to the layout.
fn quotation(texts: &[(String, usize)], lines: &Lines<'_>) -> Option<Quoted> {
    let ((quote, at), rest) = texts.split_first()?;
    if !lines.from(*at).starts_with('>') {
        return None;
    }
    let (quote, by, by_at) = match rest {
        [] => {
            let (quote, by) = quote.rsplit_once('\n')?;
            (quote, by, *at)
        }
        [(by, by_at)] => (quote.as_str(), by.as_str(), *by_at),
        _ => return None,
    };
    let by = ["—", "–", "―", "--"]
        .iter()
        .find_map(|dash| by.trim().strip_prefix(dash))?
        .trim();
    let quote = quote.trim();
    let marks: &[char] = &['"', '“', '”', '„', '«', '»'];
    let unmarked = quote
        .trim_start_matches(marks)
        .trim_end_matches(marks)
        .trim();
    (!by.is_empty() && !unmarked.is_empty()).then(|| Quoted {
        quote: unmarked.to_string(),
        at: *at,
        by: by.to_string(),
        by_at,
    })
}

/// A slide's body: the file's text from its first block to its last, as
/// written, everything but `content` blanked (pictures, notes, comments
/// and directives between the blocks), and `left_out` (in file order) too.
/// Blanking keeps every line and column, so problems in the body point at
/// the file. With where it starts; `None` when nothing is left.
fn body_text(
    source: &str,
    content: &[Range<usize>],
    left_out: &[Range<usize>],
) -> Option<(String, usize)> {
    let start = content.first()?.start;
    // What stays, in file order: the blocks, less what is left out of
    // them (both come in file order).
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut left_out = left_out.iter().peekable();
    for block in content {
        let mut from = block.start;
        while let Some(out) = left_out.next_if(|out| out.start < block.end) {
            if out.start >= from {
                kept.push(from..out.start);
                from = out.end;
            }
        }
        kept.push(from..block.end.max(from));
    }
    let blank = |text: &str| -> String {
        text.chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect()
    };
    let mut text = String::new();
    let mut at = start;
    for range in kept {
        let (Some(between), Some(block)) = (source.get(at..range.start), source.get(range.clone()))
        else {
            continue;
        };
        text += &blank(between);
        text += block;
        at = range.end;
    }
    // Lines left blank hold nothing, not spaces (trailing spaces on a line
    // with text are Markdown's line break, and stay).
    let text: Vec<&str> = text
        .split('\n')
        .map(|line| if line.trim().is_empty() { "" } else { line })
        .collect();
    let text = text.join("\n").trim_end().to_string();
    (!text.trim().is_empty()).then_some((text, start))
}

/// `pictures`, the ones past what a `pair` shows reported at the first
/// of them (`at` says where each is) and left out.
pub(crate) fn at_most_a_pair<T>(
    mut pictures: Vec<T>,
    at: impl Fn(&T) -> usize,
    reading: &mut Reading<'_>,
) -> Vec<T> {
    let most = *PAIR_IMAGES.end();
    if let Some(first_extra) = pictures.get(most) {
        let message = format!(
            "a slide shows at most {most} pictures side by side (got {})",
            pictures.len()
        );
        reading.error(at(first_extra), message);
        pictures.truncate(most);
    }
    pictures
}

/// One picture is the slide's image (its quoted title the credit); two
/// to four make a `pair`.
fn place_images(images: Vec<Image>, slide: &mut RawSlide, reading: &Reading<'_>) {
    let lines = reading.lines;
    match images.len() {
        0 => {}
        1 => {
            let image = &images[0];
            slide.image = Some(lines.spanned(image.url.clone(), image.at));
            slide.alt = alt_of(image, lines);
            if !image.title.trim().is_empty() {
                slide.credit = Some(lines.spanned(image.title.clone(), image.at));
            }
        }
        _ => {
            let at = images[0].at;
            slide.layout = Some(lines.spanned("pair".into(), at));
            let entries = images
                .iter()
                .map(|image| pair_entry(image, None, lines))
                .collect();
            slide.images = Some(lines.spanned(entries, at));
        }
    }
}

/// The picture's bracket text as its `alt`; none when it has none.
pub(crate) fn alt_of(image: &Image, lines: &Lines<'_>) -> Option<Spanned<String>> {
    let alt = image.alt.trim();
    (!alt.is_empty()).then(|| lines.spanned(alt.to_string(), image.alt_at))
}

/// `image` as an entry of a `pair`, its bracket text the `alt` and its
/// quoted title the credit.
pub(crate) fn pair_entry(
    image: &Image,
    fit: Option<(&str, usize)>,
    lines: &Lines<'_>,
) -> Spanned<RawPairItem> {
    let entry = RawPairImage {
        image: lines.spanned(image.url.clone(), image.at),
        caption: None,
        alt: alt_of(image, lines),
        credit: (!image.title.trim().is_empty())
            .then(|| lines.spanned(image.title.clone(), image.at)),
        page: None,
        fit: fit.map(|(fit, at)| lines.spanned(fit.to_string(), at)),
        focus: None,
    };
    lines.spanned(RawPairItem::Entry(Box::new(entry)), image.at)
}

/// Calls the macro `$then` with every key of `RawSlide`: the one list the
/// walks over a slide's keys share. They destructure the slide whole, so a
/// key added to `RawSlide` and not here stops the build.
macro_rules! with_slide_keys {
    ($then:ident) => {
        $then!(
            id,
            title,
            caption,
            body,
            image,
            alt,
            page,
            fit,
            notes,
            link,
            transition,
            transition_duration,
            incremental,
            credit,
            background,
            background_image,
            text_color,
            focus,
            layout,
            band,
            split,
            images,
            attribution
        )
    };
}

/// `keys` over `slide`: each key `keys` sets wins.
pub(crate) fn over(slide: &mut RawSlide, keys: RawSlide) {
    macro_rules! set {
        ($($key:ident),*) => {
            let RawSlide { $($key),* } = keys;
            $(if $key.is_some() {
                slide.$key = $key;
            })*
        };
    }
    with_slide_keys!(set);
}

/// `keys`, read from a comment that starts at `base` of the file, with
/// every value at its place in the file.
pub(crate) fn moved_keys(keys: RawSlide, base: Span) -> RawSlide {
    let mut slide = RawSlide::default();
    macro_rules! moved {
        ($($key:ident),*) => {
            let RawSlide { $($key),* } = keys;
            $(slide.$key = $key.map(|value| moved(value, base));)*
        };
    }
    with_slide_keys!(moved);
    if let Some(images) = &mut slide.images {
        let items = std::mem::take(&mut images.value);
        images.value = items
            .into_iter()
            .map(|item| moved(item, base))
            .map(|mut item| {
                if let RawPairItem::Entry(entry) = &mut item.value {
                    moved_entry(entry, base);
                }
                item
            })
            .collect();
    }
    slide
}

/// A `pair` entry's values at their place in the file.
fn moved_entry(entry: &mut RawPairImage, base: Span) {
    let RawPairImage {
        image,
        caption,
        alt,
        credit,
        fit,
        focus,
        page,
    } = entry;
    *image = moved(
        Spanned::new(
            std::mem::take(&mut image.value),
            image.referenced,
            image.defined,
        ),
        base,
    );
    *caption = caption.take().map(|value| moved(value, base));
    *alt = alt.take().map(|value| moved(value, base));
    *credit = credit.take().map(|value| moved(value, base));
    *fit = fit.take().map(|value| moved(value, base));
    *focus = focus.take().map(|value| moved(value, base));
    *page = page.take().map(|value| moved(value, base));
}
