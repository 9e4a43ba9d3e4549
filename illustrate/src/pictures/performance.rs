//! Sections "Increasing Performance" and "Debugging Models".

use plotters::prelude::{RGBColor, SeriesLabelPosition, WHITE};

use crate::canvas::{Canvas, DrawResult, Finish, Picture};
use crate::chart::{bar_chart, blank, curve, legend, note, number, percent, plot, sample, Axes};
use crate::draw::{
    arrow, card, pipeline, rect, text, Font, BLUE, GOLD, GREEN, GREY, INK, ORANGE, RED,
};

pub const PICTURES: [Picture; 8] = [
    Picture {
        file: "bitter_lesson.jpg",
        size: (2000, 1125),
        finish: Finish::Colour,
        draw: bitter_lesson,
    },
    Picture {
        file: "transfer_learning.png",
        size: (1800, 900),
        finish: Finish::Transparent,
        draw: transfer_learning,
    },
    Picture {
        file: "overfit_regularization.jpg",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: overfit_regularization,
    },
    Picture {
        file: "hyperparameter_jackpot.png",
        size: (900, 900),
        finish: Finish::Colour,
        draw: hyperparameter_jackpot,
    },
    Picture {
        file: "no_jackpot.jpg",
        size: (1600, 900),
        finish: Finish::Colour,
        draw: no_jackpot,
    },
    Picture {
        file: "nothing_else_works.png",
        size: (340, 240),
        finish: Finish::Colour,
        draw: nothing_else_works,
    },
    Picture {
        file: "finding_bugs.jpg",
        size: (1600, 900),
        finish: Finish::Colour,
        draw: finding_bugs,
    },
    Picture {
        file: "answer_just_bad.png",
        size: (2400, 800),
        finish: Finish::Transparent,
        draw: answer_just_bad,
    },
];

/// Clever hand-made knowledge plateaus; general methods keep growing with compute.
fn bitter_lesson(c: &Canvas) -> DrawResult {
    let axes =
        Axes::new(0.0..6.0, 0.0..130.0, "compute (log scale)", "accuracy").formats(blank, blank);
    let mut chart = plot(c, &axes)?;
    let clever = sample(0.0..6.0, 120, |x| 40.0 + 30.0 * (1.0 - (-x / 1.2).exp()));
    let general = sample(0.0..6.0, 120, |x| {
        10.0 + 88.0 / (1.0 + (-(x - 3.2) * 1.6).exp())
    });
    curve(
        c,
        &mut chart,
        clever,
        ORANGE,
        3.0,
        "clever, hand-made knowledge",
    )?;
    curve(
        c,
        &mut chart,
        general,
        BLUE,
        3.0,
        "general method + more compute",
    )?;
    legend(c, &mut chart, SeriesLabelPosition::UpperLeft)
}

/// Keep the layers someone trained on a million images; train only a new head.
fn transfer_learning(c: &Canvas) -> DrawResult {
    let font = Font::new(16.0);
    let layers = ["conv 1", "conv 2", "conv 3", "conv 4", "conv 5"];
    for (i, layer) in layers.iter().enumerate() {
        let left = 0.14 + 0.1 * i as f64;
        card(
            c,
            (left, 0.3),
            (left + 0.075, 0.78),
            BLUE,
            layer,
            font.colour(WHITE),
        )?;
    }
    card(
        c,
        (0.68, 0.3),
        (0.78, 0.78),
        ORANGE,
        "new\nhead",
        font.bold(),
    )?;
    text(c, "photo", (0.06, 0.54), font)?;
    arrow(c, (0.09, 0.54), (0.135, 0.54), INK, 1.5)?;
    arrow(c, (0.785, 0.54), (0.84, 0.54), INK, 1.5)?;
    text(c, "cat or\ndog?", (0.92, 0.54), font.bold())?;
    text(
        c,
        "frozen: learned from 1.2 million ImageNet photos",
        (0.375, 0.17),
        font,
    )?;
    text(c, "trained on\nyour 500 photos", (0.73, 0.9), font)
}

/// Training loss keeps falling while validation loss turns up; regularization holds it down.
fn overfit_regularization(c: &Canvas) -> DrawResult {
    let axes = Axes::new(0.0..50.0, 0.0..2.6, "epochs", "loss");
    let mut chart = plot(c, &axes)?;
    let train = |x: f64| 2.2 * (-x / 8.0).exp() + 0.05;
    curve(
        c,
        &mut chart,
        sample(0.0..50.0, 100, train),
        BLUE,
        3.0,
        "training",
    )?;
    let validation = move |x: f64| train(x) + 0.3 + 0.0005 * x * x;
    curve(
        c,
        &mut chart,
        sample(0.0..50.0, 100, validation),
        RED,
        3.0,
        "validation",
    )?;
    let regularized = |x: f64| 2.2 * (-x / 9.0).exp() + 0.4;
    curve(
        c,
        &mut chart,
        sample(0.0..50.0, 100, regularized),
        GREEN,
        3.0,
        "validation, with dropout",
    )?;
    note(
        c,
        &chart,
        "the curves part:\noverfitting",
        (30.0, 1.45),
        Font::new(18.0).colour(RED),
    )?;
    legend(c, &mut chart, SeriesLabelPosition::UpperRight)
}

/// Validation accuracy over a grid of learning rates and batch sizes: one cell shines.
fn hyperparameter_jackpot(c: &Canvas) -> DrawResult {
    let rates = ["1e-5", "1e-4", "1e-3", "0.01", "0.1", "1"];
    let batches = ["512", "256", "128", "64", "32", "16"];
    let jackpot = (3, 2);
    let (left, top, cell) = (0.2, 0.06, 0.125);
    for (row, batch) in batches.iter().enumerate() {
        text(
            c,
            batch,
            (left - 0.03, top + (row as f64 + 0.5) * cell),
            Font::new(14.0).right(),
        )?;
        for (column, _) in rates.iter().enumerate() {
            let from = (left + column as f64 * cell, top + row as f64 * cell);
            let to = (from.0 + cell - 0.006, from.1 + cell - 0.006);
            let accuracy = 58.0 + 9.0 * ((column * 7 + row * 3) as f64 * 1.3).sin().abs();
            let (fill, value, ink) = if (column, row) == jackpot {
                (GOLD, 94.0, INK)
            } else {
                (shade(accuracy), accuracy.round(), WHITE)
            };
            rect(c, from, to, fill)?;
            text(
                c,
                &number(&value),
                ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0),
                Font::new(14.0).bold().colour(ink),
            )?;
        }
    }
    for (column, rate) in rates.iter().enumerate() {
        text(
            c,
            rate,
            (left + (column as f64 + 0.5) * cell, top + 6.0 * cell + 0.03),
            Font::new(14.0),
        )?;
    }
    text(
        c,
        "learning rate",
        (left + 3.0 * cell, 0.93),
        Font::new(15.0),
    )?;
    text(c, "batch\nsize", (0.06, 0.43), Font::new(15.0))
}

/// A dull blue, brighter for a better accuracy between 55% and 70%.
fn shade(accuracy: f64) -> RGBColor {
    let t = ((accuracy - 55.0) / 15.0).clamp(0.0, 1.0);
    let mix = |dark: f64, light: f64| (dark + (light - dark) * t) as u8;
    RGBColor(mix(30.0, 70.0), mix(40.0, 110.0), mix(90.0, 190.0))
}

/// Twelve runs with twelve settings, all well short of the paper's number.
fn no_jackpot(c: &Canvas) -> DrawResult {
    let axes =
        Axes::new(0.0..30.0, 40.0..100.0, "epochs", "validation accuracy").formats(number, percent);
    let mut chart = plot(c, &axes)?;
    for run in 0..12 {
        let ceiling = 68.0 + 9.0 * (f64::from(run) * 2.1).sin().abs();
        let speed = 3.0 + f64::from(run % 4);
        let points = sample(0.0..30.0, 60, |x| {
            45.0 + (ceiling - 45.0) * (1.0 - (-x / speed).exp())
        });
        curve(c, &mut chart, points, GREY, 1.5, "")?;
    }
    curve(c, &mut chart, vec![(0.0, 92.0), (30.0, 92.0)], RED, 2.0, "")?;
    note(
        c,
        &chart,
        "what the paper reports: 92%",
        (15.0, 95.5),
        Font::new(19.0).bold().colour(RED),
    )?;
    note(
        c,
        &chart,
        "your twelve runs",
        (22.0, 62.0),
        Font::new(19.0).colour(GREY),
    )
}

/// The last resort: a different random seed.
fn nothing_else_works(c: &Canvas) -> DrawResult {
    let bars = [
        ("seed 0", 71.0, GREY),
        ("seed 1", 70.0, GREY),
        ("seed 7", 72.0, GREY),
        ("seed 42", 79.0, ORANGE),
    ];
    let axes = Axes::for_bars(60.0..85.0, "accuracy")
        .y_ticks(3)
        .y_format(percent);
    bar_chart(c, axes, &bars, |value| format!("{value}%"))?;
    Ok(())
}

/// Two training runs, one with a bug: the loss curves look the same.
fn finding_bugs(c: &Canvas) -> DrawResult {
    let axes = Axes::new(0.0..40.0, 0.0..2.6, "epochs", "training loss");
    let mut chart = plot(c, &axes)?;
    let loss = |x: f64| 2.3 * (-x / 9.0).exp() + 0.3;
    curve(
        c,
        &mut chart,
        sample(0.0..40.0, 80, loss),
        BLUE,
        3.0,
        "correct code: 74% accuracy",
    )?;
    let buggy = sample(0.0..40.0, 80, |x| loss(x) + 0.05 + 0.03 * (x * 1.7).sin());
    curve(
        c,
        &mut chart,
        buggy,
        ORANGE,
        3.0,
        "labels shuffled by a bug: 71%",
    )?;
    legend(c, &mut chart, SeriesLabelPosition::UpperRight)
}

/// A pipeline with a bad result at the end and no clue where it went wrong.
fn answer_just_bad(c: &Canvas) -> DrawResult {
    let stages = [
        "data",
        "preprocessing",
        "model",
        "loss",
        "optimizer",
        "accuracy:\n52%",
    ];
    let boxes = pipeline(c, &stages, 0.45, 0.85, Font::new(18.0))?;
    let (last_from, last_to) = boxes[boxes.len() - 1];
    let blush = RGBColor(0xfb, 0xe3, 0xe3);
    card(
        c,
        last_from,
        last_to,
        blush,
        stages[stages.len() - 1],
        Font::new(19.0).bold().colour(RED),
    )?;
    for &(from, to) in &boxes[..boxes.len() - 1] {
        text(
            c,
            "?",
            ((from.0 + to.0) / 2.0, 0.22),
            Font::new(45.0).bold().colour(GREY),
        )?;
    }
    Ok(())
}
