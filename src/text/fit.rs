//! Fitting text into a box: wrap, then shrink down to a floor, then cut.

use crate::geom::Pt;

use super::wrap::{Line, Paragraph, Shaper};

/// How many sizes the shrink loop tries between the upper bound and the floor.
const SHRINK_STEPS: usize = 40;

/// Appended to text that had to be cut.
const ELLIPSIS: char = '…';

/// What to fit where.
#[derive(Debug, Clone, Copy)]
pub struct FitRequest<'a> {
    pub text: &'a str,
    /// The size to use when the text fits at it.
    pub max_size: Pt,
    /// The smallest size allowed before cutting.
    pub min_size: Pt,
    pub width: Pt,
    pub height: Pt,
    /// Baseline-to-baseline distance as a multiple of the size.
    pub line_height: f64,
}

/// The text as it will be set.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedText {
    pub size: Pt,
    pub lines: Vec<Line>,
    /// Whether text was dropped and an ellipsis added.
    pub cut: bool,
    /// Whether a word too long for a line was broken between characters.
    pub broke_words: bool,
}

impl FittedText {
    /// The height the lines take at `line_height`.
    pub fn height(&self, line_height: f64) -> Pt {
        self.size * line_height * self.lines.len() as f64
    }

    /// The widest line, in points.
    pub fn width(&self) -> Pt {
        let em = self.lines.iter().map(|l| l.width).fold(0.0, f64::max);
        self.size * em
    }
}

/// Sets `request.text` as large as it fits, down to `min_size`; below that
/// it breaks words and cuts the last line with an ellipsis.
pub fn fit_text(shaper: &dyn Shaper, request: &FitRequest) -> FittedText {
    let paragraphs: Vec<Paragraph> = request
        .text
        .split('\n')
        .map(|text| Paragraph::new(shaper, text))
        .collect();
    let (max, min) = (
        request.max_size.0,
        request.min_size.0.min(request.max_size.0),
    );
    // Whole words at the largest size that fits; failing that, words broken
    // between characters; failing that, cut.
    for break_words in [false, true] {
        for step in 0..=SHRINK_STEPS {
            let size = Pt(max - (max - min) * step as f64 / SHRINK_STEPS as f64);
            if let Some(lines) = wrap_all(&paragraphs, request.width.0 / size.0, break_words) {
                let fitted = FittedText {
                    size,
                    lines,
                    cut: false,
                    broke_words: break_words,
                };
                if fitted.height(request.line_height).fits(request.height) {
                    return fitted;
                }
            }
        }
    }
    cut_to_fit(shaper, &paragraphs, request, Pt(min))
}

fn wrap_all(paragraphs: &[Paragraph], max_width: f64, break_words: bool) -> Option<Vec<Line>> {
    let mut lines = Vec::new();
    // Where each paragraph starts in the whole text: after the last one and its line break.
    let mut offset = 0;
    for paragraph in paragraphs {
        let wrapped = paragraph.wrap(max_width, break_words)?;
        if wrapped.is_empty() {
            // A blank line in the source keeps its space.
            lines.push(Line {
                text: String::new(),
                start: offset,
                glyphs: Vec::new(),
                width: 0.0,
                rtl: false,
            });
        }
        lines.extend(wrapped.into_iter().map(|line| Line {
            start: line.start + offset,
            ..line
        }));
        offset += paragraph.text().len() + 1;
    }
    Some(lines)
}

fn cut_to_fit(
    shaper: &dyn Shaper,
    paragraphs: &[Paragraph],
    request: &FitRequest,
    size: Pt,
) -> FittedText {
    let max_width = request.width.0 / size.0;
    let mut lines = wrap_all(paragraphs, max_width, true).unwrap_or_default();
    let room = (request.height.0 / (size.0 * request.line_height) + 1e-9).floor() as usize;
    let cut = lines.len() > room;
    if cut {
        lines.truncate(room);
        if let Some(last) = lines.pop() {
            lines.push(Line {
                start: last.start,
                ..with_ellipsis(shaper, &last.text, max_width)
            });
        }
    }
    FittedText {
        size,
        lines,
        cut,
        broke_words: false,
    }
}

/// `text` with characters dropped from its end until it and an ellipsis fit.
fn with_ellipsis(shaper: &dyn Shaper, text: &str, max_width: f64) -> Line {
    let ellipsis = if shaper.has_char(ELLIPSIS) {
        ELLIPSIS.to_string()
    } else {
        "...".to_string()
    };
    let mut kept: Vec<char> = text.chars().collect();
    loop {
        let candidate = kept.iter().collect::<String>().trim_end().to_string() + &ellipsis;
        let line = Line::shaped(shaper, &candidate);
        if line.width <= max_width || kept.is_empty() {
            return line;
        }
        kept.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::tests::FixedAdvance;

    fn request(text: &str, width: f64, height: f64) -> FitRequest<'_> {
        FitRequest {
            text,
            max_size: Pt(20.0),
            min_size: Pt(10.0),
            width: Pt(width),
            height: Pt(height),
            line_height: 1.0,
        }
    }

    #[test]
    fn short_text_keeps_the_upper_bound() {
        let fitted = fit_text(&FixedAdvance, &request("hello world", 200.0, 20.0));
        assert_eq!(fitted.size, Pt(20.0));
        assert_eq!(fitted.lines.len(), 1);
        assert!(!fitted.cut);
        assert_eq!(fitted.width(), Pt(110.0));
    }

    #[test]
    fn long_text_wraps_then_shrinks() {
        // At 20 pt, 10 characters fit a 100 pt line and one line fits; at 10 pt, 20 and 2.
        let fitted = fit_text(&FixedAdvance, &request("aaaa bbbb cccc dddd", 100.0, 20.0));
        assert!(fitted.size.0 < 20.0 && fitted.size.0 >= 10.0);
        assert!(!fitted.cut);
        assert!(fitted.width().fits(Pt(100.0)));
        assert!(fitted.height(1.0).fits(Pt(20.0)));
    }

    #[test]
    fn a_word_too_long_for_any_size_is_broken_and_flagged() {
        let fitted = fit_text(
            &FixedAdvance,
            &request("abcdefghijklmnopqrstuvwxyz", 100.0, 60.0),
        );
        assert!(fitted.broke_words && !fitted.cut);
        assert!(fitted.width().fits(Pt(100.0)));
        let joined: String = fitted.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, "abcdefghijklmnopqrstuvwxyz");
    }

    #[test]
    fn text_that_never_fits_is_cut_with_an_ellipsis() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let fitted = fit_text(&FixedAdvance, &request(text, 50.0, 20.0));
        assert!(fitted.cut);
        assert_eq!(fitted.size, Pt(10.0));
        assert_eq!(fitted.lines.len(), 2);
        assert!(fitted.lines[1].text.ends_with('…'));
        assert!(fitted.width().fits(Pt(50.0)));
    }

    #[test]
    fn explicit_line_breaks_are_kept() {
        let fitted = fit_text(&FixedAdvance, &request("one\n\ntwo", 200.0, 100.0));
        let texts: Vec<&str> = fitted.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["one", "", "two"]);
    }

    #[test]
    fn every_line_knows_where_it_starts_in_the_text() {
        let text = "alpha beta\ngamma delta epsilon";
        let fitted = fit_text(&FixedAdvance, &request(text, 60.0, 200.0));
        assert!(fitted.lines.len() > 2);
        for line in &fitted.lines {
            assert_eq!(&text[line.start..line.start + line.text.len()], line.text);
        }
    }
}
