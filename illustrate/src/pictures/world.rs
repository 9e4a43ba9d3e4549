//! Sections "Data Science and Statistics" and "AI in the world".

use crate::canvas::{Canvas, DrawResult, Finish, Picture};
use crate::chart::{
    bar_chart, blank, curve, marker, note, number, percent, plot, share, Axes, Bar,
};
use crate::draw::{
    dot, glass, meters, outline, ring, text, Font, BLUE, GREEN, GREY, INK, ORANGE, PURPLE, RED,
};

pub const PICTURES: [Picture; 8] = [
    Picture {
        file: "data_science_statistics.png",
        size: (1200, 1200),
        finish: Finish::Transparent,
        draw: data_science_statistics,
    },
    Picture {
        file: "data_scientist.jpg",
        size: (1000, 1300),
        finish: Finish::Colour,
        draw: data_scientist,
    },
    Picture {
        file: "rigorous_statistics.jpg",
        size: (1400, 1000),
        finish: Finish::Colour,
        draw: rigorous_statistics,
    },
    Picture {
        file: "precision_vs_recall.png",
        size: (1600, 1000),
        finish: Finish::Transparent,
        draw: precision_vs_recall,
    },
    Picture {
        file: "pure_math.jpg",
        size: (1300, 1300),
        finish: Finish::Colour,
        draw: pure_math,
    },
    Picture {
        file: "broader_impact.png",
        size: (1400, 1000),
        finish: Finish::Colour,
        draw: broader_impact,
    },
    Picture {
        file: "impress_with_ai.png",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: impress_with_ai,
    },
    Picture {
        file: "ai_startups.jpg",
        size: (1600, 900),
        finish: Finish::Colour,
        draw: ai_startups,
    },
];

/// Data science where statistics, computing and knowing the field overlap.
fn data_science_statistics(c: &Canvas) -> DrawResult {
    glass(c, (0.5, 0.36), 95.0, BLUE, 0.35)?;
    glass(c, (0.36, 0.62), 95.0, ORANGE, 0.35)?;
    glass(c, (0.64, 0.62), 95.0, GREEN, 0.35)?;
    text(c, "statistics", (0.5, 0.22), Font::new(19.0))?;
    text(c, "computer\nscience", (0.25, 0.72), Font::new(19.0))?;
    text(c, "domain\nknowledge", (0.75, 0.72), Font::new(19.0))?;
    text(c, "data\nscience", (0.5, 0.53), Font::new(18.0).bold())
}

/// What a data scientist's week is mostly made of.
fn data_scientist(c: &Canvas) -> DrawResult {
    let week = [
        ("SQL", 0.35),
        ("cleaning", 0.25),
        ("meetings", 0.2),
        ("dashboards", 0.12),
        ("deep learning", 0.08),
    ];
    meters(c, "a week, roughly", &week, PURPLE, share)
}

/// Two bars three runs apart, error bars overlapping, and a confident p-value.
fn rigorous_statistics(c: &Canvas) -> DrawResult {
    let bars = [("baseline", 71.0, GREY), ("ours", 73.0, BLUE)];
    let axes = Axes::for_bars(50.0..90.0, "accuracy (3 runs)")
        .y_ticks(5)
        .y_format(percent);
    let mut chart = bar_chart(c, axes, &bars, |_| String::new())?;
    for (i, &(_, value, _)) in bars.iter().enumerate() {
        let x = i as f64;
        let (low, high) = (value - 7.0, value + 7.0);
        curve(c, &mut chart, vec![(x, low), (x, high)], INK, 2.0, "")?;
        curve(
            c,
            &mut chart,
            vec![(x - 0.08, low), (x + 0.08, low)],
            INK,
            2.0,
            "",
        )?;
        curve(
            c,
            &mut chart,
            vec![(x - 0.08, high), (x + 0.08, high)],
            INK,
            2.0,
            "",
        )?;
    }
    note(
        c,
        &chart,
        "p = 0.049, so it's significant",
        (0.5, 86.0),
        Font::new(20.0).bold().colour(RED),
    )
}

/// Relevant items among others, the ones a model picked, and the two ratios.
fn precision_vs_recall(c: &Canvas) -> DrawResult {
    for row in 0..6 {
        for column in 0..8 {
            let spot = (
                0.06 + 0.06 * f64::from(column),
                0.14 + 0.13 * f64::from(row),
            );
            if column < 4 {
                dot(c, spot, 7.0, BLUE)?;
            } else {
                ring(c, spot, 7.0, GREY, 1.5)?;
            }
        }
    }
    ring(c, (0.29, 0.47), 95.0, ORANGE, 3.0)?;
    text(
        c,
        "relevant",
        (0.15, 0.05),
        Font::new(18.0).bold().colour(BLUE),
    )?;
    text(
        c,
        "not relevant",
        (0.39, 0.05),
        Font::new(18.0).colour(GREY),
    )?;
    text(
        c,
        "picked by the model",
        (0.29, 0.96),
        Font::new(18.0).bold().colour(ORANGE),
    )?;
    let left = Font::new(19.0).left();
    text(
        c,
        "precision: of what was picked,\nhow much is relevant?",
        (0.58, 0.32),
        left,
    )?;
    text(
        c,
        "recall: of what is relevant,\nhow much was picked?",
        (0.58, 0.66),
        left,
    )
}

/// Gradient descent zigzagging down a long, narrow valley.
fn pure_math(c: &Canvas) -> DrawResult {
    let axes = Axes::new(-3.0..3.0, -1.2..1.6, "x", "y").ticks(7, 8);
    let mut chart = plot(c, &axes)?;
    for level in [0.5_f64, 1.5, 3.0, 5.0, 7.5] {
        let ellipse = (0..=120)
            .map(|step| f64::from(step) * std::f64::consts::TAU / 120.0)
            .map(|t| (level.sqrt() * t.cos(), (level / 10.0).sqrt() * t.sin()))
            .collect();
        curve(c, &mut chart, ellipse, GREY, 1.0, "")?;
    }
    let learning_rate = 0.09;
    let mut point = (-2.6_f64, 0.8_f64);
    let mut path = vec![point];
    for _ in 0..14 {
        let gradient = (2.0 * point.0, 20.0 * point.1);
        point = (
            point.0 - learning_rate * gradient.0,
            point.1 - learning_rate * gradient.1,
        );
        path.push(point);
    }
    curve(c, &mut chart, path, RED, 2.5, "")?;
    note(
        c,
        &chart,
        "gradient descent on\nf(x, y) = x² + 10y²",
        (0.0, 1.35),
        Font::new(19.0).bold(),
    )
}

/// The questions a broader impact section asks.
fn broader_impact(c: &Canvas) -> DrawResult {
    let questions = [
        "Who benefits?",
        "Who could be harmed?",
        "What happens when it is wrong?",
        "How much energy did training use?",
    ];
    for (i, question) in questions.iter().enumerate() {
        let y = 0.18 + 0.21 * i as f64;
        let half = 0.035;
        outline(
            c,
            (0.1 - half / c.aspect(), y - half),
            (0.1 + half / c.aspect(), y + half),
            INK,
            2.0,
        )?;
        text(c, question, (0.16, y), Font::new(21.0).left())?;
    }
    Ok(())
}

/// What impresses people, against how hard it is to build.
fn impress_with_ai(c: &Canvas) -> DrawResult {
    let axes = Axes::new(
        0.0..10.0,
        0.0..10.0,
        "how hard it is",
        "how impressed people are",
    )
    .formats(blank, blank);
    let mut chart = plot(c, &axes)?;
    let things = [
        ("a chatbot demo", 1.5, 9.0, ORANGE),
        ("a slick web page", 2.5, 7.0, ORANGE),
        ("1% better accuracy", 7.5, 4.0, BLUE),
        ("a clean data pipeline", 9.0, 2.2, BLUE),
        ("monitoring", 5.0, 1.0, BLUE),
    ];
    for (name, hard, impressed, colour) in things {
        marker(c, &mut chart, (hard, impressed), 7.0, colour)?;
        let font = Font::new(18.0);
        let (font, shift) = if hard > 6.0 {
            (font.right(), -0.3)
        } else {
            (font.left(), 0.3)
        };
        note(c, &chart, name, (hard + shift, impressed + 0.6), font)?;
    }
    Ok(())
}

/// A made-up index of pitch decks that mention AI, year by year.
fn ai_startups(c: &Canvas) -> DrawResult {
    let years = [
        ("2016", 10.0),
        ("2018", 14.0),
        ("2020", 22.0),
        ("2022", 38.0),
        ("2023", 75.0),
        ("2024", 100.0),
    ];
    let bars: Vec<Bar> = years
        .iter()
        .map(|&(name, value)| (name, value, GREEN))
        .collect();
    let axes =
        Axes::for_bars(0.0..120.0, "pitch decks saying \"AI\" (made-up index)").y_format(number);
    bar_chart(c, axes, &bars, |value| number(&value))?;
    Ok(())
}
