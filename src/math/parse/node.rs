//! The parsed formula: a tree of math atoms.

use super::super::symbols::Class;
use super::super::Limits;
use crate::color::Color;

/// Which letters a stretch of math is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Alphabet {
    /// Letters italic, digits and Greek capitals upright.
    #[default]
    Normal,
    Roman,
    Italic,
    Bold,
    BoldItalic,
    DoubleStruck,
    Script,
    Fraktur,
    SansSerif,
    SansSerifItalic,
    SansSerifBold,
    Monospace,
}

/// A style change inside a formula (`\displaystyle` ..).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleSwitch {
    Display,
    Text,
    Script,
    ScriptScript,
}

/// How a column of an array aligns its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A matrix-like environment's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Array {
    pub rows: Vec<Vec<Vec<Node>>>,
    /// Each column's alignment; columns past the list repeat its pattern
    /// (`aligned`: right, left, right, ..) or centre.
    pub columns: Vec<Align>,
    /// Alternate right/left columns with no gap inside a pair (`aligned`).
    pub pairs: bool,
    /// Space between columns, in em.
    pub column_gap: f64,
    /// Cells in display style (`aligned`, `gathered`) rather than text.
    pub display: bool,
    /// Vertical rules before each column (index) or after the last.
    pub vlines: Vec<usize>,
    /// Horizontal rules before each row (index) or after the last.
    pub hlines: Vec<usize>,
}

/// One atom of a formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One character (a letter, digit, operator or symbol).
    Char {
        c: char,
        class: Class,
        alphabet: Alphabet,
    },
    /// Upright text: `\text`, or the name of a function (`\sin`,
    /// `\operatorname`).
    Text {
        text: String,
        class: Class,
        limits: Limits,
        /// Roman, or bold, italic .. (`\textbf`, `\mathbf{\sin}`).
        alphabet: Alphabet,
    },
    /// A braced group: one ordinary atom.
    Group(Vec<Node>),
    /// An atom of a chosen class (`\mathrel{..}`, `\mathop`).
    Classed {
        class: Class,
        body: Vec<Node>,
    },
    Scripts {
        base: Box<Node>,
        sub: Option<Vec<Node>>,
        sup: Option<Vec<Node>>,
    },
    Frac {
        num: Vec<Node>,
        den: Vec<Node>,
        /// `\dfrac` forces display style, `\tfrac` text style.
        style: Option<StyleSwitch>,
        bar: bool,
        /// Delimiters around it (`\binom`).
        delims: Option<(char, char)>,
    },
    Sqrt {
        index: Option<Vec<Node>>,
        body: Vec<Node>,
    },
    /// `\left .. \middle .. \right`: `'\0'` for a `.`.
    Delimited {
        left: char,
        right: char,
        body: Vec<Node>,
    },
    /// `\middle`: a delimiter as tall as its `\left`..`\right` group.
    Middle(char),
    /// `\big(` and its kin: a delimiter of a fixed size (1 to 4).
    BigDelim {
        c: char,
        size: u8,
        class: Class,
    },
    Accent {
        c: char,
        stretchy: bool,
        body: Vec<Node>,
    },
    /// `\overline` (true) or `\underline`.
    Line {
        over: bool,
        body: Vec<Node>,
    },
    /// `\overbrace` (true) or `\underbrace`, `\overbracket` ..: a
    /// horizontal `glyph` stretched over or under its body; takes its
    /// script as a label.
    Brace {
        over: bool,
        glyph: char,
        body: Vec<Node>,
    },
    /// `\overset`, `\underset`, `\stackrel`.
    Stack {
        base: Vec<Node>,
        over: Option<Vec<Node>>,
        under: Option<Vec<Node>>,
    },
    /// Horizontal space, in mu (1/18 em of the current size).
    Space(f64),
    Style {
        style: StyleSwitch,
        body: Vec<Node>,
    },
    Color {
        color: Color,
        body: Vec<Node>,
    },
    Array {
        array: Box<Array>,
        left: char,
        right: char,
    },
    /// `\not`: a slash through the next atom.
    Not(Box<Node>),
    /// `\phantom`: space as large as its body, drawn empty; `\hphantom`
    /// keeps only its width, `\vphantom` only its height.
    Phantom {
        width: bool,
        height: bool,
        body: Vec<Node>,
    },
    /// `\boxed`: a frame around its body.
    Boxed(Vec<Node>),
    /// `\colorbox`, `\fcolorbox`, `\fbox`: its body on a filled
    /// background and/or in a frame of a colour (`None`: the text's).
    Frame {
        frame: Option<Color>,
        fill: Option<Color>,
        body: Vec<Node>,
    },
    /// `\angl`: the actuarial angle, a rule over its body and down its
    /// right side.
    Angl(Vec<Node>),
    /// `\sout`: a rule struck through its body.
    Strike(Vec<Node>),
    /// `\cancel`, `\bcancel`, `\xcancel`: its body struck out diagonally.
    Cancel {
        strokes: CancelStrokes,
        body: Vec<Node>,
    },
    /// `\phase`: Steinmetz's angle, a rule under its body rising on its
    /// left in a slant.
    Phase(Vec<Node>),
    /// `\vcenter`: its body centred on the math axis.
    VCenter(Vec<Node>),
    /// `\overlinesegment` (true) or `\underlinesegment`: a rule with a
    /// tick at each end, over or under its body.
    Segment {
        over: bool,
        body: Vec<Node>,
    },
    /// `\underrightarrow` and its kin: a glyph stretched under its body.
    UnderAccent {
        c: char,
        body: Vec<Node>,
    },
    /// A big operator whose limits `\limits` or `\nolimits` placed.
    Limits {
        op: Box<Node>,
        limits: Limits,
    },
    /// `\tiny` .. `\Huge`: the rest of the group at this share of the size.
    Size {
        factor: f64,
        body: Vec<Node>,
    },
    /// `\rule[raise]{width}{height}`, in em.
    Rule {
        width: f64,
        height: f64,
        raise: f64,
    },
    /// `\raisebox{length}{..}`: its body raised (em).
    Raise {
        by: f64,
        body: Vec<Node>,
    },
    /// `\smash`: its body, with no height (`top`) and/or depth (`bottom`).
    Smash {
        top: bool,
        bottom: bool,
        body: Vec<Node>,
    },
    /// `\mathllap` (right), `\mathrlap` (left), `\mathclap` (centre): its
    /// body, taking no width, aligned to where it stands.
    Lap {
        align: Align,
        body: Vec<Node>,
    },
    /// `\mathchoice`: one body per style, display to scriptscript.
    Choice(Box<[Vec<Node>; 4]>),
    /// `\hline` at the start of an array row.
    HLine,
    /// `\tag{..}`: an equation's label, set after its line.
    Tag(Vec<Node>),
    /// `\xrightarrow[under]{over}` and its kin: an arrow stretched to
    /// the width of the text above and below it.
    XArrow {
        glyph: char,
        over: Vec<Node>,
        under: Option<Vec<Node>>,
    },
    /// `\xrightequilibrium` (`right`) and `\xleftequilibrium`: a harpoon
    /// over a shorter one pointing back, or the reverse, stretched to the
    /// width of the text above and below.
    Equilibrium {
        right: bool,
        over: Vec<Node>,
        under: Option<Vec<Node>>,
    },
}

/// Which diagonals strike out a cancelled body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelStrokes {
    /// `\cancel`: from the bottom left to the top right, `/`.
    Rising,
    /// `\bcancel`: from the top left to the bottom right, `\`.
    Falling,
    /// `\xcancel`: both.
    Both,
}
