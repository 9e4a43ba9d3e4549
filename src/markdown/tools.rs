//! The front-matter keys Marp and Pandoc define, and what each does
//! there: a talk written for either tool builds with its header as it is.
//! The keys deckgen maps are read in `front_matter`; the others are
//! accepted with one note each, naming the key, what it does in its tool
//! and that deckgen ignores it. A key neither tool defines is a template's
//! own (noted once for the deck in `front_matter`) unless it is a near
//! miss of one of these, and an unknown key that one of them defines says
//! so.

/// A key one of the tools defines and deckgen leaves aside.
pub(crate) struct ToolKey {
    pub name: &'static str,
    /// Whose key it is: `Marp`, `Pandoc` (any writer), `Beamer`...
    pub tool: &'static str,
    /// What it does there, in a few words.
    pub does: &'static str,
}

const fn key(name: &'static str, tool: &'static str, does: &'static str) -> ToolKey {
    ToolKey { name, tool, does }
}

/// Marp's directives that set one slide's look, and the slides after it
/// (`_name` for that slide alone). Front matter maps some of them; the
/// others, and every `_name` front matter does not map, are ignored.
pub(crate) const MARP_LOCAL: &[ToolKey] = &[
    key("paginate", "Marp", "the page number"),
    key("header", "Marp", "the header"),
    key("footer", "Marp", "the footer"),
    key("class", "Marp", "the slide's CSS classes"),
    key("backgroundColor", "Marp", "the background colour"),
    key("backgroundImage", "Marp", "the background image"),
    key(
        "backgroundPosition",
        "Marp",
        "where the background image sits",
    ),
    key(
        "backgroundRepeat",
        "Marp",
        "whether the background image repeats",
    ),
    key(
        "backgroundSize",
        "Marp",
        "how large the background image is",
    ),
    key("color", "Marp", "the text colour"),
    key("transition", "Marp", "the transition"),
];

/// The keys deckgen ignores, by tool.
pub(crate) const IGNORED: &[ToolKey] = &[
    // Marp and Marp Core
    key("style", "Marp", "CSS added to the theme"),
    key("description", "Marp", "the HTML page's description"),
    key(
        "image",
        "Marp",
        "the picture shown where the talk's link is shared",
    ),
    key("url", "Marp", "the talk's canonical address"),
    key(
        "html",
        "Marp CLI",
        "letting the slides hold HTML, which deckgen reads anyway",
    ),
    // Jekyll, for a talk that is also a page of a site
    key("layout", "Jekyll", "the page's layout"),
    key("permalink", "Jekyll", "the page's address"),
    key("collection", "Jekyll", "the collection the page belongs to"),
    key("published", "Jekyll", "whether the page is published"),
    key("categories", "Jekyll", "the page's categories"),
    key("tags", "Jekyll", "the page's tags"),
    key("excerpt", "Jekyll", "the page's excerpt"),
    // Pandoc, every writer
    key("abstract", "Pandoc", "a summary shown before the slides"),
    key("abstract-title", "Pandoc", "the heading of the abstract"),
    key("keywords", "Marp and Pandoc", "the document's keywords"),
    key("subject", "Pandoc", "the document's subject"),
    key("category", "Pandoc", "the document's category"),
    key("dir", "Pandoc", "the text's direction"),
    key("thanks", "Pandoc", "a footnote to the title"),
    key("header-includes", "Pandoc", "raw code for the preamble"),
    key("include-before", "Pandoc", "raw code before the slides"),
    key("include-after", "Pandoc", "raw code after the slides"),
    key("include-in-header", "Pandoc", "a file for the preamble"),
    key(
        "bibliography",
        "Pandoc",
        "the citations' bibliography files",
    ),
    key("csl", "Pandoc", "the citation style"),
    key("citation-style", "Pandoc", "the citation style"),
    key("references", "Pandoc", "the citations' references"),
    key("nocite", "Pandoc", "references listed without a citation"),
    key(
        "link-citations",
        "Pandoc",
        "whether citations link to their reference",
    ),
    key(
        "link-bibliography",
        "Pandoc",
        "whether references carry links",
    ),
    key(
        "reference-section-title",
        "Pandoc",
        "the heading of the references",
    ),
    key(
        "suppress-bibliography",
        "Pandoc",
        "whether the references are left out",
    ),
    key(
        "notes-after-punctuation",
        "Pandoc",
        "where footnote marks go",
    ),
    key("toc", "Pandoc", "a table of contents"),
    key("toc-title", "Pandoc", "the table of contents' heading"),
    key("toc-depth", "Pandoc", "how deep the table of contents goes"),
    key("lof", "Pandoc", "a list of figures"),
    key("lot", "Pandoc", "a list of tables"),
    key("pagetitle", "Pandoc", "the HTML page's title"),
    key(
        "title-prefix",
        "Pandoc",
        "a prefix to the HTML page's title",
    ),
    key("css", "Pandoc", "style sheets for the HTML slides"),
    key(
        "document-css",
        "Pandoc",
        "the HTML slides' default style sheet",
    ),
    key(
        "highlight-style",
        "Pandoc",
        "the colours of highlighted code",
    ),
    key("number-sections", "Pandoc", "whether sections are numbered"),
    key("secnumdepth", "Pandoc", "how deep sections are numbered"),
    key(
        "output",
        "R Markdown",
        "the output formats and their options",
    ),
    key("format", "Quarto", "the output formats and their options"),
    // Pandoc's LaTeX and Beamer
    key("fontsize", "Beamer", "the type size"),
    key("fontfamily", "Beamer", "the LaTeX font package"),
    key("fontfamilyoptions", "Beamer", "the font package's options"),
    key("mainfont", "Beamer", "the main font"),
    key("sansfont", "Beamer", "the sans-serif font"),
    key("monofont", "Beamer", "the monospaced font"),
    key("mathfont", "Beamer", "the math font"),
    key("romanfont", "Beamer", "the serif font"),
    key("CJKmainfont", "Beamer", "the CJK font"),
    key("mainfontoptions", "Beamer", "the main font's options"),
    key("sansfontoptions", "Beamer", "the sans-serif font's options"),
    key("monofontoptions", "Beamer", "the monospaced font's options"),
    key("romanfontoptions", "Beamer", "the serif font's options"),
    key("mathfontoptions", "Beamer", "the math font's options"),
    key("CJKoptions", "Beamer", "the CJK font's options"),
    key("babel-lang", "Beamer", "babel's language"),
    key("babel-otherlangs", "Beamer", "babel's other languages"),
    key("babeloptions", "Beamer", "babel's options"),
    key("fontenc", "Beamer", "the font encoding"),
    key("linestretch", "Beamer", "the line spacing"),
    key("colorlinks", "Beamer", "whether links are coloured"),
    key("linkcolor", "Beamer", "the colour of internal links"),
    key("urlcolor", "Beamer", "the colour of web links"),
    key("citecolor", "Beamer", "the colour of citations"),
    key("filecolor", "Beamer", "the colour of file links"),
    key(
        "toccolor",
        "Beamer",
        "the colour of table of contents links",
    ),
    key("urlstyle", "Beamer", "the type of web addresses"),
    key("links-as-notes", "Beamer", "links printed as footnotes"),
    key("documentclass", "Beamer", "the LaTeX document class"),
    key("classoption", "Beamer", "the document class's options"),
    key("geometry", "Beamer", "the page margins"),
    key("papersize", "Beamer", "the paper size"),
    key("pagestyle", "Beamer", "the page style"),
    key("indent", "Beamer", "paragraph indentation"),
    key("block-headings", "Beamer", "run-in headings as blocks"),
    key("hyperrefoptions", "Beamer", "hyperref's options"),
    key("biblatexoptions", "Beamer", "biblatex's options"),
    key("biblio-style", "Beamer", "the bibliography style"),
    key("biblio-title", "Beamer", "the bibliography's heading"),
    key("natbiboptions", "Beamer", "natbib's options"),
    key("pdf-engine", "Beamer", "the LaTeX engine"),
    key("beameroption", "Beamer", "Beamer's options"),
    key("beamerarticle", "Beamer", "an article of the slides"),
    key("handout", "Beamer", "handout mode"),
    key("colortheme", "Beamer", "the colour theme"),
    key("fonttheme", "Beamer", "the font theme"),
    key("innertheme", "Beamer", "the inner theme"),
    key("outertheme", "Beamer", "the outer theme"),
    key("themeoptions", "Beamer", "the theme's options"),
    key("colorthemeoptions", "Beamer", "the colour theme's options"),
    key("fontthemeoptions", "Beamer", "the font theme's options"),
    key("innerthemeoptions", "Beamer", "the inner theme's options"),
    key("outerthemeoptions", "Beamer", "the outer theme's options"),
    key("navigation", "Beamer", "the navigation symbols"),
    key(
        "section-titles",
        "Beamer",
        "a slide for each section's title",
    ),
    key("logo", "Beamer", "a logo on every slide"),
    key("logooptions", "Beamer", "the logo's options"),
    key("titlegraphic", "Beamer", "a picture on the title slide"),
    key(
        "titlegraphicoptions",
        "Beamer",
        "the title picture's options",
    ),
    key("shorttitle", "Beamer", "the title in the footline"),
    key("shortsubtitle", "Beamer", "the subtitle in the footline"),
    key("shortauthor", "Beamer", "the author in the footline"),
    key("shortinstitute", "Beamer", "the institute in the footline"),
    key("shortdate", "Beamer", "the date in the footline"),
    // Pandoc's HTML slides: reveal.js, Slidy, S5
    key(
        "revealjs-url",
        "reveal.js",
        "where reveal.js is loaded from",
    ),
    key("slidy-url", "Slidy", "where Slidy is loaded from"),
    key("s5-url", "S5", "where S5 is loaded from"),
    key("slideous-url", "Slideous", "where Slideous is loaded from"),
    key(
        "title-slide-attributes",
        "reveal.js",
        "attributes of the title slide",
    ),
    key(
        "highlightjs-theme",
        "reveal.js",
        "the colours of highlighted code",
    ),
    key("controls", "reveal.js", "the navigation arrows"),
    key("progress", "reveal.js", "the progress bar"),
    key("slideNumber", "reveal.js", "the slide number"),
    key("hash", "reveal.js", "the slide's address in the URL"),
    key("history", "reveal.js", "the browser history"),
    key("center", "reveal.js", "vertical centring"),
    key("width", "reveal.js", "the slide's width"),
    key("height", "reveal.js", "the slide's height"),
    key("margin", "reveal.js", "the space around the slide"),
    key("transitionSpeed", "reveal.js", "the transitions' speed"),
    key(
        "backgroundTransition",
        "reveal.js",
        "the backgrounds' transition",
    ),
    key(
        "parallaxBackgroundImage",
        "reveal.js",
        "a parallax background",
    ),
    key(
        "parallaxBackgroundSize",
        "reveal.js",
        "the parallax background's size",
    ),
    key("autoSlide", "reveal.js", "advancing by itself"),
    key("loop", "reveal.js", "starting over after the last slide"),
    key("showNotes", "reveal.js", "notes shown to the audience"),
    key(
        "self-contained",
        "reveal.js",
        "one file with everything in it",
    ),
    key(
        "embed-resources",
        "reveal.js",
        "one file with everything in it",
    ),
];

/// The transitions Marp and reveal.js have and deckgen has not (their
/// `fade`, `push`, `cover`, `wipe` and `none` are deckgen's too).
pub(crate) const OTHER_TRANSITIONS: &[&str] = &[
    "slide",
    "convex",
    "concave",
    "zoom",
    "clockwise",
    "counterclockwise",
    "coverflow",
    "cube",
    "cylinder",
    "diamond",
    "drop",
    "explode",
    "fade-out",
    "fall",
    "flip",
    "glow",
    "implode",
    "in-out",
    "iris-in",
    "iris-out",
    "melt",
    "overlap",
    "pivot",
    "pull",
    "reveal",
    "rotate",
    "star",
    "swap",
    "swipe",
    "swoosh",
    "wiper",
];

/// The key `name` as one of the tools defines it (`_name` as Marp's
/// `name` for one slide), for a note when deckgen does not map it.
pub(crate) fn ignored(name: &str) -> Option<&'static ToolKey> {
    match name.strip_prefix('_') {
        Some(bare) => MARP_LOCAL.iter().find(|key| key.name == bare),
        None => IGNORED
            .iter()
            .chain(MARP_LOCAL)
            .find(|key| key.name == name),
    }
}

/// The name of every key the tools define, mapped or not: what a
/// misspelt front-matter key is a near miss of.
pub(crate) fn names() -> Vec<&'static str> {
    let mapped = MAPPED.iter().map(|(name, ..)| *name);
    IGNORED
        .iter()
        .chain(MARP_LOCAL)
        .map(|key| key.name)
        .chain(mapped)
        .collect()
}

/// `name` without the `_` of a Marp directive for one slide.
fn marp_bare(name: &str) -> &str {
    name.strip_prefix('_')
        .filter(|bare| MARP_LOCAL.iter().any(|key| key.name == *bare))
        .unwrap_or(name)
}

/// The note an ignored key gets, once.
pub(crate) fn ignored_note(name: &str, key: &ToolKey) -> String {
    let scope = if name.starts_with('_') {
        ", for the first slide alone"
    } else {
        ""
    };
    format!(
        "`{name}` is {}'s key for {}{scope}; deckgen ignores it",
        key.tool, key.does
    )
}

/// The keys deckgen maps onto its own, with whose they are and what
/// deckgen makes of them: said when such a key is unknown where it stands
/// (a YAML deck, a `deckgen:` comment).
const MAPPED: &[(&str, &str, &str)] = &[
    ("lang", "Marp's and Pandoc's", "`language` in deckgen"),
    ("aspectratio", "Beamer's", "`theme.aspect` in deckgen"),
    ("size", "Marp's", "`theme.aspect` in deckgen"),
    ("paginate", "Marp's", "`theme.page_numbers` in deckgen"),
    ("header", "Marp's", "part of `theme.footer` in deckgen"),
    ("footer", "Marp's", "`theme.footer` in deckgen"),
    ("class", "Marp's", "`invert` is a dark look in deckgen"),
    ("backgroundColor", "Marp's", "`background` in deckgen"),
    ("backgroundImage", "Marp's", "`background_image` in deckgen"),
    ("color", "Marp's", "`text_color` in deckgen"),
    (
        "institute",
        "Pandoc's",
        "part of the author line in deckgen",
    ),
    ("marp", "Marp's", "read in Markdown front matter only"),
    (
        "headingDivider",
        "Marp's",
        "read in Markdown front matter only",
    ),
    ("math", "Marp's", "read in Markdown front matter only"),
    (
        "slide-level",
        "Pandoc's",
        "read in Markdown front matter only",
    ),
    (
        "incremental",
        "Pandoc's",
        "read in Markdown front matter only",
    ),
    (
        "convention",
        "deckgen's",
        "read in Markdown front matter only",
    ),
];

/// What an unknown key `name` is to the tools that define it, as the
/// words in parentheses after "unknown key": `None` when neither does.
/// (A key deckgen has elsewhere, such as `footer` or `image`, is said to be
/// out of place instead: see `model::keys`.)
pub(crate) fn defined_by(name: &str) -> Option<String> {
    let bare = marp_bare(name);
    let scope = if bare != name { ", for one slide" } else { "" };
    if let Some((_, whose, there)) = MAPPED.iter().find(|(key, ..)| *key == bare) {
        return Some(format!("{whose} key{scope}; {there}"));
    }
    ignored(name).map(|key| {
        format!(
            "{}'s key for {}{scope}; deckgen has none",
            key.tool, key.does
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_is_listed_once() {
        let mut names: Vec<&str> = IGNORED
            .iter()
            .chain(MARP_LOCAL)
            .map(|key| key.name)
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn unknown_keys_say_whose_they_are() {
        assert_eq!(
            defined_by("lang").as_deref(),
            Some("Marp's and Pandoc's key; `language` in deckgen")
        );
        assert_eq!(
            defined_by("_class").as_deref(),
            Some("Marp's key, for one slide; `invert` is a dark look in deckgen")
        );
        assert_eq!(
            defined_by("fontsize").as_deref(),
            Some("Beamer's key for the type size; deckgen has none")
        );
        assert_eq!(defined_by("_fontsize"), None);
        assert_eq!(defined_by("autor"), None);
    }
}
