//! Environments: matrices, arrays, `aligned`, `cases`.

use super::super::MathError;
use super::lex::{Tok, Token};
use super::{Align, Array, Node, Parsed, Parser, Until};

impl Parser<'_> {
    /// `\begin{name} .. \end{name}`.
    pub(super) fn environment(&mut self, token: &Token) -> Parsed<Node> {
        let (name, range) = self.raw_argument(token)?;
        // The starred matrices take their columns' alignment: `[r]`.
        let (base, starred) = match name.strip_suffix('*') {
            Some(base) if base.ends_with("matrix") => (base, true),
            _ => (name.as_str(), false),
        };
        let (left, right) = match base {
            "matrix" | "aligned" | "align*" | "align" | "gathered" | "gather" | "gather*"
            | "array" | "smallmatrix" | "split" | "equation" | "equation*" | "alignedat"
            | "darray" | "subarray" => ('\0', '\0'),
            "pmatrix" => ('(', ')'),
            "bmatrix" => ('[', ']'),
            "Bmatrix" => ('{', '}'),
            "vmatrix" => ('|', '|'),
            "Vmatrix" => ('‖', '‖'),
            "cases" | "dcases" => ('{', '\0'),
            "rcases" | "drcases" => ('\0', '}'),
            _ => {
                return Err(MathError {
                    message: format!("unknown environment `{name}`"),
                    range,
                    command: Some("\\begin".into()),
                })
            }
        };
        let mut array = Array {
            rows: Vec::new(),
            columns: Vec::new(),
            pairs: false,
            column_gap: 1.0,
            display: false,
            vlines: Vec::new(),
            hlines: Vec::new(),
        };
        self.column_spec(token, base, starred, &mut array)?;
        match base {
            "alignedat" => {
                self.raw_argument(token)?;
                array.pairs = true;
                array.column_gap = 0.0;
                array.display = true;
            }
            "aligned" | "align*" | "align" | "split" => {
                array.pairs = true;
                array.column_gap = 0.0;
                array.display = true;
            }
            "gathered" | "gather" | "gather*" | "equation" | "equation*" | "darray" => {
                array.display = true;
            }
            "cases" | "dcases" | "rcases" | "drcases" => {
                array.columns = vec![Align::Left, Align::Left];
                array.display = base.starts_with('d');
            }
            _ => {}
        }
        self.in_array += 1;
        self.rows(&name, &mut array)?;
        self.in_array -= 1;
        Ok(Node::Array {
            array: Box::new(array),
            left,
            right,
        })
    }

    /// An array's column letters (`{c|l}`, or `[r]` after a starred
    /// matrix).
    fn column_spec(
        &mut self,
        token: &Token,
        base: &str,
        starred: bool,
        array: &mut Array,
    ) -> Parsed<()> {
        let spec = match base {
            "array" | "darray" | "subarray" => Some(self.raw_argument(token)?),
            _ if starred => self.optional_raw()?,
            _ => None,
        };
        if let Some((spec, range)) = spec {
            for c in spec.chars() {
                match c {
                    'l' => array.columns.push(Align::Left),
                    'c' => array.columns.push(Align::Center),
                    'r' => array.columns.push(Align::Right),
                    '|' | ':' => array.vlines.push(array.columns.len()),
                    ' ' => {}
                    _ => {
                        return Err(MathError {
                            message: format!("`{c}` in an array's columns is not supported"),
                            range,
                            command: Some("\\begin".into()),
                        })
                    }
                }
            }
            if starred {
                // One alignment for every column.
                array.columns = vec![array.columns.first().copied().unwrap_or(Align::Center); 64];
            }
        }
        Ok(())
    }

    /// Rows of cells up to `\end{name}`: cells split at `&`, rows at `\\`.
    fn rows(&mut self, name: &str, array: &mut Array) -> Parsed<()> {
        let mut row: Vec<Vec<Node>> = Vec::new();
        loop {
            let (mut cell, ended) = self.list(Until::Cell)?;
            let ended = ended.expect("a cell ends at a token");
            if row.is_empty() {
                // `\hline`s open a row.
                let lines = cell.iter().take_while(|n| **n == Node::HLine).count();
                if lines > 0 {
                    array.hlines.push(array.rows.len());
                    cell.drain(..lines);
                }
            }
            if cell.contains(&Node::HLine) {
                return Err(self.command_error("`\\hline` must start a row", "hline", ended.range));
            }
            row.push(cell);
            match &ended.kind {
                Tok::Align => {}
                Tok::Command(c) if c == "\\" || c == "cr" || c == "newline" => {
                    // `\\[1ex]`: extra space, ignored.
                    self.skip_spaces();
                    if self.peek() == Some(&Tok::Char('[')) {
                        self.next();
                        self.bracket_text()?;
                    }
                    array.rows.push(std::mem::take(&mut row));
                }
                _ => {
                    let (end, end_range) = self.raw_argument(&ended)?;
                    if end != name {
                        return Err(MathError {
                            message: format!("`\\begin{{{name}}}` ended by `\\end{{{end}}}`"),
                            range: end_range,
                            command: Some("\\end".into()),
                        });
                    }
                    // A last empty row (after a final `\\`) is no row.
                    if !(row.len() == 1 && row[0].is_empty()) {
                        array.rows.push(row);
                    }
                    break;
                }
            }
        }
        Ok(())
    }
}
