//! HTML comments: `<!-- deckgen: {...} -->` gives a slide the keys
//! Markdown has no spelling for, Marp's directives (`<!-- _class: invert
//! -->`) map where deckgen has the same thing, and in a Marp deck any
//! other comment is speaker notes.

use serde_saphyr::Spanned;

use crate::diag::Diagnostics;
use crate::model::check_slide_keys;
use crate::model::raw::RawSlide;
use crate::source;

use super::front_matter::Levels;
use super::position::moved_span;
use super::slide::moved_keys;
use super::Reading;

/// What a comment is.
pub(crate) enum Comment {
    /// `deckgen:` and slide keys.
    Keys(Box<RawSlide>),
    /// Marp directives.
    Looks(Box<Looks>),
    /// Anything else: speaker notes, in a Marp deck.
    Note(String),
    /// An empty comment, or one whose keys could not be read (reported).
    Nothing,
}

/// The page colour Marp's `invert` class gives: the `dark` preset's.
const INVERT_BACKGROUND: &str = "#1d1d1f";

/// The directives Marp has, beside the ones mapped here.
const OTHER_DIRECTIVES: &[&str] = &[
    "paginate",
    "header",
    "footer",
    "backgroundPosition",
    "backgroundRepeat",
    "backgroundSize",
    "theme",
    "style",
    "headingDivider",
    "size",
    "math",
    "title",
    "author",
    "description",
    "image",
    "keywords",
    "url",
    "lang",
    "marp",
    "transition",
    // The first Marp's (`<!-- $theme: gaia -->`, `<!-- *template: invert -->`).
    "template",
    "page_number",
    "prerender",
    "width",
    "height",
];

/// Whether `name` is one of Marp's directives, `_name` for one slide.
fn is_directive(name: &str) -> bool {
    // Marp's first version wrote `$theme` for the deck, `*template` for a slide.
    if name.len() > 1 && name.starts_with(['$', '*']) {
        return true;
    }
    let bare = name.strip_prefix('_').unwrap_or(name);
    ["class", "backgroundColor", "color", "backgroundImage"].contains(&bare)
        || OTHER_DIRECTIVES.contains(&bare)
}

/// Whether comment `body` is Marp directives, one `name: value` a line.
pub(crate) fn is_directives(body: &str) -> bool {
    let mut lines = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .peekable();
    lines.peek().is_some()
        && lines.all(|line| {
            line.split_once(':')
                .is_some_and(|(name, _)| is_directive(name.trim()))
        })
}

/// A slide's look as Marp's directives set it.
#[derive(Debug, Default)]
pub(crate) struct LookSet {
    pub background: Option<Spanned<String>>,
    pub text_color: Option<Spanned<String>>,
    pub background_image: Option<Spanned<String>>,
}

impl LookSet {
    /// `near`'s values, and `self`'s where `near` sets none.
    fn under(&mut self, near: LookSet) {
        let LookSet {
            background,
            text_color,
            background_image,
        } = near;
        if background.is_some() {
            self.background = background;
        }
        if text_color.is_some() {
            self.text_color = text_color;
        }
        if background_image.is_some() {
            self.background_image = background_image;
        }
    }

    fn clone_set(&self) -> LookSet {
        let copy = |value: &Option<Spanned<String>>| {
            value
                .as_ref()
                .map(|v| Spanned::new(v.value.clone(), v.referenced, v.defined))
        };
        LookSet {
            background: copy(&self.background),
            text_color: copy(&self.text_color),
            background_image: copy(&self.background_image),
        }
    }
}

/// Directives of one slide: `_name` ones for it alone, `name` ones for it
/// and the slides after it.
#[derive(Debug, Default)]
pub(crate) struct Looks {
    pub spot: LookSet,
    pub local: LookSet,
}

impl Looks {
    /// Adds the directives of another comment on the same slide.
    pub(crate) fn spot(&mut self, more: Looks) {
        self.spot.under(more.spot);
        self.local.under(more.local);
    }

    /// Takes the local directives in force from `carried` (earlier
    /// slides') and leaves this slide's for the slides after it.
    pub(crate) fn carry(&mut self, carried: &mut LookSet) {
        carried.under(std::mem::take(&mut self.local));
        self.local = carried.clone_set();
    }

    /// Sets the slide's keys the directives give, where nothing else has.
    pub(crate) fn apply(self, slide: &mut RawSlide) {
        let mut looks = self.local;
        looks.under(self.spot);
        if slide.background.is_none() {
            slide.background = looks.background;
        }
        if slide.text_color.is_none() {
            slide.text_color = looks.text_color;
        }
        // A `full` slide's picture covers the page: Marp draws it over
        // the background image, deckgen takes the picture alone.
        let full = slide.layout.as_ref().is_some_and(|l| l.value == "full");
        if slide.background_image.is_none() && !full {
            slide.background_image = looks.background_image;
        }
    }
}

/// The path in a CSS `url(...)`, or `value` itself; `None` for another
/// CSS function (`linear-gradient(...)`), which names no picture.
pub(crate) fn css_url(value: &str) -> Option<&str> {
    let value = value.trim();
    let path = match value.strip_prefix("url(") {
        Some(rest) => rest.strip_suffix(')').unwrap_or(rest),
        None if value.ends_with(')') && value.contains('(') => return None,
        None => value,
    };
    Some(path.trim().trim_matches(|c| c == '"' || c == '\''))
}

/// The note a `backgroundImage` that is no picture gets.
pub(crate) fn not_a_picture(value: &str) -> String {
    format!(
        "Marp background `{}` is no picture (deckgen takes `url(...)`); it is ignored",
        value.trim()
    )
}

/// A colour as CSS writes it (`navy`, `rgb(0 0 128)`), as Marp takes it,
/// in deckgen's `#rrggbb`; anything else as it is, for the deck's check.
pub(crate) fn css_colour(value: &str) -> String {
    let value = value.trim();
    if crate::color::Color::parse(value).is_some() {
        return value.to_string();
    }
    match parse_css_colour(value) {
        Some(c) if c.alpha == 255 => format!("#{:02x}{:02x}{:02x}", c.red, c.green, c.blue),
        _ => value.to_string(),
    }
}

/// `value` as a CSS colour: svgtypes reads SVG's names and CSS's forms;
/// `rebeccapurple`, the one name CSS added since, is read here.
pub(crate) fn parse_css_colour(value: &str) -> Option<svgtypes::Color> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("rebeccapurple") {
        return Some(svgtypes::Color::new_rgb(0x66, 0x33, 0x99));
    }
    value.parse::<svgtypes::Color>().ok()
}

/// The page colour Marp's class `word` gives: `invert`'s dark one.
pub(crate) fn class_background(word: &str) -> Option<&'static str> {
    (word == "invert").then_some(INVERT_BACKGROUND)
}

/// The note a Marp class deckgen has no counterpart for gets.
pub(crate) fn class_note(word: &str) -> String {
    format!("Marp class `{word}` has no deckgen counterpart; it is ignored")
}

/// The levels a `<!-- headingDivider: ... -->` comment gives, when
/// `body` is Marp directives that set it: the last one in the file holds,
/// as for any global directive in Marp.
pub(crate) fn heading_divider(body: &str) -> Option<Levels> {
    body.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if name.trim() != "headingDivider" {
            return None;
        }
        let value = value.trim();
        if let Ok(level) = value.parse::<u8>() {
            return (1..=6).contains(&level).then(|| Levels::up_to(level));
        }
        let list = value.strip_prefix('[')?.strip_suffix(']')?;
        let levels: Option<Vec<u8>> = list
            .split(',')
            .map(|level| {
                level
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .filter(|l| (1..=6).contains(l))
            })
            .collect();
        levels.map(Levels)
    })
}

/// Reads the comment `body`, which starts at byte `at`.
pub(crate) fn read_comment(body: &str, at: usize, reading: &mut Reading<'_>) -> Comment {
    let trimmed = body.trim_start();
    let lead = body.len() - trimmed.len();
    if let Some(keys) = trimmed.strip_prefix("deckgen:") {
        let keys_at = at + lead + "deckgen:".len();
        return read_keys(keys, keys_at, reading);
    }
    if reading.marp {
        // Marp's fitting heading (`# <!-- fit --> Title`): deckgen fits
        // every title to its box already.
        if body.trim() == "fit" {
            return Comment::Nothing;
        }
        if let Some(looks) = read_directives(body, at, reading) {
            return Comment::Looks(Box::new(looks));
        }
    }
    match body.trim() {
        "" => Comment::Nothing,
        text => Comment::Note(text.to_string()),
    }
}

/// Slide keys written in YAML after `deckgen:`, read at their place.
fn read_keys(keys: &str, at: usize, reading: &mut Reading<'_>) -> Comment {
    if keys.trim().is_empty() {
        let message =
            "the `deckgen:` comment gives no keys (as in `<!-- deckgen: {layout: quote} -->`)";
        reading.error(at, message);
        return Comment::Nothing;
    }
    // Read on its own, then moved to its place: the comment's keys as the
    // YAML reader would see them at the top of a file.
    let base = reading.lines.span(at);
    let mut found = Diagnostics::new();
    let keys_known = check_slide_keys(keys, reading.shown, &mut found);
    let parsed = source::parse::<RawSlide>(keys, reading.shown, &mut found);
    for problem in found.sorted() {
        let mut problem = problem.clone();
        problem.span = problem.span.map(|span| moved_span(span, base));
        reading.diagnostics.push(problem);
    }
    match parsed {
        Some(keys) if keys_known => Comment::Keys(Box::new(moved_keys(keys, base))),
        _ => Comment::Nothing,
    }
}

/// Marp directives, one `name: value` a line; `None` when a line is
/// anything else (the comment is then a note).
fn read_directives(body: &str, at: usize, reading: &mut Reading<'_>) -> Option<Looks> {
    let mut found = Vec::new();
    let mut offset = at;
    for line in body.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let (name, value) = line.split_once(':')?;
        let lead = name.len() - name.trim_start().len();
        let name = name.trim();
        if !is_directive(name) {
            return None;
        }
        let value_lead = value.len() - value.trim_start().len();
        let value_at = here + lead + name.len() + 1 + value_lead;
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        found.push((name.to_string(), value.to_string(), here + lead, value_at));
    }
    if found.is_empty() {
        return None;
    }
    let mut looks = Looks::default();
    for (name, value, name_at, value_at) in found {
        let spot = name.starts_with('_');
        let set = if spot {
            &mut looks.spot
        } else {
            &mut looks.local
        };
        let lines = reading.lines;
        let spanned = |value: String| lines.spanned(value, value_at);
        match name.trim_start_matches('_') {
            "backgroundColor" => set.background = Some(spanned(css_colour(&value))),
            "color" => set.text_color = Some(spanned(css_colour(&value))),
            "backgroundImage" => match css_url(&value) {
                Some(path) => {
                    if reading.picture_is_there(path, value_at) {
                        set.background_image = Some(spanned(path.to_string()));
                    }
                }
                None => reading.note(value_at, not_a_picture(&value)),
            },
            "class" => {
                for word in value.split_whitespace() {
                    match class_background(word) {
                        Some(colour) => set.background = Some(spanned(colour.to_string())),
                        None => reading.note(value_at, class_note(word)),
                    }
                }
            }
            // Read before the slides are split (see `heading_divider`).
            "headingDivider" if !spot => {}
            _ => {
                let message = format!(
                    "Marp directive `{name}` has no deckgen counterpart here; it is ignored"
                );
                reading.note(name_at, message);
            }
        }
    }
    Some(looks)
}
