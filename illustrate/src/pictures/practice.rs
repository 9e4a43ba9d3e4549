//! Sections "The underlying data", "Infrastructure" and "Software Engineering".

use plotters::prelude::{RGBColor, WHITE};

use crate::canvas::{Canvas, DrawResult, Finish, Picture};
use crate::chart::{bar_chart, blank, curve, note, number, percent, plot, sample, share, Axes};
use crate::draw::{
    arrow, card, glass, line, meters, outline, rect, text, Font, BLUE, GREEN, GREY, INK, ORANGE,
    PALE, RED,
};

pub const PICTURES: [Picture; 11] = [
    Picture {
        file: "curating_dataset.jpg",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: curating_dataset,
    },
    Picture {
        file: "labelled_datasets.png",
        size: (900, 1300),
        finish: Finish::Colour,
        draw: labelled_datasets,
    },
    Picture {
        file: "sklearn_uses.jpg",
        size: (1200, 1400),
        finish: Finish::Colour,
        draw: sklearn_uses,
    },
    Picture {
        file: "colab_awesome.png",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: colab_awesome,
    },
    Picture {
        file: "back_and_forth.jpg",
        size: (2000, 900),
        finish: Finish::Colour,
        draw: back_and_forth,
    },
    Picture {
        file: "relate_to_both.png",
        size: (1100, 1100),
        finish: Finish::Transparent,
        draw: relate_to_both,
    },
    Picture {
        file: "never_change.jpg",
        size: (1600, 900),
        finish: Finish::Colour,
        draw: never_change,
    },
    Picture {
        file: "not_just_deep_learning.png",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: not_just_deep_learning,
    },
    Picture {
        file: "difference_matters.jpg",
        size: (1600, 1000),
        finish: Finish::Colour,
        draw: difference_matters,
    },
    Picture {
        file: "under_the_hood.png",
        size: (2400, 1200),
        finish: Finish::Colour,
        draw: under_the_hood,
    },
    Picture {
        file: "implement_everything.jpg",
        size: (1600, 900),
        finish: Finish::Colour,
        draw: implement_everything,
    },
];

/// Where the time of a typical project goes: mostly into the data.
fn curating_dataset(c: &Canvas) -> DrawResult {
    let shares = [
        ("collecting data", 0.3),
        ("cleaning and labelling", 0.35),
        ("training models", 0.15),
        ("tuning", 0.1),
        ("deploying", 0.1),
    ];
    meters(
        c,
        "where a typical project's time goes (roughly)",
        &shares,
        BLUE,
        share,
    )
}

/// A wall of small photos, every one with a label someone typed.
fn labelled_datasets(c: &Canvas) -> DrawResult {
    let (columns, rows) = (8, 10);
    let tints = [
        RGBColor(0xc9, 0xd8, 0xf2),
        RGBColor(0xf6, 0xd9, 0xb5),
        RGBColor(0xcf, 0xe8, 0xd6),
    ];
    let (width, height) = (0.9 / f64::from(columns), 0.62 / f64::from(rows));
    for row in 0..rows {
        for column in 0..columns {
            let from = (
                0.05 + f64::from(column) * width,
                0.2 + f64::from(row) * height,
            );
            let to = (from.0 + width * 0.85, from.1 + height * 0.85);
            rect(c, from, to, tints[((row * 5 + column * 3) % 3) as usize])?;
            rect(c, (from.0, to.1 - height * 0.18), (to.0, to.1), GREY)?;
        }
    }
    text(
        c,
        "ImageNet:\n14 million photos",
        (0.5, 0.09),
        Font::new(18.0).bold(),
    )?;
    text(
        c,
        "each labelled\nby a person",
        (0.5, 0.91),
        Font::new(18.0),
    )
}

/// On a plain table of numbers, the classics are as good and far quicker.
fn sklearn_uses(c: &Canvas) -> DrawResult {
    let bars = [
        ("logistic\nregression", 84.0, GREY),
        ("boosted\ntrees", 89.0, ORANGE),
        ("deep\nnetwork", 88.0, BLUE),
    ];
    let axes = Axes::for_bars(50.0..100.0, "accuracy on a table")
        .y_ticks(6)
        .y_format(percent);
    let chart = bar_chart(c, axes, &bars, |value| format!("{}%", number(&value)))?;
    for (i, time) in ["2 s", "5 s", "2 h"].into_iter().enumerate() {
        note(
            c,
            &chart,
            &format!("fit:\n{time}"),
            (i as f64, 60.0),
            Font::new(16.0).bold().colour(WHITE),
        )?;
    }
    Ok(())
}

/// A notebook in the browser with a free GPU behind it.
fn colab_awesome(c: &Canvas) -> DrawResult {
    rect(c, (0.04, 0.05), (0.96, 0.95), RGBColor(0xf7, 0xf7, 0xf7))?;
    rect(c, (0.04, 0.05), (0.96, 0.14), RGBColor(0xe3, 0xe3, 0xe3))?;
    outline(c, (0.04, 0.05), (0.96, 0.95), GREY, 1.0)?;
    text(
        c,
        "my_experiment.ipynb",
        (0.07, 0.095),
        Font::new(16.0).bold().left(),
    )?;
    let cells = [
        (
            "[1]",
            "!nvidia-smi",
            "Tesla T4, 15 GB: yours, for free",
            GREEN,
        ),
        ("[2]", "import torch, torchvision", "", GREY),
        (
            "[3]",
            "model.fit(train, epochs=5)",
            "epoch 5/5: accuracy 97.8%",
            GREEN,
        ),
    ];
    for (i, (number, code, output, colour)) in cells.iter().enumerate() {
        let top = 0.2 + 0.25 * i as f64;
        text(
            c,
            number,
            (0.1, top + 0.05),
            Font::new(16.0).colour(GREY).right(),
        )?;
        rect(c, (0.12, top), (0.92, top + 0.1), WHITE)?;
        outline(c, (0.12, top), (0.92, top + 0.1), PALE, 1.0)?;
        text(c, code, (0.14, top + 0.05), Font::new(18.0).left())?;
        text(
            c,
            output,
            (0.14, top + 0.15),
            Font::new(16.0).colour(*colour).left(),
        )?;
    }
    Ok(())
}

/// Over the years: from scratch, then a framework, then from scratch again.
fn back_and_forth(c: &Canvas) -> DrawResult {
    let axes = Axes::new(2014.0..2026.0, 0.0..1.0, "year", "")
        .ticks(7, 0)
        .formats(number, blank);
    let mut chart = plot(c, &axes)?;
    let swings = [
        (2014.0, 0.15),
        (2015.5, 0.85),
        (2017.0, 0.15),
        (2019.0, 0.85),
        (2020.0, 0.15),
        (2022.5, 0.85),
        (2024.0, 0.15),
        (2026.0, 0.85),
    ];
    curve(c, &mut chart, swings.to_vec(), ORANGE, 3.0, "")?;
    note(
        c,
        &chart,
        "\"I'll write it myself\"",
        (2020.5, 0.93),
        Font::new(19.0).bold(),
    )?;
    note(
        c,
        &chart,
        "\"I'll just use the framework\"",
        (2020.5, 0.07),
        Font::new(19.0).bold(),
    )
}

/// Two overlapping circles, with me in both.
fn relate_to_both(c: &Canvas) -> DrawResult {
    glass(c, (0.37, 0.5), 120.0, BLUE, 0.35)?;
    glass(c, (0.63, 0.5), 120.0, ORANGE, 0.35)?;
    text(
        c,
        "researcher:\n\"it's new!\"",
        (0.22, 0.5),
        Font::new(19.0),
    )?;
    text(c, "engineer:\n\"it works!\"", (0.78, 0.5), Font::new(19.0))?;
    text(c, "me", (0.5, 0.5), Font::new(22.0).bold())
}

/// The share of time spent on one bug type, decade after decade.
fn never_change(c: &Canvas) -> DrawResult {
    let axes = Axes::new(
        1995.0..2025.0,
        0.0..60.0,
        "year",
        "time spent on off-by-one errors",
    )
    .formats(number, percent);
    let mut chart = plot(c, &axes)?;
    let share = sample(1995.0..2025.0, 60, |year| 30.0 + 3.0 * (year * 1.3).sin());
    curve(c, &mut chart, share, RED, 3.0, "")?;
    for (year, language) in [
        (1998.0, "C"),
        (2006.0, "Java"),
        (2014.0, "Python"),
        (2022.0, "PyTorch"),
    ] {
        note(c, &chart, language, (year, 42.0), Font::new(19.0).bold())?;
    }
    Ok(())
}

/// The ninety-ninety rule: the last tenth of the work takes as long again.
fn not_just_deep_learning(c: &Canvas) -> DrawResult {
    let axes = Axes::new(0.0..2.0, 0.0..110.0, "time (1 = the estimate)", "done")
        .ticks(5, 6)
        .formats(number, percent);
    let mut chart = plot(c, &axes)?;
    let first = sample(0.0..1.0, 50, |t| 90.0 * (1.0 - (1.0 - t).powi(2)));
    let last = sample(1.0..2.0, 50, |t| 90.0 + 10.0 * (t - 1.0));
    curve(c, &mut chart, first, BLUE, 3.0, "")?;
    curve(c, &mut chart, last, RED, 3.0, "")?;
    curve(c, &mut chart, vec![(1.0, 0.0), (1.0, 110.0)], GREY, 1.5, "")?;
    note(
        c,
        &chart,
        "the first 90%",
        (0.55, 50.0),
        Font::new(19.0).bold().colour(BLUE),
    )?;
    note(
        c,
        &chart,
        "the last 10%",
        (1.5, 80.0),
        Font::new(19.0).bold().colour(RED),
    )?;
    note(
        c,
        &chart,
        "deadline",
        (1.0, 104.0),
        Font::new(16.0).colour(GREY).left(),
    )
}

/// Two lines of code that differ in one word, and what each does to training.
fn difference_matters(c: &Canvas) -> DrawResult {
    let versions = [
        ("loss = loss_fn(out, y).mean()", "trains fine", GREEN),
        (
            "loss = loss_fn(out, y).sum()",
            "diverges at\nbatch size 512",
            RED,
        ),
    ];
    for (i, (code, result, colour)) in versions.iter().enumerate() {
        let top = 0.15 + 0.45 * i as f64;
        card(
            c,
            (0.03, top),
            (0.58, top + 0.25),
            PALE,
            code,
            Font::new(19.0),
        )?;
        arrow(c, (0.6, top + 0.125), (0.68, top + 0.125), INK, 2.0)?;
        text(
            c,
            result,
            (0.7, top + 0.125),
            Font::new(20.0).bold().colour(*colour).left(),
        )?;
    }
    Ok(())
}

/// A tidy call on the left; the tangle it hides on the right.
fn under_the_hood(c: &Canvas) -> DrawResult {
    card(
        c,
        (0.05, 0.38),
        (0.33, 0.62),
        GREEN,
        "model.fit(data)",
        Font::new(20.0).bold().colour(WHITE),
    )?;
    arrow(c, (0.35, 0.5), (0.45, 0.5), INK, 2.0)?;
    let spots: Vec<(f64, f64)> = (0..16)
        .map(|i| {
            let (column, row) = (f64::from(i % 4), f64::from(i / 4));
            let jitter = f64::from(i).sin() * 0.025;
            (0.56 + 0.125 * column + jitter, 0.14 + 0.22 * row - jitter)
        })
        .collect();
    for (i, &from) in spots.iter().enumerate() {
        for &to in spots.iter().skip(i + 1).step_by(3) {
            line(c, &[from, to], GREY, 0.75)?;
        }
    }
    let names = ["cache", "retry", "hack", "TODO", "v2", "old", "fix", "temp"];
    for (i, &(x, y)) in spots.iter().enumerate() {
        card(
            c,
            (x - 0.035, y - 0.04),
            (x + 0.035, y + 0.04),
            PALE,
            names[i % names.len()],
            Font::new(14.0),
        )?;
    }
    text(
        c,
        "what you see",
        (0.19, 0.25),
        Font::new(19.0).colour(GREY),
    )?;
    text(
        c,
        "under the hood",
        (0.725, 0.03),
        Font::new(19.0).colour(GREY),
    )
}

/// Lines of code: calling a library versus writing it all yourself.
fn implement_everything(c: &Canvas) -> DrawResult {
    let bars = [
        ("calling a library", 12.0, BLUE),
        ("my own implementation", 3400.0, ORANGE),
    ];
    let axes = Axes::for_bars(0.0..4000.0, "lines of code")
        .y_ticks(5)
        .y_format(number);
    bar_chart(c, axes, &bars, |lines| number(&lines))?;
    Ok(())
}
