//! A Markdown file's front matter found: its YAML blocks (the first at the
//! top, later ones anywhere) or Pandoc's `%` title block, and the Markdown
//! after them.

/// The front matter and title block, and the Markdown after them.
#[derive(Debug, PartialEq)]
pub(crate) struct Split<'a> {
    /// Each YAML block in file order, with the lines before it blank, so
    /// the YAML reader's lines are the Markdown file's. Pandoc takes a
    /// later block's value over an earlier one's.
    pub yaml: Vec<String>,
    /// Pandoc's `%` title block: the title, authors and date lines.
    pub title_block: Option<TitleBlock>,
    /// The Markdown after the front matter, further YAML blocks blanked
    /// (every offset kept).
    pub body: std::borrow::Cow<'a, str>,
    /// The byte offset of `body` in the file.
    pub body_start: usize,
}

/// Pandoc's title block: `% title`, `% author; author`, `% date`, each
/// with the byte offset of its text.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct TitleBlock {
    pub title: Option<(String, usize)>,
    pub authors: Option<(Vec<String>, usize)>,
    pub date: Option<(String, usize)>,
}

/// Splits `text` into its front matter (from a first line `---` to the
/// next line `---` or `...`) or `%` title block, and the Markdown after
/// it. `is_key` says which keys a later YAML block may hold: a block
/// with any other key is Markdown (a rule and what follows).
pub(crate) fn split<'a>(text: &'a str, is_key: &dyn Fn(&str) -> bool) -> Split<'a> {
    let (title_block, mut body_start) = title_block(text);
    let mut yaml = Vec::new();
    if title_block.is_none() {
        if let Some((block, end)) = yaml_block(text, 0, &|_| true) {
            yaml.push(block);
            body_start = end;
        }
    }
    let mut body = std::borrow::Cow::Borrowed(&text[body_start..]);
    // Later blocks: a `---` line after a blank one, not followed by one.
    let mut at = body_start;
    let mut blank_before = true;
    // Where the block just read ends: its lines are not looked at again.
    let mut resume = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let here = at;
        at += line.len();
        if here < resume {
            blank_before = false;
            continue;
        }
        if blank_before && line.trim_end() == "---" {
            if let Some((block, end)) = yaml_block(text, here, is_key) {
                resume = end;
                yaml.push(block);
                let masked = body.to_mut();
                let (from, to) = (here - body_start, end - body_start);
                let blank: String = masked[from..to]
                    .bytes()
                    .map(|b| if b == b'\n' { '\n' } else { ' ' })
                    .collect();
                masked.replace_range(from..to, &blank);
            }
        }
        blank_before = line.trim().is_empty();
    }
    Split {
        yaml,
        title_block,
        body,
        body_start,
    }
}

/// The YAML block whose `---` line starts at byte `start` of `text`, with
/// the lines before it blank, and where the Markdown after it starts:
/// `None` when the `---` is a rule (followed by a blank line, never
/// closed, or not a mapping of keys `is_key` takes).
fn yaml_block(text: &str, start: usize, is_key: &dyn Fn(&str) -> bool) -> Option<(String, usize)> {
    let first = text[start..].split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let open_end = start + first.len();
    let mut at = open_end;
    for (index, line) in text[open_end..].split_inclusive('\n').enumerate() {
        if index == 0 && start > 0 && line.trim().is_empty() {
            return None;
        }
        if matches!(line.trim_end(), "---" | "...") {
            let content = &text[open_end..at];
            if start > 0 {
                let keys = crate::model::tree::read(content)?;
                let takes = !keys.entries.is_empty()
                    && keys.entries.iter().all(|(key, _)| is_key(&key.value));
                if !takes {
                    return None;
                }
            }
            let lines_before = text[..open_end].matches('\n').count();
            let yaml = format!("{}{content}", "\n".repeat(lines_before));
            return Some((yaml, at + line.len()));
        }
        at += line.len();
    }
    None
}

/// Characters that show nothing, each with its name: one before `---`
/// keeps the line from ending a front matter, unseen.
const INVISIBLE: &[(char, &str)] = &[
    ('\u{200b}', "zero-width space (U+200B)"),
    ('\u{200c}', "zero-width non-joiner (U+200C)"),
    ('\u{200d}', "zero-width joiner (U+200D)"),
    ('\u{2060}', "word joiner (U+2060)"),
    ('\u{feff}', "zero-width no-break space (U+FEFF)"),
];

/// What keeps the `---` lines inside YAML block `yaml` (its lines before
/// it blank) from ending it, if invisible characters before them do: the
/// lines and the characters named, for a hint.
pub(crate) fn invisible_fences(yaml: &str) -> Option<String> {
    let mut lines = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for (index, line) in yaml.lines().enumerate() {
        let shown = line.trim_start_matches(|c| INVISIBLE.iter().any(|(i, _)| *i == c));
        if shown.len() == line.len() || !matches!(shown.trim_end(), "---" | "...") {
            continue;
        }
        lines.push((index + 1).to_string());
        for (c, name) in INVISIBLE {
            if line[..line.len() - shown.len()].contains(*c) && !names.contains(name) {
                names.push(name);
            }
        }
    }
    let (which, hold, it) = match lines.len() {
        0 => return None,
        1 => (format!("line {}", lines[0]), "holds", "it"),
        n => (
            format!("lines {} and {}", lines[..n - 1].join(", "), lines[n - 1]),
            "hold",
            "them",
        ),
    };
    Some(format!(
        "{which} {hold} an invisible {} before `---`, so the front matter runs on past {it} to the next plain `---` line",
        names.join(" and an invisible ")
    ))
}

/// Pandoc's `%` title block at the top of `text`, and where the Markdown
/// after it starts.
fn title_block(text: &str) -> (Option<TitleBlock>, usize) {
    // Pandoc wants the block on the first line; an editor's pragma comment
    // (`<!-- @format -->`) or blank lines before it are passed over.
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let comment = trimmed.starts_with("<!--") && trimmed.ends_with("-->");
        if !(trimmed.is_empty() || comment) {
            break;
        }
        start += line.len();
    }
    if !text[start..].starts_with('%') {
        return (None, 0);
    }
    // Each `%` line with its continuation lines (they start with a space).
    let mut fields: Vec<(Vec<&str>, usize)> = Vec::new();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix('%') {
            if fields.len() == 3 {
                break;
            }
            let lead = rest.len() - rest.trim_start().len();
            fields.push((vec![rest.trim()], at + 1 + lead));
        } else if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            match fields.last_mut() {
                Some((lines, _)) => lines.push(line.trim()),
                None => break,
            }
        } else {
            break;
        }
        at += line.len();
    }
    let mut block = TitleBlock::default();
    fn given<'a>((lines, at): &(Vec<&'a str>, usize)) -> Option<(Vec<&'a str>, usize)> {
        let words: Vec<&str> = lines.iter().copied().filter(|l| !l.is_empty()).collect();
        (!words.is_empty()).then_some((words, *at))
    }
    if let Some((lines, at)) = fields.first().and_then(given) {
        block.title = Some((lines.join(" "), at));
    }
    if let Some((lines, at)) = fields.get(1).and_then(given) {
        let authors = lines
            .iter()
            .flat_map(|line| line.split(';'))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(String::from)
            .collect();
        block.authors = Some((authors, at));
    }
    if let Some((lines, at)) = fields.get(2).and_then(given) {
        block.date = Some((lines.join(" "), at));
    }
    (Some(block), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_key(_: &str) -> bool {
        true
    }

    #[test]
    fn front_matter_keeps_its_lines() {
        let text = "---\ntitle: T\n---\n# A\n";
        let split = split(text, &any_key);
        assert_eq!(split.yaml, ["\ntitle: T\n"]);
        assert_eq!(split.body, "# A\n");
        assert_eq!(split.body_start, 17);
    }

    #[test]
    fn no_front_matter_without_a_closing_line() {
        for text in ["# A\n---\nb: c\n---\n", "---\ntitle: T\n"] {
            let split = split(text, &any_key);
            assert_eq!((split.yaml.len(), split.body_start), (0, 0), "{text}");
        }
    }

    #[test]
    fn later_yaml_blocks_are_read_and_blanked() {
        let text = "# A\n\n---\nauthor: Jo\n...\n\nText\n\n---\n\nMore\n\n---\nNot: a key\n---\n";
        let split = split(text, &|key| key == "author");
        assert_eq!(split.yaml, ["\n\n\nauthor: Jo\n"]);
        assert_eq!(
            split.body,
            "# A\n\n   \n          \n   \n\nText\n\n---\n\nMore\n\n---\nNot: a key\n---\n"
        );
    }

    #[test]
    fn invisible_characters_before_a_fence_are_named() {
        let yaml = "\n\u{200b}---\nmarp: true\n\u{200b}---\n\n<style>\n";
        assert_eq!(
            invisible_fences(yaml).as_deref(),
            Some("lines 2 and 4 hold an invisible zero-width space (U+200B) before `---`, so the front matter runs on past them to the next plain `---` line")
        );
        assert_eq!(invisible_fences("\ntitle: T\n---x\n"), None);
    }

    #[test]
    fn pandoc_title_blocks() {
        let text = "% My title\n  on two lines\n% Jo Doe; Sam Roe\n  Al Poe\n% June 2026\n\n# A\n";
        let read = split(text, &any_key);
        assert_eq!(
            read.title_block,
            Some(TitleBlock {
                title: Some(("My title on two lines".into(), 2)),
                authors: Some((vec!["Jo Doe".into(), "Sam Roe".into(), "Al Poe".into()], 28)),
                date: Some(("June 2026".into(), 55)),
            })
        );
        assert_eq!(read.body, "\n# A\n");
        let after_a_pragma = split("<!-- @format -->\n\n% T\n\n# A\n", &any_key);
        assert_eq!(
            after_a_pragma.title_block.unwrap().title,
            Some(("T".into(), 20))
        );
        assert_eq!(after_a_pragma.body, "\n# A\n");
        let authors_only = split("%\n% Jo\n\n# A\n", &any_key);
        assert_eq!(
            authors_only.title_block,
            Some(TitleBlock {
                authors: Some((vec!["Jo".into()], 4)),
                ..TitleBlock::default()
            })
        );
    }
}
