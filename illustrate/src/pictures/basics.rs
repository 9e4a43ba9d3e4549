//! Sections "What is machine learning?" and "The old days".

use plotters::prelude::{Color, RGBColor, Rectangle, SeriesLabelPosition, WHITE};

use crate::canvas::{Canvas, DrawResult, Finish, Picture};
use crate::chart::{
    self, bar_chart, blank, curve, legend, marker, note, plot, power_of_ten, sample, Axes, Bar,
};
use crate::draw::{
    arrow, card, dot, line, outline, rect, text, Font, BLUE, GREY, INK, ORANGE, PALE,
};

pub const PICTURES: [Picture; 8] = [
    Picture {
        file: "time_travel.png",
        size: (1600, 1000),
        finish: Finish::Transparent,
        draw: time_travel,
    },
    Picture {
        file: "resnet_mnist.png",
        size: (2400, 1000),
        finish: Finish::Colour,
        draw: resnet_mnist,
    },
    Picture {
        file: "scaling.png",
        size: (1600, 1100),
        finish: Finish::Colour,
        draw: scaling,
    },
    Picture {
        file: "network_sizes.jpg",
        size: (1800, 1000),
        finish: Finish::Colour,
        draw: network_sizes,
    },
    Picture {
        file: "old_days_totally_true.jpg",
        size: (1600, 1000),
        finish: Finish::Gray,
        draw: old_days_totally_true,
    },
    Picture {
        file: "old_days_tougher.png",
        size: (1000, 1250),
        finish: Finish::Gray,
        draw: old_days_tougher,
    },
    Picture {
        file: "time_for_caffe.jpg",
        size: (4000, 1200),
        finish: Finish::Colour,
        draw: time_for_caffe,
    },
    Picture {
        file: "time_for_tensorflow.png",
        size: (1200, 1200),
        finish: Finish::Transparent,
        draw: time_for_tensorflow,
    },
];

/// The metric climbs while what it stood for falls.
fn time_travel(c: &Canvas) -> DrawResult {
    let axes = Axes::new(0.0..100.0, 0.0..140.0, "training steps", "score").formats(blank, blank);
    let mut chart = plot(c, &axes)?;
    let measured = sample(0.0..100.0, 100, |x| 95.0 * (1.0 - (-x / 25.0).exp()));
    let wanted = sample(0.0..100.0, 100, |x| {
        10.0 + 50.0 * (x / 30.0) * (1.0 - x / 30.0).exp()
    });
    curve(
        c,
        &mut chart,
        measured,
        BLUE,
        3.0,
        "what you measure: clicks",
    )?;
    curve(
        c,
        &mut chart,
        wanted,
        ORANGE,
        3.0,
        "what you wanted: happy readers",
    )?;
    legend(c, &mut chart, SeriesLabelPosition::UpperLeft)
}

/// A network with hundreds of units next to the small digit it reads.
fn resnet_mnist(c: &Canvas) -> DrawResult {
    const EDGE: RGBColor = RGBColor(0xb4, 0xc6, 0xea);
    let (columns, rows) = (32, 14);
    let spot = |column: usize, row: usize| {
        (
            0.04 + 0.62 * column as f64 / (columns - 1) as f64,
            0.1 + 0.66 * row as f64 / (rows - 1) as f64,
        )
    };
    for column in 1..columns {
        for row in 0..rows {
            for previous in 0..rows {
                line(
                    c,
                    &[spot(column - 1, previous), spot(column, row)],
                    EDGE,
                    0.3,
                )?;
            }
        }
    }
    for column in 0..columns {
        for row in 0..rows {
            dot(c, spot(column, row), 2.2, BLUE)?;
        }
    }
    text(
        c,
        "ResNet-152: 152 layers, 60 million weights",
        (0.35, 0.9),
        Font::new(20.0).bold(),
    )?;
    let digit = [
        "#######", "     ##", "    ## ", "   ##  ", "   #   ", "  ##   ", "  #    ",
    ];
    let (left, top, cell) = (0.84, 0.4, 0.006);
    let tall = cell * c.aspect();
    outline(
        c,
        (left - cell, top - tall),
        (left + 8.0 * cell, top + 8.0 * tall),
        GREY,
        0.75,
    )?;
    for (row, pixels) in digit.iter().enumerate() {
        for (column, _) in pixels.char_indices().filter(|&(_, p)| p == '#') {
            let from = (left + column as f64 * cell, top + row as f64 * tall);
            rect(c, from, (from.0 + cell, from.1 + tall), INK)?;
        }
    }
    arrow(c, (0.8, 0.43), (0.7, 0.43), GREY, 1.5)?;
    text(
        c,
        "the task:\none 28×28 digit",
        (0.865, 0.7),
        Font::new(20.0).bold(),
    )
}

/// Error falls on a straight line when both axes are logarithmic.
fn scaling(c: &Canvas) -> DrawResult {
    let axes = Axes::new(
        6.0..11.0,
        0.0..2.0,
        "parameters (log scale)",
        "test error (log scale)",
    )
    .ticks(6, 3)
    .formats(power_of_ten, |e| format!("{}%", power_of_ten(e)));
    let mut chart = plot(c, &axes)?;
    let error = |exponent: f64| (60.0_f64).log10() - 0.3 * (exponent - 6.0);
    curve(c, &mut chart, sample(6.0..11.0, 1, error), GREY, 1.5, "")?;
    for model in 0..=10 {
        let x = 6.0 + 0.5 * f64::from(model);
        marker(
            c,
            &mut chart,
            (x, error(x) + 0.04 * (x * 7.0).sin()),
            5.0,
            BLUE,
        )?;
    }
    note(
        c,
        &chart,
        "a straight line on log-log axes:\nbigger model, predictably smaller error",
        (9.4, 1.6),
        Font::new(19.0),
    )
}

/// Parameter counts of famous networks, from LeNet to GPT-3.
fn network_sizes(c: &Canvas) -> DrawResult {
    let famous = [
        ("LeNet-5\n1998", 6.0e4),
        ("AlexNet\n2012", 6.1e7),
        ("ResNet-50\n2015", 2.5e7),
        ("BERT-large\n2018", 3.4e8),
        ("GPT-2\n2019", 1.5e9),
        ("GPT-3\n2020", 1.75e11),
    ];
    let bars: Vec<Bar> = famous
        .iter()
        .map(|&(name, count)| (name, f64::log10(count), BLUE))
        .collect();
    let axes = Axes::for_bars(4.0..12.5, "parameters (log scale)")
        .y_ticks(9)
        .y_format(power_of_ten);
    bar_chart(c, axes, &bars, |exponent| {
        chart::short_count(10_f64.powf(exponent))
    })?;
    Ok(())
}

/// ImageNet's best top-5 error by year: flat with hand-made features, then the drop.
fn old_days_totally_true(c: &Canvas) -> DrawResult {
    let bars = [
        ("2010", 28.2, GREY),
        ("2011", 25.8, GREY),
        ("2012\nAlexNet", 16.4, INK),
        ("2013", 11.7, INK),
        ("2014", 6.7, INK),
        ("2015\nResNet", 3.6, INK),
    ];
    let axes = Axes::for_bars(0.0..40.0, "ImageNet top-5 error").y_format(chart::percent);
    bar_chart(c, axes, &bars, |error| format!("{error}%"))?;
    text(
        c,
        "until 2012: \"neural networks don't really work\"",
        (0.55, 0.07),
        Font::new(20.0).bold(),
    )
}

/// What you wrote yourself in 2012, and what you write today.
fn old_days_tougher(c: &Canvas) -> DrawResult {
    let layers = ["your model", "training loop", "gradients", "GPU kernels"];
    for (x, title, own) in [(0.27, "2012", layers.len()), (0.73, "today", 1)] {
        text(c, title, (x, 0.07), Font::new(22.0).bold())?;
        for (i, layer) in layers.iter().enumerate() {
            let top = 0.15 + 0.2 * i as f64;
            let (fill, label, colour) = if i < own {
                (INK, layer.to_string(), WHITE)
            } else {
                (PALE, format!("{layer}\nfrom a library"), GREY)
            };
            card(
                c,
                (x - 0.21, top),
                (x + 0.21, top + 0.17),
                fill,
                &label,
                Font::new(16.0).colour(colour),
            )?;
        }
    }
    Ok(())
}

/// Which framework everybody used, year by year.
fn time_for_caffe(c: &Canvas) -> DrawResult {
    let frameworks = [
        ("Theano", 2007.0, 2017.0),
        ("Torch7", 2011.0, 2018.0),
        ("Caffe", 2013.0, 2018.0),
        ("TensorFlow", 2015.0, 2026.0),
        ("Keras", 2015.0, 2026.0),
        ("PyTorch", 2016.0, 2026.0),
        ("JAX", 2018.0, 2026.0),
    ];
    let rows = frameworks.len() as f64;
    let axes = Axes::new(2006.0..2026.0, 0.0..rows, "year", "")
        .ticks(11, 0)
        .formats(chart::number, blank);
    let mut chart = plot(c, &axes)?;
    for (i, &(name, from, to)) in frameworks.iter().enumerate() {
        let y = rows - i as f64 - 0.5;
        let colour = if name == "Caffe" { ORANGE } else { BLUE };
        chart.draw_series([Rectangle::new(
            [(from, y - 0.32), (to, y + 0.32)],
            colour.filled(),
        )])?;
        let font = Font::new(18.0).bold().colour(WHITE).left();
        note(c, &chart, name, (from + 0.25, y), font)?;
    }
    Ok(())
}

/// TensorFlow 1: first build a graph of operations, then run it in a session.
fn time_for_tensorflow(c: &Canvas) -> DrawResult {
    let font = Font::new(15.0);
    let node = |centre: (f64, f64), label: &str| {
        card(
            c,
            (centre.0 - 0.15, centre.1 - 0.06),
            (centre.0 + 0.15, centre.1 + 0.06),
            PALE,
            label,
            font,
        )
    };
    node((0.25, 0.86), "x\nplaceholder")?;
    node((0.6, 0.86), "W\nVariable")?;
    node((0.42, 0.66), "matmul")?;
    node((0.8, 0.66), "b\nVariable")?;
    node((0.6, 0.46), "add")?;
    node((0.6, 0.28), "softmax_cross_\nentropy")?;
    for (from, to) in [
        ((0.25, 0.8), (0.38, 0.72)),
        ((0.6, 0.8), (0.46, 0.72)),
        ((0.42, 0.6), (0.56, 0.52)),
        ((0.8, 0.6), (0.64, 0.52)),
        ((0.6, 0.4), (0.6, 0.34)),
    ] {
        arrow(c, from, to, INK, 1.0)?;
    }
    card(
        c,
        (0.08, 0.04),
        (0.92, 0.15),
        ORANGE,
        "sess.run(loss, feed_dict={x: batch})",
        font.bold(),
    )?;
    arrow(c, (0.6, 0.22), (0.6, 0.15), INK, 1.0)
}
