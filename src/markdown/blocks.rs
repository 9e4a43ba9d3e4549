//! The Markdown body as a flat list of the blocks slides are made of:
//! headings, rules, pictures, text, comments and notes, each at its byte
//! offset in the file.
//!
//! pulldown-cmark reads the CommonMark; Pandoc's `::: notes` fences, which
//! CommonMark does not know, are taken out first (their lines blanked, so
//! every offset stays the file's).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One block of the body, in file order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// `#` to `######`, with its text and its `{#id}`, if any.
    Heading {
        level: u8,
        text: String,
        id: Option<String>,
        at: usize,
        /// Where it ends.
        end: usize,
    },
    /// A thematic break (`---`, `***`).
    Rule { at: usize },
    /// Text: a paragraph, a list, a quotation, code or a table, as plain
    /// text, from `at` to `end`. `rich` when it is more than plain words (a
    /// list, code, a table, a quote, emphasis, a link, a break, a fenced
    /// div), which a slide's body shows and a caption cannot.
    Text {
        text: String,
        at: usize,
        end: usize,
        rich: bool,
    },
    /// A picture, alone in its paragraph or among text.
    Image(Image),
    /// An HTML comment: what is between `<!--` and `-->`.
    Comment { body: String, at: usize },
    /// The text of a `::: notes` fence.
    /// Its fence ends at `end`.
    Notes { text: String, at: usize, end: usize },
}

impl Block {
    /// Where the block starts in the file.
    pub(crate) fn at(&self) -> usize {
        match self {
            Block::Heading { at, .. }
            | Block::Rule { at }
            | Block::Text { at, .. }
            | Block::Comment { at, .. }
            | Block::Notes { at, .. } => *at,
            Block::Image(image) => image.at,
        }
    }
}

/// `![alt](url "title")`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Image {
    /// The bracket text.
    pub alt: String,
    pub url: String,
    /// The title in quotes, if any.
    pub title: String,
    /// Where `![` starts.
    pub at: usize,
    /// Where the picture's `)` ends.
    pub end: usize,
    /// Where the bracket text starts.
    pub alt_at: usize,
}

/// The blocks of `body`, which starts at byte `offset` of the file.
pub(crate) fn read(body: &str, offset: usize) -> Vec<Block> {
    let (masked, notes) = take_notes(body);
    let mut reader = Reader {
        offset,
        blocks: Vec::new(),
        text: String::new(),
        text_at: None,
        depth: 0,
        links: Vec::new(),
        image: None,
        items: Vec::new(),
        html: None,
        heading_id: None,
        after_picture: false,
        rich: false,
        source: &masked,
    };
    // Pandoc's `## Title {#id}`: the slide's id; GFM's strikethrough, task
    // lists and `$` math, as slide bodies read them. Not tables: they would double
    // the time pulldown-cmark takes on a long deck, and a table is found
    // well enough by its delimiter row (see `has_delimiter_row`).
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH;
    for (event, range) in Parser::new_ext(&masked, options).into_offset_iter() {
        reader.event(event, range);
    }
    let mut blocks = reader.blocks;
    blocks.extend(notes.into_iter().map(|(text, at, end)| Block::Notes {
        text,
        at: at + offset,
        end: end + offset,
    }));
    blocks.sort_by_key(Block::at);
    blocks
}

/// `body` with each `::: notes` fence and each `<aside class="notes">`
/// blanked, and their text with where each starts and ends.
fn take_notes(body: &str) -> (String, Vec<(String, usize, usize)>) {
    let mut masked = String::with_capacity(body.len());
    let mut notes = Vec::new();
    let mut open: Option<(String, usize)> = None;
    // Whether the notes open are an `<aside>`'s, which `</aside>` ends.
    let mut aside = false;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if aside || (open.is_none() && opens_notes_aside(trimmed)) {
            let text = open.get_or_insert_with(|| (String::new(), at));
            let after_open = if aside {
                line
            } else {
                line.find('>').map_or("", |end| &line[end + 1..])
            };
            let closes = after_open.to_ascii_lowercase().find("</aside>");
            text.0
                .push_str(&after_open[..closes.unwrap_or(after_open.len())]);
            aside = closes.is_none();
            if closes.is_some() {
                if let Some((text, start)) = open.take() {
                    notes.push((text.trim().to_string(), start, at + line.len()));
                }
            }
            masked.push_str(&blanked(line));
            at += line.len();
            continue;
        }
        let fence = trimmed.starts_with(":::");
        let opens = fence && {
            let class = trimmed.trim_start_matches(':').trim();
            matches!(class, "notes" | "{.notes}" | ".notes")
        };
        let in_notes = match (&mut open, opens, fence) {
            (None, true, _) => {
                open = Some((String::new(), at));
                true
            }
            (Some(_), _, true) if trimmed.trim_start_matches(':').is_empty() => {
                if let Some((text, start)) = open.take() {
                    notes.push((text.trim().to_string(), start, at + line.len()));
                }
                true
            }
            (Some((text, _)), _, _) => {
                text.push_str(line);
                true
            }
            (None, false, _) => false,
        };
        if in_notes {
            masked.push_str(&blanked(line));
        } else {
            masked.push_str(line);
        }
        at += line.len();
    }
    if let Some((text, start)) = open {
        notes.push((text.trim().to_string(), start, body.len()));
    }
    (masked, notes)
}

/// `line` as spaces, one a byte, so every later offset stays; its line
/// feed kept.
fn blanked(line: &str) -> String {
    line.bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect()
}

/// Whether `line` opens Pandoc's and reveal.js's `<aside class="notes">`.
fn opens_notes_aside(line: &str) -> bool {
    let Some((tag, _)) = crate::body::html::tag(line) else {
        return false;
    };
    tag.name == "aside"
        && !tag.closing
        && tag
            .attribute("class")
            .is_some_and(|class| class.split_whitespace().any(|c| c == "notes"))
}

/// Collects the blocks while walking pulldown-cmark's events.
struct Reader<'a> {
    /// The body, notes blanked.
    source: &'a str,
    /// Whether the top-level block being read is more than plain words.
    rich: bool,
    offset: usize,
    blocks: Vec<Block>,
    /// The text of the top-level block being read.
    text: String,
    text_at: Option<usize>,
    /// How deep in blocks the events are: 0 between top-level blocks.
    depth: usize,
    /// Open links: their target and where their text starts in `text`.
    links: Vec<(String, usize)>,
    /// The picture being read, with its bracket text so far.
    image: Option<Image>,
    /// Open lists: the next item's number, for numbered lists.
    items: Vec<Option<u64>>,
    /// An HTML block being read, and where it starts.
    html: Option<(String, usize)>,
    /// The `{#id}` of the heading being read.
    heading_id: Option<String>,
    /// Whether a picture just closed: attributes may follow it.
    after_picture: bool,
}

impl Reader<'_> {
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let at = range.start + self.offset;
        let end = range.end + self.offset;
        if let Some(image) = &mut self.image {
            match event {
                Event::End(TagEnd::Image) => {
                    let image = self.image.take().expect("an open picture");
                    self.blocks.push(Block::Image(image));
                    self.after_picture = true;
                }
                Event::Text(text) | Event::Code(text) => image.alt.push_str(&text),
                _ => {}
            }
            return;
        }
        let after_picture = std::mem::take(&mut self.after_picture);
        match event {
            Event::Start(tag) => self.start(tag, at, end),
            Event::End(tag) => self.end(tag, end),
            Event::Text(text) => {
                // Pandoc's `![](chart.png){width=50%}`: not the slide's text.
                let skip = match after_picture {
                    true => crate::body::attributes::leading(&text).unwrap_or(0),
                    false => 0,
                };
                if skip < text.len() {
                    self.push(&text[skip..], at + skip);
                }
            }
            Event::Code(text) => {
                self.rich = true;
                self.push(&text, at);
            }
            Event::SoftBreak => self.push(" ", at),
            Event::HardBreak => {
                self.rich = true;
                self.push("\n", at);
            }
            Event::TaskListMarker(_) => self.rich = true,
            // A formula is typeset in a body; a caption shows it as written.
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.rich = true;
                let written = self.source.get(range).unwrap_or_default();
                self.push(written, at);
            }
            Event::Rule => self.blocks.push(Block::Rule { at }),
            Event::Html(html) => {
                if let Some((block, _)) = &mut self.html {
                    block.push_str(&html);
                }
            }
            Event::InlineHtml(html) => {
                // A tag (not a comment) is styled by the body's reader.
                if crate::body::html::tag(&html).is_some() {
                    self.rich = true;
                }
                self.comments(&html, at);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: usize, end: usize) {
        self.depth += 1;
        if self.depth == 1 {
            // Pandoc's fenced divs read as paragraphs that start with `:::`.
            let source = self.source.get(at - self.offset..).unwrap_or_default();
            self.rich = source.trim_start().starts_with(":::");
        }
        if matches!(
            tag,
            Tag::List(_)
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
        ) {
            self.rich = true;
        }
        match tag {
            Tag::Heading { id, .. } if self.depth == 1 => {
                self.text_at = Some(at);
                self.heading_id = id.map(|id| id.to_string());
            }
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::BlockQuote(_) if self.depth == 1 => {
                self.text_at = Some(at);
            }
            Tag::HtmlBlock => self.html = Some((String::new(), at)),
            Tag::List(first) => {
                if self.depth == 1 {
                    self.text_at = Some(at);
                }
                self.items.push(first);
            }
            Tag::Item => {
                if !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push('\n');
                }
                let indent = "  ".repeat(self.items.len().saturating_sub(1));
                let mark = match self.items.last_mut() {
                    Some(Some(number)) => {
                        *number += 1;
                        format!("{}. ", *number - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.text.push_str(&indent);
                self.text.push_str(&mark);
            }
            Tag::Link { dest_url, .. } => {
                self.links.push((dest_url.to_string(), self.text.len()));
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.depth -= 1;
                // Pandoc's `![](chart.png){width=50%}`: its attributes go
                // with it, and are not the slide's text.
                let after = self.source.get(end - self.offset..).unwrap_or_default();
                let attributes = crate::body::attributes::leading(after).unwrap_or(0);
                self.image = Some(Image {
                    alt: String::new(),
                    url: dest_url.to_string(),
                    title: title.to_string(),
                    at,
                    end: end + attributes,
                    alt_at: at + 2,
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, end: usize) {
        self.depth = self.depth.saturating_sub(1);
        match tag {
            TagEnd::Link => {
                if let Some((url, start)) = self.links.pop() {
                    let shown = self.text.get(start..).unwrap_or_default().trim();
                    if shown != url && !url.is_empty() {
                        self.text.push_str(&format!(" ({url})"));
                    }
                }
            }
            TagEnd::List(_) => {
                self.items.pop();
            }
            TagEnd::Paragraph if self.depth > 0 => self.text.push('\n'),
            TagEnd::HtmlBlock => {
                if let Some((html, at)) = self.html.take() {
                    self.comments(&html, at);
                    if let Some(text) = shown_text(&html) {
                        self.blocks.push(Block::Text {
                            text,
                            at,
                            end,
                            rich: true,
                        });
                    }
                }
            }
            _ => {}
        }
        if self.depth == 0 {
            self.finish(tag, end);
        }
    }

    fn push(&mut self, text: &str, at: usize) {
        if self.text_at.is_none() {
            self.text_at = Some(at);
        }
        self.text.push_str(text);
    }

    /// Ends the top-level block `tag`, which ends at `end`.
    fn finish(&mut self, tag: TagEnd, end: usize) {
        let text = std::mem::take(&mut self.text).trim().to_string();
        let pause = crate::body::is_pause(&text);
        let Some(at) = self.text_at.take() else {
            return;
        };
        if text.is_empty() {
            return;
        }
        self.blocks.push(match tag {
            TagEnd::Heading(level) => Block::Heading {
                level: level as u8,
                text,
                id: self.heading_id.take(),
                at,
                end,
            },
            _ => {
                let source = self
                    .source
                    .get(at - self.offset..end - self.offset)
                    .unwrap_or_default();
                Block::Text {
                    text,
                    at,
                    end,
                    // A pause (`. . .`) is read by a body, never a caption;
                    // so is a formula, which a caption would show as TeX, and
                    // raw LaTeX.
                    rich: self.rich
                        || has_delimiter_row(source)
                        || pause
                        || has_bracketed_math(source)
                        || crate::body::tex::has_command(source),
                }
            }
        });
    }

    /// The comments in `html`, which starts at `at`.
    fn comments(&mut self, html: &str, at: usize) {
        let mut rest = html;
        let mut base = at;
        while let Some(open) = rest.find("<!--") {
            let body_start = open + 4;
            let Some(length) = rest[body_start..].find("-->") else {
                break;
            };
            self.blocks.push(Block::Comment {
                body: rest[body_start..body_start + length].to_string(),
                at: base + body_start,
            });
            let next = body_start + length + 3;
            rest = &rest[next..];
            base += next;
        }
    }
}

/// Whether `text` may hold a `\(...\)` or `\[...\]` formula, which only a
/// body typesets (the body's reader finds them for certain).
fn has_bracketed_math(text: &str) -> bool {
    text.contains("\\(") || text.contains("\\[")
}

/// What an HTML block shows, as plain words: its text less its tags, its
/// comments, and what `<style>` and `<script>` hold; `None` when it shows
/// nothing (a picture counts as something: the body's reader places it).
pub(crate) fn shown_text(html: &str) -> Option<String> {
    use crate::body::html::{decode_entities, Meaning, Piece};
    let mut text = String::new();
    let mut hidden = 0usize;
    let mut picture = false;
    for (piece, _) in crate::body::html::pieces(html) {
        match piece {
            Piece::Tag(tag) => match tag.meaning() {
                Meaning::Hidden if tag.closing => hidden = hidden.saturating_sub(1),
                Meaning::Hidden => hidden += 1,
                Meaning::Picture { .. } => picture = true,
                _ => text.push(' '),
            },
            Piece::Text(words) if hidden == 0 => text.push_str(&decode_entities(words)),
            Piece::Text(_) | Piece::Comment(_) => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty() || picture).then_some(text)
}

/// Whether `paragraph` has a GFM table's delimiter row (`|---|:-:|`).
fn has_delimiter_row(paragraph: &str) -> bool {
    paragraph.lines().skip(1).any(|line| {
        let line = line.trim();
        line.contains('|')
            && line.contains('-')
            && line
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> Vec<Block> {
        read(markdown, 0)
    }

    #[test]
    fn headings_rules_text_and_pictures() {
        let blocks = texts("# A\n\nSome *text* and `code`.\n\n---\n\n![a cat](cat.png \"Jo\")\n");
        assert_eq!(
            blocks,
            [
                Block::Heading {
                    level: 1,
                    text: "A".into(),
                    id: None,
                    at: 0,
                    end: 4
                },
                Block::Text {
                    text: "Some text and code.".into(),
                    at: 5,
                    end: 29,
                    rich: true
                },
                Block::Rule { at: 30 },
                Block::Image(Image {
                    alt: "a cat".into(),
                    url: "cat.png".into(),
                    title: "Jo".into(),
                    at: 35,
                    end: 57,
                    alt_at: 37
                }),
            ]
        );
    }

    #[test]
    fn a_heading_keeps_its_id() {
        let blocks = texts("## Results {#results}\n");
        assert_eq!(
            blocks,
            [Block::Heading {
                level: 2,
                text: "Results".into(),
                id: Some("results".into()),
                at: 0,
                end: 22
            }]
        );
    }

    #[test]
    fn lists_and_links_become_plain_text() {
        let blocks = texts("- one [docs](https://x.org)\n- <https://y.org>\n\n1. a\n2. b\n");
        let text: Vec<String> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            text,
            ["• one docs (https://x.org)\n• https://y.org", "1. a\n2. b"]
        );
    }

    #[test]
    fn plain_words_are_not_rich_and_the_rest_is() {
        let rich = |markdown: &str| match &texts(markdown)[0] {
            Block::Text { rich, .. } => *rich,
            other => panic!("text, got {other:?}"),
        };
        assert!(!rich("Just words,\nover two lines.\n"));
        assert!(!rich("It costs $5 and $10.\n"));
        for markdown in [
            "a formula $x^2$\n",
            "$$\\sum_i i$$\n",
            "\\[ x \\]\n",
            "- a list\n",
            "```\ncode\n```\n",
            "| a |\n|---|\n| 1 |\n",
            "> quoted\n",
            "a **bold** word\n",
            "a [link](https://x.org)\n",
            "a line  \nbroken\n",
            ":::: columns\n::: column\nx\n:::\n::::\n",
        ] {
            assert!(rich(markdown), "{markdown}");
        }
    }

    #[test]
    fn notes_fences_and_comments() {
        let blocks = texts("Text\n\n::: notes\nSay *this*.\n:::\n\n<!-- a note -->\n");
        assert_eq!(
            blocks[1..],
            [
                Block::Notes {
                    text: "Say *this*.".into(),
                    at: 6,
                    end: 32
                },
                Block::Comment {
                    body: " a note ".into(),
                    at: 37
                },
            ]
        );
    }
}
