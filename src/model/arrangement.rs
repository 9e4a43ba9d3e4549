//! The names `layout:` takes and the options that go with them.

/// A slide's arrangement, as `layout:` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutName {
    /// Title, caption, the image under them (the default).
    Standard,
    /// The image covers the page; the text stands on a band.
    Full,
    /// The image on the left, the text on the right.
    ImageLeft,
    /// The image on the right, the text on the left.
    ImageRight,
    /// The caption set large as a quotation.
    Quote,
    /// The caption at display size: one number or one sentence.
    Statement,
    /// Two to four pictures side by side, each with its own caption.
    Pair,
}

impl LayoutName {
    /// Every layout, in the order the deck format lists them.
    pub const ALL: [LayoutName; 7] = [
        LayoutName::Standard,
        LayoutName::Full,
        LayoutName::ImageLeft,
        LayoutName::ImageRight,
        LayoutName::Quote,
        LayoutName::Statement,
        LayoutName::Pair,
    ];

    /// The names a deck may use, in the order of [`LayoutName::ALL`].
    pub const NAMES: &'static [&'static str] = &[
        "standard",
        "full",
        "image-left",
        "image-right",
        "quote",
        "statement",
        "pair",
    ];

    /// Reads a layout name.
    pub fn parse(name: &str) -> Option<LayoutName> {
        LayoutName::NAMES
            .iter()
            .position(|known| *known == name.trim())
            .map(|index| LayoutName::ALL[index])
    }

    /// The name a deck writes.
    pub fn name(self) -> &'static str {
        LayoutName::NAMES[LayoutName::ALL
            .iter()
            .position(|layout| *layout == self)
            .unwrap_or(0)]
    }
}

/// How many pictures a `pair` slide shows.
pub const PAIR_IMAGES: std::ops::RangeInclusive<usize> = 2..=4;

/// Where a `full` slide's text band goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// Across the top of the page.
    Top,
    /// Across the bottom of the page (the default).
    Bottom,
}

impl Band {
    /// The names `band:` takes.
    pub const NAMES: &'static [&'static str] = &["bottom", "top"];
}

/// Which side of an `image-left` / `image-right` slide the image takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// The point of an image a `cover` crop keeps in view: `x` and `y` from 0
/// (left, top) to 1 (right, bottom).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    pub x: f64,
    pub y: f64,
}

impl Focus {
    /// The middle of the image (the default): crops evenly.
    pub const CENTRE: Focus = Focus { x: 0.5, y: 0.5 };
}

/// The share of the width the image of an `image-left` or `image-right`
/// slide takes: from 30 to 70 percent.
pub const SPLIT: std::ops::RangeInclusive<f64> = 0.3..=0.7;

/// The default `split`: half the width.
pub const DEFAULT_SPLIT: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for layout in LayoutName::ALL {
            assert_eq!(LayoutName::parse(layout.name()), Some(layout));
        }
        assert_eq!(LayoutName::parse("image_left"), None);
    }
}
