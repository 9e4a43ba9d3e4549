//! Geometry in PDF points: top-left origin, y grows downwards.
//!
//! Every stage before `pdf/` works in these units; the flip to PDF's
//! bottom-left origin happens only in `pdf/`: in `pdf::page` for what is
//! drawn, and in `pdf::annotations` for the rectangles of links and notes.

use std::ops::{Add, Div, Mul, Sub};

/// Tolerance for comparing lengths that went through float arithmetic.
const EPSILON: f64 = 1e-6;

/// A length in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f64);

impl Pt {
    /// A length given in millimetres.
    pub fn mm(mm: f64) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }

    /// A length given in inches.
    pub fn inch(inches: f64) -> Pt {
        Pt(inches * 72.0)
    }

    /// The length in millimetres.
    pub fn to_mm(self) -> f64 {
        self.0 * 25.4 / 72.0
    }

    /// The length in inches.
    pub fn to_inches(self) -> f64 {
        self.0 / 72.0
    }

    /// Whether `self` fits into `other`, allowing for float noise.
    pub fn fits(self, other: Pt) -> bool {
        self.0 <= other.0 + EPSILON
    }

    /// The smaller of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }

    /// The larger of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, rhs: Pt) -> Pt {
        Pt(self.0 + rhs.0)
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, rhs: Pt) -> Pt {
        Pt(self.0 - rhs.0)
    }
}

impl Mul<f64> for Pt {
    type Output = Pt;
    fn mul(self, rhs: f64) -> Pt {
        Pt(self.0 * rhs)
    }
}

impl Div<f64> for Pt {
    type Output = Pt;
    fn div(self, rhs: f64) -> Pt {
        Pt(self.0 / rhs)
    }
}

/// A point, measured from the top-left corner of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Point {
    pub x: Pt,
    pub y: Pt,
}

impl Point {
    pub fn new(x: Pt, y: Pt) -> Point {
        Point { x, y }
    }
}

/// A width and a height.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Size {
    pub width: Pt,
    pub height: Pt,
}

impl Size {
    pub fn new(width: Pt, height: Pt) -> Size {
        Size { width, height }
    }
}

/// An axis-aligned rectangle: its top-left corner and its size.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
    pub height: Pt,
}

impl Rect {
    pub fn new(x: Pt, y: Pt, width: Pt, height: Pt) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The rectangle at the origin with the given size.
    pub fn from_size(size: Size) -> Rect {
        Rect::new(Pt(0.0), Pt(0.0), size.width, size.height)
    }

    pub fn right(&self) -> Pt {
        self.x + self.width
    }

    pub fn bottom(&self) -> Pt {
        self.y + self.height
    }

    /// Whether `other` lies wholly inside `self` (edges may touch).
    pub fn contains(&self, other: &Rect) -> bool {
        self.x.fits(other.x)
            && self.y.fits(other.y)
            && other.right().fits(self.right())
            && other.bottom().fits(self.bottom())
    }

    /// Whether the two rectangles share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        let apart = self.right().fits(other.x)
            || other.right().fits(self.x)
            || self.bottom().fits(other.y)
            || other.bottom().fits(self.y);
        !apart
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        let right = self.right().max(other.right());
        let bottom = self.bottom().max(other.bottom());
        Rect::new(x, y, right - x, bottom - y)
    }

    /// The area both rectangles share, if any.
    pub fn intersection(&self, other: &Rect) -> Option<Rect> {
        let x = self.x.max(other.x);
        let y = self.y.max(other.y);
        let right = self.right().min(other.right());
        let bottom = self.bottom().min(other.bottom());
        (x.0 < right.0 && y.0 < bottom.0).then(|| Rect::new(x, y, right - x, bottom - y))
    }
}

/// A uniform scale, then a move: how a page's drawing is placed on paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transform {
    pub scale: f64,
    /// Where the drawing's origin lands.
    pub offset: Point,
}

impl Transform {
    /// Where `rect` of the drawing lands.
    pub fn apply(&self, rect: &Rect) -> Rect {
        Rect::new(
            self.offset.x + rect.x * self.scale,
            self.offset.y + rect.y * self.scale,
            rect.width * self.scale,
            rect.height * self.scale,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transform_scales_then_moves() {
        let transform = Transform {
            scale: 0.5,
            offset: Point::new(Pt(10.0), Pt(20.0)),
        };
        let placed = transform.apply(&Rect::new(Pt(4.0), Pt(8.0), Pt(100.0), Pt(50.0)));
        assert_eq!(placed, Rect::new(Pt(12.0), Pt(24.0), Pt(50.0), Pt(25.0)));
    }

    #[test]
    fn millimetres_convert_to_points() {
        assert!((Pt::mm(25.4).0 - 72.0).abs() < 1e-9);
        assert!((Pt::inch(13.333_333).0 - 960.0).abs() < 1e-3);
    }

    #[test]
    fn touching_rectangles_do_not_overlap() {
        let a = Rect::new(Pt(0.0), Pt(0.0), Pt(10.0), Pt(10.0));
        let b = Rect::new(Pt(10.0), Pt(0.0), Pt(10.0), Pt(10.0));
        let c = Rect::new(Pt(9.0), Pt(9.0), Pt(10.0), Pt(10.0));
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&c));
        assert_eq!(
            a.intersection(&c),
            Some(Rect::new(Pt(9.0), Pt(9.0), Pt(1.0), Pt(1.0)))
        );
        assert_eq!(a.intersection(&b), None);
        assert_eq!(a.union(&c), Rect::new(Pt(0.0), Pt(0.0), Pt(19.0), Pt(19.0)));
    }

    #[test]
    fn containment_allows_touching_edges() {
        let page = Rect::new(Pt(0.0), Pt(0.0), Pt(100.0), Pt(50.0));
        assert!(page.contains(&Rect::new(Pt(5.0), Pt(5.0), Pt(90.0), Pt(40.0))));
        assert!(page.contains(&page));
        assert!(!page.contains(&Rect::new(Pt(90.0), Pt(0.0), Pt(11.0), Pt(5.0))));
    }
}
