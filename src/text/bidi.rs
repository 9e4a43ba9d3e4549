//! Bidirectional text (UAX #9): a paragraph split into runs of one
//! direction for shaping, and a line's runs put in display order.

use std::ops::Range;

use unicode_bidi::BidiInfo;

/// A stretch of text at one embedding level: even levels run left to
/// right, odd ones right to left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Byte range in the paragraph.
    pub range: Range<usize>,
    pub level: u8,
}

impl Run {
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// Whether `c` can never make text run right to left, known without the
/// Unicode tables: below Hebrew no character is strong right to left, an
/// Arabic number or a directional mark.
pub fn never_right_to_left(c: char) -> bool {
    c < '\u{590}'
}

/// The runs of `text` in reading (logical) order; one left-to-right run
/// when nothing in it runs right to left.
pub fn runs(text: &str) -> Vec<Run> {
    // Most text is found left to right so, without the algorithm's tables.
    let info = (!text.chars().all(never_right_to_left)).then(|| BidiInfo::new(text, None));
    let Some(info) = info.filter(BidiInfo::has_rtl) else {
        return vec![Run {
            range: 0..text.len(),
            level: 0,
        }];
    };
    let mut runs: Vec<Run> = Vec::new();
    for (index, level) in info.levels.iter().enumerate() {
        let level = level.number();
        match runs.last_mut() {
            Some(run) if run.level == level => run.range.end = index + 1,
            _ => runs.push(Run {
                range: index..index + 1,
                level,
            }),
        }
    }
    runs
}

/// The order to display runs with these levels in (rule L2): from the
/// highest level down to the lowest odd one, reverse every stretch of runs
/// at that level or above.
pub fn display_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let highest = levels.iter().copied().max().unwrap_or(0);
    let lowest_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(highest + 1);
    for level in (lowest_odd..=highest).rev() {
        let mut at = 0;
        while at < order.len() {
            if levels[order[at]] < level {
                at += 1;
                continue;
            }
            let end = (at..order.len())
                .find(|&i| levels[order[i]] < level)
                .unwrap_or(order.len());
            order[at..end].reverse();
            at = end;
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_below_hebrew_runs_left_to_right_as_the_algorithm_finds() {
        for text in ["Greek αβγ, Cyrillic жз, Armenian ա 42", "\u{5d0}"] {
            let algorithm = BidiInfo::new(text, None).has_rtl();
            assert_eq!(runs(text).iter().any(Run::is_rtl), algorithm, "{text}");
        }
    }

    #[test]
    fn left_to_right_text_is_one_run() {
        assert_eq!(
            runs("plain text"),
            [Run {
                range: 0..10,
                level: 0
            }]
        );
    }

    #[test]
    fn mixed_text_splits_by_direction() {
        // "ab " then three Hebrew letters (two bytes each) then " cd".
        let text = "ab \u{5d0}\u{5d1}\u{5d2} cd";
        let runs = runs(text);
        let levels: Vec<u8> = runs.iter().map(|r| r.level).collect();
        assert_eq!(levels, [0, 1, 0]);
        assert_eq!(&text[runs[1].range.clone()], "\u{5d0}\u{5d1}\u{5d2}");
    }

    #[test]
    fn display_order_reverses_right_to_left_stretches() {
        assert_eq!(display_order(&[0, 1, 0]), [0, 1, 2]);
        assert_eq!(display_order(&[1, 1, 1]), [2, 1, 0]);
        // Numbers inside right-to-left text keep their own order.
        assert_eq!(display_order(&[1, 2, 1]), [2, 1, 0]);
        assert_eq!(display_order(&[0, 1, 2, 1, 0]), [0, 3, 2, 1, 4]);
    }
}
