//! Page transitions: `transition: push down`, read into what the PDF's
//! `/Trans` dictionary can say (PDF 32000-1:2008, 12.4.4.1).

/// The effect shown when a page appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionStyle {
    /// The page simply replaces the last one (`/R`).
    None,
    Fade,
    Dissolve,
    Wipe,
    Push,
    Cover,
    Uncover,
    Split,
    Blinds,
    Box,
    Glitter,
    Fly,
}

/// Which way an effect moves (`/Di`, degrees counter-clockwise from left-to-right).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Right,
    Up,
    Left,
    Down,
    DownRight,
}

/// Lines or panes running across (`horizontal`) or down (`vertical`), for split and blinds (`/Dm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Horizontal,
    Vertical,
}

/// Whether split and box start at the centre (`out`) or the edges (`in`) (`/M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    In,
    Out,
}

/// A transition as written: the style and the options it allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transition {
    pub style: TransitionStyle,
    pub direction: Option<Direction>,
    pub dimension: Option<Dimension>,
    pub motion: Option<Motion>,
}

impl TransitionStyle {
    /// The names a deck may use, in the order docs/deck-format.md lists them
    /// ("Presenting").
    pub const NAMES: &'static [&'static str] = &[
        "none", "fade", "dissolve", "wipe", "push", "cover", "uncover", "split", "blinds", "box",
        "glitter", "fly",
    ];
    const ALL: [TransitionStyle; 12] = [
        TransitionStyle::None,
        TransitionStyle::Fade,
        TransitionStyle::Dissolve,
        TransitionStyle::Wipe,
        TransitionStyle::Push,
        TransitionStyle::Cover,
        TransitionStyle::Uncover,
        TransitionStyle::Split,
        TransitionStyle::Blinds,
        TransitionStyle::Box,
        TransitionStyle::Glitter,
        TransitionStyle::Fly,
    ];

    /// The name a deck uses for the style.
    pub fn name(self) -> &'static str {
        let index = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::NAMES[index]
    }

    fn parse(name: &str) -> Option<TransitionStyle> {
        let index = Self::NAMES.iter().position(|known| *known == name)?;
        Some(Self::ALL[index])
    }

    /// The words that may follow the style. The PDF standard lets only a
    /// wipe move left or up, and only glitter move diagonally.
    pub fn options(self) -> &'static [&'static str] {
        match self {
            TransitionStyle::None | TransitionStyle::Fade | TransitionStyle::Dissolve => &[],
            TransitionStyle::Wipe => &["right", "up", "left", "down"],
            TransitionStyle::Push
            | TransitionStyle::Cover
            | TransitionStyle::Uncover
            | TransitionStyle::Fly => &["right", "down"],
            TransitionStyle::Glitter => &["right", "down", "down-right"],
            TransitionStyle::Split => &["horizontal", "vertical", "in", "out"],
            TransitionStyle::Blinds => &["horizontal", "vertical"],
            TransitionStyle::Box => &["in", "out"],
        }
    }
}

/// Why a transition could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    Empty,
    UnknownStyle(String),
    /// A word the style does not take: the style, the word.
    UnknownOption(&'static str, String),
    /// Two words that set the same thing, such as `left right`.
    Repeated(String, String),
}

impl Transition {
    /// Reads `style [option...]`, such as `fade`, `wipe left` or `split vertical out`.
    pub fn parse(written: &str) -> Result<Transition, TransitionError> {
        let mut words = written.split_whitespace();
        let name = words.next().ok_or(TransitionError::Empty)?;
        let style = TransitionStyle::parse(&name.to_ascii_lowercase())
            .ok_or_else(|| TransitionError::UnknownStyle(name.to_string()))?;
        let mut transition = Transition {
            style,
            direction: None,
            dimension: None,
            motion: None,
        };
        let mut seen: Vec<(&'static str, String)> = Vec::new();
        for word in words {
            let lower = word.to_ascii_lowercase();
            if !style.options().contains(&lower.as_str()) {
                return Err(TransitionError::UnknownOption(
                    style.name(),
                    word.to_string(),
                ));
            }
            let kind = match lower.as_str() {
                "right" | "up" | "left" | "down" | "down-right" => {
                    transition.direction = Some(match lower.as_str() {
                        "right" => Direction::Right,
                        "up" => Direction::Up,
                        "left" => Direction::Left,
                        "down" => Direction::Down,
                        _ => Direction::DownRight,
                    });
                    "direction"
                }
                "horizontal" | "vertical" => {
                    transition.dimension = Some(if lower == "horizontal" {
                        Dimension::Horizontal
                    } else {
                        Dimension::Vertical
                    });
                    "dimension"
                }
                _ => {
                    transition.motion = Some(if lower == "in" {
                        Motion::In
                    } else {
                        Motion::Out
                    });
                    "motion"
                }
            };
            if let Some((_, earlier)) = seen.iter().find(|(k, _)| *k == kind) {
                return Err(TransitionError::Repeated(earlier.clone(), word.to_string()));
            }
            seen.push((kind, word.to_string()));
        }
        Ok(transition)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_alone_has_no_options() {
        let fade = Transition::parse("fade").unwrap();
        assert_eq!(fade.style, TransitionStyle::Fade);
        assert_eq!(
            (fade.direction, fade.dimension, fade.motion),
            (None, None, None)
        );
    }

    #[test]
    fn options_follow_the_style_in_any_order_and_case() {
        let split = Transition::parse("Split  OUT vertical").unwrap();
        assert_eq!(split.style, TransitionStyle::Split);
        assert_eq!(split.dimension, Some(Dimension::Vertical));
        assert_eq!(split.motion, Some(Motion::Out));
        let wipe = Transition::parse("wipe left").unwrap();
        assert_eq!(wipe.direction, Some(Direction::Left));
        let glitter = Transition::parse("glitter down-right").unwrap();
        assert_eq!(glitter.direction, Some(Direction::DownRight));
    }

    #[test]
    fn every_named_style_parses() {
        for name in TransitionStyle::NAMES {
            assert!(Transition::parse(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn mistakes_say_what_is_wrong() {
        assert_eq!(Transition::parse("  "), Err(TransitionError::Empty));
        assert_eq!(
            Transition::parse("fdae"),
            Err(TransitionError::UnknownStyle("fdae".into()))
        );
        assert_eq!(
            Transition::parse("push left"),
            Err(TransitionError::UnknownOption("push", "left".into()))
        );
        assert_eq!(
            Transition::parse("fade in"),
            Err(TransitionError::UnknownOption("fade", "in".into()))
        );
        assert_eq!(
            Transition::parse("wipe left right"),
            Err(TransitionError::Repeated("left".into(), "right".into()))
        );
    }
}
