//! Colours as the deck writes them (`#rrggbb` or `#rgb`).

use std::fmt;

/// An sRGB colour with 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const WHITE: Color = Color::rgb(0xff, 0xff, 0xff);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }

    /// Parses `#rrggbb` or `#rgb` (hex digits in either case).
    pub fn parse(text: &str) -> Option<Color> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        match hex.len() {
            3 => Some(Color::rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Color::rgb(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    /// Relative luminance as WCAG defines it, from 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// WCAG contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Of `candidates`, the one that stands out most against `self`.
    pub fn most_legible(self, candidates: &[Color]) -> Color {
        candidates
            .iter()
            .copied()
            .max_by(|a, b| self.contrast(*a).total_cmp(&self.contrast(*b)))
            .unwrap_or(self)
    }

    /// The gray of the same lightness: ITU-R BT.709 luma of the sRGB values,
    /// as the `image` crate turns pictures gray, so shapes and pictures match.
    pub fn to_gray(self) -> Color {
        let luma =
            0.2126 * f64::from(self.r) + 0.7152 * f64::from(self.g) + 0.0722 * f64::from(self.b);
        let level = luma.round().clamp(0.0, 255.0) as u8;
        Color::rgb(level, level, level)
    }

    /// Whether the colour is a gray (red, green and blue equal).
    pub fn is_gray(self) -> bool {
        self.r == self.g && self.g == self.b
    }

    /// `self` blended towards `other` by `t` (0 keeps `self`, 1 gives `other`).
    pub fn mix(self, other: Color, t: f64) -> Color {
        let blend = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Color::rgb(
            blend(self.r, other.r),
            blend(self.g, other.g),
            blend(self.b, other.b),
        )
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_turn_gray_by_their_lightness() {
        assert_eq!(
            Color::rgb(0x2f, 0x6f, 0xde).to_gray(),
            Color::rgb(105, 105, 105)
        );
        assert_eq!(Color::WHITE.to_gray(), Color::WHITE);
        assert!(Color::rgb(3, 3, 3).is_gray() && !Color::rgb(3, 3, 4).is_gray());
    }

    #[test]
    fn parses_long_and_short_hex() {
        assert_eq!(Color::parse("#2f6fde"), Some(Color::rgb(0x2f, 0x6f, 0xde)));
        assert_eq!(Color::parse("#FFF"), Some(Color::WHITE));
        assert_eq!(Color::parse("#1d1d1f").unwrap().to_string(), "#1d1d1f");
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "2f6fde", "#2f6fd", "#gggggg", "red", "#", "#ffff", "#ééé", "",
        ] {
            assert_eq!(Color::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn picks_the_legible_text_colour() {
        let accent = Color::parse("#2f6fde").unwrap();
        let dark = Color::parse("#1d1d1f").unwrap();
        assert_eq!(accent.most_legible(&[Color::WHITE, dark]), Color::WHITE);
        let yellow = Color::parse("#ffd400").unwrap();
        assert_eq!(yellow.most_legible(&[Color::WHITE, dark]), dark);
    }
}
