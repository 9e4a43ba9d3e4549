//! A body shown step by step when presenting: where each of its parts
//! first appears, and the body as shown at each step.
//!
//! Reading order decides, as Beamer's `\pause` and `[<+->]` do:
//!
//! - a pause (`. . .`) moves what follows it to the next step;
//! - the items of a list shown one at a time ([`List::incremental`]) each
//!   take a step of their own, the first one the step it stands in (unless
//!   an item before it took that step already), and an item's own blocks
//!   and nested lists appear with it or after it;
//! - everything else appears with the last pause before it, or with the
//!   item it stands in: text after a list shown item by item is there from
//!   the list's first step, unless a pause holds it back.
//!
//! A step past the last thing revealed (a pause at the very end) is no
//! step. What is not yet revealed keeps its room ([`Block::Hidden`], a
//! hidden [`ListItem`]), so nothing moves from one step to the next.

use super::{Block, Body, Column, List, ListItem};

/// Whether `text`, a paragraph's words, is a pause: three dots separated
/// by spaces, as Pandoc writes it (`. . .`).
pub fn is_pause(text: &str) -> bool {
    let mut words = text.split([' ', '\t']).filter(|word| !word.is_empty());
    words.by_ref().take(3).filter(|word| *word == ".").count() == 3 && words.next().is_none()
}

impl Body {
    /// How many steps the body is shown in when presenting: one, unless it
    /// pauses or shows the items of a list one at a time.
    pub fn step_count(&self) -> usize {
        let mut walk = Walk::showing(usize::MAX);
        walk.blocks(&self.blocks, 1);
        walk.last
    }

    /// The body as shown at `step` (from 1): what appears later hidden,
    /// keeping its room. At the last step nothing is hidden.
    pub fn at_step(&self, step: usize) -> Body {
        let mut walk = Walk::showing(step);
        Body {
            blocks: walk.blocks(&self.blocks, 1),
            span: self.span,
        }
    }
}

/// A walk through a body in reading order, numbering the steps.
struct Walk {
    /// The step shown: what appears after it is hidden.
    shown: usize,
    /// The step the last pause or list item moved to.
    current: usize,
    /// Whether no list item has taken `current` yet: the next one may.
    fresh: bool,
    /// The step text outside list items appears at: the last pause's.
    paused: usize,
    /// The last step anything appears at.
    last: usize,
}

impl Walk {
    fn showing(shown: usize) -> Walk {
        Walk {
            shown,
            current: 1,
            fresh: true,
            paused: 1,
            last: 1,
        }
    }

    /// `blocks` as shown, when what holds them appears at step `floor`.
    fn blocks(&mut self, blocks: &[Block], floor: usize) -> Vec<Block> {
        let mut shown = Vec::with_capacity(blocks.len());
        for block in blocks {
            if let Block::Pause = block {
                self.current += 1;
                self.paused = self.current;
                self.fresh = true;
                continue;
            }
            let step = self.paused.max(floor);
            shown.push(self.block(block, step));
        }
        shown
    }

    /// `block`, which appears at `step`, as shown.
    fn block(&mut self, block: &Block, step: usize) -> Block {
        self.last = self.last.max(step);
        let inner = match block {
            Block::List(list) => Block::List(List {
                items: list
                    .items
                    .iter()
                    .map(|item| self.item(item, list.incremental, step))
                    .collect(),
                ..list.clone()
            }),
            Block::Quote(blocks) => Block::Quote(self.blocks(blocks, step)),
            Block::Columns(columns) => Block::Columns(
                columns
                    .iter()
                    .map(|column| Column {
                        width: column.width,
                        blocks: self.blocks(&column.blocks, step),
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        if step > self.shown {
            Block::Hidden(Box::new(inner))
        } else {
            inner
        }
    }

    /// A list's `item`, the list appearing at `step`, as shown.
    fn item(&mut self, item: &ListItem, incremental: bool, step: usize) -> ListItem {
        let step = if incremental {
            if self.fresh {
                self.fresh = false;
            } else {
                self.current += 1;
            }
            self.current.max(step)
        } else {
            step
        };
        self.last = self.last.max(step);
        ListItem {
            task: item.task,
            blocks: self.blocks(&item.blocks, step),
            hidden: step > self.shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::{Inline, InlineStyle};

    fn words(text: &str) -> Block {
        Block::Paragraph(vec![Inline::Text {
            text: text.into(),
            style: InlineStyle::default(),
        }])
    }

    fn list(incremental: bool, items: &[&[Block]]) -> Block {
        Block::bullets(
            incremental,
            items.iter().map(|blocks| blocks.to_vec()).collect(),
        )
    }

    fn body(blocks: Vec<Block>) -> Body {
        Body::of(blocks)
    }

    /// What step `step` of `body` shows, as the words of its paragraphs
    /// in reading order (a hidden item's words in brackets, a hidden
    /// block's in braces).
    fn shown(body: &Body, step: usize) -> String {
        fn walk(blocks: &[Block], hidden: bool, out: &mut Vec<String>) {
            for block in blocks {
                match block {
                    Block::Paragraph(inlines) => {
                        let Some(Inline::Text { text, .. }) = inlines.first() else {
                            continue;
                        };
                        out.push(if hidden {
                            format!("({text})")
                        } else {
                            text.clone()
                        });
                    }
                    Block::List(list) => {
                        for item in &list.items {
                            walk(&item.blocks, hidden || item.hidden, out);
                        }
                    }
                    Block::Quote(blocks) => walk(blocks, hidden, out),
                    Block::Columns(columns) => {
                        for column in columns {
                            walk(&column.blocks, hidden, out);
                        }
                    }
                    Block::Hidden(block) => walk(std::slice::from_ref(block), true, out),
                    Block::Pause => out.push("PAUSE".into()),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&body.at_step(step).blocks, false, &mut out);
        out.join(" ")
    }

    /// Every step of `body`, one line each.
    fn steps(body: &Body) -> Vec<String> {
        (1..=body.step_count())
            .map(|step| shown(body, step))
            .collect()
    }

    #[test]
    fn pauses_are_three_spaced_dots() {
        for pause in [". . .", " .  . .", ".\t. ."] {
            assert!(is_pause(pause), "{pause:?}");
        }
        for other in ["...", ". .", ". . . .", ". . x", "", ". . .."] {
            assert!(!is_pause(other), "{other:?}");
        }
    }

    #[test]
    fn a_body_without_pauses_or_steps_is_one_step_and_itself() {
        let plain = body(vec![
            words("a"),
            list(false, &[&[words("b")], &[words("c")]]),
        ]);
        assert_eq!(plain.step_count(), 1);
        assert_eq!(plain.at_step(1), plain);
    }

    #[test]
    fn step_k_shows_items_one_to_k() {
        let items = list(true, &[&[words("1")], &[words("2")], &[words("3")]]);
        let stepped = body(vec![words("intro"), items]);
        assert_eq!(
            steps(&stepped),
            ["intro 1 (2) (3)", "intro 1 2 (3)", "intro 1 2 3"]
        );
        // The last step is the whole body.
        assert_eq!(stepped.at_step(3), stepped);
    }

    #[test]
    fn a_pause_moves_what_follows_to_the_next_step() {
        let paused = body(vec![
            words("a"),
            Block::Pause,
            words("b"),
            Block::Pause,
            words("c"),
        ]);
        assert_eq!(steps(&paused), ["a (b) (c)", "a b (c)", "a b c"]);
        // A pause at the end holds nothing back: it is no step.
        let trailing = body(vec![words("a"), Block::Pause]);
        assert_eq!(steps(&trailing), ["a"]);
        // One at the start leaves the first step without the body.
        let leading = body(vec![Block::Pause, words("a")]);
        assert_eq!(steps(&leading), ["(a)", "a"]);
    }

    #[test]
    fn pauses_and_lists_count_on_from_each_other() {
        let items = || list(true, &[&[words("1")], &[words("2")]]);
        // The list's first item comes with the pause's step.
        let pause_then_list = body(vec![words("a"), Block::Pause, items()]);
        assert_eq!(steps(&pause_then_list), ["a (1) (2)", "a 1 (2)", "a 1 2"]);
        // A pause after the list: one step after its last item.
        let list_then_pause = body(vec![items(), Block::Pause, words("b")]);
        assert_eq!(steps(&list_then_pause), ["1 (2) (b)", "1 2 (b)", "1 2 b"]);
        // Without a pause, text after the list is there from the start.
        let list_then_text = body(vec![items(), words("b")]);
        assert_eq!(steps(&list_then_text), ["1 (2) b", "1 2 b"]);
        // Two lists: one item per step throughout.
        let two = body(vec![items(), items()]);
        assert_eq!(steps(&two).len(), 4);
        assert_eq!(steps(&two)[2], "1 2 1 (2)");
    }

    #[test]
    fn nested_items_follow_their_parent_in_reading_order() {
        let nested = list(true, &[&[words("1a")], &[words("1b")]]);
        let outer = list(true, &[&[words("1"), nested], &[words("2")]]);
        assert_eq!(
            steps(&body(vec![outer])),
            [
                "1 (1a) (1b) (2)",
                "1 1a (1b) (2)",
                "1 1a 1b (2)",
                "1 1a 1b 2"
            ]
        );
        // A list shown at once inside an item appears with its item.
        let at_once = list(false, &[&[words("x")], &[words("y")]]);
        let outer = list(true, &[&[words("1")], &[words("2"), at_once]]);
        assert_eq!(steps(&body(vec![outer])), ["1 (2) (x) (y)", "1 2 x y"]);
    }

    #[test]
    fn pauses_inside_columns_and_quotes_count_in_reading_order() {
        let columns = Block::Columns(vec![
            Column {
                width: None,
                blocks: vec![words("left"), Block::Pause, words("left later")],
            },
            Column {
                width: None,
                blocks: vec![words("right")],
            },
        ]);
        assert_eq!(
            steps(&body(vec![columns])),
            ["left (left later) (right)", "left left later right"]
        );
        let quote = Block::Quote(vec![words("q"), Block::Pause, words("r")]);
        assert_eq!(
            steps(&body(vec![quote, words("s")])),
            ["q (r) (s)", "q r s"]
        );
    }
}
