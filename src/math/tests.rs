//! Formulas typeset on pure data: where glyphs and rules land.

use super::*;

fn display(source: &str) -> Formula {
    typeset(source, MathMode::Display, &Macros::new()).expect("typesets")
}

fn inline(source: &str) -> Formula {
    typeset(source, MathMode::Inline, &Macros::new()).expect("typesets")
}

fn refused(source: &str) -> MathError {
    typeset(source, MathMode::Display, &Macros::new()).expect_err("refused")
}

/// The glyph drawing `text` (the first, if several do).
fn glyph<'f>(f: &'f Formula, text: &str) -> &'f MathGlyph {
    f.glyphs
        .iter()
        .find(|g| g.text == text)
        .unwrap_or_else(|| panic!("no glyph for {text:?} in {f:?}"))
}

#[test]
fn an_exponent_is_smaller_and_raised_after_its_base() {
    let f = inline("x^2");
    let (x, two) = (glyph(&f, "x"), glyph(&f, "2"));
    assert_eq!(x.scale, 1.0);
    assert!(two.scale < 0.8 && two.scale > 0.6, "{}", two.scale);
    assert!(two.y > 0.3, "raised: {}", two.y);
    assert!(two.x > x.x);
    let g = inline("x_i");
    assert!(glyph(&g, "i").y < -0.1, "lowered: {}", glyph(&g, "i").y);
}

#[test]
fn a_numerator_stands_over_a_rule_over_its_denominator() {
    let f = display(r"\frac{a}{b}");
    let (a, b) = (glyph(&f, "a"), glyph(&f, "b"));
    assert_eq!(f.rules.len(), 1);
    let rule = f.rules[0];
    assert!(a.y > rule.y + rule.height, "numerator above the bar");
    assert!(b.y < rule.y, "denominator below the bar");
    // The bar spans both, centred on them.
    assert!(rule.x <= a.x && rule.x + rule.width >= a.x);
    assert!(
        (rule.y - 0.25).abs() < 0.1,
        "the bar sits on the math axis: {}",
        rule.y
    );
    // Text style sets the parts smaller than display style does.
    let t = inline(r"\frac{a}{b}");
    assert!(glyph(&t, "a").scale < glyph(&f, "a").scale);
}

#[test]
fn matrix_cells_stand_in_a_grid_inside_tall_brackets() {
    let f = display(r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}");
    let [a, b, c, d] = ["a", "b", "c", "d"].map(|t| glyph(&f, t).clone());
    assert!(
        (a.y - b.y).abs() < 1e-9 && (c.y - d.y).abs() < 1e-9,
        "rows share a baseline"
    );
    assert!(a.y > c.y + 0.8, "the second row is a line lower");
    assert!(b.x > a.x + 0.5 && d.x > c.x + 0.5, "columns apart");
    assert!(
        (a.x - c.x).abs() < 0.2 && (b.x - d.x).abs() < 0.2,
        "columns aligned"
    );
    // Brackets left and right of every cell, taller than both rows.
    let open = glyph(&f, "(");
    let close = glyph(&f, ")");
    assert!(open.x < a.x && close.x > b.x);
    assert!(
        f.ascent - f.descent > 0.0 && f.ascent + f.descent > 2.0,
        "tall: {f:?}"
    );
}

#[test]
fn a_square_root_bar_covers_its_radicand() {
    let f = display(r"\sqrt{x+1}");
    assert_eq!(f.rules.len(), 1);
    let bar = f.rules[0];
    let (x, one) = (glyph(&f, "x"), glyph(&f, "1"));
    assert!(
        bar.x <= x.x && bar.x + bar.width >= one.x,
        "the bar spans the radicand"
    );
    assert!(bar.y > 0.5, "above the radicand's letters: {}", bar.y);
    let sign = glyph(&f, "√");
    assert!(sign.x < x.x);
}

#[test]
fn big_operators_take_limits_above_and_below_in_display_beside_inline() {
    let d = display(r"\sum_{i=1}^n i");
    let (sum, n, i) = (glyph(&d, "∑"), glyph(&d, "n"), glyph(&d, "i"));
    assert!(
        n.y > sum.y + 0.5 && i.y < sum.y - 0.5,
        "limits above and below"
    );
    assert!(n.x > sum.x && n.x < sum.x + 1.0, "centred over it");
    let t = inline(r"\sum_{i=1}^n i");
    let (sum, n) = (glyph(&t, "∑"), glyph(&t, "n"));
    assert!(n.x > sum.x + 0.5, "beside in a line");
}

#[test]
fn unknown_commands_and_broken_groups_are_refused_naming_the_command() {
    let e = refused(r"x + \foo{y}");
    assert_eq!(e.message, "unknown command `\\foo`");
    assert_eq!(e.command.as_deref(), Some("\\foo"));
    assert_eq!(e.range, 4..8);
    let e = refused(r"\frac{a}{b");
    assert_eq!(e.message, "missing a `}` to close the group");
    assert_eq!(e.command, None);
    let e = refused(r"\begin{matrix} a \end{pmatrix}");
    assert_eq!(e.message, "`\\begin{matrix}` ended by `\\end{pmatrix}`");
}

#[test]
fn macros_from_the_theme_and_the_formula_expand() {
    let mut macros = Macros::new();
    macros.define(r"\R", r"\mathbb{R}").unwrap();
    macros.define(r"\norm", r"\left\| #1 \right\|").unwrap();
    let f = typeset(r"x \in \R, \norm{v}", MathMode::Inline, &macros).unwrap();
    assert!(f.glyphs.iter().any(|g| g.text == "R"));
    let g = display(r"\newcommand{\half}[1]{\frac{#1}{2}} \half{x}");
    assert_eq!(g.rules.len(), 1);
    assert!(macros.define("R", "x").is_err());
}

#[test]
fn limits_bound_size_nesting_and_expansion() {
    let deep = "{".repeat(MAX_DEPTH + 5) + &"}".repeat(MAX_DEPTH + 5);
    assert!(refused(&deep).message.contains("nests deeper"));
    let long = "x".repeat(MAX_SOURCE + 1);
    assert!(refused(&long).message.contains("longer than"));
    // Each level doubles: 2^30 tokens unless expansion is bounded.
    let mut bomb = String::from(r"\def\a{xx}");
    for name in [
        "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
    ] {
        let previous = bomb
            .rfind("\\def\\")
            .map(|at| &bomb[at + 5..at + 6])
            .unwrap()
            .to_string();
        bomb.push_str(&format!(r"\def\{name}{{\{previous}\{previous}}}"));
    }
    bomb.push_str(r"\p");
    assert!(refused(&bomb).message.contains("expand to more than"));
    let recursive = refused(r"\def\a{\a x}\a");
    assert!(
        recursive.message.contains("expand to more than"),
        "{recursive:?}"
    );
}

#[test]
fn colour_follows_color_commands() {
    let f = inline(r"a \color{red} b");
    assert_eq!(glyph(&f, "a").color, None);
    assert_eq!(
        glyph(&f, "b").color,
        Some(crate::color::Color::rgb(255, 0, 0))
    );
}

#[test]
fn a_character_no_font_has_is_a_warning() {
    let source = "\\text{a漢b}";
    let f = inline(source);
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    assert_eq!(
        f.warnings[0].message,
        "no built-in font has `漢`: it is drawn as an empty box"
    );
    assert_eq!(f.warnings[0].range, 0..source.len());
    assert!(inline("x+1").warnings.is_empty());
}

mod proptests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of TeX, so random formulas are mostly near-valid.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("x".to_string()),
            Just("^".to_string()),
            Just("_".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("&".to_string()),
            Just(r"\\".to_string()),
            Just(r"\frac".to_string()),
            Just(r"\sqrt".to_string()),
            Just(r"\left(".to_string()),
            Just(r"\right)".to_string()),
            Just(r"\middle|".to_string()),
            Just(r"\begin{pmatrix}".to_string()),
            Just(r"\end{pmatrix}".to_string()),
            Just(r"\sum".to_string()),
            Just(r"\limits".to_string()),
            Just(r"\hat".to_string()),
            Just(r"\overbrace".to_string()),
            Just(r"\text{".to_string()),
            Just(r"\def\a#1{#1#1}".to_string()),
            Just(r"\a".to_string()),
            Just(r"\color{red}".to_string()),
            Just("'".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just(" ".to_string()),
            any::<char>().prop_map(|c| c.to_string()),
        ]
    }

    proptest! {
        #[test]
        fn any_input_typesets_or_is_refused_without_panic(
            pieces in proptest::collection::vec(piece(), 0..40),
            display in any::<bool>(),
        ) {
            let source: String = pieces.concat();
            let mode = if display { MathMode::Display } else { MathMode::Inline };
            match typeset(&source, mode, &Macros::new()) {
                Ok(f) => {
                    prop_assert!(f.width.is_finite() && f.ascent.is_finite() && f.descent.is_finite());
                    for g in &f.glyphs {
                        prop_assert!(g.x.is_finite() && g.y.is_finite());
                    }
                }
                Err(e) => {
                    prop_assert!(e.range.end <= source.len());
                    prop_assert!(source.is_char_boundary(e.range.start) && source.is_char_boundary(e.range.end));
                }
            }
        }
    }
}

/// One case of KaTeX's screenshot corpus: a formula, or a formula with
/// options (display style, macros).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Case {
    Tex(String),
    Full {
        tex: String,
        #[serde(default)]
        display: Option<u8>,
        #[serde(default)]
        macros: std::collections::BTreeMap<String, String>,
    },
}

/// What typesetting one case gives, as `outcomes.txt` spells it.
fn outcome(case: &Case) -> String {
    let (tex, mode, defs) = match case {
        Case::Tex(tex) => (tex, MathMode::Inline, Default::default()),
        Case::Full {
            tex,
            display,
            macros,
        } => {
            let mode = if display.unwrap_or(0) != 0 {
                MathMode::Display
            } else {
                MathMode::Inline
            };
            (tex, mode, macros.clone())
        }
    };
    let mut macros = Macros::new();
    for (name, body) in &defs {
        if let Err(e) = macros.define(name, body) {
            return format!("refused: {e}");
        }
    }
    match typeset(tex, mode, &macros) {
        Ok(_) => "ok".into(),
        Err(e) => match e.command {
            Some(command) => format!("refused {command}: {}", e.message),
            None => format!("refused: {}", e.message),
        },
    }
}

/// Every formula of KaTeX's screenshot tests (`tests/fixtures/math`) is
/// typeset or refused exactly as `outcomes.txt` pins; `UPDATE_OUTCOMES=1`
/// rewrites the pins after a deliberate change.
#[test]
fn the_katex_corpus_keeps_its_pinned_outcomes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/math");
    let yaml = std::fs::read_to_string(format!("{dir}/katex-ss_data.yaml")).expect("read corpus");
    // serde_json's map keeps the file's order.
    let map: serde_json::Map<String, serde_json::Value> =
        serde_saphyr::from_str(&yaml).expect("parse corpus");
    let cases: Vec<(String, Case)> = map
        .into_iter()
        .map(|(name, value)| (name, serde_json::from_value(value).expect("a case")))
        .collect();
    let actual: String = cases
        .iter()
        .map(|(name, case)| format!("{name} => {}\n", outcome(case)))
        .collect();
    let path = format!("{dir}/outcomes.txt");
    if std::env::var_os("UPDATE_OUTCOMES").is_some() {
        std::fs::write(&path, &actual).expect("write outcomes");
    }
    let pinned = std::fs::read_to_string(&path).expect("read outcomes.txt");
    let typeset = actual.lines().filter(|l| l.ends_with("=> ok")).count();
    let changed: Vec<String> = actual
        .lines()
        .zip(pinned.lines())
        .filter(|(a, p)| a != p)
        .map(|(a, p)| format!("now {a}\n was {p}"))
        .collect();
    assert!(
        changed.is_empty() && actual.lines().count() == pinned.lines().count(),
        "outcomes changed ({typeset} of {} typeset):\n{}",
        cases.len(),
        changed.join("\n")
    );
}

#[test]
fn a_formula_becomes_text_runs_and_rules_on_the_page() {
    use crate::color::Color;
    use crate::frame::Item;
    use crate::geom::{Point, Pt};
    let black = Color::rgb(0, 0, 0);
    let f = inline(r"x^2 + \frac{a}{b}");
    let items = f.items(Point::new(Pt(100.0), Pt(200.0)), Pt(20.0), black);
    let runs: Vec<_> = items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    // The base line (x, +), the exponent, the numerator, the denominator.
    let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["x+", "2", "a", "b"]);
    let (base, exponent) = (runs[0], runs[1]);
    assert_eq!(base.size, Pt(20.0));
    assert!(exponent.size.0 < 16.0, "smaller: {:?}", exponent.size);
    assert!(
        exponent.origin.y.0 < base.origin.y.0 - 5.0,
        "raised on the page"
    );
    assert_eq!(base.origin, Point::new(Pt(100.0), Pt(200.0)));
    // Each glyph carries its own characters, for /ToUnicode.
    assert_eq!(base.glyphs[0].range, 0..1);
    assert_eq!(base.glyphs[1].range, 1..2);
    let bars: Vec<_> = items
        .iter()
        .filter_map(|item| match item {
            Item::Rect(fill) => Some(fill),
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), 1, "the fraction's bar");
    assert_eq!(bars[0].color, black);
}

#[test]
fn a_cancel_stroke_becomes_a_line_on_the_page_with_its_ends_y_down() {
    use crate::color::Color;
    use crate::frame::Item;
    use crate::geom::{Point, Pt};
    let f = inline(r"\cancel{x}");
    let red = Color::rgb(0xff, 0, 0);
    let items = f.items(Point::new(Pt(100.0), Pt(200.0)), Pt(20.0), red);
    let [Item::Text(_), Item::Line(line)] = &items[..] else {
        panic!("the x, then its stroke: {items:?}")
    };
    let stroke = f.lines[0];
    assert_eq!(
        line.from,
        Point::new(Pt(100.0), Pt(200.0 - 20.0 * stroke.from.1))
    );
    assert_eq!(
        line.to,
        Point::new(
            Pt(100.0 + 20.0 * stroke.to.0),
            Pt(200.0 - 20.0 * stroke.to.1)
        )
    );
    assert!(line.from.y > line.to.y, "rising up the page");
    assert_eq!((line.thickness, line.color), (Pt(20.0 * 0.046), red));
    // Its bounds hold its ends with half its thickness around them.
    let bounds = Item::Line(line.clone()).bounds();
    let near = |a: Pt, b: Pt| (a.0 - b.0).abs() < 1e-9;
    assert!(
        near(bounds.x, Pt(100.0) - line.thickness * 0.5),
        "{bounds:?}"
    );
    assert!(near(bounds.bottom(), line.from.y + line.thickness * 0.5));
    assert!(near(bounds.right(), line.to.x + line.thickness * 0.5));
    assert!(near(bounds.y, line.to.y - line.thickness * 0.5));
}

mod commands;
