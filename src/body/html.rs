//! HTML in a body, as the decks written for Marp and Pandoc use it: each
//! tag read for what it means (a line break, a style, a picture, a
//! paragraph) and never printed; the text between tags kept.

/// One tag, as written between `<` and `>`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HtmlTag {
    /// Lowercased.
    pub name: String,
    /// `</name>`.
    pub closing: bool,
    /// `name="value"` pairs, names lowercased; a bare name has an empty value.
    pub attributes: Vec<(String, String)>,
}

impl HtmlTag {
    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The inline styles HTML tags give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HtmlStyle {
    /// `<b>`, `<strong>`
    Strong,
    /// `<i>`, `<em>`
    Emphasis,
    /// `<code>`, `<kbd>`, `<tt>`, `<samp>`
    Code,
    /// `<s>`, `<del>`, `<strike>`
    Strike,
    /// `<u>`, `<ins>`
    Underline,
    /// `<small>`
    Small,
    /// `<sub>`
    Subscript,
    /// `<sup>`
    Superscript,
}

/// What a tag does in a body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Meaning {
    /// `<br>`
    Break,
    /// A style opens (`<b>`) or closes (`</b>`).
    Style(HtmlStyle, bool),
    /// `<img src="...">`: the picture, with its `alt`.
    Picture { src: String, alt: String },
    /// A tag that starts or ends a paragraph: `<p>`, `<div>`, `<li>`, `<h1>`...
    Paragraph,
    /// A tag whose text is kept as it is, set as the text around it:
    /// `<span>`, `<big>`, `<mark>`, `<a>`, `<font>`...
    Text,
    /// A tag whose content is not shown: `<style>`, `<script>`.
    Hidden,
    /// Any other tag: its text is kept, and a note says so once.
    Other,
}

/// Tags that show only their text, as the text around them is set.
const TEXT_TAGS: &[&str] = &[
    "span", "big", "mark", "a", "font", "abbr", "cite", "q", "var", "label", "center",
];

/// Tags that start or end a paragraph.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "pre",
    "hr",
    "details",
    "summary",
    "nav",
    "main",
];

impl HtmlTag {
    pub(crate) fn meaning(&self) -> Meaning {
        let style = match self.name.as_str() {
            "b" | "strong" => Some(HtmlStyle::Strong),
            "i" | "em" => Some(HtmlStyle::Emphasis),
            "code" | "kbd" | "tt" | "samp" => Some(HtmlStyle::Code),
            "s" | "del" | "strike" => Some(HtmlStyle::Strike),
            "u" | "ins" => Some(HtmlStyle::Underline),
            "small" => Some(HtmlStyle::Small),
            "sub" => Some(HtmlStyle::Subscript),
            "sup" => Some(HtmlStyle::Superscript),
            _ => None,
        };
        if let Some(style) = style {
            return Meaning::Style(style, !self.closing);
        }
        match self.name.as_str() {
            "br" => Meaning::Break,
            "img" if !self.closing => Meaning::Picture {
                src: self.attribute("src").unwrap_or("").to_string(),
                alt: self.attribute("alt").unwrap_or("").to_string(),
            },
            "img" => Meaning::Text,
            "style" | "script" => Meaning::Hidden,
            name if PARAGRAPH_TAGS.contains(&name) => Meaning::Paragraph,
            name if TEXT_TAGS.contains(&name) => Meaning::Text,
            _ => Meaning::Other,
        }
    }
}

/// A piece of HTML: a tag, a comment, or text between them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece<'a> {
    Tag(HtmlTag),
    /// `<!-- ... -->`, with what it says.
    Comment(&'a str),
    /// Text, its entities (`&amp;`) not yet decoded, with its offset.
    Text(&'a str),
}

/// `html` cut into tags, comments and text, each with its byte offset.
pub(crate) fn pieces(html: &str) -> Vec<(Piece<'_>, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    let mut text_from = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        let rest = &html[open..];
        let (piece, length) = if let Some(comment) = rest.strip_prefix("<!--") {
            match comment.find("-->") {
                Some(end) => (Some(Piece::Comment(&comment[..end])), 4 + end + 3),
                None => (Some(Piece::Comment(comment)), rest.len()),
            }
        } else {
            match tag(rest) {
                Some((tag, length)) => (Some(Piece::Tag(tag)), length),
                None => (None, 1),
            }
        };
        if let Some(piece) = piece {
            if text_from < open {
                found.push((Piece::Text(&html[text_from..open]), text_from));
            }
            found.push((piece, open));
            text_from = open + length;
        }
        at = open + length;
    }
    if text_from < html.len() {
        found.push((Piece::Text(&html[text_from..]), text_from));
    }
    found
}

/// The tag `text` starts with, and its length; `None` when `text` does not
/// start with one (`3 < 4` is text).
pub(crate) fn tag(text: &str) -> Option<(HtmlTag, usize)> {
    let inner = text.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut attributes = Vec::new();
    let mut rest = &inner[name_end..];
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
            let length = text.len() - after.len();
            let tag = HtmlTag {
                name: name.to_ascii_lowercase(),
                closing,
                attributes,
            };
            return Some((tag, length));
        }
        let key_end = rest.find(|c: char| c.is_whitespace() || "=>/".contains(c))?;
        if key_end == 0 {
            // A stray `/` or `=`: skip it.
            rest = rest.get(1..)?;
            continue;
        }
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, left) = match after.chars().next()? {
                quote @ ('"' | '\'') => {
                    let end = after[1..].find(quote)? + 1;
                    (&after[1..end], &after[end + 1..])
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = left;
            value.to_string()
        } else {
            String::new()
        };
        attributes.push((key, value));
    }
}

/// `text` with its character references decoded: `&amp;`, `&lt;`, `&#39;`...
/// An unknown one stays as written.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|end| *end <= 10);
        let entity = end.and_then(|end| character(&after[..end]));
        match (entity, end) {
            (Some(c), Some(end)) => {
                decoded.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                decoded.push('&');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

fn character(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "copy" => '©',
        "rarr" => '→',
        "larr" => '←',
        "times" => '×',
        "middot" => '·',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_tag(text: &str) -> HtmlTag {
        let (tag, length) = tag(text).expect("a tag");
        assert_eq!(length, text.len(), "{text}");
        tag
    }

    #[test]
    fn tags_are_read_with_their_attributes() {
        let img = only_tag(r#"<img src="pic.png" width=200 alt='A cat'/>"#);
        assert_eq!(img.name, "img");
        assert_eq!(img.attribute("src"), Some("pic.png"));
        assert_eq!(img.attribute("width"), Some("200"));
        assert_eq!(img.attribute("alt"), Some("A cat"));
        let aside = only_tag(r#"<aside class="notes" hidden>"#);
        assert_eq!(aside.attribute("class"), Some("notes"));
        assert_eq!(aside.attribute("hidden"), Some(""));
        assert!(only_tag("</B>").closing);
        assert_eq!(only_tag("<br/>").meaning(), Meaning::Break);
        assert_eq!(only_tag("<br>").meaning(), Meaning::Break);
    }

    #[test]
    fn what_is_not_a_tag_is_text() {
        assert_eq!(tag("< b>"), None);
        assert_eq!(tag("<3"), None);
        assert_eq!(tag("<a href=\"x"), None);
        let pieces = pieces("3 < 4 and <b>bold</b><!-- fit -->");
        let kinds: Vec<String> = pieces
            .iter()
            .map(|(piece, at)| match piece {
                Piece::Tag(tag) => format!(
                    "tag {}{} @{at}",
                    if tag.closing { "/" } else { "" },
                    tag.name
                ),
                Piece::Comment(text) => format!("comment {text:?} @{at}"),
                Piece::Text(text) => format!("text {text:?} @{at}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "text \"3 < 4 and \" @0",
                "tag b @10",
                "text \"bold\" @13",
                "tag /b @17",
                "comment \" fit \" @21",
            ]
        );
    }

    #[test]
    fn tags_mean_styles_pictures_and_paragraphs() {
        assert_eq!(
            only_tag("<strong>").meaning(),
            Meaning::Style(HtmlStyle::Strong, true)
        );
        assert_eq!(
            only_tag("</em>").meaning(),
            Meaning::Style(HtmlStyle::Emphasis, false)
        );
        assert_eq!(
            only_tag("<code>").meaning(),
            Meaning::Style(HtmlStyle::Code, true)
        );
        assert_eq!(
            only_tag("<div class=\"columns\">").meaning(),
            Meaning::Paragraph
        );
        assert_eq!(
            only_tag("<sub>").meaning(),
            Meaning::Style(HtmlStyle::Subscript, true)
        );
        assert_eq!(
            only_tag("</sup>").meaning(),
            Meaning::Style(HtmlStyle::Superscript, false)
        );
        assert_eq!(
            only_tag("<small>").meaning(),
            Meaning::Style(HtmlStyle::Small, true)
        );
        assert_eq!(
            only_tag("<u>").meaning(),
            Meaning::Style(HtmlStyle::Underline, true)
        );
        assert_eq!(only_tag("<span>").meaning(), Meaning::Text);
        assert_eq!(only_tag("<style scoped>").meaning(), Meaning::Hidden);
        assert_eq!(only_tag("<marquee>").meaning(), Meaning::Other);
        assert_eq!(
            only_tag(r#"<img src="a.png">"#).meaning(),
            Meaning::Picture {
                src: "a.png".into(),
                alt: String::new()
            }
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#39;d&#x27; &bogus; &"),
            "a & b <c> 'd' &bogus; &"
        );
    }
}
