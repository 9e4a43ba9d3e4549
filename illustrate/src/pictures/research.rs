//! Sections "DL Research" and "Research into Production".

use plotters::prelude::{RGBColor, SeriesLabelPosition};

use crate::canvas::{Canvas, DrawResult, Finish, Picture};
use crate::chart::{bar_chart, blank, curve, legend, note, number, percent, plot, sample, Axes};
use crate::draw::{
    card, dot, flames, line, meters, pipeline, text, Font, BLUE, GREEN, GREY, INK, ORANGE, PALE,
    PURPLE, RED,
};

pub const PICTURES: [Picture; 8] = [
    Picture {
        file: "not_understood.jpg",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: not_understood,
    },
    Picture {
        file: "batchnorm_explanation.png",
        size: (3000, 900),
        finish: Finish::Transparent,
        draw: batchnorm_explanation,
    },
    Picture {
        file: "reinforcement_learning.png",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: reinforcement_learning,
    },
    Picture {
        file: "rectified_linear_unit.jpg",
        size: (1600, 1100),
        finish: Finish::Colour,
        draw: rectified_linear_unit,
    },
    Picture {
        file: "research_to_production.png",
        size: (2000, 1200),
        finish: Finish::Colour,
        draw: research_to_production,
    },
    Picture {
        file: "cutting_edge_research.jpg",
        size: (1600, 900),
        finish: Finish::Colour,
        draw: cutting_edge_research,
    },
    Picture {
        file: "own_version_tricky.png",
        size: (1200, 1000),
        finish: Finish::Colour,
        draw: own_version_tricky,
    },
    Picture {
        file: "whole_pipeline.png",
        size: (3200, 1000),
        finish: Finish::Transparent,
        draw: whole_pipeline,
    },
];

/// Questions about deep learning, and how far along the answers are.
fn not_understood(c: &Canvas) -> DrawResult {
    let rows = [
        ("why huge networks still generalise", 0.25),
        ("why Adam often beats plain SGD", 0.3),
        ("double descent", 0.2),
        ("lottery tickets", 0.15),
        ("grokking", 0.1),
        ("what batchnorm really does", 0.35),
    ];
    meters(c, "how well we understand it", &rows, ORANGE, |_| {
        "?".to_string()
    })
}

/// The reason batchnorm works, as the papers gave it over the years.
fn batchnorm_explanation(c: &Canvas) -> DrawResult {
    let reasons = [
        ("2015", "it reduces \"internal\ncovariate shift\""),
        ("2018", "no: it makes the loss\nlandscape smoother"),
        ("2018", "it allows larger\nlearning rates"),
        ("next year", "?"),
    ];
    line(c, &[(0.04, 0.75), (0.96, 0.75)], INK, 2.0)?;
    for (i, (year, reason)) in reasons.iter().enumerate() {
        let x = 0.14 + 0.24 * i as f64;
        dot(c, (x, 0.75), 7.0, BLUE)?;
        text(c, year, (x, 0.9), Font::new(20.0).bold())?;
        card(
            c,
            (x - 0.105, 0.12),
            (x + 0.105, 0.55),
            PALE,
            reason,
            Font::new(19.0),
        )?;
        line(c, &[(x, 0.55), (x, 0.75)], BLUE, 1.5)?;
    }
    Ok(())
}

/// The same algorithm with five random seeds: five very different stories.
fn reinforcement_learning(c: &Canvas) -> DrawResult {
    let axes = Axes::new(
        0.0..10.0,
        -50.0..250.0,
        "environment steps (millions)",
        "reward per episode",
    );
    let mut chart = plot(c, &axes)?;
    let colours = [BLUE, ORANGE, GREEN, RED, PURPLE];
    for (seed, colour) in colours.into_iter().enumerate() {
        let s = seed as f64;
        let takeoff = 2.0 + 1.7 * s;
        let height = [210.0, 40.0, 160.0, -20.0, 110.0][seed];
        let reward = move |x: f64| {
            let learned = height / (1.0 + (-(x - takeoff) * 2.0).exp());
            learned + 12.0 * (x * (3.0 + s)).sin() + 8.0 * (x * 7.3 + s).cos()
        };
        curve(
            c,
            &mut chart,
            sample(0.0..10.0, 200, reward),
            colour,
            2.0,
            &format!("seed {seed}"),
        )?;
    }
    legend(c, &mut chart, SeriesLabelPosition::UpperLeft)
}

/// f(x) = max(x, 0), and the name it was given.
fn rectified_linear_unit(c: &Canvas) -> DrawResult {
    let axes = Axes::new(-3.0..3.0, -1.0..3.0, "x", "f(x)").ticks(7, 5);
    let mut chart = plot(c, &axes)?;
    curve(
        c,
        &mut chart,
        vec![(-3.0, 0.0), (0.0, 0.0), (3.0, 3.0)],
        BLUE,
        4.0,
        "",
    )?;
    note(
        c,
        &chart,
        "f(x) = max(x, 0)",
        (-1.6, 2.4),
        Font::new(22.0).bold(),
    )?;
    note(
        c,
        &chart,
        "also known as a\n\"rectified linear unit\"",
        (-1.6, 1.55),
        Font::new(19.0).colour(GREY),
    )
}

/// Everything a model in production needs; the model itself is the small box.
fn research_to_production(c: &Canvas) -> DrawResult {
    let font = Font::new(18.0);
    let parts = [
        ((0.02, 0.04), (0.3, 0.46), "data collection"),
        ((0.32, 0.04), (0.66, 0.3), "configuration"),
        ((0.68, 0.04), (0.98, 0.46), "serving\ninfrastructure"),
        ((0.32, 0.32), (0.5, 0.6), "feature\nextraction"),
        ((0.02, 0.48), (0.3, 0.96), "data verification"),
        ((0.32, 0.62), (0.45, 0.96), "analysis\ntools"),
        ((0.47, 0.62), (0.66, 0.96), "machine\nresources"),
        ((0.68, 0.48), (0.98, 0.96), "monitoring"),
    ];
    for (from, to, label) in parts {
        card(c, from, to, PALE, label, font)?;
    }
    card(
        c,
        (0.53, 0.38),
        (0.63, 0.54),
        ORANGE,
        "ML\ncode",
        Font::new(15.0).bold(),
    )
}

/// State of the art, paper after paper, on an axis that starts at 90%.
fn cutting_edge_research(c: &Canvas) -> DrawResult {
    let axes = Axes::new(
        0.0..8.0,
        90.0..91.0,
        "papers, in order of publication",
        "best accuracy",
    )
    .ticks(0, 6)
    .formats(blank, percent);
    let mut chart = plot(c, &axes)?;
    let steps: Vec<(f64, f64)> = (0..8)
        .flat_map(|paper| {
            let accuracy = 90.1 + 0.1 * f64::from(paper);
            [
                (f64::from(paper), accuracy),
                (f64::from(paper) + 1.0, accuracy),
            ]
        })
        .collect();
    curve(c, &mut chart, steps, BLUE, 3.0, "")?;
    note(
        c,
        &chart,
        "each step: \"a new state of the art\"",
        (2.8, 90.8),
        Font::new(19.0).bold(),
    )?;
    note(
        c,
        &chart,
        "(+0.1% each)",
        (2.8, 90.67),
        Font::new(18.0).colour(GREY),
    )
}

/// Your reimplementation's accuracy, as you find the details the paper left out.
fn own_version_tricky(c: &Canvas) -> DrawResult {
    let bars = [
        ("the paper", 76.1, BLUE),
        ("first try", 68.4, GREY),
        ("+ their data\naugmentation", 72.9, GREY),
        ("+ warm-up\n(footnote 7)", 75.8, ORANGE),
    ];
    let axes = Axes::for_bars(60.0..80.0, "accuracy")
        .y_ticks(5)
        .y_format(percent);
    bar_chart(c, axes, &bars, |value| format!("{}%", number(&value)))?;
    Ok(())
}

/// The whole pipeline, where the fire is rarely in the model.
fn whole_pipeline(c: &Canvas) -> DrawResult {
    let stages = [
        "collect", "label", "clean", "train", "evaluate", "deploy", "monitor",
    ];
    let boxes = pipeline(c, &stages, 0.5, 0.85, Font::new(19.0))?;
    let (from, to) = boxes[2];
    flames(c, from, to)?;
    let (train_from, train_to) = boxes[3];
    text(
        c,
        "the model is fine",
        ((train_from.0 + train_to.0) / 2.0, 0.35),
        Font::new(18.0).colour(GREY),
    )?;
    let blush = RGBColor(0xfb, 0xe3, 0xe3);
    card(
        c,
        from,
        to,
        blush,
        "clean",
        Font::new(19.0).bold().colour(RED),
    )
}
