//! Highlighting made ready while the deck is read: the grammars loaded,
//! and the patterns the deck's code needs compiled, on a thread of their
//! own. Reading a deck keeps one core busy; highlighting then keeps every
//! core busy, and loading the grammars and compiling a language's patterns
//! (Oniguruma) is a good part of its work, done once per language.

use super::highlight::{highlight, language, Language};

/// How many languages are made ready, at most.
const MOST_LANGUAGES: usize = 8;
/// How many lines of a block are highlighted to make its language ready.
const MOST_LINES: usize = 40;

/// Starts making ready, on another thread, what highlighting the code
/// fenced in `deck_text` (a YAML or Markdown deck, unread) will need: the
/// first block in each language is highlighted and thrown away. Nothing
/// is started for a deck with no fence naming a language. Only speed
/// depends on it: the blocks are found by a look at the lines, not by
/// reading the deck.
pub fn warm_up_highlighting(deck_text: &str) {
    let blocks = first_block_of_each_language(deck_text);
    if blocks.is_empty() {
        return;
    }
    // Not joined: highlighting waits for the grammars and patterns it
    // needs (they load once, behind locks), not for the throwaway blocks.
    // Only time is lost if the system refuses a thread.
    let warm_up = std::thread::Builder::new().spawn(move || {
        for (written, lines) in blocks {
            if let Language::Grammar(syntax) = language(&written) {
                highlight(&lines, syntax);
            }
        }
    });
    drop(warm_up);
}

/// The first block fenced with each language (```` ```rust ````) in `text`,
/// its lines without the fence's indentation.
fn first_block_of_each_language(text: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some((indent, fence, written)) = fence_with_language(line) else {
            continue;
        };
        let mut code = Vec::new();
        for line in lines.by_ref() {
            if line.trim_start().starts_with(fence) {
                break;
            }
            if code.len() < MOST_LINES {
                code.push(line.get(indent..).unwrap_or(line.trim_start()).to_string());
            }
        }
        if !blocks.iter().any(|(known, _)| *known == written) {
            blocks.push((written, code));
            if blocks.len() == MOST_LANGUAGES {
                break;
            }
        }
    }
    blocks
}

/// A line opening a fenced block with a language: its indentation in
/// bytes, the fence (```` ``` ```` or `~~~`) and the language as written,
/// read from the info string as a body's code blocks read it.
fn fence_with_language(line: &str) -> Option<(usize, &'static str, String)> {
    let rest = line.trim_start();
    let indent = line.len() - rest.len();
    let fence = ["```", "~~~"]
        .into_iter()
        .find(|fence| rest.starts_with(fence))?;
    let written = super::code::info(rest.trim_start_matches(&fence[..1])).language?;
    Some((indent, fence, written))
}

#[cfg(test)]
mod tests {
    use super::first_block_of_each_language;

    #[test]
    fn the_first_block_of_each_language_is_found_in_yaml_and_markdown() {
        let yaml = "sections:\n  - slides:\n      - body: |\n          ```rust\n          fn main() {\n              run();\n          }\n          ```\n      - body: |\n          ~~~ python\n          x = 1\n          ~~~\n          ```rust\n          let y = 2;\n          ```\n          ```\n          plain\n          ```\n          ```{.js .numberLines}\n          f();\n          ```\n";
        let blocks = first_block_of_each_language(yaml);
        assert_eq!(
            blocks,
            [
                (
                    "rust".to_string(),
                    vec![
                        "fn main() {".to_string(),
                        "    run();".to_string(),
                        "}".to_string()
                    ]
                ),
                ("python".to_string(), vec!["x = 1".to_string()]),
                ("js".to_string(), vec!["f();".to_string()]),
            ]
        );
        assert!(first_block_of_each_language("# Title\n\nNo code.\n").is_empty());
    }
}
