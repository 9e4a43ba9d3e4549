//! Drawing helpers shared by the pictures: colours, text, boxes, arrows, dots,
//! flames. Positions are spots (fractions of the canvas); sizes are slide points.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::canvas::{Canvas, DrawResult, Spot};

pub const INK: RGBColor = RGBColor(0x1d, 0x1d, 0x1f);
pub const BLUE: RGBColor = RGBColor(0x2f, 0x6f, 0xde);
pub const ORANGE: RGBColor = RGBColor(0xef, 0x8a, 0x17);
pub const RED: RGBColor = RGBColor(0xd1, 0x3b, 0x3b);
pub const GREEN: RGBColor = RGBColor(0x2e, 0x9e, 0x5b);
pub const PURPLE: RGBColor = RGBColor(0x85, 0x4f, 0xc9);
pub const GREY: RGBColor = RGBColor(0x8a, 0x8f, 0x98);
pub const PALE: RGBColor = RGBColor(0xe4, 0xec, 0xfa);
pub const GOLD: RGBColor = RGBColor(0xff, 0xc7, 0x2c);

/// The family name the fonts from `fonts/` are registered under.
pub const FAMILY: &str = "sans-serif";

/// How a piece of text is set: size in slide points, colour, weight, alignment.
#[derive(Clone, Copy)]
pub struct Font {
    pt: f64,
    colour: RGBColor,
    bold: bool,
    align: HPos,
}

impl Font {
    /// Regular, dark, centred text of `pt` slide points.
    pub const fn new(pt: f64) -> Self {
        Font {
            pt,
            colour: INK,
            bold: false,
            align: HPos::Center,
        }
    }
    pub const fn bold(self) -> Self {
        Font { bold: true, ..self }
    }
    pub const fn colour(self, colour: RGBColor) -> Self {
        Font { colour, ..self }
    }
    /// Text that starts at the spot.
    pub const fn left(self) -> Self {
        Font {
            align: HPos::Left,
            ..self
        }
    }
    /// Text that ends at the spot.
    pub const fn right(self) -> Self {
        Font {
            align: HPos::Right,
            ..self
        }
    }

    /// The plotters style of this font on `canvas`, anchored at the top of capitals.
    pub fn style(&self, canvas: &Canvas) -> TextStyle<'static> {
        let weight = if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        (FAMILY, self.px(canvas), weight)
            .into_font()
            .color(&self.colour)
            .pos(Pos::new(self.align, VPos::Top))
    }

    fn px(&self, canvas: &Canvas) -> f64 {
        canvas.pt(self.pt)
    }
}

/// Writes `text` with its lines centred vertically on `at`.
pub fn text(canvas: &Canvas, text: &str, at: Spot, font: Font) -> DrawResult {
    let px = font.px(canvas);
    let line_height = 1.3 * px;
    let count = text.lines().count() as f64;
    let (x, y) = canvas.at(at);
    // With ab_glyph, plotters' top anchor is the top of the capitals, which are
    // half a pixel size tall: this puts the middle of the block's capitals on `at`.
    let top = f64::from(y) - ((count - 1.0) * line_height + 0.52 * px) / 2.0;
    let style = font.style(canvas);
    for (i, line) in text.lines().enumerate() {
        let y = (top + i as f64 * line_height).round() as i32;
        canvas.area.draw(&Text::new(line, (x, y), style.clone()))?;
    }
    Ok(())
}

/// A filled rectangle between two corners.
pub fn rect(canvas: &Canvas, from: Spot, to: Spot, fill: RGBColor) -> DrawResult {
    canvas.area.draw(&Rectangle::new(
        [canvas.at(from), canvas.at(to)],
        fill.filled(),
    ))?;
    Ok(())
}

/// A rectangle's outline, `width` points thick.
pub fn outline(canvas: &Canvas, from: Spot, to: Spot, colour: RGBColor, width: f64) -> DrawResult {
    let style = colour.stroke_width(canvas.pt_px(width));
    canvas
        .area
        .draw(&Rectangle::new([canvas.at(from), canvas.at(to)], style))?;
    Ok(())
}

/// A labelled box: filled, outlined, with `label` centred in it.
pub fn card(
    canvas: &Canvas,
    from: Spot,
    to: Spot,
    fill: RGBColor,
    label: &str,
    font: Font,
) -> DrawResult {
    rect(canvas, from, to, fill)?;
    outline(canvas, from, to, INK, 1.5)?;
    text(
        canvas,
        label,
        ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0),
        font,
    )
}

/// A polyline, `width` points thick.
pub fn line(canvas: &Canvas, points: &[Spot], colour: RGBColor, width: f64) -> DrawResult {
    let pixels: Vec<_> = points.iter().map(|&p| canvas.at(p)).collect();
    canvas.area.draw(&PathElement::new(
        pixels,
        colour.stroke_width(canvas.pt_px(width)),
    ))?;
    Ok(())
}

/// A straight arrow from `from` to `to`, with a head at `to`.
pub fn arrow(canvas: &Canvas, from: Spot, to: Spot, colour: RGBColor, width: f64) -> DrawResult {
    let (x0, y0) = canvas.at(from);
    let (x1, y1) = canvas.at(to);
    let (dx, dy) = (f64::from(x1 - x0), f64::from(y1 - y0));
    let length = dx.hypot(dy).max(1.0);
    let (ux, uy) = (dx / length, dy / length);
    let head = canvas.pt(4.0 * width + 4.0);
    let base = (f64::from(x1) - ux * head, f64::from(y1) - uy * head);
    let wing = |side: f64| {
        (
            (base.0 - side * uy * head * 0.55) as i32,
            (base.1 + side * ux * head * 0.55) as i32,
        )
    };
    let stroke = colour.stroke_width(canvas.pt_px(width));
    canvas.area.draw(&PathElement::new(
        vec![(x0, y0), (base.0 as i32, base.1 as i32)],
        stroke,
    ))?;
    canvas.area.draw(&Polygon::new(
        vec![(x1, y1), wing(1.0), wing(-1.0)],
        colour.filled(),
    ))?;
    Ok(())
}

/// A filled circle of `radius` points.
pub fn dot(canvas: &Canvas, centre: Spot, radius: f64, fill: RGBColor) -> DrawResult {
    canvas.area.draw(&Circle::new(
        canvas.at(centre),
        canvas.pt_px(radius),
        fill.filled(),
    ))?;
    Ok(())
}

/// A circle's outline of `radius` points, `width` points thick.
pub fn ring(
    canvas: &Canvas,
    centre: Spot,
    radius: f64,
    colour: RGBColor,
    width: f64,
) -> DrawResult {
    let style = colour.stroke_width(canvas.pt_px(width));
    canvas
        .area
        .draw(&Circle::new(canvas.at(centre), canvas.pt_px(radius), style))?;
    Ok(())
}

/// A translucent disc: `alpha` of `fill` over what is below.
pub fn glass(canvas: &Canvas, centre: Spot, radius: f64, fill: RGBColor, alpha: f64) -> DrawResult {
    let style = fill.mix(alpha).filled();
    canvas
        .area
        .draw(&Circle::new(canvas.at(centre), canvas.pt_px(radius), style))?;
    Ok(())
}

/// Flames rising from the top edge of the box between `from` and `to`.
pub fn flames(canvas: &Canvas, from: Spot, to: Spot) -> DrawResult {
    let width = to.0 - from.0;
    let height = (to.1 - from.1) * 0.9;
    for (colour, grow) in [(RED, 1.0), (ORANGE, 0.72), (GOLD, 0.42)] {
        let mut points = vec![canvas.at((from.0, from.1 + height * 0.15))];
        for tongue in 0..5 {
            let left = from.0 + width * f64::from(tongue) / 5.0;
            let tall = grow * height * [0.8, 1.15, 0.9, 1.25, 0.75][tongue as usize];
            points.push(canvas.at((left + width * 0.1, from.1 - tall)));
            points.push(canvas.at((left + width * 0.2, from.1 - tall * 0.35)));
        }
        points.push(canvas.at((to.0, from.1 + height * 0.15)));
        canvas.area.draw(&Polygon::new(points, colour.filled()))?;
    }
    Ok(())
}

/// A row of labelled boxes joined by arrows, between heights `top` and `bottom`;
/// returns each box's corners so a picture can mark some of them.
pub fn pipeline(
    canvas: &Canvas,
    stages: &[&str],
    top: f64,
    bottom: f64,
    font: Font,
) -> Result<Vec<(Spot, Spot)>, Box<dyn std::error::Error>> {
    let count = stages.len() as f64;
    let width = 0.94 / (count + 0.4 * (count - 1.0));
    let gap = 0.4 * width;
    let mut boxes = Vec::new();
    for (i, stage) in stages.iter().enumerate() {
        let left = 0.03 + i as f64 * (width + gap);
        let corners = ((left, top), (left + width, bottom));
        card(canvas, corners.0, corners.1, PALE, stage, font)?;
        if i > 0 {
            let middle = (top + bottom) / 2.0;
            arrow(
                canvas,
                (left - gap + 0.005, middle),
                (left - 0.005, middle),
                INK,
                1.5,
            )?;
        }
        boxes.push(corners);
    }
    Ok(boxes)
}

/// Horizontal bars under a grey `heading`, one per row: its name on the left, a
/// pale track, the share (0 to 1) filled in `fill`, and `label` of the share at
/// the bar's end.
pub fn meters(
    canvas: &Canvas,
    heading: &str,
    rows: &[(&str, f64)],
    fill: RGBColor,
    label: fn(f64) -> String,
) -> DrawResult {
    text(canvas, heading, (0.655, 0.04), Font::new(16.0).colour(GREY))?;
    let font = Font::new(18.0);
    let step = 0.9 / rows.len() as f64;
    for (i, &(name, share)) in rows.iter().enumerate() {
        let middle = 0.07 + step * (i as f64 + 0.5);
        let (top, bottom) = (middle - step * 0.3, middle + step * 0.3);
        text(canvas, name, (0.4, middle), font.right())?;
        rect(canvas, (0.43, top), (0.88, bottom), PALE)?;
        rect(canvas, (0.43, top), (0.43 + 0.45 * share, bottom), fill)?;
        text(
            canvas,
            &label(share),
            (0.44 + 0.45 * share, middle),
            font.bold().left(),
        )?;
    }
    Ok(())
}
