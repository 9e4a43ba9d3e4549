//! Marked content: the content of each structure element in `BDC … EMC`
//! sequences with their MCIDs, each artifact in `/Artifact BMC … EMC`
//! (ISO 32000-1, 14.6 and 14.8.2.2). Neighbouring artifacts share one
//! sequence; each piece of content has its own.

use std::collections::BTreeMap;

use printpdf::{DictItem, Op};

use crate::frame::Role;

use super::structure::{type_name, Headings};

/// The marks of one page, numbered as they are written.
pub(super) struct Marks {
    /// Whether to mark anything at all (`--no-tags` says no).
    tags: bool,
    /// What each heading level is called.
    headings: Headings,
    /// The sequence written into now.
    open: Open,
    next_mcid: u32,
    next_link: usize,
}

/// Which kind of sequence is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Artifact,
    /// A piece of the content of the element being drawn.
    Content,
}

impl Marks {
    pub fn new(tags: bool, headings: Headings) -> Marks {
        Marks {
            tags,
            headings,
            open: Open::Nothing,
            next_mcid: 0,
            next_link: 0,
        }
    }

    /// Makes what is drawn next a piece of the content of `owner`, or an
    /// artifact when `None`; returns the MCID when a new sequence of
    /// content starts.
    pub fn piece(&mut self, owner: Option<&Role>, ops: &mut Vec<Op>) -> Option<u32> {
        if !self.tags {
            return None;
        }
        let wanted = if owner.is_some() {
            Open::Content
        } else {
            Open::Artifact
        };
        // Each line of text is a sequence of its own, so that readers
        // that join a sequence's text do not run two lines' words together.
        if self.open == Open::Artifact && wanted == Open::Artifact {
            return None;
        }
        self.close(ops);
        self.open = wanted;
        let Some(role) = owner else {
            ops.push(Op::BeginMarkedContent {
                tag: "Artifact".into(),
            });
            return None;
        };
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        let map = BTreeMap::from([("MCID".to_string(), DictItem::Int(i64::from(mcid)))]);
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: type_name(role, self.headings).into(),
            properties: DictItem::Dict { map },
        });
        Some(mcid)
    }

    /// Ends the open sequence, if any.
    pub fn close(&mut self, ops: &mut Vec<Op>) {
        if self.open != Open::Nothing {
            ops.push(Op::EndMarkedContent);
            self.open = Open::Nothing;
        }
    }

    /// The index of the next link area on the page, counted in drawing order.
    pub fn link(&mut self) -> usize {
        self.next_link += 1;
        self.next_link - 1
    }

    /// How many MCIDs the page has.
    pub fn mcids(&self) -> u32 {
        self.next_mcid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operators `ops` write, as names.
    fn names(ops: &[Op]) -> Vec<&'static str> {
        ops.iter()
            .map(|op| match op {
                Op::BeginMarkedContent { .. } => "BMC",
                Op::BeginMarkedContentWithProperties { .. } => "BDC",
                Op::EndMarkedContent => "EMC",
                _ => "other",
            })
            .collect()
    }

    #[test]
    fn artifacts_share_a_sequence_and_each_piece_of_content_has_its_own() {
        let mut marks = Marks::new(true, Headings::ALL);
        let mut ops = Vec::new();
        assert_eq!(marks.piece(None, &mut ops), None);
        assert_eq!(marks.piece(None, &mut ops), None);
        assert_eq!(marks.piece(Some(&Role::Paragraph), &mut ops), Some(0));
        assert_eq!(marks.piece(Some(&Role::Paragraph), &mut ops), Some(1));
        marks.close(&mut ops);
        marks.close(&mut ops);
        assert_eq!(names(&ops), ["BMC", "EMC", "BDC", "EMC", "BDC", "EMC"]);
        assert_eq!(marks.mcids(), 2);
        assert_eq!((marks.link(), marks.link()), (0, 1));
    }

    #[test]
    fn without_tags_nothing_is_marked() {
        let mut marks = Marks::new(false, Headings::ALL);
        let mut ops = Vec::new();
        assert_eq!(marks.piece(Some(&Role::Paragraph), &mut ops), None);
        marks.piece(None, &mut ops);
        marks.close(&mut ops);
        assert!(ops.is_empty());
        assert_eq!(marks.mcids(), 0);
    }
}
