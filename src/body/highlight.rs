//! Syntax highlighting: code split into tokens by syntect, with the
//! Sublime Text grammars bat curates (two-face), each token's scopes
//! mapped to the few kinds a theme colours.
//!
//! The grammars load once, and only when a deck has code with a language;
//! syntect then reads a grammar's rules, and compiles its patterns, only
//! when code in that language is highlighted. Bodies are read with their
//! code plain; [`CodeToHighlight`] then highlights every block on all cores.

use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use super::{Block, Body, CodeBlock, CodeLine, Token, TokenKind};

/// Languages written after a fence that name no grammar, and what they mean.
const ALIASES: &[(&str, &str)] = &[
    ("c++", "cpp"),
    ("csharp", "cs"),
    ("c#", "cs"),
    ("golang", "go"),
    ("shell", "bash"),
    ("console", "bash"),
    ("zsh", "bash"),
    ("objc", "m"),
    ("objective-c", "m"),
    ("docker", "Dockerfile"),
    ("make", "Makefile"),
    ("kt", "kotlin"),
    ("jsonc", "json"),
    ("js", "javascript"),
    ("ts", "typescript"),
    ("tex", "latex"),
    ("ocaml", "ml"),
    ("fsharp", "fs"),
    ("f#", "fs"),
    ("elixir", "ex"),
    ("erlang", "erl"),
    ("haskell", "hs"),
    ("viml", "vim"),
];

/// Languages that name plain text: known, and not highlighted.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "output"];

/// What a language written after a fence names.
#[derive(Debug, Clone, Copy)]
pub(super) enum Language {
    /// Plain text on purpose (`text`).
    Plain,
    /// A grammar to highlight with.
    Grammar(&'static SyntaxReference),
    /// Nothing deckgen knows.
    Unknown,
}

/// The grammars, loaded on first use.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(two_face::syntax::extra_newlines)
}

/// The language `written` after a fence (`rust`, `rs`, `Python`, `c++`).
pub(super) fn language(written: &str) -> Language {
    let lower = written.to_ascii_lowercase();
    if PLAIN.contains(&lower.as_str()) {
        return Language::Plain;
    }
    let token = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(written, |(_, name)| name);
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_name(token))
        // Extensions are matched as written: `Dockerfile`, `CMakeLists.txt`.
        .or_else(|| set.find_syntax_by_extension(&lower));
    match syntax {
        // The plain text grammar highlights nothing; say so rather than pretend.
        Some(syntax) if syntax.name == "Plain Text" => Language::Plain,
        Some(syntax) => Language::Grammar(syntax),
        None => Language::Unknown,
    }
}

/// Lines longer than this are not highlighted (a grammar's patterns may
/// take long on them): they stand plain.
const LONGEST_HIGHLIGHTED_LINE: usize = 1_000;

/// The code blocks of some bodies whose language names a grammar, their
/// lines copied out, so they can be highlighted on other threads while the
/// deck is read elsewhere (a build loads its images meanwhile).
#[derive(Debug)]
pub struct CodeToHighlight(Vec<(&'static SyntaxReference, Vec<String>)>);

/// The tokens of each block of a [`CodeToHighlight`], in its order.
#[derive(Debug)]
pub struct HighlightedCode(Vec<Vec<CodeLine>>);

impl CodeToHighlight {
    /// The code of `bodies` to highlight, read plain until now.
    pub fn of<'a>(bodies: impl IntoIterator<Item = &'a mut Body>) -> CodeToHighlight {
        let mut jobs = Vec::new();
        for body in bodies {
            body.for_each_block_mut(&mut |block| {
                if let Some((syntax, code)) = grammar_of(block) {
                    let text =
                        |line: &CodeLine| line.tokens.iter().map(|t| t.text.as_str()).collect();
                    jobs.push((syntax, code.lines.iter().map(text).collect()));
                }
            });
        }
        CodeToHighlight(jobs)
    }

    /// Each block highlighted on its own (its first line starts in the
    /// grammar's first state), so blocks are spread over the cores: with a
    /// few blocks a slide, highlighting is most of a build's time.
    pub fn highlight(self) -> HighlightedCode {
        let highlighted = crate::parallel::map(&self.0, |(syntax, lines)| highlight(lines, syntax));
        HighlightedCode(highlighted)
    }
}

impl HighlightedCode {
    /// Puts the tokens back into the blocks they were read from: `bodies`
    /// must be those [`CodeToHighlight::of`] read, unchanged.
    pub fn put_into<'a>(self, bodies: impl IntoIterator<Item = &'a mut Body>) {
        let mut highlighted = self.0.into_iter();
        for body in bodies {
            body.for_each_block_mut(&mut |block| {
                if let Some((_, code)) = grammar_of(block) {
                    code.lines = highlighted.next().expect("a result for every block");
                }
            });
        }
    }
}

/// `block`'s grammar and code when it is code in a language with a grammar.
fn grammar_of(block: &mut Block) -> Option<(&'static SyntaxReference, &mut CodeBlock)> {
    let Block::Code(code) = block else {
        return None;
    };
    match code.language.as_deref().map(language) {
        Some(Language::Grammar(syntax)) => Some((syntax, code)),
        _ => None,
    }
}

/// `lines` of code in `syntax`, as tokens.
pub(super) fn highlight(lines: &[String], syntax: &SyntaxReference) -> Vec<CodeLine> {
    let set = syntaxes();
    let kinds = Kinds::new();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut highlighted = Vec::with_capacity(lines.len());
    let mut broken = false;
    for line in lines {
        if broken || line.len() > LONGEST_HIGHLIGHTED_LINE {
            highlighted.push(plain(line));
            continue;
        }
        let with_break = format!("{line}\n");
        let Ok(operations) = state.parse_line(&with_break, set) else {
            // A grammar that fails leaves the rest of the code plain.
            broken = true;
            highlighted.push(plain(line));
            continue;
        };
        let mut tokens: Vec<Token> = Vec::new();
        let mut from = 0;
        for (at, operation) in operations {
            let at = at.min(line.len());
            if at > from {
                push(&mut tokens, &line[from..at], kinds.of(&stack));
                from = at;
            }
            if stack.apply(&operation).is_err() {
                broken = true;
            }
        }
        if from < line.len() {
            push(&mut tokens, &line[from..], kinds.of(&stack));
        }
        highlighted.push(CodeLine { tokens });
    }
    highlighted
}

/// `line` as one plain token (none for a blank line).
pub(super) fn plain(line: &str) -> CodeLine {
    let mut tokens = Vec::new();
    push(&mut tokens, line, TokenKind::Plain);
    CodeLine { tokens }
}

/// Adds `text` of `kind`, joined to the last token when that is of the same kind.
fn push(tokens: &mut Vec<Token>, text: &str, kind: TokenKind) {
    if text.is_empty() {
        return;
    }
    match tokens.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => tokens.push(Token {
            text: text.to_string(),
            kind,
        }),
    }
}

/// Scope prefixes and the kind each marks, the more specific first.
const SCOPES: &[(&str, TokenKind)] = &[
    ("comment", TokenKind::Comment),
    ("string", TokenKind::String),
    ("constant.character", TokenKind::String),
    ("constant.numeric", TokenKind::Number),
    ("constant.language", TokenKind::Type),
    ("keyword.operator.word", TokenKind::Keyword),
    ("keyword.operator", TokenKind::Plain),
    ("keyword", TokenKind::Keyword),
    ("storage", TokenKind::Keyword),
    ("variable.language", TokenKind::Keyword),
    ("entity.name.function", TokenKind::Function),
    ("entity.name.macro", TokenKind::Function),
    ("support.function", TokenKind::Function),
    ("support.macro", TokenKind::Function),
    ("variable.function", TokenKind::Function),
    ("entity.name.type", TokenKind::Type),
    ("entity.name.class", TokenKind::Type),
    ("entity.name.struct", TokenKind::Type),
    ("entity.name.enum", TokenKind::Type),
    ("entity.name.trait", TokenKind::Type),
    ("entity.name.interface", TokenKind::Type),
    ("entity.other.inherited-class", TokenKind::Type),
    ("support.type", TokenKind::Type),
    ("support.class", TokenKind::Type),
    ("support.constant", TokenKind::Type),
    ("entity.name.tag", TokenKind::Keyword),
    // Diffs and Markdown.
    ("markup.inserted", TokenKind::String),
    ("markup.deleted", TokenKind::Number),
    ("markup.heading", TokenKind::Keyword),
    ("markup.raw", TokenKind::String),
    ("entity.other.attribute-name", TokenKind::Function),
];

/// [`SCOPES`] as syntect scopes, to test prefixes without text.
struct Kinds {
    scopes: Vec<(Scope, TokenKind)>,
}

impl Kinds {
    fn new() -> Kinds {
        static SCOPES_BUILT: OnceLock<Vec<(Scope, TokenKind)>> = OnceLock::new();
        let scopes = SCOPES_BUILT.get_or_init(|| {
            SCOPES
                .iter()
                .filter_map(|(name, kind)| Scope::new(name).ok().map(|scope| (scope, *kind)))
                .collect()
        });
        Kinds {
            scopes: scopes.clone(),
        }
    }

    /// The kind of text under `stack`: the innermost scope that marks one.
    fn of(&self, stack: &ScopeStack) -> TokenKind {
        for scope in stack.as_slice().iter().rev() {
            if let Some((_, kind)) = self
                .scopes
                .iter()
                .find(|(prefix, _)| prefix.is_prefix_of(*scope))
            {
                return *kind;
            }
        }
        TokenKind::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds in `code` highlighted as `language`.
    fn kinds(language: &str, code: &str) -> Vec<TokenKind> {
        let Language::Grammar(syntax) = super::language(language) else {
            panic!("no grammar for `{language}`")
        };
        let lines: Vec<String> = code.lines().map(String::from).collect();
        let mut kinds: Vec<TokenKind> = highlight(&lines, syntax)
            .iter()
            .flat_map(|line| line.tokens.iter().map(|token| token.kind))
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    #[test]
    fn rust_tokens_get_their_kinds() {
        let code = "// adds\nfn add(a: i32) -> i32 {\n    let s = \"x\";\n    println!(\"{}\", a + 1)\n}\n";
        let lines: Vec<String> = code.lines().map(String::from).collect();
        let Language::Grammar(rust) = language("rust") else {
            panic!("rust")
        };
        let highlighted = highlight(&lines, rust);
        let text: Vec<String> = highlighted
            .iter()
            .map(|line| line.tokens.iter().map(|t| t.text.as_str()).collect())
            .collect();
        assert_eq!(text, lines, "the tokens put together are the code");
        let kind_of = |line: usize, text: &str| {
            highlighted[line]
                .tokens
                .iter()
                .find(|t| t.text.contains(text))
                .map(|t| t.kind)
        };
        assert_eq!(kind_of(0, "adds"), Some(TokenKind::Comment));
        assert_eq!(kind_of(1, "fn"), Some(TokenKind::Keyword));
        assert_eq!(kind_of(1, "add"), Some(TokenKind::Function));
        assert_eq!(kind_of(2, "\"x\""), Some(TokenKind::String));
        assert_eq!(kind_of(3, "1"), Some(TokenKind::Number));
        assert_eq!(kind_of(3, "println!"), Some(TokenKind::Function));
    }

    /// The thirty-odd languages talks show most, by a name or an alias
    /// each, every one in at least three kinds.
    #[test]
    fn the_most_used_languages_are_known() {
        let samples = [
            ("python", "def f(x):\n    return 'a' + str(1)  # c\n"),
            ("py", "import os\nprint(\"x\", 2)\n"),
            ("javascript", "function f() { return \"x\" + 1; } // c\n"),
            ("js", "const x = 'a'; // c\n"),
            (
                "typescript",
                "function f(x: number): string { return \"a\"; }\n",
            ),
            ("ts", "let x: number = 1; // c\n"),
            ("java", "public class A { int x = 1; // c\n}\n"),
            ("c", "int main() { return 0; } /* c */\n"),
            ("cpp", "int main() { return 0; } // c\n"),
            ("c++", "int x = 1; // c\n"),
            ("csharp", "class A { int x = 1; } // c\n"),
            ("go", "func main() { x := \"a\" } // c\n"),
            ("rs", "fn main() { let x = 1; } // c\n"),
            ("ruby", "def f\n  'a' # c\nend\n"),
            ("php", "<?php function f() { return 'a'; } // c\n"),
            ("swift", "func f() -> Int { return 1 } // c\n"),
            ("kotlin", "fun f(): Int { return 1 } // c\n"),
            ("scala", "def f(): Int = 1 // c\n"),
            ("bash", "if [ -f x ]; then echo \"a\"; fi # c\n"),
            ("sh", "echo 'a' # c\n"),
            ("shell", "export A=1 # c\n"),
            ("sql", "SELECT a FROM t WHERE b = 'x'; -- c\n"),
            ("html", "<p class=\"a\">x</p><!-- c -->\n"),
            ("css", "p { color: red; width: 1px; } /* c */\n"),
            ("json", "{\"a\": 1, \"b\": true}\n"),
            ("yaml", "a: 1 # c\nb: 'x'\n"),
            ("yml", "a: 1 # c\n"),
            ("toml", "a = 1 # c\nb = \"x\"\n"),
            ("r", "f <- function(x) { 'a' } # c\n"),
            ("lua", "local function f() return 'a' end -- c\n"),
            ("perl", "my $x = 'a'; # c\n"),
            ("haskell", "f :: Int -> Int\nf x = 1 -- c\n"),
            ("dart", "void main() { var x = 'a'; } // c\n"),
            ("elixir", "def f, do: \"a\" # c\n"),
            ("dockerfile", "FROM debian # c\nRUN echo 'a'\n"),
            ("makefile", "all: x # c\n\techo 'a'\n"),
            ("diff", "- a\n+ b\n"),
            ("objc", "int main() { return 0; } // c\n"),
            ("clojure", "(defn f [x] \"a\") ; c\n"),
            ("zig", "fn f() u8 { return 1; } // c\n"),
            ("powershell", "$x = 'a' # c\nGet-Item $x\n"),
        ];
        for (language, code) in samples {
            let kinds = kinds(language, code);
            assert!(kinds.len() >= 2, "`{language}` tokens are all {kinds:?}");
        }
    }

    #[test]
    fn plain_and_unknown_languages() {
        assert!(matches!(language("text"), Language::Plain));
        assert!(matches!(language("klingon"), Language::Unknown));
        assert!(matches!(language("Rust"), Language::Grammar(_)));
    }
}
