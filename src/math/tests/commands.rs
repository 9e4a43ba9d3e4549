//! KaTeX's corners: verbatim text, text accents, frames, strikes and
//! cancels,
//! stretchy accents under and over, equilibrium arrows, braket notation,
//! old font switches, operator names and the HTML extensions.

use super::*;

/// The glyphs' texts, in order.
fn texts(f: &Formula) -> Vec<&str> {
    f.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// The extent of a formula's ink across its glyphs, from their boxes.
fn glyph_ids(f: &Formula) -> Vec<u16> {
    f.glyphs.iter().map(|g| g.id).collect()
}

#[test]
fn verb_sets_its_text_as_written_in_monospace() {
    let f = inline(r"\verb|a--b  \x|");
    // No ligature, no command: the characters as typed.
    assert_eq!(texts(&f).concat(), r"a--b\x");
    let mono = inline(r"\mathtt{a}");
    assert_eq!(glyph(&f, "a").id, glyph(&mono, "a").id, "monospace letters");
    // Two spaces as wide as two letters: `b` and them take three.
    let (b, backslash) = (glyph(&f, "b"), glyph(&f, "\\"));
    assert!(
        (backslash.x - b.x - 3.0 * 0.525).abs() < 0.01,
        "{} {}",
        b.x,
        backslash.x
    );
    let star = inline(r"\verb*!a b!");
    assert_eq!(texts(&star).concat(), "a␣b");
    assert_eq!(
        refused(r"\verb|open").command.as_deref(),
        Some(r"\verb"),
        "a \\verb with no closing delimiter names it"
    );
}

#[test]
fn text_accents_put_their_mark_on_the_next_letter() {
    let f = inline(r#"\text{\'a\"o\v{s}\H{o}\r a\c c\i\`\i}"#);
    assert_eq!(texts(&f).concat(), "áöšőåçıı̀");
    let e = refused(r"\text{\'{\alpha}}");
    assert_eq!(e.command.as_deref(), Some(r"\'"));
    assert!(e.message.contains("accents letters"), "{}", e.message);
}

#[test]
fn a_colorbox_fills_behind_its_text_and_fcolorbox_frames_it() {
    let f = inline(r"\colorbox{teal}{B}");
    let fill = f.rules.iter().find(|r| r.behind).expect("a background");
    let b = glyph(&f, "B");
    assert!(
        fill.x < b.x && fill.x + fill.width > b.x + 0.5,
        "covers the letter"
    );
    assert!(
        fill.y < 0.0 && fill.y + fill.height > 0.6,
        "above and below it"
    );
    assert_eq!(fill.color, Some(crate::color::Color::rgb(0, 0x80, 0x80)));
    assert_eq!(f.rules.len(), 1, "no frame: {:?}", f.rules);
    let framed = inline(r"\fcolorbox{blue}{red}{C}");
    let frame: Vec<_> = framed.rules.iter().filter(|r| !r.behind).collect();
    assert_eq!(frame.len(), 4, "four sides");
    assert!(frame
        .iter()
        .all(|r| r.color == Some(crate::color::Color::rgb(0, 0, 0xff))));
}

#[test]
fn angl_rules_over_and_down_the_right_and_sout_strikes_through() {
    let f = inline(r"\angl{n}");
    let n = glyph(&f, "n");
    let [top, side] = [f.rules[0], f.rules[1]];
    assert!(top.y > 0.4 && top.width > 0.5, "over the n: {top:?}");
    assert!(
        side.x > n.x + 0.5 && side.height > 0.4,
        "down its right: {side:?}"
    );
    assert_eq!(inline(r"\angln").glyphs.len(), 1, "\\angln is \\angl{{n}}");
    let s = inline(r"\text{\sout{ab}}");
    let strike = s.rules[0];
    assert!(
        (strike.y - 0.25).abs() < 0.05,
        "through the middle: {strike:?}"
    );
    assert!(strike.width > 0.9, "across both letters");
}

#[test]
fn cancel_strokes_a_diagonal_across_a_single_letter_past_its_top_and_bottom() {
    let plain = inline("x");
    let f = inline(r"\cancel x");
    let x = glyph(&f, "x");
    assert_eq!((x.x, x.y), (0.0, 0.0), "the letter stays where it was");
    assert_eq!(f.width, plain.width, "no room beside a single character");
    let [stroke] = f.lines[..] else {
        panic!("one stroke: {:?}", f.lines)
    };
    // From the bottom left to the top right, 0.2 em past the letter.
    assert_eq!(stroke.from, (0.0, -(plain.descent + 0.2)));
    assert_eq!(stroke.to, (f.width, plain.ascent + 0.2));
    assert_eq!(stroke.thickness, 0.046);
    assert_eq!((f.ascent, f.descent), (stroke.to.1, -stroke.from.1));
    assert!(f.rules.is_empty(), "no rule: {:?}", f.rules);
}

#[test]
fn bcancel_falls_xcancel_crosses_and_a_longer_body_gets_room_beside_it() {
    let plain = inline("5ay");
    let f = inline(r"\bcancel{5ay}");
    assert!(
        (f.width - (plain.width + 0.4)).abs() < 1e-9,
        "0.2 em either side"
    );
    assert!(
        (glyph(&f, "5").x - 0.2).abs() < 1e-9,
        "{}",
        glyph(&f, "5").x
    );
    let [stroke] = f.lines[..] else {
        panic!("one stroke: {:?}", f.lines)
    };
    assert_eq!(stroke.from, (0.0, plain.ascent), "from the top left");
    assert_eq!(stroke.to, (f.width, -plain.descent), "to the bottom right");
    let x = inline(r"\xcancel{ab}");
    assert_eq!(x.lines.len(), 2, "both diagonals");
    let (rising, falling) = (x.lines[0], x.lines[1]);
    assert_eq!((rising.from.1, rising.to.1), (falling.to.1, falling.from.1));
    let red = inline(r"\color{red}{\cancel{B^2}}");
    assert_eq!(
        red.lines[0].color,
        Some(crate::color::Color::rgb(0xff, 0, 0))
    );
    assert!(
        red.lines[0].from.0 == 0.0 && glyph(&red, "B").x > 0.19,
        "B^2 is no single character"
    );
}

#[test]
fn phase_draws_a_rule_under_its_body_and_a_slant_on_its_left() {
    let plain = inline("78");
    let f = inline(r"\phase{78}");
    let seven = glyph(&f, "7");
    let [slant] = f.lines[..] else {
        panic!("one slant: {:?}", f.lines)
    };
    let [rule] = f.rules[..] else {
        panic!("one rule: {:?}", f.rules)
    };
    assert!(
        rule.y + rule.height < -plain.descent - 0.1,
        "under, clear of the digits: {rule:?}"
    );
    assert_eq!((rule.x, rule.width), (0.0, f.width), "the whole width");
    assert!(
        slant.from.1 < rule.y + rule.height && slant.to.1 == plain.ascent,
        "{slant:?}"
    );
    assert!(slant.to.0 > slant.from.0 + 0.3, "slanted: {slant:?}");
    assert!(
        seven.x >= slant.to.0,
        "the digits right of the slant: {}",
        seven.x
    );
}

#[test]
fn vcenter_centres_its_body_on_the_axis() {
    let f = display(r"\vcenter{\hbox{$\frac{a+b}{\dfrac{c}{d}}$}}");
    let middle = (f.ascent - f.descent) / 2.0;
    assert!(
        (middle - 0.25).abs() < 0.02,
        "centred on the axis: {middle}"
    );
}

#[test]
fn stretchy_accents_stand_over_and_under_their_whole_body() {
    let plain = display("AB");
    let over = display(r"\Overrightarrow{AB}");
    let arrow = glyph(&over, "⇒");
    assert!(arrow.y > 0.6, "above the capitals: {}", arrow.y);
    assert!(over.ascent > plain.ascent + 0.3);
    for (command, mark) in [
        (r"\underrightarrow{AB}", "\u{20EF}"),
        (r"\underleftarrow{AB}", "\u{20EE}"),
        (r"\utilde{AB}", "\u{330}"),
        (r"\undergroup{AB}", "⏡"),
    ] {
        let f = display(command);
        assert!(f.descent > 0.2, "{command} reaches below: {}", f.descent);
        assert_eq!(f.width, plain.width, "{command} keeps the body's width");
        assert!(texts(&f).contains(&mark), "{command}: {:?}", texts(&f));
    }
    let group = display(r"\overgroup{AB}");
    assert!(glyph(&group, "⏠").y >= 0.0 && group.ascent > plain.ascent + 0.2);
    let segment = display(r"\overlinesegment{AB}");
    assert_eq!(segment.rules.len(), 3, "a rule and two ticks");
    assert!(segment.rules.iter().all(|r| r.y > 0.6));
    let under = display(r"\underlinesegment{AB}");
    assert!(under.rules.iter().all(|r| r.y + r.height < 0.0));
}

#[test]
fn equilibrium_arrows_stack_two_harpoons_the_longer_pointing_the_way() {
    let f = display(r"A \xrightequilibrium{over} B");
    let (top, bottom) = (glyph(&f, "⇀"), glyph(&f, "↽"));
    assert!(top.y > bottom.y, "the right harpoon over the left");
    let width = |text: &str| {
        f.glyphs
            .iter()
            .skip_while(|g| g.text != text)
            .take_while(|g| g.text == text || g.text.is_empty())
            .count()
    };
    assert!(width("⇀") >= width("↽"), "the right one the longer");
    let left = display(r"A \xleftequilibrium{} B");
    assert!(glyph(&left, "⇀").y > glyph(&left, "↽").y);
}

#[test]
fn braket_makes_every_bar_a_middle_and_set_only_the_first() {
    let f = display(r"\Braket{ ϕ | \frac{∂^2}{∂ t^2} | ψ }");
    let t = texts(&f);
    assert!(t.contains(&"⟨") && t.contains(&"⟩"), "{t:?}");
    assert_eq!(t.iter().filter(|s| **s == "|").count(), 2);
    // Every bar as tall as the fraction: a stretched one, not the text's.
    let bar = inline("|");
    assert!(f
        .glyphs
        .iter()
        .filter(|g| g.text == "|")
        .all(|g| g.id != bar.glyphs[0].id));
    let set = display(r"\Set{ x | x<\frac 1 2 | y}");
    let bars: Vec<_> = set.glyphs.iter().filter(|g| g.text == "|").collect();
    assert_eq!(bars.len(), 2);
    assert_ne!(bars[0].id, bars[1].id, "only the first is stretched");
    assert!(texts(&inline(r"\bra{a}\ket{b}")).contains(&"⟩"));
}

#[test]
fn old_font_switches_set_the_rest_of_their_group() {
    let f = inline(r"i\rm r\it i");
    let roman = inline(r"\mathrm{r}");
    let italic = inline(r"\mathit{i}");
    assert_eq!(glyph_ids(&f)[1], roman.glyphs[0].id);
    assert_eq!(glyph_ids(&f)[2], italic.glyphs[0].id);
    let grouped = inline(r"{\bf a} b");
    assert_eq!(
        grouped.glyphs[1].id,
        inline("b").glyphs[0].id,
        "only the group"
    );
}

#[test]
fn operator_names_are_upright_ordinary_atoms_with_their_hyphens() {
    let f = inline(r"\operatorname{Gam-ma}(z)");
    assert_eq!(texts(&f)[..6].concat(), "Gam-ma");
    let plain = inline(r"\mathrm{Gamma}");
    let m = glyph(&f, "m");
    assert_eq!(m.id, glyph(&plain, "m").id, "upright");
    let gamma = inline(r"\operatorname{\Gamma}(z)");
    assert_eq!(texts(&gamma)[0], "Γ");
    let d = display(r"\operatorname*{asin}_y x");
    assert!(glyph(&d, "y").y < -0.5, "limits below in display");
    let t = display(r"\operatorname{asin}_y x");
    assert!(glyph(&t, "y").y > -0.5, "a subscript without the star");
}

#[test]
fn html_extensions_typeset_their_content() {
    let html =
        inline(r"\htmlId{a}{a+}b\htmlStyle{color:red;}{+c}\htmlClass{k}{d}\htmlData{x=1}{e}");
    assert_eq!(texts(&html).concat(), "a+b+cde");
    let link = inline(r"\href{https://katex.org}{\KaTeX}");
    assert_eq!(texts(&link).concat(), texts(&inline(r"\KaTeX")).concat());
    let url = inline(r"\url{https://katex.org/}");
    assert_eq!(texts(&url).concat(), "https://katex.org/");
    assert_eq!(glyph(&url, "h").id, glyph(&inline(r"\mathtt{h}"), "h").id);
}

#[test]
fn mathstrut_gives_a_parenthesis_height() {
    let plain = display(r"\sqrt{a}");
    let strut = display(r"\sqrt{\mathstrut a}");
    assert!(
        strut.ascent > plain.ascent + 0.1,
        "{} {}",
        strut.ascent,
        plain.ascent
    );
}

#[test]
fn includegraphics_in_a_formula_is_refused_naming_it() {
    let e = refused(r"a \includegraphics[height=1em]{logo.png}");
    assert_eq!(e.command.as_deref(), Some(r"\includegraphics"));
    assert_eq!(
        e.message,
        "pictures inside a formula are not supported (`\\includegraphics`): place the picture on the slide instead"
    );
}
