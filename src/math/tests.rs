//! Formulas typeset on pure data: where glyphs and rules land.

use super::*;

fn display(source: &str) -> Formula {
    typeset(source, MathMode::Display, &Macros::new()).expect("typesets")
}

#[test]
fn a_simple_formula_typesets() {
    let f = display("x^2 + 1");
    assert_eq!(f.glyphs.len(), 4);
    assert!(f.width > 0.0);
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
    assert_eq!(
        actual,
        pinned,
        "outcomes changed: {typeset} of {} typeset",
        cases.len()
    );
}
