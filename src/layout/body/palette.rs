//! The colours of a slide body: derived from the page's text, background
//! and accent colours, so every preset and every custom theme gets a
//! palette whose text passes the contrast check where it stands.

use crate::body::TokenKind;
use crate::color::Color;

use super::super::contrast::LEAST_CONTRAST;

/// Token colours for code on a light panel: hues as GitHub's, darkened to
/// pass 4.5:1 on a near-white panel, and each kind but keywords (which are
/// bold) at its own lightness, so they stay apart in gray.
const LIGHT_TOKENS: [(TokenKind, Color); 6] = [
    (TokenKind::Keyword, Color::rgb(0xb1, 0x14, 0x5f)),
    (TokenKind::String, Color::rgb(0x23, 0x7a, 0x3a)),
    (TokenKind::Comment, Color::rgb(0x6e, 0x6e, 0x73)),
    (TokenKind::Number, Color::rgb(0x8f, 0x42, 0x00)),
    (TokenKind::Function, Color::rgb(0x1a, 0x3f, 0x8c)),
    (TokenKind::Type, Color::rgb(0x4a, 0x1a, 0x7a)),
];

/// Token colours for code on a dark panel, likewise.
const DARK_TOKENS: [(TokenKind, Color); 6] = [
    (TokenKind::Keyword, Color::rgb(0xff, 0x7a, 0xb2)),
    (TokenKind::String, Color::rgb(0xa8, 0xf0, 0xb5)),
    (TokenKind::Comment, Color::rgb(0xa8, 0xa8, 0xae)),
    (TokenKind::Number, Color::rgb(0xff, 0xea, 0xb0)),
    (TokenKind::Function, Color::rgb(0x8c, 0xc2, 0xff)),
    (TokenKind::Type, Color::rgb(0xe0, 0xc4, 0xff)),
];

/// Every colour a body uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::layout) struct Palette {
    pub text: Color,
    /// Quieter text: a list's deepest bullets, line numbers.
    pub muted: Color,
    /// Level-one bullets, links, the quote bar, done task boxes.
    pub accent: Color,
    /// Under code blocks: a tint of the page.
    pub code_panel: Color,
    /// Under inline code.
    pub chip: Color,
    /// Under a highlighted line of code.
    pub highlight: Color,
    /// Thin rules: between table rows, thematic breaks.
    pub rule: Color,
    /// A formula that cannot be typeset, shown as its source (see
    /// [`Palette::with_error`]); the text colour until set.
    pub error: Color,
    /// Code tokens, in [`TokenKind`] order after `Plain` (which is `text`).
    tokens: [Color; 6],
    /// Whether the palette has no hue in its tokens (the `ink` preset):
    /// keywords bold and comments muted carry the meaning.
    pub plain_tokens: bool,
}

impl Palette {
    /// The palette for text in `text` on `background`, with `accent`; with
    /// `plain_tokens`, code tokens keep the text colour.
    pub fn new(text: Color, background: Color, accent: Color, plain_tokens: bool) -> Palette {
        let dark = background.luminance() < text.luminance();
        let code_panel = background.mix(text, if dark { 0.07 } else { 0.045 });
        let chip = background.mix(text, if dark { 0.12 } else { 0.08 });
        let highlight = code_panel.mix(accent, 0.12);
        let readable = |colour: Color, on: Color| legible(colour, text, on);
        let muted = readable(text.mix(background, 0.4), code_panel);
        let source = if dark { DARK_TOKENS } else { LIGHT_TOKENS };
        let tokens = source.map(|(kind, colour)| {
            let colour = match (plain_tokens, kind) {
                (true, TokenKind::Comment) => muted,
                (true, _) => text,
                (false, _) => colour,
            };
            // Readable on the panel and on a highlighted line alike.
            readable(readable(colour, code_panel), highlight)
        });
        Palette {
            text,
            muted,
            accent: readable(accent, background),
            code_panel,
            chip,
            highlight,
            rule: text.mix(background, 0.75),
            error: text,
            tokens,
            plain_tokens,
        }
    }

    /// The palette with `error` (the theme's error colour) for formulas
    /// that cannot be typeset, moved towards the text until it reads on
    /// a tint of the page (the code panel, a shade harder than the page).
    pub fn with_error(self, error: Color) -> Palette {
        Palette {
            error: legible(error, self.text, self.code_panel),
            ..self
        }
    }

    /// The colour of a token of `kind`.
    pub fn token(&self, kind: TokenKind) -> Color {
        match kind {
            TokenKind::Plain => self.text,
            TokenKind::Keyword => self.tokens[0],
            TokenKind::String => self.tokens[1],
            TokenKind::Comment => self.tokens[2],
            TokenKind::Number => self.tokens[3],
            TokenKind::Function => self.tokens[4],
            TokenKind::Type => self.tokens[5],
        }
    }
}

/// `colour`, moved towards `text` until it reads at [`LEAST_CONTRAST`] on
/// `under`; `text` itself when even that is as far as it goes.
fn legible(colour: Color, text: Color, under: Color) -> Color {
    (0..=10)
        .map(|step| colour.mix(text, f64::from(step) / 10.0))
        .find(|candidate| candidate.contrast(under) >= LEAST_CONTRAST)
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [TokenKind; 7] = [
        TokenKind::Plain,
        TokenKind::Keyword,
        TokenKind::String,
        TokenKind::Comment,
        TokenKind::Number,
        TokenKind::Function,
        TokenKind::Type,
    ];

    /// Every preset's colours, and a custom theme with a mid-tone page.
    fn themes() -> [(Color, Color, Color); 4] {
        let hex = |s: &str| Color::parse(s).unwrap();
        [
            (hex("#1d1d1f"), hex("#ffffff"), hex("#2f6fde")),
            (hex("#f5f5f7"), hex("#1d1d1f"), hex("#6ea8fe")),
            (hex("#000000"), hex("#ffffff"), hex("#0040c0")),
            (hex("#202020"), hex("#b0b0b0"), hex("#ffe000")),
        ]
    }

    #[test]
    fn every_token_reads_on_the_panel_and_on_a_highlighted_line() {
        for (text, background, accent) in themes() {
            for plain in [false, true] {
                let palette = Palette::new(text, background, accent, plain);
                for kind in KINDS {
                    let colour = palette.token(kind);
                    for under in [palette.code_panel, palette.highlight] {
                        assert!(
                            colour.contrast(under) >= LEAST_CONTRAST || colour == text,
                            "{kind:?} {colour} on {under} for {text} on {background}"
                        );
                    }
                }
                assert!(palette.muted.contrast(palette.code_panel) >= LEAST_CONTRAST);
            }
        }
    }

    #[test]
    fn tokens_differ_in_colour_unless_the_theme_is_plain() {
        let (text, background, accent) = themes()[0];
        let coloured = Palette::new(text, background, accent, false);
        let mut colours: Vec<String> = KINDS
            .iter()
            .map(|&kind| coloured.token(kind).to_string())
            .collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), 7);
        // In gray too, every kind but keywords (which are bold) at least
        // ten levels from every other, on light and on dark pages.
        for (text, background, accent) in &themes()[..2] {
            let palette = Palette::new(*text, *background, *accent, false);
            let grays: Vec<i32> = KINDS
                .iter()
                .filter(|&&kind| kind != TokenKind::Keyword)
                .map(|&kind| i32::from(palette.token(kind).to_gray().r))
                .collect();
            for (i, a) in grays.iter().enumerate() {
                for b in &grays[i + 1..] {
                    assert!((a - b).abs() >= 10, "{grays:?} on {background}");
                }
            }
        }
        let plain = Palette::new(text, background, accent, true);
        assert_eq!(plain.token(TokenKind::Keyword), text);
        assert_ne!(plain.token(TokenKind::Comment), text);
    }
}
