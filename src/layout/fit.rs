//! Placing an image in a box: `contain` or `cover`, never distorted.

use crate::geom::{Pt, Rect};
use crate::model::{Fit, Focus};

/// Where an image goes and what of it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The whole image, scaled uniformly.
    pub placed: Rect,
    /// Set only when `cover` makes the image overflow its box.
    pub clip: Option<Rect>,
}

/// Scales a `pixel_width` x `pixel_height` image into `area`: centred when
/// it shows whole, cropped around `focus` when it covers the area.
pub fn fit_image(
    area: Rect,
    pixel_width: u32,
    pixel_height: u32,
    fit: Fit,
    focus: Focus,
) -> Placement {
    let (width, height) = (f64::from(pixel_width), f64::from(pixel_height));
    let scale_x = area.width.0 / width;
    let scale_y = area.height.0 / height;
    // Contain: the smaller scale shows everything; cover: the larger fills the box.
    let scale = match fit {
        Fit::Contain => scale_x.min(scale_y),
        Fit::Cover => scale_x.max(scale_y),
    };
    let size = (Pt(width * scale), Pt(height * scale));
    // The overflow (negative when the image is smaller) is shared so that
    // the focus point stays as near the area's matching point as it can.
    let (share_x, share_y) = match fit {
        Fit::Contain => (0.5, 0.5),
        Fit::Cover => (focus.x, focus.y),
    };
    let placed = Rect::new(
        area.x + (area.width - size.0) * share_x,
        area.y + (area.height - size.1) * share_y,
        size.0,
        size.1,
    );
    let overflows = !area.contains(&placed);
    Placement {
        placed,
        clip: overflows.then_some(area),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area() -> Rect {
        Rect::new(Pt(10.0), Pt(20.0), Pt(400.0), Pt(200.0))
    }

    fn aspect(rect: Rect) -> f64 {
        rect.width.0 / rect.height.0
    }

    #[test]
    fn contain_shows_all_centred() {
        let p = fit_image(area(), 100, 100, Fit::Contain, Focus::CENTRE);
        assert_eq!(
            p.placed,
            Rect::new(Pt(110.0), Pt(20.0), Pt(200.0), Pt(200.0))
        );
        assert_eq!(p.clip, None);
        let wide = fit_image(area(), 1000, 100, Fit::Contain, Focus::CENTRE);
        assert!((aspect(wide.placed) - 10.0).abs() < 1e-9);
        assert!(area().contains(&wide.placed));
    }

    #[test]
    fn cover_fills_and_clips_only_on_overflow() {
        let p = fit_image(area(), 100, 100, Fit::Cover, Focus::CENTRE);
        assert_eq!(
            p.placed,
            Rect::new(Pt(10.0), Pt(-80.0), Pt(400.0), Pt(400.0))
        );
        assert_eq!(p.clip, Some(area()));
        let exact = fit_image(area(), 200, 100, Fit::Cover, Focus::CENTRE);
        assert_eq!(exact.clip, None);
        assert_eq!(exact.placed, area());
    }

    #[test]
    fn cover_keeps_the_focus_in_view() {
        // 400 x 400 placed in a 400 x 200 area: 200 points of height to lose.
        let top = fit_image(area(), 100, 100, Fit::Cover, Focus { x: 0.5, y: 0.0 });
        assert_eq!(top.placed.y, Pt(20.0));
        let bottom = fit_image(area(), 100, 100, Fit::Cover, Focus { x: 0.5, y: 1.0 });
        assert_eq!(bottom.placed.bottom(), area().bottom());
        let contained = fit_image(area(), 100, 100, Fit::Contain, Focus { x: 0.0, y: 0.0 });
        assert_eq!(contained.placed.x, Pt(110.0), "contain ignores the focus");
    }

    #[test]
    fn extreme_shapes_keep_their_aspect() {
        for (w, h) in [(1, 1), (10_000, 1), (1, 10_000), (3, 7)] {
            for fit in [Fit::Contain, Fit::Cover] {
                let p = fit_image(area(), w, h, fit, Focus::CENTRE);
                let expected = f64::from(w) / f64::from(h);
                assert!(
                    (aspect(p.placed) / expected - 1.0).abs() < 1e-9,
                    "{w}x{h} {fit:?}"
                );
            }
        }
    }
}
