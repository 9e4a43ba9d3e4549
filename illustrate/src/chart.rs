//! Charts on plotters' cartesian axes: line charts and bar charts.
//! Logarithmic axes are plotted as powers of ten on linear axes, labelled by
//! [`power_of_ten`], so every chart has the same coordinate type.

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::canvas::{Canvas, DrawResult};
use crate::draw::{Font, FAMILY, INK};

/// A chart whose both axes are plain numbers.
pub type Chart<'a, 'b> =
    ChartContext<'a, BitMapBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Formats an axis's tick value.
pub type Format = fn(&f64) -> String;

/// The axes of a chart: ranges, descriptions, how many ticks and how they read.
pub struct Axes {
    pub x: Range<f64>,
    pub y: Range<f64>,
    pub x_desc: &'static str,
    pub y_desc: &'static str,
    pub x_ticks: usize,
    pub y_ticks: usize,
    pub x_format: Format,
    pub y_format: Format,
}

impl Axes {
    /// Linear axes with about six ticks each, labelled as plain numbers.
    pub fn new(x: Range<f64>, y: Range<f64>, x_desc: &'static str, y_desc: &'static str) -> Self {
        Axes {
            x,
            y,
            x_desc,
            y_desc,
            x_ticks: 6,
            y_ticks: 6,
            x_format: number,
            y_format: number,
        }
    }

    /// Axes for [`bar_chart`], which sets the x axis to carry the bars' names.
    pub fn for_bars(y: Range<f64>, y_desc: &'static str) -> Self {
        Axes::new(0.0..1.0, y, "", y_desc)
    }

    pub fn y_ticks(self, y_ticks: usize) -> Self {
        Axes { y_ticks, ..self }
    }

    pub fn y_format(self, y_format: Format) -> Self {
        Axes { y_format, ..self }
    }

    pub fn ticks(self, x_ticks: usize, y_ticks: usize) -> Self {
        Axes {
            x_ticks,
            y_ticks,
            ..self
        }
    }

    pub fn formats(self, x_format: Format, y_format: Format) -> Self {
        Axes {
            x_format,
            y_format,
            ..self
        }
    }
}

/// A tick label with no needless decimals: 3, 0.5, 12.25.
pub fn number(value: &f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The label of a tick on a log axis, where the value is the exponent: 1, 1k, 10M.
pub fn power_of_ten(exponent: &f64) -> String {
    short_count(10_f64.powi(exponent.round() as i32))
}

/// A count in few characters: 0.01, 60k, 1.5B, 175B.
pub fn short_count(count: f64) -> String {
    let units = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];
    let (scale, unit) = units
        .into_iter()
        .find(|&(scale, _)| count >= scale)
        .unwrap_or((1.0, ""));
    format!("{}{unit}", number(&(count / scale)))
}

/// A share from 0 to 1 as a percentage: 0.35 is 35%.
pub fn share(share: f64) -> String {
    percent(&(share * 100.0))
}

/// A percentage tick: 40%.
pub fn percent(value: &f64) -> String {
    format!("{}%", number(value))
}

/// No tick labels: for axes whose numbers would only distract.
pub fn blank(_: &f64) -> String {
    String::new()
}

/// Draws the axes, grid and tick labels, and returns the chart to draw series on.
pub fn plot<'a, 'b>(
    canvas: &'a Canvas<'b>,
    axes: &Axes,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = ChartBuilder::on(&canvas.area)
        .margin(canvas.pt(12.0) as u32)
        .x_label_area_size(canvas.pt(54.0) as u32)
        .y_label_area_size(canvas.pt(76.0) as u32)
        .build_cartesian_2d(axes.x.clone(), axes.y.clone())?;
    chart
        .configure_mesh()
        .x_labels(axes.x_ticks)
        .y_labels(axes.y_ticks)
        .x_label_formatter(&axes.x_format)
        .y_label_formatter(&axes.y_format)
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .label_style((FAMILY, canvas.pt(16.0)).into_font().color(&INK))
        .axis_desc_style((FAMILY, canvas.pt(18.0)).into_font().color(&INK))
        .axis_style(INK.stroke_width(canvas.pt_px(1.5)))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd).stroke_width(canvas.pt_px(0.75)))
        .light_line_style(TRANSPARENT)
        .set_all_tick_mark_size(canvas.pt(4.0) as u32)
        .draw()?;
    Ok(chart)
}

/// A curve through `points`, `width` points thick, named in the legend when `name` is not empty.
pub fn curve<'a, 'b: 'a>(
    canvas: &Canvas,
    chart: &mut Chart<'a, 'b>,
    points: Vec<(f64, f64)>,
    colour: RGBColor,
    width: f64,
    name: &str,
) -> DrawResult {
    let style = colour.stroke_width(canvas.pt_px(width));
    let series = chart.draw_series(LineSeries::new(points, style))?;
    if !name.is_empty() {
        let length = canvas.pt(24.0) as i32;
        series
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], style));
    }
    Ok(())
}

/// A filled circle of `radius` points at data coordinates `at`.
pub fn marker(
    canvas: &Canvas,
    chart: &mut Chart,
    at: (f64, f64),
    radius: f64,
    colour: RGBColor,
) -> DrawResult {
    chart.draw_series([Circle::new(at, canvas.pt_px(radius), colour.filled())])?;
    Ok(())
}

/// The points of `f` at `count` even steps over `range`.
pub fn sample(range: Range<f64>, count: usize, f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    (0..=count)
        .map(|i| range.start + (range.end - range.start) * i as f64 / count as f64)
        .map(|x| (x, f(x)))
        .collect()
}

/// The legend of the named curves, in a corner of the chart.
pub fn legend<'a, 'b: 'a>(
    canvas: &Canvas,
    chart: &mut Chart<'a, 'b>,
    corner: SeriesLabelPosition,
) -> DrawResult {
    chart
        .configure_series_labels()
        .position(corner)
        .margin(canvas.pt(10.0) as u32)
        .legend_area_size(canvas.pt(34.0) as u32)
        .label_font((FAMILY, canvas.pt(17.0)).into_font().color(&INK))
        .background_style(WHITE.mix(0.9))
        .border_style(INK.stroke_width(canvas.pt_px(0.75)))
        .draw()?;
    Ok(())
}

/// Writes `label` centred on data coordinates `at`, inside the plot or beside it.
pub fn note(canvas: &Canvas, chart: &Chart, label: &str, at: (f64, f64), font: Font) -> DrawResult {
    let (x, y) = chart.backend_coord(&at);
    let (width, height) = canvas.area.dim_in_pixel();
    let spot = (
        f64::from(x) / f64::from(width),
        f64::from(y) / f64::from(height),
    );
    crate::draw::text(canvas, label, spot, font)
}

/// One bar of a bar chart: its name, its value and its colour.
pub type Bar = (&'static str, f64, RGBColor);

/// A vertical bar chart: one bar per entry, its name below and its value, as
/// `value_label` writes it, above. `axes.x` is set to fit the bars. Returns the
/// chart, where bar `i` stands at x = `i`.
pub fn bar_chart<'a, 'b>(
    canvas: &'a Canvas<'b>,
    axes: Axes,
    bars: &[Bar],
    value_label: fn(f64) -> String,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let axes = Axes {
        x: -0.5..bars.len() as f64 - 0.5,
        x_ticks: 0,
        x_format: blank,
        ..axes
    };
    let mut chart = plot(canvas, &axes)?;
    let names = Font::new(16.0);
    let values = Font::new(18.0).bold();
    let lift = (axes.y.end - axes.y.start) * 0.06;
    for (i, &(name, value, colour)) in bars.iter().enumerate() {
        let x = i as f64;
        chart.draw_series([Rectangle::new(
            [(x - 0.36, axes.y.start), (x + 0.36, value)],
            colour.filled(),
        )])?;
        note(
            canvas,
            &chart,
            &value_label(value),
            (x, value + lift),
            values,
        )?;
        let below = axes.y.start - (axes.y.end - axes.y.start) * 0.07;
        note(canvas, &chart, name, (x, below), names)?;
    }
    Ok(chart)
}
